"""The live hall dashboard (大厅实况) for supervisors: windows, waiting per service, today's figures.

It reads :func:`console.status.dashboard.hall_status` in a worker when it opens
and again each time the queue's change watcher
(:func:`screens.widgets.queue.watch_changes`: ``PRAGMA data_version`` on SQLite,
LISTEN on PostgreSQL) says something was committed — the same watcher as the hall
display, so an idle hall costs no queries.  A slow timer re-reads once a minute so
that waiting minutes move on while nothing happens.

At 80×24 the windows and the services sit side by side above the hourly chart;
a larger terminal gives every part more rows.  Enter on a window shows what waits
for it, read-only.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Static

from console.core.i18n import t
from screens.widgets.table import HallTable
from screens.shell.base import HallScreen
from screens.status.charts import HourChart
from screens.status.window_queue import WindowQueueDialog

#: seconds between re-reads when nothing was committed (waiting minutes move on)
TICK_SECONDS = 60.0

STATE_STYLES = {"serving": "bold green", "idle": "yellow", "paused": "magenta", "open": "dim"}


def _minutes(value) -> str:
    return "-" if value is None else f"{value:.0f}"


class StatusScreen(HallScreen):
    """Every window, what waits per service, today's figures, cases at risk, rectifications; live."""

    title_key = "ops.screen.status"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "ui.key.back", tooltip="ui.tip.back", id="status.back"),
        Binding("enter", "open_window", "ops.key.open_window", tooltip="ops.tip.open_window",
                id="status.open_window"),
        Binding("g", "refresh", "ops.key.refresh", tooltip="ops.tip.refresh", id="status.refresh"),
    ]
    """Escape back; Enter shows the highlighted window's queue (read-only); g reads again now."""

    DEFAULT_CSS = """
    StatusScreen #status-summary { height: 2; padding: 0 1; }
    StatusScreen #status-tables { height: 1fr; min-height: 6; }
    StatusScreen #status-windows { width: auto; max-width: 50%; }
    StatusScreen #status-services { width: 1fr; }
    StatusScreen #status-chart { height: 8; }
    StatusScreen #status-chart.-empty { height: 0; }
    """

    def __init__(self, *, site: str | None = None, watch: bool = True) -> None:
        super().__init__()
        self.site = site
        self.watch = watch
        self.status = None

    def compose_body(self) -> ComposeResult:
        yield Static("", id="status-summary", markup=False)
        with Horizontal(id="status-tables"):
            windows: DataTable = HallTable(id="status-windows", cursor_type="row", zebra_stripes=True)
            for key in ("window", "state", "ticket", "since", "minutes"):
                windows.add_column(t(f"ops.col.{key}"), key=key)
            yield windows
            services: DataTable = HallTable(id="status-services", cursor_type="none", zebra_stripes=True)
            services.can_focus = False
            for key in ("service", "waiting", "longest", "served"):
                services.add_column(t(f"ops.col.{key}"), key=key)
            yield services
        yield HourChart(id="status-chart")

    def on_mount(self) -> None:
        self.query_one("#status-windows", DataTable).focus()
        self.reload()
        if self.watch:
            from screens.widgets.queue import watch_changes

            app = self.app
            self.run_worker(lambda: watch_changes(app, app.database, self.reload, interval=0.5), name="watch",
                            group="watch", thread=True, exclusive=True, exit_on_error=False)
            self.set_interval(TICK_SECONDS, self.reload)

    def reload(self) -> None:
        """Read the hall in a worker (a newer read replaces an older one)."""
        from console.status.dashboard import hall_status

        self.run_use_case(hall_status, site=self.site, on_result=self.show, group="load")

    def action_refresh(self) -> None:
        self.reload()

    def show(self, status) -> None:
        """Draw ``status`` (:class:`console.status.dashboard.HallStatus`), keeping the cursor on its window."""
        self.status = status
        self.query_one("#status-summary", Static).update("\n".join((
            t("ops.summary", waiting=status.waiting, served=status.served_today,
              wait=_minutes(status.avg_wait_minutes), service=_minutes(status.avg_service_minutes)),
            t("ops.summary_cases", at_risk=status.cases_at_risk, overdue=status.cases_overdue,
              rects=status.open_rectifications, late=status.overdue_rectifications,
              at=status.at.strftime("%H:%M")),
        )))
        windows = self.query_one("#status-windows", DataTable)
        current = self.highlighted_window()
        windows.clear()
        for w in status.windows:
            style = STATE_STYLES.get(w.state, "")
            windows.add_row(w.number, Text(t(f"ops.state.{w.state}"), style=style),
                            Text((w.ticket or "") + (" !" if w.over_target else ""),
                                 style="bold red" if w.over_target else ""),
                            w.since.strftime("%H:%M") if w.since else "", _minutes(w.minutes), key=w.number)
        if current is not None and current in windows.rows:
            windows.move_cursor(row=windows.get_row_index(current))
        services = self.query_one("#status-services", DataTable)
        services.clear()
        for s in status.services:
            longest = Text(f"{_minutes(s.longest_wait_minutes)}/{_minutes(s.target_minutes)}",
                           style="bold red" if s.late else "")
            services.add_row(f"{s.prefix} {s.name}", str(s.waiting), longest, str(s.served_today), key=s.code)
        self.query_one(HourChart).show(status.by_hour)

    def highlighted_window(self) -> str | None:
        windows = self.query_one("#status-windows", DataTable)
        if not windows.row_count or not 0 <= windows.cursor_row < windows.row_count:
            return None
        return windows.coordinate_to_cell_key((windows.cursor_row, 0)).row_key.value

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on the windows table (the table takes Enter before the screen's binding)."""
        event.stop()
        self.action_open_window()

    def action_open_window(self) -> None:
        """Show what waits for the highlighted window (read-only)."""
        from console.queue.window import window_queue

        number = self.highlighted_window()
        if number is None:
            return
        self.run_use_case(window_queue, number, site=self.site,
                          on_result=lambda rows: self.app.push_screen(WindowQueueDialog(number, rows)),
                          group="window")

