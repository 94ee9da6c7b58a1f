"""The report's list of files in options/, scenarios/ and assessments/ that were not read.

The loader decides which files it reads by their names (:mod:`appraisal.load.names`) and warns
of each other one at the terminal; the committee, who never see that terminal, read here which
files the appraisal left out and why, so a paper cannot rest quietly on fewer files than the
folder holds. The section appears only when there is something to list.
"""

from __future__ import annotations

from typing import Any

from appraisal.report.base import Inputs
from appraisal.text import visible


def files_not_read(inputs: Inputs) -> dict[str, Any] | None:
    """Each file not read (its name relative to the appraisal folder) and why; None when every
    file found was read."""
    unread = inputs.result.appraisal.unread
    if not unread:
        return None
    return {"files": [{"name": visible(name), "why": visible(why)} for name, why in unread]}
