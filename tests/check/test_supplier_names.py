"""The check that no explanation names another supplier finds every name it holds, even where
one supplier's name begins another's (the search first tries all the names at once)."""

from __future__ import annotations

import copy
from pathlib import Path

from tenders_case import OPTIONS, folder

from appraisal.check.summaries import summary_problems
from appraisal.load.folder import load


def named(problem: str) -> str:
    return problem.split("names another supplier ('")[1].split("')", maxsplit=1)[0]


def test_every_other_supplier_an_explanation_names_is_found_in_option_order(tmp_path: Path) -> None:
    options = copy.deepcopy(OPTIONS)
    options["alpha"]["supplier"]["name"] = "Acme"
    options["beta"]["supplier"]["name"] = "Acme Care"
    options["gamma"]["supplier"]["name"] = "acme care trust"
    # gamma's own name is held, and with it beta's (a beginning of it) and alpha's: both flagged
    options["gamma"]["scores"]["staff"]["rationale"] = "ACME CARE TRUST staffing, as gb-coh-0002 set out."
    # beta's own name is held, and with it alpha's ('Acme' ends where a space follows)
    options["beta"]["scores"]["method"]["rationale"] = "Acme Care's plan in weeks."
    # a name inside a longer word is not a name: 'Acme' in 'Acmeville'
    options["alpha"]["scores"]["method"]["rationale"] = "Acmeville centre first."
    problems = [str(p) for p in summary_problems(load(folder(tmp_path / "t", options)))]
    leaks = [(p.split(":")[0].rsplit("/", 1)[-1], named(p)) for p in problems if "names another supplier" in p]
    assert leaks == [("beta.yaml", "Acme"), ("gamma.yaml", "Acme"), ("gamma.yaml", "Acme Care"),
                     ("gamma.yaml", "GB-COH-0002")]


def test_an_explanation_naming_no_supplier_raises_nothing(tmp_path: Path) -> None:
    assert summary_problems(load(folder(tmp_path / "t"))) == []
