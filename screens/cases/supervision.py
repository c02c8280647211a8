"""Efficiency supervision (效能监察): at-risk (yellow) and overdue (red) cases, live.

The board is :func:`console.cases.reports.supervision_board` — one cheap query
over the status/due-date index — run in an exclusive thread worker every few
seconds (a refresh never queues behind another).  Counts by department and by
window sit above the case list; rows are colour-marked; Enter drills into the
case.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Static

from console.core.i18n import t
from screens.shell.base import HallScreen
from screens.cases.case_screens import WARNING_STYLES, status_text, warning_cell
from screens.widgets.table import HallTable

#: seconds between two refreshes of the board
REFRESH_SECONDS = 5.0


class SupervisionScreen(HallScreen):
    """Yellow and red cases by department and window, refreshed every few seconds."""

    title_key = "intake_ui.screen.supervision"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "ui.key.back", tooltip="ui.tip.back", id="supervision.back"),
        Binding("g", "refresh", "intake_ui.key.refresh", tooltip="intake_ui.tip.refresh",
                id="supervision.refresh"),
    ]
    """Escape back; g refreshes now (the board also refreshes by itself); Enter opens the case."""

    def __init__(self, interval: float | None = None) -> None:
        super().__init__()
        self.interval = interval or REFRESH_SECONDS
        self.board = None

    def compose_body(self) -> ComposeResult:
        yield Static("", id="sup-summary", classes="screen-hint", markup=False)
        with Horizontal(id="sup-counts"):
            for table_id, title in (("sup-departments", "case.col_department"), ("sup-windows", "case.col_window")):
                table: DataTable = HallTable(id=table_id, cursor_type="none", show_cursor=False)
                table.can_focus = False
                table.add_column(t(title), key="label")
                table.add_column(Text(t("intake_ui.yellow"), style=WARNING_STYLES["yellow"]), key="yellow")
                table.add_column(Text(t("intake_ui.red"), style=WARNING_STYLES["red"]), key="red")
                yield table
        cases: DataTable = HallTable(id="sup-cases", cursor_type="row", zebra_stripes=True)
        cases.add_column(t("case.col_warning"), key="warning")
        cases.add_column(t("case.col_due"), key="due")
        cases.add_column(t("case.col_number"), key="number")
        cases.add_column(t("case.col_window"), key="window")
        cases.add_column(t("case.col_item"), key="item")
        cases.add_column(t("case.col_status"), key="status")
        yield cases

    def on_mount(self) -> None:
        self.query_one("#sup-cases", DataTable).focus()
        self.refresh_board()
        self.set_interval(self.interval, self.refresh_board)

    def refresh_board(self) -> None:
        """Reload the board in an exclusive worker (a slow refresh is replaced, never stacked)."""
        from console.cases.reports import supervision_board

        if self.app.screen is not self:
            return
        self.run_use_case(supervision_board, on_result=self.show, group="board")

    def action_refresh(self) -> None:
        self.refresh_board()

    def on_screen_resume(self) -> None:
        """Back from a case: refresh at once rather than at the next tick."""
        if self.board is not None:
            self.refresh_board()

    def show(self, board) -> None:
        """Fill the counts and the case list from ``board``, keeping the cursor on the same case."""
        self.board = board
        self.query_one("#sup-summary", Static).update(t(
            "intake_ui.board_summary", today=board.today.isoformat(), yellow=board.yellow, red=board.red,
            at=self.hall.now().strftime("%H:%M:%S"))
            + (f"\n{t('law.next_year_missing', year=board.calendar_missing)}" if board.calendar_missing else "")
            + (f"\n{t('law.board_deemed', count=board.deemed_receipts)}" if board.deemed_receipts else ""))
        for table_id, counts in (("#sup-departments", board.by_department), ("#sup-windows", board.by_window)):
            table = self.query_one(table_id, DataTable)
            table.clear()
            for row in counts:
                table.add_row(row.label, Text(str(row.yellow), style="yellow" if row.yellow else "dim"),
                              Text(str(row.red), style="bold red" if row.red else "dim"))
        cases = self.query_one("#sup-cases", DataTable)
        current = None
        if cases.row_count and 0 <= cases.cursor_row < cases.row_count:
            current = cases.coordinate_to_cell_key((cases.cursor_row, 0)).row_key.value
        cases.clear()
        for case in board.cases:
            style = "bold red" if case.level == "red" else "yellow"
            cases.add_row(warning_cell(case.level), Text(case.due_date.isoformat(), style=style),
                          Text(case.number, style=style), case.window, case.item,
                          status_text(case.status), key=case.number)
        if current is not None and current in cases.rows:
            cases.move_cursor(row=cases.get_row_index(current))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from screens.cases.case_screens import CaseDetailScreen

        event.stop()
        self.app.push_screen(CaseDetailScreen(str(event.row_key.value)))
