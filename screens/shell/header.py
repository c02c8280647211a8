"""The one-line header on every screen: screen title, site and window, staff and role, clock.

The clock comes from :meth:`screens.apps.console.HallApp.now` so that tests and
snapshots can fix it.  At 80 columns the site part is cut with an ellipsis
first; the staff name, role and clock always stay whole.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from console.core.i18n import t


class HallHeader(Horizontal):
    """Title | site · window | name (role) clock, refreshed every few seconds for the clock."""

    # styles: screens/hall.tcss (HallHeader)

    def compose(self) -> ComposeResult:
        yield Static(id="header-title", markup=False)
        yield Static(id="header-place", markup=False)
        yield Static(id="header-who", markup=False)

    def on_mount(self) -> None:
        self.refresh_text()
        self.set_interval(5, self.refresh_clock)

    def refresh_text(self) -> None:
        """Redraw every part (after log-in, language or screen change).

        A header not composed yet (its screen was pushed this instant) draws itself when mounted.
        """
        if not self.query("#header-title"):
            return
        self.query_one("#header-title", Static).update(self.screen.title or t("ui.app.title"))
        self.query_one("#header-place", Static).update(self.place_text())
        self.refresh_clock()

    def place_text(self) -> str:
        """``site · window 01`` of the logged-in staff member (empty before log-in)."""
        info = getattr(self.app, "session_info", None)
        if info is None:
            return ""
        parts = [info.site] if info.site else []
        if info.window_number:
            parts.append(t("ui.header.window", number=info.window_number))
        elif info.office:
            parts.append(info.office)
        return " · ".join(parts)

    def who_text(self) -> str:
        """``name (role)`` of the logged-in staff member, then the clock."""
        clock = self.app.now().strftime("%Y-%m-%d %H:%M")
        actor = getattr(self.app, "actor", None)
        if actor is None:
            return clock
        role = t(f"ui.role.{actor.role.value}")
        return f"{t('ui.header.who', name=actor.name, role=role)}  {clock}"

    def refresh_clock(self) -> None:
        if not self.query("#header-who"):
            return
        self.query_one("#header-who", Static).update(self.who_text())
