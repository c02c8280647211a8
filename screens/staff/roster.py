"""The staff list (administrators and supervisors) with a filter box."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from console.core.i18n import t
from screens.shell.base import HallScreen
from screens.widgets.table import HallTable


def _matches(row, needle: str) -> bool:
    from console.core.textsearch import pinyin_initials

    fields = [row.employee_no, row.name, t(f"ui.role.{row.role}"), row.role, row.department or "",
              row.office or "", row.window or "", row.site or ""]
    low = needle.lower()
    return any(low in f.lower() for f in fields) or pinyin_initials(row.name).startswith(low)


class StaffScreen(HallScreen):
    """Every active staff member; the box filters by number, name (or its pinyin initials), role, place."""

    title_key = "ui.screen.staff"
    TYPE_AHEAD = "#staff-filter"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "ui.key.back", tooltip="ui.tip.back", id="staff.back"),
    ]
    """Escape back home; Down moves from the filter box into the table."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list = []

    def compose_body(self) -> ComposeResult:
        yield Input(id="staff-filter", placeholder=t("ui.staff.filter_hint"))
        yield Static("", id="staff-status", classes="screen-hint", markup=False)
        table: DataTable = HallTable(id="staff-table", cursor_type="row", zebra_stripes=True)
        self._add_columns(table)
        yield table

    @staticmethod
    def _add_columns(table: DataTable) -> None:
        for key in ("employee_no", "name", "role", "place", "window", "state"):
            table.add_column(t(f"ui.staff.col.{key}"), key=key)

    def on_mount(self) -> None:
        from console.org.staff import list_staff

        self.query_one("#staff-filter", Input).focus()
        self.run_use_case(list_staff, on_result=self.loaded, group="load")

    def loaded(self, rows) -> None:
        self.rows = rows
        self.apply_filter()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.apply_filter()

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is self.query_one("#staff-filter", Input):
            event.stop()
            event.prevent_default()
            self.query_one("#staff-table", DataTable).focus()

    def apply_filter(self) -> None:
        """Show the rows matching the filter box (in memory: the list is small)."""
        needle = self.query_one("#staff-filter", Input).value.strip()
        table = self.query_one("#staff-table", DataTable)
        table.clear(columns=True)  # columns again, so that their widths fit the rows shown
        self._add_columns(table)
        shown = [r for r in self.rows if not needle or _matches(r, needle)]
        for r in shown:
            state = t("ui.staff.locked") if r.locked else ""
            table.add_row(r.employee_no, r.name, t(f"ui.role.{r.role}"), r.department or r.office or "",
                          r.window or "", state, key=r.employee_no)
        self.query_one("#staff-status", Static).update(t("ui.staff.count", shown=len(shown), total=len(self.rows)))
