"""The ticket kiosk as a full-screen App of its own (``hall kiosk``): no log-in, one screen.

Applicants cannot close it: Ctrl+Q asks a supervisor's or an administrator's number and
PIN (:class:`screens.queue.kiosk_exit.KioskExitDialog`), and only then does the kiosk
close; Ctrl+C does nothing.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding

from screens.apps.base import HallAppBase
from screens.shell.base import localize_bindings

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

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+q", "staff_exit", "roles.kiosk.key.exit", tooltip="roles.kiosk.tip.exit", id="kiosk.exit",
                priority=True, show=False),
        Binding("ctrl+c", "nothing", show=False, system=True),
    ]
    """Ctrl+Q: the staff exit (number and PIN of a supervisor or administrator); Ctrl+C does nothing."""

    def __init__(self, db, *, site: str | None = None, lang: str | None = None, return_after: float = 8.0,
                 **kwargs: Any) -> None:
        super().__init__(db, lang=lang, prepare=False, **kwargs)
        self.title = t("queue_ui.kiosk.title")
        self.site = site
        self.return_after = return_after
        localize_bindings(self)

    def action_staff_exit(self) -> None:
        """Ask a staff member allowed to close the kiosk; close it once they are recorded."""
        from screens.queue.kiosk_exit import KioskExitDialog

        if isinstance(self.screen, KioskExitDialog):
            return
        self.push_screen(KioskExitDialog(site=self.site), lambda closed: closed and self.exit())

    def action_nothing(self) -> None:
        """Ctrl+C at the kiosk: nothing (Textual would tell how to quit)."""

    def on_mount(self) -> None:
        from screens.queue.kiosk import KioskScreen

        self.push_screen(KioskScreen(site=self.site, return_after=self.return_after))
