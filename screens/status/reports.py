"""The reports screen (统计图表) for supervisors: cases accepted and completed by month, department or
site level, charted with textual-plotext over the figures (completion rate, fees).

The period is this year up to today; ``m`` / ``d`` / ``l`` regroup by month, department or
site level (center, townships, villages); ``[`` and ``]`` move one year back and forth.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from console.core.i18n import t
from screens.widgets.table import HallTable
from screens.shell.base import HallScreen
from screens.status.charts import BarChart


class ReportsScreen(HallScreen):
    """A bar chart of accepted and completed cases over the report's table."""

    title_key = "ops.screen.reports"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "ui.key.back", tooltip="ui.tip.back", id="reports.back"),
        Binding("m", "group('month')", "ops.key.by_month", tooltip="ops.tip.by_month", id="reports.by_month"),
        Binding("d", "group('department')", "ops.key.by_department", tooltip="ops.tip.by_department",
                id="reports.by_department"),
        Binding("l", "group('level')", "ops.key.by_level", tooltip="ops.tip.by_level", id="reports.by_level"),
        Binding("left_square_bracket", "year(-1)", "ops.key.year_back", tooltip="ops.tip.year_back",
                id="reports.year_back", show=False),
        Binding("right_square_bracket", "year(1)", "ops.key.year_on", tooltip="ops.tip.year_on",
                id="reports.year_on", show=False),
    ]
    """Escape back; m, d, l group by month, department, site level; [ and ] change the year."""

    DEFAULT_CSS = """
    ReportsScreen #reports-summary { height: 1; padding: 0 1; }
    ReportsScreen #reports-chart { height: 1fr; min-height: 8; }
    ReportsScreen #reports-table { height: 7; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.by = "month"
        self.year: int | None = None
        self.report = None

    def compose_body(self) -> ComposeResult:
        yield Static("", id="reports-summary", markup=False)
        yield BarChart(id="reports-chart")
        table: DataTable = HallTable(id="reports-table", cursor_type="row", zebra_stripes=True)
        for key in ("report.col_group", "report.col_accepted", "report.col_completed", "report.col_rate",
                    "report.col_fees"):
            table.add_column(t(key))
        yield table

    def on_mount(self) -> None:
        self.year = self.hall.now().year
        self.reload()

    def period(self) -> tuple[date, date]:
        today = self.hall.now().date()
        end = today if self.year == today.year else date(self.year, 12, 31)
        return date(self.year, 1, 1), end

    def reload(self) -> None:
        from console.status.reports import chart_report

        start, end = self.period()
        self.run_use_case(chart_report, start, end, self.by, on_result=self.show, group="load")

    def action_group(self, by: str) -> None:
        self.by = by
        self.reload()

    def action_year(self, step: int) -> None:
        self.year = (self.year or self.hall.now().year) + int(step)
        self.reload()

    def show(self, report) -> None:
        from console.core.parsing import format_yuan

        self.report = report
        total = report.total
        self.query_one("#reports-summary", Static).update(t(
            "ops.reports_summary", start=report.date_from.isoformat(), end=report.date_to.isoformat(),
            by=t(f"ops.by.{report.by}"), accepted=total.accepted, completed=total.completed,
            rate=f"{total.completion_rate:.1f}", fees=format_yuan(total.fees_fen, grouped=True)))
        labels = [_short(r.label, report.by) for r in report.rows]
        self.query_one(BarChart).show(labels, {t("report.col_accepted"): [r.accepted for r in report.rows],
                                               t("report.col_completed"): [r.completed for r in report.rows]},
                                      title=t("ops.chart.accepted_completed"))
        table = self.query_one("#reports-table", DataTable)
        table.clear()
        for r in report.rows:
            table.add_row(r.label, str(r.accepted), str(r.completed), f"{r.completion_rate:.1f}",
                          format_yuan(r.fees_fen, grouped=True))


def _short(label: str, by: str) -> str:
    """Bar labels: ``03`` for a month, the name's first characters otherwise (plotext counts one column each)."""
    if by == "month":
        return label[-2:]
    return label[:4]
