"""The small full-screen Apps of the assessment: the star board (``hall stars``) and the rating screen (``hall rate``).

The star board is public: it runs its use cases with nobody logged in.  The
rating screen runs as the window's clerk, who logged in on the command line.
Database work runs in thread workers through the one screen helper
(:meth:`screens.apps.base.HallAppBase.run_use_case`), never on the UI thread;
the screens themselves live in :mod:`screens.assess`.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from screens.apps.base import HallAppBase


class BoardApp(HallAppBase):
    """A one-screen App on a :class:`models.engine.Database`, acting as ``actor`` (``None``: nobody)."""

    BINDINGS = [Binding("ctrl+q", "quit", "assess.key_quit", tooltip="assess.tip_quit", id="board.quit", show=False)]
    """Ctrl+Q leaves the board (the screens add their own keys)."""

    def __init__(self, db, actor=None, **kwargs: Any) -> None:
        super().__init__(db, prepare=False, **kwargs)
        from screens.shell.base import localize_bindings
        from screens.shell.keymap import load_keymap

        localize_bindings(self)
        self.db = db
        self.actor = actor
        keymap, _problem = load_keymap()
        if keymap:
            self.set_keymap(keymap)


class StarBoardApp(BoardApp):
    """``hall stars``: the TV board of stars, red flags and model staff (public: nobody logs in)."""

    def __init__(self, db, *, year: int | None = None, refresh_seconds: float = 60.0, **kwargs: Any):
        super().__init__(db, None, **kwargs)
        self.year = year
        self.refresh_seconds = refresh_seconds

    def on_mount(self) -> None:
        from screens.assess.stars import StarBoardScreen

        self.push_screen(StarBoardScreen(year=self.year, refresh_seconds=self.refresh_seconds))


class RatingApp(BoardApp):
    """``hall rate --window W``: the applicant's rating screen on a small second terminal, run as the clerk."""

    def __init__(self, db, actor, window: str, *, poll_seconds: float = 2.0, thanks_seconds: float = 5.0,
                 **kwargs: Any) -> None:
        super().__init__(db, actor, **kwargs)
        self.window = window
        self.poll_seconds = poll_seconds
        self.thanks_seconds = thanks_seconds

    def on_mount(self) -> None:
        from screens.assess.rating import RatingScreen

        self.push_screen(RatingScreen(self.window, poll_seconds=self.poll_seconds,
                                      thanks_seconds=self.thanks_seconds))
