"""The hall display as a full-screen App of its own (``hall display``): read-only, no log-in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.app import App

from console.core.i18n import get_language, set_language, t


class DisplayApp(App):
    """Runs :class:`screens.queue.display.DisplayScreen` on ``db`` (a :class:`models.engine.Database`).

    Arguments:
        db: the database (its schema already current).
        site: the site code shown (default: the hall's only center).
        stars: window-stars provider ``fn(session, site_id) -> {window number: stars}``
            (default :func:`console.queue.views.window_stars`, the assessment hook).
        lang: ``zh_CN`` or ``en``; ``None`` keeps the current language.
        now: the clock shown in the title (tests fix it).
    """

    TITLE = "Hall Console display"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, db, *, site: str | None = None, stars=None, lang: str | None = None,
                 now: Callable[[], datetime] | None = None, **kwargs: Any) -> None:
        if lang is not None:
            set_language(lang)
        self.lang = get_language()
        super().__init__(**kwargs)
        self.title = t("queue_ui.display.title")
        self.db = db
        self.site = site
        self.stars = stars
        self.now = now or _hall_now

    def on_mount(self) -> None:
        from screens.queue.display import DisplayScreen

        self.push_screen(DisplayScreen(site=self.site, stars=self.stars))


def _hall_now() -> datetime:
    from screens.apps.console import hall_now

    return hall_now()
