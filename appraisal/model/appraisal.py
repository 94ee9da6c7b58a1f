"""A validated appraisal: the frame, the options, and the files they were read from.

The model knows no files: :class:`SourceFile` is all it asks of a parsed file (its data, and a
way to place a problem in it), and :mod:`appraisal.load` provides it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from appraisal.errors import Problem, Severity
from appraisal.model.criteria import BUDGET_GATE, CriteriaFile, Criterion, threshold_gate
from appraisal.model.equality import EQUALITY_GATE
from appraisal.model.option import Option
from appraisal.model.panel import Assessment
from appraisal.model.weights import Participant
from appraisal.text import Words, vocabulary

Target = tuple[str | int, ...]
"""Where a value lives, independent of files: ``("criteria", <loc>...)``, ``("option", id, <loc>...)``
``("assessment", assessor, <loc>...)`` or ``("participant", participant, <loc>...)``."""


class SourceFile(Protocol):
    """A parsed input file as the model sees it: its plain data, the digest of its bytes as read
    (for the report's provenance), and a way to place a problem in it."""

    @property
    def data(self) -> Any: ...

    @property
    def sha256(self) -> str: ...

    def problem(
        self, loc: Sequence[str | int], message: str, *, key: bool = False, severity: Severity = "error"
    ) -> Problem:
        """A problem at the value (or key) ``loc`` in this file."""
        ...


@dataclass(frozen=True)
class Appraisal:
    """A validated appraisal: the frame, the options (sorted by id) and where each came from.

    ``sources`` maps display file names to parsed files, so any later stage can still say where
    a value was written; ``origins`` maps a target prefix to the file and path that set it when
    a scenario overrode it (see :mod:`appraisal.scenario.overlay`).
    """

    frame: CriteriaFile
    options: tuple[Option, ...]
    criteria_file: str
    option_files: Mapping[str, str]
    sources: Mapping[str, SourceFile] = field(repr=False, compare=False)
    scenario: str | None = None
    scenario_file: str | None = None
    """The display name of the scenario file applied (a key of ``sources``), if any."""
    origins: Mapping[Target, tuple[str, Target]] = field(default_factory=dict, repr=False, compare=False)
    assessments: Mapping[str, Assessment] = field(default_factory=dict)
    """The panel's own scores by assessor id, sorted (``assessments/<id>.yaml``)."""
    assessment_files: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    filled: frozenset[tuple[str, str]] = frozenset()
    """(option, criterion) whose agreed score was taken from the panel (``panel.agreement``)."""
    unread: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    """The files in options/, scenarios/ or assessments/ that were not read (display name, why
    in a few words), which every command warns of and the report lists."""
    participants: Mapping[str, Participant] = field(default_factory=dict)
    """A weighting workshop's participants by id, sorted (``weights/<id>.yaml``)."""
    participant_files: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    weights_filled: frozenset[str] = frozenset()
    """Criteria whose weight was filled from the participants' (``weighting.combine``), not given."""

    @cached_property
    def shortlisted(self) -> tuple[Option, ...]:
        """The options taken forward (found once: an Appraisal never changes)."""
        return tuple(o for o in self.options if o.status == "shortlisted")

    @property
    def words(self) -> Words:
        """What its outputs call the things appraised (:func:`appraisal.text.vocabulary`)."""
        return vocabulary(self.tender, self.frame.regime, self.frame.process)

    @property
    def bids(self) -> bool:
        """Whether the options are offers for one contract, not a Green Book short list: a tender evaluation, or
        any selection under the Provider Selection Regime (docs/tenders.md, docs/psr.md)."""
        return self.tender or self.frame.regime == "psr"

    @property
    def tender(self) -> bool:
        """Whether this is a tender evaluation: a shortlisted option names its supplier (docs/tenders.md)."""
        return any(o.supplier is not None for o in self.shortlisted)

    @cached_property
    def exempt(self) -> frozenset[str]:
        """The ids of the options whose costs are exempt information (``exempt: true``).

        Found once: renderers ask for every option, and a scan each time is quadratic."""
        return frozenset(o.id for o in self.options if o.costs is not None and o.costs.exempt)

    @cached_property
    def thresholds(self) -> tuple[tuple[str, float], ...]:
        """Each criterion with a ``threshold``, and the threshold, parents before children."""
        return tuple((c.id, c.threshold) for c in self.frame.all_criteria() if c.threshold is not None)

    def criterion_loc(self, criterion_id: str) -> Target:
        """The path of a criterion in ``criteria.yaml`` (``criteria, 0, criteria, 2``)."""

        def find(nodes: list[Criterion], prefix: Target) -> Target | None:
            for i, c in enumerate(nodes):
                here = (*prefix, "criteria", i)
                if c.id == criterion_id:
                    return here
                below = find(c.criteria, here)
                if below:
                    return below
            return None

        return find(self.frame.criteria, ()) or ("criteria",)

    def problem(
        self, target: Target, message: str, *, key: bool = False, severity: Severity = "error"
    ) -> Problem:
        """A :class:`Problem` at ``target``, in whichever file last set that value."""
        for cut in range(len(target), 1, -1):
            if target[:cut] in self.origins:
                file, loc = self.origins[target[:cut]]
                return self.sources[file].problem((*loc, *target[cut:]), message, key=key, severity=severity)
        if target[0] in ("option", "assessment", "participant"):
            files = {"option": self.option_files, "assessment": self.assessment_files,
                     "participant": self.participant_files}[str(target[0])]
            file = files[str(target[1])]
            return self.sources[file].problem(target[2:], message, key=key, severity=severity)
        return self.sources[self.criteria_file].problem(target[1:], message, key=key, severity=severity)


def failed_gates(option: Option, measures: Mapping[str, float], appraisal: Appraisal) -> tuple[str, ...]:
    """Custom gates stated false, then the budget gate if the annual cost exceeds the budget,
    then a threshold gate for each criterion whose ``threshold`` the agreed score falls below,
    then, under ``equality: {gate: true}``, the equality gate if a negative impact remains after
    mitigation (docs/equality.md).

    Here, below both, so the checks (which take the best among the options that pass, as
    scoring does) and scoring judge the gates the same way.
    """
    failed = [g.id for g in appraisal.frame.gates if option.gates.get(g.id) is False]
    budget = appraisal.frame.finance.budget
    if budget is not None and measures.get("annual_cost", 0.0) > budget:
        failed.append(BUDGET_GATE)
    for criterion, threshold in appraisal.thresholds:
        given = option.scores.get(criterion)
        if given is not None and given.score < threshold:
            failed.append(threshold_gate(criterion))
    if appraisal.frame.equality.gate and option.equality is not None and any(
            e.outcome == "negative" for e in option.equality.impacts.values()):
        failed.append(EQUALITY_GATE)
    return tuple(failed)
