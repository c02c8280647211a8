"""The star board (挂星榜): each window's stars and current red flag, and this quarter's model staff.

A public TV screen: read-only, no log-in (its use case is public), refreshed every minute.  Windows are
laid out in as many columns as the terminal is wide, most stars first, so that
the whole hall fits at 80×24 and reads from across the room on a large screen.
The layout is computed by :func:`render_windows` (pure, tested on its own).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from console.core.i18n import t
from screens.shell.base import localize_bindings

FLAG = "⚑"
STAR = "★"


def _cell(row, width: int) -> Text:
    text = Text()
    text.append(f"{row.window:>3} ", style="bold")
    stars = STAR * row.stars if row.stars <= 6 else f"{STAR}×{row.stars}"
    text.append(stars or "·", style="bold yellow" if row.stars else "dim")
    if row.red_flag:
        text.append(" " + FLAG, style="bold red")
    text.truncate(width, pad=True)
    return text


def render_windows(rows: list, width: int, height: int | None = None) -> Text:
    """The windows as a grid of ``01 ★★★ ⚑`` cells filling ``width`` columns (and at most ``height`` lines)."""
    if not rows:
        return Text(t("assess.board_empty"), style="dim")
    longest = max(4 + min(max(r.stars, 1), 6) + 2 + (2 if r.red_flag else 0) for r in rows)
    cell = max(12, longest + 2)
    columns = max(1, width // cell)
    lines = -(-len(rows) // columns)
    if height is not None and lines > height:
        columns = -(-len(rows) // max(1, height))
        cell = max(8, width // columns)
        lines = -(-len(rows) // columns)
    out = Text()
    for line in range(lines):
        for column in range(columns):
            index = column * lines + line
            if index < len(rows):
                out.append_text(_cell(rows[index], cell))
        if line < lines - 1:
            out.append("\n")
    return out


def render_models(label: str, awards: list) -> Text:
    """``业务标兵：张三 李四 …`` on as many lines as it takes."""
    text = Text()
    text.append(label + "：", style="bold")
    text.append("  ".join(f"{a.name}({a.target})" for a in awards) or "—")
    return text


class StarBoardScreen(Screen):
    """The TV board; ``r`` refreshes now, ``q`` leaves."""

    DEFAULT_CSS = """
    StarBoardScreen { background: $background; }
    #stars-title { height: 1; text-style: bold; background: $error; color: $text; content-align: center middle; }
    #stars-windows { height: 1fr; padding: 0 1; }
    #stars-models { height: auto; max-height: 8; padding: 0 1; border-top: solid $error; }
    #stars-status { height: 1; color: $text-muted; padding: 0 1; }
    """

    BINDINGS = [
        Binding("r", "refresh_board", "assess.key_refresh", tooltip="assess.tip_refresh", id="stars.refresh",
                show=False),
        Binding("q,escape", "app.quit", "assess.key_quit", tooltip="assess.tip_quit", id="stars.quit", show=False),
    ]
    """``r`` reloads the board now; ``q`` or Escape closes it."""

    def __init__(self, *, year: int | None = None, refresh_seconds: float = 60.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        localize_bindings(self)
        self.year = year
        self.refresh_seconds = refresh_seconds
        self.board = None

    def compose(self) -> ComposeResult:
        yield Static(t("assess.board_loading"), id="stars-title")
        with Vertical():
            yield Static("", id="stars-windows")
            yield Static("", id="stars-models")
        yield Static("", id="stars-status")

    def on_mount(self) -> None:
        self.action_refresh_board()
        if self.refresh_seconds:
            self.set_interval(self.refresh_seconds, self.action_refresh_board)

    def action_refresh_board(self) -> None:
        """Load the board in a worker."""
        from console.assess.quarter import star_board

        self.app.run_use_case(self, star_board, self.year, on_result=self.show, on_error=self.show_error,
                              group="load")

    def show(self, board) -> None:
        """Draw ``board`` (a :class:`console.assess.quarter.StarBoard`)."""
        self.board = board
        title = t("assess.board_title", year=board.year)
        if board.quarter:
            title += "  " + t("assess.board_quarter", quarter=board.quarter)
        self.query_one("#stars-title", Static).update(title)
        self.query_one("#stars-status", Static).update(
            t("assess.board_legend", star=STAR, flag=FLAG))
        self._draw()

    def show_error(self, error: Exception) -> None:
        self.query_one("#stars-status", Static).update(t("assess.board_error", error=str(error)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A load that failed unexpectedly: the App's one handler, and the status line says so."""
        if event.state == WorkerState.ERROR:
            self.app.on_worker_state_changed(event)
            self.show_error(event.worker.error)

    def _draw(self) -> None:
        if self.board is None:
            return
        models = Text()
        models.append_text(render_models(t("assess.title_business_models"), self.board.business_models))
        models.append("\n")
        models.append_text(render_models(t("assess.title_discipline_models"), self.board.discipline_models))
        self.query_one("#stars-models", Static).update(models)
        area = self.query_one("#stars-windows", Static)
        width = max(20, (area.size.width or self.size.width) - 2)
        height = area.size.height or None
        area.update(render_windows(self.board.windows, width, height))

    def on_resize(self) -> None:
        self.call_after_refresh(self._draw)
