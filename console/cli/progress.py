"""Progress bars of long jobs (demo history, imports, exports, backups): counts, rate and time left, on stderr.

``with progress_bar(label, total) as advance: ... advance(done)`` — ``advance`` takes
the number done so far.  The bar goes to standard error, so standard output stays
clean for pipes; on a terminal it redraws in place, elsewhere (a log, a test) the
final line is printed once when the job ends.  ``HALL_PROGRESS=0`` turns it off.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(label: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A Rich progress bar for ``total`` units of work; yields ``advance(done)``."""
    if os.environ.get("HALL_PROGRESS", "1") == "0":
        yield lambda done: None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    console = Console(stderr=True)
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
    with Progress(*columns, console=console, transient=False, auto_refresh=console.is_terminal,
                  refresh_per_second=4) as progress:
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

    if os.environ.get("HALL_PROGRESS", "1") == "0":
        yield
        return
    bars: dict[str, tuple] = {}

    def report(label_key: str, done: int, total: int | None) -> None:
        if label_key not in bars:
            manager = progress_bar(t(label_key), total)
            bars[label_key] = (manager, manager.__enter__())
        bars[label_key][1](done)

    previous = set_reporter(report)
    try:
        yield
    finally:
        set_reporter(previous)
        for manager, _advance in bars.values():
            manager.__exit__(None, None, None)
