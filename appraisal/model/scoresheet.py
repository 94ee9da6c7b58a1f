"""The layout of a scoresheet (docs/spreadsheets.md): what the writer
(:mod:`appraisal.render.xlsx.scoresheet`) and the reader (:mod:`appraisal.load.workbook`) agree on."""

from __future__ import annotations

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
    """Row 1 of the Scores sheet."""
    return (*named_columns(words), "Criterion id", "Criterion", "Score", "Rationale", "Scale")

META_SHEET = "Appraise"
META_KIND = "appraise scoresheet"
CHUNK = 30_000
"""Characters of the fingerprint's JSON per cell (a cell holds at most 32,767)."""
LIST_LIMIT = 20
"""A scale with more integer points than this gets a range check rather than a drop-down."""


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
