"""The hall display (叫号屏): the number called at each window in large characters, the last calls,
the waiting count per service.  Read-only, for a TV; no log-in.

A thread worker waits on :func:`console.queue.watch.watcher_for` (SQLite
``PRAGMA data_version`` every 0.2 s on its own connection; PostgreSQL LISTEN)
and reads :func:`console.queue.views.display_view` only when something was
committed, so an idle hall costs no queries and a call shows well within a
second.  Reads never overlap: a change during a read asks for one more read after it.

**Time.**  One timer looks at the App's clock every :data:`TICK_SECONDS`: the title's
clock, the end of the newest call's flash, the page turns and the safety re-read (when
nothing signalled a change for :data:`SAFETY_SECONDS`, against a dropped connection)
all follow the hall clock, so a test moves a whole day on by advancing a FixedClock.
A widget is updated only when what it shows changed, so an idle display costs nothing.

**Stars.**  Every window card ends in a row ``.window-stars`` reserved for the
window's stars (挂星, the assessment issue); it is filled from the
``stars`` mapping of :class:`console.queue.views.DisplayView`.

Window cards that do not fit the screen are shown in pages that turn every
:data:`PAGE_SECONDS`.  The cards are mounted once and reused from page to page (the
ones a short last page does not need are hidden).  The display used to remove and
re-mount its cards whenever a page held another number of them, then re-draw after
the next refresh; the removal had not happened by then, so it counted the wrong
number of cards and re-mounted again, for ever: the hall TV froze on the page before
the short last one, with its memory and CPU climbing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import WorkerState

from console.core.i18n import t
from screens.shell.base import localize_bindings
from screens.widgets.queue import BigNumber
from screens.widgets.rows import put_text

#: seconds between re-reads when nothing signalled a change
SAFETY_SECONDS = 30.0
#: real seconds between looks at the hall clock (title, flash, page turns, safety read)
TICK_SECONDS = 1.0
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
    """One window: its number and name, the ticket called there in big characters, its stars.

    Cards are made once and reused from page to page (:meth:`DisplayScreen.draw_cards`);
    :meth:`show` touches a widget only when what it shows changed.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple | None = None
        self._pending: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="window-label", markup=False)
        yield BigNumber("", classes="window-number")
        yield Static("", classes="window-stars", markup=False)

    def on_mount(self) -> None:
        if self._pending is not None:  # shown before its parts were composed
            pending, self._pending = self._pending, None
            self.show(*pending)

    def show(self, window, stars: int, flash: bool) -> None:
        if not self.query(".window-label"):  # mounted, its parts not yet: show them once they are
            self._pending = (window, stars, flash)
            return
        label = t("queue_ui.display.window", number=window.number)
        if window.paused:
            label += " " + t("queue_ui.paused")
        shown = (label, window.current or "", stars, flash, window.paused)
        if shown == self._shown:
            return
        self._shown = shown
        # one-line cells of a fixed size: a new text needs no layout
        self.query_one(".window-label", Static).update(label, layout=False)
        self.query_one(BigNumber).update(window.current or "")
        self.query_one(".window-stars", Static).update("★" * stars if stars else "", layout=False)
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
        #: hall-clock moments (the App's clock): end of the flash, next page turn, next safety read
        self._flash_until: datetime | None = None
        self._page_due: datetime | None = None
        self._reload_due: datetime | None = None
        #: the card widgets, made once and reused (hidden past the current page's count)
        self._cards: list[WindowCard] = []
        self._growing = False
        #: a read is under way / another change came meanwhile (one more read when it ends)
        self._loading = False
        self._stale = False

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
        self.set_interval(TICK_SECONDS, self.tick)

    def on_resize(self, event) -> None:
        """Another size holds another number of cards: redraw once the grid has its new size."""
        self.call_after_refresh(self.draw_cards)

    # -- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Read what the display shows in a thread worker; changes during a read make one more read after it.

        Reads never overlap and never pile up, however fast the calls come.
        """
        from console.queue.views import display_view

        self._reload_due = self._now() + timedelta(seconds=SAFETY_SECONDS)
        if self._loading:
            self._stale = True
            return
        self._loading = True
        self.app.run_use_case(self, display_view, site=self.site, stars=self.stars, on_result=self.show_view,
                              group="load", exclusive=False)

    def on_worker_state_changed(self, event) -> None:
        """Forward to the App's one error handler (the message does not bubble); start a read that was held back."""
        self.app.on_worker_state_changed(event)
        if event.worker.group == "load" and event.state in _FINAL:
            self._loading = False
            if self._stale:
                self._stale = False
                self.reload()

    # -- drawing ---------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self.app.now()

    def cards_per_page(self) -> int:
        grid = self.query_one("#display-windows", Grid)
        width, height = grid.size.width or 54, grid.size.height or 21
        columns = max(1, width // CARD_WIDTH)
        rows = max(1, height // CARD_HEIGHT)
        return columns * rows

    def show_view(self, view) -> None:
        """Draw ``view`` (:class:`console.queue.views.DisplayView`)."""
        self.view = view
        state = view.state
        newest = state.last_calls[0] if state.last_calls else None
        key = (newest.number, newest.window, newest.at) if newest else None
        if key != self._last_call and newest is not None:
            now = self._now()
            self._flash_until = now + timedelta(seconds=FLASH_SECONDS)
            self._page_due = self._flash_until + timedelta(seconds=PAGE_SECONDS)
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
        put_text(self.query_one("#display-calls", Static), "\n".join(calls) or t("queue_ui.display.no_calls"))
        waiting = [t("queue_ui.display.waiting_line", prefix=w.prefix, name=w.name, count=w.waiting)
                   + (" !" if w.alarm else "") for w in state.waiting]
        put_text(self.query_one("#display-waiting", Static), "\n".join(waiting) or "-")
        self.draw_cards()

    def show_page_of(self, window_number: str) -> None:
        if self.view is None:
            return
        numbers = [w.number for w in self.view.state.windows]
        if window_number in numbers:
            self.page = numbers.index(window_number) // self.cards_per_page()

    def draw_cards(self) -> None:
        """Show the current page on the reused cards (more are mounted, once, only when a page needs them)."""
        if self.view is None or not self.is_attached:
            return
        windows = self.view.state.windows
        per_page = self.cards_per_page()
        pages = max(1, -(-len(windows) // per_page))
        self.page %= pages
        shown = windows[self.page * per_page:(self.page + 1) * per_page]
        if len(self._cards) < len(shown):
            self._grow(len(shown))
            return
        grid = self.query_one("#display-windows", Grid)
        columns = max(1, min((grid.size.width or 54) // CARD_WIDTH, len(shown)))
        rows = max(1, -(-len(shown) // columns))
        if grid.styles.grid_size_columns != columns:
            grid.styles.grid_size_columns = columns
        if grid.styles.grid_size_rows != rows:
            grid.styles.grid_size_rows = rows
        flashing = self._flash_until is not None and self._now() < self._flash_until
        newest = self.view.state.last_calls[0] if self.view.state.last_calls else None
        for index, card in enumerate(self._cards):
            if index >= len(shown):
                if card.display:
                    card.display = False
                continue
            window = shown[index]
            flash = bool(flashing and newest and newest.window == window.number and window.current == newest.number)
            card.show(window, int(self.view.stars.get(window.number, 0)), flash)
            if not card.display:
                card.display = True
        put_text(self.query_one("#display-page", Static),
             t("queue_ui.display.page", page=self.page + 1, pages=pages) if pages > 1 else "", layout=False)

    def _grow(self, count: int) -> None:
        """Mount cards up to ``count`` (once at a time: awaited before the next draw), then draw."""
        if self._growing:
            return
        self._growing = True
        new = [WindowCard() for _ in range(count - len(self._cards))]

        async def mount() -> None:
            try:
                await self.query_one("#display-windows", Grid).mount_all(new)
                self._cards.extend(new)
            finally:
                self._growing = False
            self.draw_cards()

        self.call_later(mount)

    def next_page(self) -> None:
        """Turn to the next page of cards (the newest call stays in sight while it flashes)."""
        now = self._now()
        if self._flash_until is not None and now < self._flash_until:
            return
        self._page_due = now + timedelta(seconds=PAGE_SECONDS)
        self.page += 1
        self.draw_cards()

    def draw_title(self) -> None:
        site = self.view.state.site_name if self.view else ""
        clock = self._now().strftime("%H:%M")
        put_text(self.query_one("#display-title", Static), t("queue_ui.display.title_site", site=site, clock=clock),
             layout=False)

    def tick(self) -> None:
        """Every second of real time, on the hall clock: the title's clock, the flash's end, page turns,
        a safety read when nothing signalled a change for :data:`SAFETY_SECONDS`.

        Everything is timed by the App's clock, so a test moves the day on by advancing it.
        A clock set back (or jumping far ahead) only restarts the schedule.
        """
        now = self._now()
        self.draw_title()
        if self.view is None:
            return
        if self._flash_until is not None and now >= self._flash_until:
            self._flash_until = None
            self.draw_cards()
        page = timedelta(seconds=PAGE_SECONDS)
        if self._page_due is None or self._page_due - now > page + timedelta(seconds=FLASH_SECONDS):
            self._page_due = now + page
        elif now >= self._page_due:
            self.next_page()
        if self._reload_due is None or self._reload_due - now > timedelta(seconds=SAFETY_SECONDS):
            self._reload_due = now + timedelta(seconds=SAFETY_SECONDS)
        elif now >= self._reload_due:
            self.reload()


_FINAL = frozenset({WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED})
