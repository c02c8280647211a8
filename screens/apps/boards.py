"""The small full-screen Apps of the assessment: the star board (``hall stars``) and the rating screen (``hall rate``).

They run without a log-in: the star board is public and reads as the read-only
shell actor.  Database work runs in thread workers (:meth:`BoardApp.run_service`),
never on the UI thread; the screens themselves live in :mod:`screens`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.worker import get_current_worker

from screens.apps.base import HallAppBase


class BoardApp(HallAppBase):
    """A one-screen App on a :class:`models.engine.Database` acting as ``actor``."""

    BINDINGS = [Binding("ctrl+q", "quit", "assess.key_quit", tooltip="assess.tip_quit", id="board.quit", show=False)]
    """Ctrl+Q leaves the board (the screens add their own keys)."""

    def __init__(self, db, actor, **kwargs: Any) -> None:
        super().__init__(db, prepare=False, **kwargs)
        from screens.shell.base import localize_bindings
        from screens.shell.keymap import load_keymap

        localize_bindings(self)
        self.db = db
        self.actor = actor
        keymap, _problem = load_keymap()
        if keymap:
            self.set_keymap(keymap)

    def run_service(self, fn: Callable[..., Any], *args: Any, on_result: Callable[[Any], None] | None = None,
                    on_error: Callable[[Exception], None] | None = None, write: bool = False,
                    group: str = "load", **kwargs: Any):
        """Run ``fn(session, actor, *args, **kwargs)`` in a thread worker; results come back on the UI thread."""

        def job() -> Any:
            try:
                from console.core.runner import transition_clock  # TRANSITION: removed with run_service

                with (self.db.write() if write else self.db.read()) as session, transition_clock(self.clock):
                    session.info["hall_clock"] = self.clock  # TRANSITION
                    result = fn(session, self.actor, *args, **kwargs)
            except Exception as error:  # shown by the screen, never a crash of a public display
                if on_error is not None and not get_current_worker().is_cancelled:
                    self.call_from_thread(on_error, error)
                return None
            if on_result is not None and not get_current_worker().is_cancelled:
                self.call_from_thread(on_result, result)
            return result

        return self.run_worker(job, group=group, exclusive=True, thread=True, exit_on_error=False)


class StarBoardApp(BoardApp):
    """``hall stars``: the TV board of stars, red flags and model staff."""

    def __init__(self, db, actor, *, year: int | None = None, refresh_seconds: float = 60.0, **kwargs: Any):
        super().__init__(db, actor, **kwargs)
        self.year = year
        self.refresh_seconds = refresh_seconds

    def on_mount(self) -> None:
        super().on_mount()
        from screens.assess.stars import StarBoardScreen

        self.push_screen(StarBoardScreen(year=self.year, refresh_seconds=self.refresh_seconds))


class RatingApp(BoardApp):
    """``hall rate --window W``: the applicant's rating screen on a small second terminal."""

    def __init__(self, db, actor, window: str, *, poll_seconds: float = 2.0, thanks_seconds: float = 5.0,
                 **kwargs: Any) -> None:
        super().__init__(db, actor, **kwargs)
        self.window = window
        self.poll_seconds = poll_seconds
        self.thanks_seconds = thanks_seconds

    def on_mount(self) -> None:
        super().on_mount()
        from screens.assess.rating import RatingScreen

        self.push_screen(RatingScreen(self.window, poll_seconds=self.poll_seconds,
                                      thanks_seconds=self.thanks_seconds))
