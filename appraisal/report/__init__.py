"""The committee appendix of ``appraise report``: a scored Result turned into template data.

:func:`build_context` is pure (a :class:`~appraisal.scoring.Result` and the input digests in,
plain data out); :mod:`appraisal.render.jinja` turns that data into Markdown or HTML.
"""

from appraisal.report.base import MAX_DETAILED_OPTIONS
from appraisal.report.context import SECTIONS, Section, build_context
from appraisal.report.provenance import Provenance, provenance

__all__ = ["MAX_DETAILED_OPTIONS", "SECTIONS", "Provenance", "Section", "build_context", "provenance"]
