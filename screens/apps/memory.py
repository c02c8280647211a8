"""Full garbage collections that do not stop the screen.

Python's collector walks every object the process holds when it runs a full (oldest-generation)
collection.  The console holds a few hundred thousand long-lived objects — the modules, classes
and functions of Textual, Rich, SQLAlchemy and the console, the mapped tables, the compiled
statements — and a full collection walking them all took 100–150 ms on this machine, on the UI
thread, every minute or so of use: the longest stops of any screen (``benchmarks/bench_ui_block.py``).

:class:`QuietCollector` moves what is there once the console has started, and once more after each
kind of screen is first shown (its module imported, its first data read), into the collector's
permanent generation (:func:`gc.freeze`), so that later full collections walk only what was made
since: a few milliseconds.  Freezing happens a bounded number of times — once per screen class —
so the few objects of a first screen that are frozen and later dropped stay bounded too.
"""

from __future__ import annotations

import gc
from typing import Any, ClassVar


class QuietCollector:
    """Mixin for an :class:`~textual.app.App`: freeze the long-lived objects after start-up and
    after each screen class is first shown."""

    #: seconds after start-up, or after a new kind of screen is shown, before freezing (its first
    #: data read and laid out by then); ``None`` never freezes (the test suite runs hundreds of
    #: Apps in one process, whose objects must go when each test ends)
    FREEZE_AFTER: ClassVar[float | None] = 1.5

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._screens_frozen: set[type] = set()
        #: how many times this App has frozen the collector's generations (tests read it)
        self.freezes = 0

    def _on_mount(self, event) -> None:  # Textual calls each class's own handler: no super()
        self._freeze_soon(type(self))

    def push_screen(self, screen, *args: Any, **kwargs: Any):
        kind = type(screen) if not isinstance(screen, str) else screen
        result = super().push_screen(screen, *args, **kwargs)
        self._freeze_soon(kind)
        return result

    def _freeze_soon(self, kind: object) -> None:
        if self.FREEZE_AFTER is None or kind in self._screens_frozen:
            return
        self._screens_frozen.add(kind)
        self.set_timer(self.FREEZE_AFTER, self._freeze)

    def _freeze(self) -> None:
        gc.collect(0)  # what is already garbage among the young is not kept
        gc.freeze()
        self.freezes += 1
