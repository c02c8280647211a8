"""A window's queue as the dashboard shows it: read-only, Escape closes."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from console.core.i18n import t
from screens.widgets.table import HallTable
from screens.shell.base import localize_bindings


class WindowQueueDialog(ModalScreen):
    """The tickets waiting for one window in calling order (:func:`console.queue.window.window_queue`)."""

    DEFAULT_CSS = """
    WindowQueueDialog { align: center middle; }
    WindowQueueDialog > Vertical { width: 60; max-width: 95%; height: auto; max-height: 90%;
        border: round $accent; background: $panel; padding: 0 1; }
    WindowQueueDialog DataTable { height: auto; max-height: 16; }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "close", "ui.key.back", tooltip="ui.tip.back", id="status.window_queue.close"),
    ]
    """Escape closes the dialog (it changes nothing)."""

    def __init__(self, number: str, rows) -> None:
        super().__init__()
        localize_bindings(self)
        self.number = number
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("ops.window_queue.title", number=self.number), classes="section-title", markup=False)
            if self.rows:
                table: DataTable = HallTable(id="window-queue", cursor_type="row")
                for key in ("queue.col.number", "queue.col.service", "queue.col.waited"):
                    table.add_column(t(key))
                for r in self.rows:
                    table.add_row(r.number, r.service, f"{r.waited_minutes:.0f}")
                yield table
            else:
                yield Static(t("ops.window_queue.empty"), id="window-queue-empty", markup=False)
            yield Static(t("ops.window_queue.hint"), classes="screen-hint", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
