"""What a run of ``appraise`` sets up before its command runs, to start faster.

Measured with ``bench/startup.py`` against the floor of the stack (bench/README.md).
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterable
from typing import Any

PLUGINS_VARIABLE = "PYDANTIC_DISABLE_PLUGINS"


def _no_plugins() -> Iterable[Any]:
    """No pydantic plugins: what pydantic's own loader returns when the variable says ``__all__``."""
    return ()


def without_pydantic_plugins() -> None:
    """Validate with no pydantic plugins, unless ``PYDANTIC_DISABLE_PLUGINS`` is set.

    When pydantic builds its first validator it asks ``pydantic.plugin._loader.get_plugins``
    for the plugins installed (packages declaring entry points in the group ``pydantic``, such
    as tracing tools). That module imports ``importlib.metadata`` (with ``email``, ``zipfile``
    and ``csv``) as it loads, even when ``PYDANTIC_DISABLE_PLUGINS=__all__``, the documented
    way to load none, tells it to look for nothing: about 13 ms, a tenth of ``appraise score``
    on a small folder, for plugins appraise has no use for (its validation is its own, and a
    plugin another package installed should not hook into a council's appraisal).

    So unless the user has set the variable (any value, even empty, is theirs: pydantic then
    loads plugins as it documents, ``PYDANTIC_DISABLE_PLUGINS=`` loading them all), a module
    that returns no plugins stands in for the loader. This reaches into a private module of
    pydantic, for a tenth of start-up; ``tests/cli/test_process.py`` fails if pydantic stops
    importing ``get_plugins`` from there, and leaving the loader in place changes no output.
    Nothing is set in ``os.environ``, so no program appraise starts is affected.
    """
    if PLUGINS_VARIABLE in os.environ:
        return
    loader = types.ModuleType("pydantic.plugin._loader", _no_plugins.__doc__)
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules.setdefault(loader.__name__, loader)  # a loader already imported stays
