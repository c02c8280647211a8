"""The hall display as a full-screen App of its own (``hall display``): read-only, no log-in."""

from __future__ import annotations

from typing import Any

from screens.apps.base import HallAppBase

from console.core.i18n import t


class DisplayApp(HallAppBase):
    """Runs :class:`screens.queue.display.DisplayScreen` on ``db`` (a :class:`models.engine.Database`).

    Arguments:
        db: the database (its schema already current).
        site: the site code shown (default: the hall's only center).
        stars: window-stars provider (:data:`console.queue.views.StarsProvider`: window number →
            stars; default :func:`console.assess.quarter.window_stars`: the red flags of the year).
        lang: ``zh_CN`` or ``en``; ``None`` keeps the current language.
        clock: the hall clock shown in the title (tests fix it).
    """

    TITLE = "Hall Console display"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, db, *, site: str | None = None, stars=None, lang: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(db, lang=lang, prepare=False, **kwargs)
        self.title = t("queue_ui.display.title")
        self.site = site
        if stars is None:
            from console.assess.quarter import window_stars as stars
        self.stars = stars

    def on_mount(self) -> None:
        super().on_mount()
        from screens.queue.display import DisplayScreen

        self.push_screen(DisplayScreen(site=self.site, stars=self.stars))

