"""Progress bars of long jobs (demo history, imports, exports, backups): counts, rate and time left, on stderr.

``with progress_bar(label, total) as advance: ... advance(done)`` — ``advance`` takes
the number done so far; ``with reporting(): ...`` draws one bar per job that ticks
(:func:`console.core.progress.tick`) inside, one under the other.  The bars go to
standard error, so standard output stays clean for pipes, and only to a terminal:
nothing is drawn when standard error is not one (a log, a pipe, a test) or with
``--json``.  ``HALL_PROGRESS=0`` turns them off everywhere; ``HALL_PROGRESS=1``
draws them anyway, the final state printed once when the jobs end where there is
no terminal.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console
    from rich.progress import Progress


def _console() -> Console | None:
    """The console to draw on (standard error), or ``None`` when no bar should be drawn."""
    setting = os.environ.get("HALL_PROGRESS", "")
    if setting == "0":
        return None
    from rich.console import Console

    from console.cli.common import STATE

    console = Console(stderr=True)
    if setting == "1" or (console.is_terminal and not STATE.json):
        return console
    return None


def _progress(console: Console) -> Progress:
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
    return Progress(*columns, console=console, transient=False, auto_refresh=console.is_terminal,
                    refresh_per_second=4)


@contextmanager
def progress_bar(label: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A Rich progress bar for ``total`` units of work; yields ``advance(done)``."""
    console = _console()
    if console is None:
        yield lambda done: None
        return
    with _progress(console) as progress:
        task = progress.add_task(label, total=total or None)

        def advance(done: int) -> None:
            progress.update(task, completed=done)

        yield advance
        if total is not None:
            progress.update(task, total=max(total, int(progress.tasks[0].completed)) or 1)


@contextmanager
def reporting() -> Iterator[None]:
    """Draw a bar for every job that ticks (:func:`console.core.progress.tick`) while inside."""
    from console.core.i18n import t
    from console.core.progress import set_reporter

    console = _console()
    if console is None:
        yield
        return
    progress = _progress(console)
    tasks: dict[str, int] = {}

    def report(label_key: str, done: int, total: int | None) -> None:
        task = tasks.get(label_key)
        if task is None:
            if not tasks:
                progress.start()
            task = tasks[label_key] = progress.add_task(t(label_key), total=total or None)
        progress.update(task, completed=done, total=max(total, done) if total else None)

    previous = set_reporter(report)
    try:
        yield
    finally:
        set_reporter(previous)
        if tasks:
            progress.stop()
