"""Progress on standard error for a command that takes a while, only when it is a terminal.

Nothing is written to a standard error that is a file or a pipe (a script's log stays clean).
The bar is transient: it is gone when the work is done.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Step = Callable[[int, int], None]
"""Told how much of how much is done."""


@contextmanager
def progress_bar(label: str) -> Iterator[Step | None]:
    """A bar labelled ``label`` that the work moves on (``step(done, total)``); None off a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(file=sys.stderr), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield step


@contextmanager
def working(label: str) -> Iterator[None]:
    """A spinner labelled ``label`` while a step of unknown length runs; nothing off a terminal."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(file=sys.stderr).status(label):
        yield
