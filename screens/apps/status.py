"""``hall status``: the console opened straight on the live dashboard, as the staff member who logged in on the command line."""

from __future__ import annotations

from typing import Any

from screens.apps.console import HallApp


class StatusApp(HallApp):
    """The staff console, logged in as ``actor``, with the dashboard open (Escape goes home, F10 logs out)."""

    def __init__(self, db, actor, *, site: str | None = None, **kwargs: Any) -> None:
        super().__init__(db, **kwargs)
        self._start_actor = actor
        self.site = site

    def on_mount(self) -> None:
        from screens.status.dashboard import StatusScreen

        self.logged_in(self._start_actor, None)
        self.push_screen(StatusScreen(site=self.site))
