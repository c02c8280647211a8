"""How long jobs say how far they got, without knowing who is watching.

A job calls ``tick(label_key, done, total)`` now and then (every chunk, not every
row); the command line installs a reporter that draws a progress bar
(:func:`console.cli.progress.reporting`), and with none installed (the screens,
the tests) a tick costs one global look-up.
"""

from __future__ import annotations

from collections.abc import Callable

Reporter = Callable[[str, int, "int | None"], None]

_reporter: Reporter | None = None


def set_reporter(reporter: Reporter | None) -> Reporter | None:
    """Install ``reporter`` (``None``: nobody); returns the one it replaces."""
    global _reporter
    previous, _reporter = _reporter, reporter
    return previous


def tick(label_key: str, done: int, total: int | None = None) -> None:
    """Tell the reporter, if any, that ``done`` of ``total`` units of the job ``label_key`` are done."""
    if _reporter is not None:
        _reporter(label_key, done, total)
