"""The hall display (叫号屏): the number called at each window in large characters, the last calls,
the waiting count per service.  Read-only, for a TV; no log-in.

A thread worker waits on :func:`console.queue.watch.watcher_for` (SQLite
``PRAGMA data_version`` every 0.2 s on its own connection; PostgreSQL LISTEN)
and reads :func:`console.queue.views.display_view` only when something was
committed, so an idle hall costs no queries and a call shows well within a
second.  A slow timer re-reads anyway (a safety net for a dropped connection).

**Stars.**  Every window card ends in a row ``.window-stars`` reserved for the
window's stars (挂星, the assessment issue); it is filled from the
``stars`` mapping of :class:`console.queue.views.DisplayView`.

Window cards that do not fit the screen are shown in pages that turn every
:data:`PAGE_SECONDS`.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from console.core.i18n import t
from screens.shell.base import localize_bindings
from screens.widgets.queue import BigNumber

#: seconds between re-reads when nothing signalled a change
SAFETY_SECONDS = 30.0
#: seconds a page of window cards stays before the next
PAGE_SECONDS = 10.0
#: seconds the newest call stays highlighted
FLASH_SECONDS = 6.0
#: card size in cells (border included)
CARD_WIDTH = 18
CARD_HEIGHT = 7
#: width of the side column (last calls, waiting)
SIDE_WIDTH = 26


class WindowCard(Vertical):
    """One window: its number and name, the ticket called there in big characters, its stars."""

    def compose(self) -> ComposeResult:
        yield Static("", classes="window-label", markup=False)
        yield BigNumber("", classes="window-number")
        yield Static("", classes="window-stars", markup=False)

    def show(self, window, stars: int, flash: bool) -> None:
        label = t("queue_ui.display.window", number=window.number)
        if window.paused:
            label += " " + t("queue_ui.paused")
        self.query_one(".window-label", Static).update(label)
        self.query_one(BigNumber).update(window.current or "")
        self.query_one(".window-stars", Static).update("★" * stars if stars else "")
        self.set_class(flash, "-flash")
        self.set_class(window.paused, "-paused")
        self.set_class(window.current is None, "-idle")


class DisplayScreen(Screen):
    """Window cards (paged when many) on the left; last calls and waiting counts on the right."""

    DEFAULT_CSS = f"""
    DisplayScreen {{ background: $surface; overflow: hidden hidden; }}
    #display-title {{ height: 1; background: $primary; color: $text; text-style: bold; padding: 0 1; }}
    #display-body {{ height: 1fr; }}
    #display-windows {{ width: 1fr; height: 1fr; grid-size: 3; grid-gutter: 0;
        grid-columns: 1fr; grid-rows: 1fr; }}
    WindowCard {{ width: 1fr; height: 1fr; min-height: {CARD_HEIGHT}; max-height: 11; border: round $accent; padding: 0 0; }}
    WindowCard.-idle {{ border: round $panel-lighten-2; color: $text-muted; }}
    WindowCard.-paused {{ border: round $warning; }}
    WindowCard.-flash {{ border: heavy $success; background: $success 20%; }}
    .window-label {{ height: 1; text-style: bold; content-align: center middle; width: 1fr; }}
    .window-number {{ height: 1fr; min-height: 3; }}
    .window-stars {{ height: 1; color: $warning; content-align: center middle; width: 1fr; }}
    #display-empty {{ color: $text-muted; padding: 1 2; }}
    #display-side {{ width: {SIDE_WIDTH}; height: 1fr; border-left: vkey $panel-lighten-2; padding: 0 1; }}
    #display-side .section-title {{ margin-top: 0; }}
    #display-calls {{ height: auto; text-wrap: nowrap; text-overflow: ellipsis; }}
    #display-waiting {{ height: auto; text-wrap: nowrap; text-overflow: ellipsis; }}
    #display-page {{ height: 1; color: $text-muted; }}
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+q", "app.quit", "ui.key.quit", tooltip="ui.tip.quit", id="display.quit", show=False),
    ]
    """Ctrl+Q closes the display; it takes no other keys (it is read-only)."""

    def __init__(self, *, site: str | None = None, stars=None) -> None:
        super().__init__()
        localize_bindings(self)
        self.site = site
        self.stars = stars
        self.view = None
        self.page = 0
        self._last_call = None
        self._flash_until = 0.0

    def compose(self) -> ComposeResult:
        yield Static(t("queue_ui.display.title"), id="display-title", markup=False)
        with Horizontal(id="display-body"):
            with Vertical():
                yield Grid(id="display-windows")
                yield Static("", id="display-page", markup=False)
            with Vertical(id="display-side"):
                yield Static(t("queue_ui.display.last_calls"), classes="section-title", markup=False)
                yield Static("", id="display-calls", markup=False)
                yield Static(t("queue_ui.display.waiting"), classes="section-title", markup=False)
                yield Static("", id="display-waiting", markup=False)

    def on_mount(self) -> None:
        from screens.widgets.queue import watch_changes

        self.reload()
        app = self.app
        self.run_worker(lambda: watch_changes(app, app.database, self.reload, interval=0.5), name="watch",
                        group="watch", thread=True, exclusive=True, exit_on_error=False)
        self.set_interval(SAFETY_SECONDS, self.reload)
        self.set_interval(PAGE_SECONDS, self.next_page)
        self.set_interval(1.0, self.tick)

    # -- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read what the display shows in a thread worker (a newer read cancels an older one)."""
        from console.queue.views import display_view

        self.app.run_use_case(self, display_view, site=self.site, stars=self.stars, on_result=self.show_view,
                              group="load")

    def on_worker_state_changed(self, event) -> None:
        """Forward to the App's one error handler (the message does not bubble)."""
        self.app.on_worker_state_changed(event)

    # -- drawing ---------------------------------------------------------------------------

    def cards_per_page(self) -> int:
        grid = self.query_one("#display-windows", Grid)
        width, height = grid.size.width or 54, grid.size.height or 21
        columns = max(1, width // CARD_WIDTH)
        rows = max(1, height // CARD_HEIGHT)
        return columns * rows

    def show_view(self, view) -> None:
        """Draw ``view`` (:class:`console.queue.views.DisplayView`)."""
        import time

        self.view = view
        state = view.state
        newest = state.last_calls[0] if state.last_calls else None
        key = (newest.number, newest.window, newest.at) if newest else None
        if key != self._last_call and newest is not None:
            self._flash_until = time.monotonic() + FLASH_SECONDS
            self._last_call = key
            self.show_page_of(newest.window)
        self.draw_title()
        calls = []
        for call in state.last_calls:
            line = t("queue_ui.display.call", number=call.number, window=call.window,
                     at=call.at.strftime("%H:%M"))
            if call.recall:
                line += " " + t("queue_ui.display.recall")
            calls.append(line)
        self.query_one("#display-calls", Static).update("\n".join(calls) or t("queue_ui.display.no_calls"))
        waiting = [t("queue_ui.display.waiting_line", prefix=w.prefix, name=w.name, count=w.waiting)
                   + (" !" if w.alarm else "") for w in state.waiting]
        self.query_one("#display-waiting", Static).update("\n".join(waiting) or "-")
        self.draw_cards()

    def show_page_of(self, window_number: str) -> None:
        if self.view is None:
            return
        numbers = [w.number for w in self.view.state.windows]
        if window_number in numbers:
            self.page = numbers.index(window_number) // self.cards_per_page()

    def draw_cards(self) -> None:
        import time

        if self.view is None:
            return
        windows = self.view.state.windows
        per_page = self.cards_per_page()
        pages = max(1, -(-len(windows) // per_page))
        self.page %= pages
        shown = windows[self.page * per_page:(self.page + 1) * per_page]
        grid = self.query_one("#display-windows", Grid)
        columns = max(1, min((grid.size.width or 54) // CARD_WIDTH, len(shown)))
        grid.styles.grid_size_columns = columns
        grid.styles.grid_size_rows = max(1, -(-len(shown) // columns))
        cards = list(grid.query(WindowCard))
        if len(cards) != len(shown):
            grid.remove_children()
            cards = [WindowCard() for _ in shown]
            grid.mount_all(cards)
            self.call_after_refresh(self.draw_cards)
            return
        flashing = time.monotonic() < self._flash_until
        newest = self.view.state.last_calls[0] if self.view.state.last_calls else None
        for card, window in zip(cards, shown):
            flash = bool(flashing and newest and newest.window == window.number and window.current == newest.number)
            card.show(window, int(self.view.stars.get(window.number, 0)), flash)
        self.query_one("#display-page", Static).update(
            t("queue_ui.display.page", page=self.page + 1, pages=pages) if pages > 1 else "")

    def next_page(self) -> None:
        import time

        if time.monotonic() < self._flash_until:
            return  # keep the newest call in sight while it flashes
        self.page += 1
        self.draw_cards()

    def draw_title(self) -> None:
        site = self.view.state.site_name if self.view else ""
        clock = self.app.now().strftime("%H:%M")
        self.query_one("#display-title", Static).update(t("queue_ui.display.title_site", site=site, clock=clock))

    def tick(self) -> None:
        """Clock in the title; end the flash."""
        import time

        self.draw_title()
        if self.view is not None and self._flash_until and time.monotonic() >= self._flash_until:
            self._flash_until = 0.0
            self.draw_cards()
