"""What each field of the input files means, in words an editor shows on hover.

``appraise schema`` puts these into the JSON Schemas as ``description``s, model by model
(the model names are the schemas' ``$defs``), and replaces docstrings that speak of the code
(``:mod:`...```) with these words. The file formats are described in full in the README and
docs/ (docs/green-book.md for finance, docs/diff.md for scenarios compared).
"""

from __future__ import annotations

SCORE = {
    "score": "The judged score, on the criterion's scale (0 to 5 unless it says otherwise).",
    "rationale": "Why this score was given, in a sentence the committee can check.",
    "low": "Optional: the lowest score this could fairly be (for the sensitivity analysis).",
    "high": "Optional: the highest score this could fairly be (for the sensitivity analysis).",
    "moderation": ("Optional: how a panel reached this agreed score, where its members' scores "
                   "diverged or the score lies outside their range (see docs/panel.md)."),
}
COST_LINES = {
    "one_off": "A one-off cost, spent once at the start (money, in whole units).",
    "annual": "The annual cost: one figure for every year, or a list of one figure a year.",
    "capital": "Capital cost (a Green Book line): one figure in year 0, or one a year from year 0.",
    "operating": "Operating cost (a Green Book line): one figure for every year, or one a year.",
}
UPLIFT = "an uplift as a fraction (0.41 is 41%)"

MODELS: dict[str, str] = {
    "OptimismBias": ("Optimism-bias uplifts (fractions: 0.41 is 41%), by project type or per cost "
                     "line; see docs/green-book.md for the project types' upper bounds and their source."),
    "Costs": ("The option's costs in real prices, unless prices: nominal says they include "
              "inflation (see docs/green-book.md)."),
    "CriteriaFile": "criteria.yaml: the frame every option is scored in.",
    "Option": "An option file (options/<id>.yaml): one option, its scores and its case.",
    "Points": "A value function drawn through [figure, value] points, held level beyond the ends.",
    "Panel": ("How the agreed scores in the option files relate to a panel's own (assessments/); "
              "see docs/panel.md."),
    "Assessment": ("An assessor's file (assessments/<assessor>.yaml): one panel member, their "
                   "declaration of interests and their own scores, given before moderation."),
    "Equality": ("An option's equality impact assessment (Equality Act 2010, s.149): when, by whom, on what "
                 "evidence, and its impact on each protected characteristic; shown beside its scores."),
    "ImpactEntry": "The option's likely impact on people who share one characteristic or belong to one group.",
    "EqualitySettings": ("The groups the council has adopted beside the nine protected characteristics, and "
                         "whether a negative impact left after mitigation fails an option."),
    "Participant": ("A weighting workshop participant's file (weights/<participant>.yaml): who, their "
                    "declaration of interests, the method they weighed by and their judgements, group by group."),
    "Weighting": ("How the weighting workshop's participants' weights (weights/) fill the criteria "
                  "left without a weight; see docs/weights.md."),
    "Scenario": "A scenario (scenarios/<name>.yaml): changes to weights, scores, costs, measures, "
                "gates or finance, applied before scoring.",
}
"""Model -> its description, where the docstring is not written for the file's reader."""

FIELDS: dict[str, dict[str, str]] = {
    "CriteriaFile": {
        "title": "The appraisal's title, as the committee's report shows it.",
        "decision": "The decision the committee is asked to take.",
        "organisation": "The council or organisation making the decision.",
        "date": "The date of the appraisal, as YYYY-MM-DD.",
        "notice": ("Optional: a line every output carries under its title, such as 'Illustrative: the scores, "
                   "weights and costs are made up for this example' or 'Draft for consultation'."),
        "appendix": ("Optional: the label the committee paper gives the appendix ('Appendix 1'), "
                     "printed in the Word and PDF footer beside the page number."),
        "currency": "The currency of every cost, as a three-letter code (GBP, EUR, USD).",
        "scale": "The scoring scale for judged criteria: its lowest and highest score and their labels.",
        "criteria": "The criteria, each with a weight; a criterion may hold sub-criteria.",
        "gates": "Pass or fail tests: an option that fails one is not ranked.",
        "finance": "Budget, appraisal period, discounting and prices.",
        "panel": "Optional: how a panel's scores (in assessments/) become the agreed scores.",
        "award": "Optional, for a tender evaluation: the award, its reference, value and dates (docs/tenders.md).",
        "regime": ("procurement_act (the default) or psr (the NHS Provider Selection Regime): which law the award "
                   "is made under; it sets the standstill, the notices and the words used (docs/psr.md)."),
        "process": ("Under regime: psr, the process followed: direct_award_c, most_suitable_provider or "
                    "competitive (docs/psr.md)."),
        "equality": ("Optional: groups the council has adopted beside the nine protected characteristics, "
                     "and whether a negative impact left after mitigation fails an option (docs/equality.md)."),
        "weighting": ("Optional: how a weighting workshop's participants' weights (weights/) fill the "
                      "criteria given no weight; see docs/weights.md."),
    },
    "Weighting": {
        "combine": ("median or mean of the participants' weights, or geometric: the geometric mean of "
                    "pairwise judgements (Aczel and Saaty's rule)."),
    },
    "Criterion": {
        "id": "A short name for the criterion, used in option files (lower case, digits, - and _).",
        "name": "The criterion as the committee reads it.",
        "weight": ("Its weight among its siblings; shares of the whole are worked out from these. May be left "
                   "out under weighting:, to be filled from the workshop's weights (weights/)."),
        "description": "What the criterion asks, in a sentence or two.",
        "measure": ("Score the criterion from this measured figure instead of a judged score: "
                    "annual_cost, whole_life_cost, npv_cost, risk_exposure or a measure the options give."),
        "direction": "For a measured criterion: whether a lower or a higher figure is better.",
        "value_function": ("How a measured figure becomes a value from 0 to 1: linear (worst 0, best 1), "
                           "relative (a share of the best, the procurement price formula) or points."),
        "scale": "This criterion's own scoring scale, instead of the appraisal's.",
        "criteria": "Sub-criteria; the criterion's value is their weighted mean.",
        "threshold": ("A tender evaluation's minimum agreed score: a tender scoring below it is "
                      "disqualified (fails the gate threshold:<criterion id>), as the published "
                      "method must say in advance."),
        "key_criterion": ("Under regime: psr, the key criterion this criterion stands for, when its id is not the "
                          "key criterion's own: quality_innovation, value, integration, access or social_value."),
    },
    "Scale": {
        "min": "The lowest score.",
        "max": "The highest score.",
        "labels": "Words for scores, such as 3: Adequate.",
    },
    "Points": {"points": "[figure, value] pairs, figures in increasing order, values from 0 to 1."},
    "Gate": {
        "id": "A short name for the gate, used in option files.",
        "name": "The gate as the committee reads it.",
        "description": "What an option must do to pass.",
    },
    "Finance": {
        "budget": "The annual budget: an option whose annual cost is above it fails the budget gate.",
        "years": "The appraisal period in years.",
        "discount_rate": "The discount rate as a fraction (0.035 is the Green Book's 3.5%).",
        "schedule": "standard or health: the Green Book's stepped discount rates, instead of discount_rate.",
        "price_base_year": "The year whose prices costs are shown in.",
        "start_year": "The calendar year of appraisal year 0 (default: the price base year).",
        "inflation": "A price index by year, {year: index}, to turn nominal costs into real ones.",
        "optimism_bias": "Optimism-bias uplifts applied to every option's costs.",
        "benefit_points": "Value for money counts points out of this many, not 100.",
    },
    "OptimismBias": {
        "project_type": "The Green Book project type whose upper-bound uplifts apply.",
        **{line: f"The {line.replace('_', '-')} cost line's uplift: {UPLIFT}." for line in COST_LINES},
    },
    "Option": {
        "id": "The option's short name (default: the file name without .yaml).",
        "name": "The option as the committee reads it.",
        "summary": "What the option is, in a sentence or two.",
        "status": "shortlisted (scored and ranked) or discounted (not taken forward: give reason).",
        "reason": "Why a discounted option was not taken forward.",
        "baseline": "true for business as usual, the option the others are compared with.",
        "role": "Its part in a Green Book short list: business_as_usual, do_minimum, preferred_way_forward.",
        "costs": "The option's costs.",
        "optimism_bias": "Optimism-bias uplifts for this option's costs.",
        "measures": "Measured figures, by measure name, for criteria scored from a measure.",
        "scores": "A judged score for each judged criterion, by criterion id.",
        "gates": "true or false for each gate, by gate id.",
        "advantages": "Its advantages, one line each.",
        "disadvantages": "Its disadvantages, one line each.",
        "risks": "Its risks, each with likelihood and impact from 1 to 5.",
        "supplier": "For a tender: the supplier who submitted it, to whom its assessment summary goes.",
        "equality": ("Its equality impact assessment (Equality Act 2010, s.149): when and by whom it was "
                     "assessed, the evidence, and its impact on each protected characteristic (docs/equality.md)."),
    },
    "Award": {
        "buyer": "The contracting authority: its name, identifier, address and email.",
        "reference": "The procurement's own reference.",
        "value": "The contract's value: amount (without VAT) and amount_gross (with VAT).",
        "contract": ("The contract: start and end dates, the day it was signed (entered into) and its key "
                     "performance indicators."),
        "decision": "The date of the award decision (YYYY-MM-DD).",
        "summaries_sent": "The date the assessment summaries were sent to every assessed supplier.",
        "notice_published": "The date the contract award notice was published: standstill starts.",
        "contact": "Whom suppliers contact about the award: name and email.",
        "decision_makers": ("Who made the decision, each with name and role: a committee's name or a job title is "
                            "enough (the Provider Selection Regime's notices and record name them)."),
        "description": ("What the contract is for (its subject-matter), as the notices describe it: under the "
                        "Provider Selection Regime, the health care services."),
        "cpv": ("The most relevant CPV code of what the contract is for, such as 85323000-9 (Community health "
                "services); the contract award and contract details notices give it too."),
        "process_reason": ("Under the Provider Selection Regime: why the process followed was the one to follow, "
                           "for the record of the decision (regulation 24)."),
        "ocid_prefix": ("The prefix of the notices' Open Contracting ID, ocds- and up to 20 lower-case letters or "
                        "digits (default ocds-draft): the ID is the prefix, a dash and the reference."),
    },
    "DecisionMaker": {"name": "A committee's name, or a person's name or job title.",
                      "role": "Their role in the decision, such as 'chair' or 'approved the award'.",
                      "interests": "A conflict or potential conflict of interest they declared (leave out if none).",
                      "managed": "How that conflict was managed, such as 'withdrew from the decision'."},
    "Party": {"name": "Its name.", "identifier": "Its identifier (such as its PPON).", "address": "Its postal address.",
              "email": "Its email address."},
    "Contact": {"name": "A name or a team.", "email": "An email address."},
    "Value": {"amount": "The value without VAT.", "amount_gross": "The value with VAT."},
    "Contract": {"start": "The contract's first day (YYYY-MM-DD).", "end": "Its last day (YYYY-MM-DD).",
                 "signed": ("The day the contract was entered into (YYYY-MM-DD): the contract details notice "
                            "follows it."),
                 "kpis": ("Its key performance indicators, each a name and a description: at least three for a "
                          "contract worth more than 5 million (Procurement Act 2023, s.52)."),
                 "no_kpis_reason": ("Instead of KPIs: why the supplier's performance could not appropriately be "
                                    "assessed by them (s.52), which the contract details notice gives.")},
    "Kpi": {"name": "The indicator, in a few words.", "description": "What it measures and the target."},
    "Equality": {
        "assessed": "The date the impacts were assessed (YYYY-MM-DD): the record must be made before the decision.",
        "by": "Who assessed them (a person or a job title).",
        "evidence": "What the assessment rests on: consultation, service data, a questionnaire.",
        "impacts": ("Each protected characteristic (age, disability, gender_reassignment, "
                    "marriage_civil_partnership, pregnancy_maternity, race, religion_belief, sex, "
                    "sexual_orientation) and each group criteria.yaml adopts, with the option's impact."),
    },
    "ImpactEntry": {
        "impact": "positive, neutral, negative or unknown.",
        "note": "What the impact is, for whom, in a sentence.",
        "evidence": "What shows it.",
        "mitigation": "What will be done to reduce a negative impact (required when the impact is negative).",
        "residual": "The impact that remains once the mitigation is in place: positive, neutral, negative or unknown.",
    },
    "EqualitySettings": {
        "groups": ("Groups the council has adopted beside the nine protected characteristics, such as carers, "
                   "care_leavers, armed_forces, socio_economic, health_inequalities."),
        "gate": ("true to fail, as a gate, an option with a negative impact that remains after mitigation "
                 "(a council's own decision: the Act does not require it)."),
    },
    "Supplier": {
        "name": "The supplier's name.",
        "identifier": "Its unique identifier (a Companies House number, or the central digital platform's).",
        "address": "Its postal address.",
        "email": "The email address its assessment summary is sent to.",
        "also_known_as": ("Trading names and former names it is known by, one each: no other "
                          "supplier's assessment summary may hold them."),
        "scale": ("sme (a small or medium-sized enterprise) or large: the contract award notice counts the "
                  "tenders from SMEs (docs/tenders.md)."),
        "vcse": ("true for a voluntary, community or social enterprise (a VCSE), false otherwise: the contract "
                 "award notice counts their tenders."),
    },
    "Costs": {**COST_LINES, "prices": "real (the default) or nominal: whether the figures include inflation.",
              "exempt": ("true when the figures are commercially sensitive (exempt information, Local "
                         "Government Act 1972, Schedule 12A, paragraph 3): they score as usual, but the "
                         "public report never prints them.")},
    "Score": SCORE,
    "Risk": {
        "risk": "What could go wrong.",
        "likelihood": "How likely it is, from 1 (rare) to 5 (almost certain).",
        "impact": "How bad it would be, from 1 (negligible) to 5 (severe).",
        "mitigation": "What will be done to reduce it.",
        "owner": "Who manages it.",
    },
    "Panel": {
        "agreement": ("moderated (the default: every agreed score is written in the option files), or "
                      "median or mean: a missing agreed score is taken from the assessors' scores."),
        "divergence": ("The range of a panel's scores (highest minus lowest, in scale points) from which "
                       "they are flagged as divergent; by default 40% of the criterion's scale."),
    },
    "Assessment": {
        "name": "The assessor's name, as the report and the moderation pack show it.",
        "role": "Optional: the assessor's role or post.",
        "interests": "Required: the assessor's declaration of interests ('None declared' if there were none).",
        "managed": ("How a declared interest was managed (the assessor did not score that provider, for "
                    "instance): the Provider Selection Regime's notices and record say."),
        "date": "Optional: the date the scores were given, as YYYY-MM-DD.",
        "scores": "The assessor's own scores: option id, then criterion id, then the score and its rationale.",
    },
    "Participant": {
        "name": "The participant's name, as the report and appraise weights show it.",
        "role": "Optional: the participant's role or post.",
        "interests": "Required: the participant's declaration of interests ('None declared' if there were none).",
        "date": "Optional: the date of the workshop, as YYYY-MM-DD.",
        "method": "How this participant weighed: points, swing, smart, rank or pairwise (docs/weights.md).",
        "rule": ("Only with method: rank: roc (rank order centroid, the default), rank_sum or reciprocal, "
                 "how the ranking becomes weights."),
        "judgements": ("One entry per group of criteria: root (the top level) or a parent's id, then the "
                       "numbers, the ranking (most important first) or the [a, b, ratio] comparisons."),
        "order": ("Optional: the order, most valued first, in which the participant ranked a group's "
                  "swings before rating them; a warning if the weights do not follow it."),
    },
    "Scenario": {
        "name": "The scenario's name, as reports show it.",
        "description": "What the scenario tests.",
        "weights": "New weights, by criterion id.",
        "scores": "New scores: option id, then criterion id, then the score.",
        "costs": "New costs, by option id: only the cost lines given change.",
        "measures": "New measured figures: option id, then measure name.",
        "gates": "New gate results: option id, then gate id, then true or false.",
        "equality": "New equality impacts: option id, then characteristic, then its impact (docs/equality.md).",
        "finance": "New finance settings.",
    },
    "ScenarioCosts": COST_LINES,
    "ScenarioFinance": {
        "budget": "The annual budget.",
        "years": "The appraisal period in years.",
        "discount_rate": "The discount rate as a fraction.",
        "schedule": "standard or health: the Green Book's stepped discount rates.",
    },
}
"""Model -> field -> what the field means."""
