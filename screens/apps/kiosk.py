"""The ticket kiosk as a full-screen App of its own (``hall kiosk``): no log-in, one screen."""

from __future__ import annotations

from typing import Any

from screens.apps.base import HallAppBase

from console.core.i18n import t


class KioskApp(HallAppBase):
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
                 **kwargs: Any) -> None:
        super().__init__(db, lang=lang, prepare=False, **kwargs)
        self.title = t("queue_ui.kiosk.title")
        self.site = site
        self.return_after = return_after

    def on_mount(self) -> None:
        super().on_mount()
        from screens.queue.kiosk import KioskScreen

        self.push_screen(KioskScreen(site=self.site, return_after=self.return_after))
