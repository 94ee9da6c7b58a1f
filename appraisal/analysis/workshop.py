"""What a weighting workshop gave: each participant's global weights, the combined and the
agreed weights, and their spread (``appraise weights``, contract section 14, docs/weights.md).

Like the panel's moderation pack, this reads the inputs as written (the participants' files);
the agreed weights are the Result's, after any filled from the participants.
"""

from __future__ import annotations

from dataclasses import dataclass

from appraisal.check.elicitation import Elicited, combined, elicit
from appraisal.scoring.weighted_sum import Result
from appraisal.weighting.methods import global_weights


@dataclass(frozen=True)
class ParticipantWeights:
    """One participant: who, how they weighed, and their global weights (groups they judged)."""

    id: str
    name: str
    role: str | None
    interests: str
    method: str
    rule: str | None
    weights: dict[str, float]
    """Global weights, parents included, of the criteria whose every group above they judged."""
    consistency: dict[str, float | None]
    """Each judged group's consistency ratio (pairwise), else None."""


@dataclass(frozen=True)
class Workshop:
    """The participants, the combined and agreed weights, and the spread over participants."""

    participants: tuple[ParticipantWeights, ...]
    rule: str | None
    """``weighting.combine`` as declared, or None."""
    combined: dict[str, float]
    agreed: dict[str, float]
    spread: dict[str, tuple[float, float]]
    """(lowest, highest) global weight over the participants who weighed the criterion."""
    filled: frozenset[str]
    """Criteria whose agreed weight was filled from the participants'."""


def workshop(result: Result) -> Workshop:
    """The workshop behind ``result``'s weights (its appraisal's participants)."""
    appraisal = result.appraisal
    parents = {c.id: c.parent for c in result.criteria}
    elicited = elicit(appraisal)[0]  # the files passed loading: no errors left
    people = tuple(_person(pid, elicited[pid], result, parents) for pid in appraisal.participants)
    spread: dict[str, tuple[float, float]] = {}
    for c in result.criteria:
        seen = [p.weights[c.id] for p in people if c.id in p.weights]
        if seen:
            spread[c.id] = (min(seen), max(seen))
    return Workshop(
        participants=people,
        rule=appraisal.frame.weighting.combine if appraisal.frame.weighting else None,
        combined=global_weights(combined(appraisal, elicited), parents),
        agreed={c.id: c.weight for c in result.criteria},
        spread=spread,
        filled=appraisal.weights_filled,
    )


def _person(pid: str, elicited: Elicited, result: Result, parents: dict[str, str | None]) -> ParticipantWeights:
    person = result.appraisal.participants[pid]
    return ParticipantWeights(
        id=pid, name=person.name, role=person.role, interests=person.interests, method=person.method,
        rule=(person.rule or "roc") if person.method == "rank" else None,
        weights=global_weights(elicited.local, parents),
        consistency={g: elicited.consistency.get(g) for g in elicited.local},
    )
