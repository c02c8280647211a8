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
