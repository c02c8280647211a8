"""The staff list (administrators and supervisors) with a filter box; administrators manage accounts.

An administrator acts on the highlighted staff member with the keys the command line's
``hall staff unlock|lock|reset-pin|deactivate`` has, through the same use cases
(:mod:`console.org.staff`): F2 unlock, F3 lock, F4 a new PIN (typed twice in a dialog),
F8 deactivate (after a confirmation).  Function keys, because letters go to the filter box.
"""

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
        Binding("f2", "unlock", "roles.key.unlock", tooltip="roles.tip.unlock", id="staff.unlock"),
        Binding("f3", "lock", "roles.key.lock", tooltip="roles.tip.lock", id="staff.lock"),
        Binding("f4", "reset_pin", "roles.key.reset_pin", tooltip="roles.tip.reset_pin", id="staff.reset_pin"),
        Binding("f8", "deactivate", "roles.key.deactivate", tooltip="roles.tip.deactivate", id="staff.deactivate"),
    ]
    """Escape back home; Down moves from the filter box into the table.

    Administrators only (``staff.manage``), on the highlighted row: F2 unlock, F3 lock,
    F4 new PIN, F8 deactivate (asks first).
    """

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

    def loaded(self, rows, keep: str | None = None) -> None:
        """Show ``rows``; the cursor stays on ``keep`` (or the row that took its place)."""
        table = self.query_one("#staff-table", DataTable)
        cursor = table.cursor_row
        self.rows = rows
        self.apply_filter()
        if keep is not None and table.row_count:
            from textual.widgets.data_table import RowDoesNotExist

            try:
                table.move_cursor(row=table.get_row_index(keep))
            except RowDoesNotExist:  # the row left the list (deactivated): the one that took its place
                table.move_cursor(row=min(cursor, table.row_count - 1))
            # the table measures its new rows when its own queue runs empty: give it a message to
            # run (after a dialog closed nothing else reaches it until the next key)
            table.call_later(table.refresh)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.apply_filter()

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is self.query_one("#staff-filter", Input):
            event.stop()
            event.prevent_default()
            self.query_one("#staff-table", DataTable).focus()

    # -- administration (staff.manage) --------------------------------------------------------

    def check_action(self, action: str, parameters) -> bool | None:
        """The administration keys only for an administrator (hidden for a supervisor)."""
        if action in ("unlock", "lock", "reset_pin", "deactivate"):
            from console.core.permissions import allowed

            return self.actor is not None and allowed(self.actor.role, "staff.manage")
        return True

    def highlighted(self):
        """The staff row under the table's cursor, or ``None`` (an empty list)."""
        table = self.query_one("#staff-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        return next((r for r in self.rows if r.employee_no == key), None)

    def _on_row(self, act) -> None:
        row = self.highlighted()
        if row is None:
            self.notify(t("roles.staff.none"), severity="warning", markup=False)
            return
        act(row)

    def action_unlock(self) -> None:
        from console.org.staff import unlock_staff

        self._on_row(lambda row: self.run_use_case(unlock_staff, row.employee_no, group="manage",
                                                   on_result=lambda r: self.done("staff.unlocked_done", r)))

    def action_lock(self) -> None:
        from console.org.staff import lock_staff

        self._on_row(lambda row: self.run_use_case(lock_staff, row.employee_no, group="manage",
                                                   on_result=lambda r: self.done("staff.locked_done", r)))

    def action_reset_pin(self) -> None:
        self._on_row(self._ask_pin)

    def _ask_pin(self, row) -> None:
        """Ask the new PIN twice; the dialog runs :func:`console.org.staff.reset_pin` and shows a refusal."""
        from functools import partial

        from console.org.staff import reset_pin
        from screens.cases.dialogs import Field, FormDialog, required

        def submit(values: dict[str, str]) -> partial:
            from console.core.errors import Invalid

            if values["pin"] != values["again"]:
                raise Invalid("staff.pin_mismatch", field="again")
            return partial(reset_pin, row.employee_no, values["pin"])

        def well_formed(text: str) -> None:  # the rule reset_pin applies (no database), as the field is left
            from console.core.auth import check_new_pin

            check_new_pin(text)

        pin = dict(password=True, restrict=r"[0-9]*", max_length=8)
        fields = [Field("pin", t("staff.new_pin_prompt"), placeholder=t("ui.login.pin_hint"), check=well_formed, **pin),
                  Field("again", t("staff.new_pin_again"), check=required("staff.pin_again_missing"), **pin)]
        self.app.push_screen(
            FormDialog(t("roles.staff.pin_title", employee_no=row.employee_no, name=row.name), fields,
                       note=t("roles.staff.pin_note"), submit=submit),
            lambda result: result is not None and self.done("staff.pin_reset_done", result))

    def action_deactivate(self) -> None:
        self._on_row(self._confirm_deactivate)

    def _confirm_deactivate(self, row) -> None:
        from console.org.staff import deactivate_staff
        from screens.widgets.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_use_case(deactivate_staff, row.employee_no, group="manage",
                                  on_result=lambda r: self.done("staff.deactivated_done", r))

        self.app.push_screen(ConfirmDialog(t("roles.staff.deactivate_question", employee_no=row.employee_no,
                                             name=row.name)), answered)

    def done(self, message_key: str, row) -> None:
        """Say what was done and read the list again (a deactivated member leaves it)."""
        from console.org.staff import list_staff

        self.notify(t(message_key, employee_no=row.employee_no), markup=False)
        self.run_use_case(list_staff, on_result=lambda rows: self.loaded(rows, keep=row.employee_no), group="load")

    def apply_filter(self) -> None:
        """Show the rows matching the filter box (in memory: the list is small)."""
        needle = self.query_one("#staff-filter", Input).value.strip()
        table = self.query_one("#staff-table", DataTable)
        table.clear(columns=True)  # columns again, so that their widths fit the rows shown
        self._add_columns(table)
        shown = [r for r in self.rows if not needle or _matches(r, needle)]
        for r in shown:
            state = t("ui.staff.locked") if r.locked else ("" if r.credential_set else t("staff.state_no_pin"))
            table.add_row(r.employee_no, r.name, t(f"ui.role.{r.role}"), r.department or r.office or "",
                          r.window or "", state, key=r.employee_no)
        self.query_one("#staff-status", Static).update(t("ui.staff.count", shown=len(shown), total=len(self.rows)))
