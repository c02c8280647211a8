"""The ticket kiosk as a full-screen App of its own (``hall kiosk``): no log-in, one screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.app import App

from console.core.i18n import get_language, set_language, t


class KioskApp(App):
    """Runs :class:`screens.queue.kiosk.KioskScreen` on ``db`` (a :class:`models.engine.Database`).

    Arguments:
        db: the database (its schema already current).
        site: the site code whose services are offered (default: the hall's only center).
        lang: ``zh_CN`` or ``en``; ``None`` keeps the current language.
        return_after: seconds the ticket stays on screen.
    """

    TITLE = "Hall Console kiosk"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, db, *, site: str | None = None, lang: str | None = None, return_after: float = 8.0,
                 now: Callable[[], datetime] | None = None, **kwargs: Any) -> None:
        if lang is not None:
            set_language(lang)
        self.lang = get_language()
        super().__init__(**kwargs)
        self.title = t("queue_ui.kiosk.title")
        self.db = db
        self.site = site
        self.return_after = return_after
        self.now = now or datetime.now  # noqa: DTZ005 - only for display

    def on_mount(self) -> None:
        from screens.queue.kiosk import KioskScreen

        self.push_screen(KioskScreen(site=self.site, return_after=self.return_after))
