"""The layout of a scoresheet (docs/spreadsheets.md): what the writer
(:mod:`appraisal.render.xlsx.scoresheet`) and the reader (:mod:`appraisal.load.workbook`) agree on."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from appraisal.model.criteria import Criterion, Scale
from appraisal.text import Words

if TYPE_CHECKING:
    from appraisal.model.appraisal import Appraisal

ASSESSOR_LABELS = ("Name", "Role", "Interests", "Date")
SCORE_COLUMN, RATIONALE_COLUMN = 5, 6


def named_columns(words: Words) -> tuple[str, str]:
    """The headers of a sheet's id and name columns: 'Option id', 'Option', or in a tender
    evaluation 'Tender id', 'Tender' (docs/tenders.md); the score workbook's too."""
    noun = words.option.capitalize()
    return f"{noun} id", noun


def scores_header(words: Words) -> tuple[str, ...]:
    """Row 1 of the Scores sheet (the last column, the criterion's share of the whole, is a percentage)."""
    return (*named_columns(words), "Criterion id", "Criterion", "Score", "Rationale", "Scale", "Weight")

META_SHEET = "Appraise"
META_KIND = "appraise scoresheet"
CHUNK = 30_000
"""Characters of the fingerprint's JSON per cell (a cell holds at most 32,767)."""
LIST_LIMIT = 41
"""A scale with more points than this gets a check of whole numbers rather than a drop-down
(41: a 0 to 20 scale in halves; Excel's list of choices is at most 255 characters)."""
HALVES_UP_TO = 20
"""A scale at most this wide is scored in whole points and halves; a wider one in whole points."""


@dataclass(frozen=True)
class Row:
    option_id: str
    option: str
    criterion: Criterion
    scale: Scale


def score_rows(appraisal: Appraisal) -> list[Row]:
    """Shortlisted options (by id) x judged leaf criteria (in file order): the Scores rows."""
    frame = appraisal.frame
    judged = [c for c in frame.all_criteria() if c.is_leaf and not c.measure]
    return [Row(o.id, o.name, c, c.scale or frame.scale) for o in appraisal.shortlisted for c in judged]


def scale_words(scale: Scale) -> str:
    """``0 to 5: 0 Poor; 3 Good; 5 Excellent``."""
    words = "; ".join(f"{k} {v}" for k, v in sorted(scale.labels.items()))
    return f"{scale.min:g} to {scale.max:g}" + (f": {words}" if words else "")


@dataclass(frozen=True)
class Steps:
    """The scores a sheet accepts on a scale: the drop-down offers exactly these and import
    refuses any other (docs/spreadsheets.md, Half scores)."""

    step: float
    points: tuple[float, ...] | None
    """Every score in order, or None on a scale too wide for a drop-down (whole numbers then)."""

    def allows(self, scale: Scale, value: float) -> bool:
        steps = (value - scale.min) / self.step
        return scale.min <= value <= scale.max and abs(steps - round(steps)) < 1e-9

    def words(self, scale: Scale) -> str:
        """'whole points and halves from 0 to 5' or 'whole points from 0 to 100'."""
        kind = "whole points and halves" if self.step < 1 else "whole points"
        return f"{kind} from {scale.min:g} to {scale.max:g}"


def score_steps(scale: Scale) -> Steps:
    """The one rule for half scores, which both the drop-down and import follow: halves on a
    scale up to :data:`HALVES_UP_TO` wide (0 to 5, 0 to 10), whole points on a wider one."""
    width = scale.max - scale.min
    step = 0.5 if width <= HALVES_UP_TO else 1.0
    count = math.floor(width / step + 1e-9) + 1
    points = tuple(scale.min + k * step for k in range(count)) if count <= LIST_LIMIT else None
    return Steps(step, points)


MODERATION_SHEET = "Moderation"
MODERATION_KIND = "appraise moderation sheet"
AGREED, NOTE = "Agreed", "Moderation note"
"""The answer columns of the moderation sheet, found by their headers on import."""


def moderation_header(words: Words, assessors: list[str]) -> tuple[str, ...]:
    """Row 1 of the Moderation sheet: the item, each assessor's score under their name, the
    spread, what the chair should know, then the answers."""
    return (*named_columns(words), "Criterion id", "Criterion", *assessors, "Range", "Median", "Flags",
            "Interests to note", "Rationales", AGREED, NOTE)
