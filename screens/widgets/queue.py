"""Widgets of the queue screens: big ticket numbers, and the change-watch loop.

:class:`BigNumber` draws a ticket number (``A001``) three rows tall with box
characters, readable from across a hall; every letter A–Z and digit has a glyph
(``0`` is slashed so that it differs from ``O``).

:func:`watch_changes` is the body of a thread worker that calls back on the UI
thread whenever the database changed (:func:`console.queue.watch.watcher_for`:
``PRAGMA data_version`` on SQLite, LISTEN/NOTIFY on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget

#: three rows per glyph, three columns each
GLYPHS: dict[str, tuple[str, str, str]] = {
    "0": ("╭─╮", "│╱│", "╰─╯"), "1": ("╶┐ ", " │ ", "╶┴╴"), "2": ("╶─╮", "┌─┘", "└─╴"),
    "3": ("╶─╮", " ─┤", "╶─╯"), "4": ("╷ ╷", "╰─┤", "  ╵"), "5": ("┌─╴", "└─╮", "╶─╯"),
    "6": ("╭─╴", "├─╮", "╰─╯"), "7": ("╶─┐", "  │", "  ╵"), "8": ("╭─╮", "├─┤", "╰─╯"),
    "9": ("╭─╮", "╰─┤", "╶─╯"),
    "A": ("╭─╮", "├─┤", "╵ ╵"), "B": ("┌─╮", "├─┤", "└─╯"), "C": ("╭─╴", "│  ", "╰─╴"),
    "D": ("┌─╮", "│ │", "└─╯"), "E": ("┌─╴", "├─ ", "└─╴"), "F": ("┌─╴", "├─ ", "╵  "),
    "G": ("╭─╴", "│╶┐", "╰─┘"), "H": ("╷ ╷", "├─┤", "╵ ╵"), "I": ("╶┬╴", " │ ", "╶┴╴"),
    "J": ("  ╷", "  │", "╰─╯"), "K": ("╷╭╴", "├┤ ", "╵╰╴"), "L": ("╷  ", "│  ", "└─╴"),
    "M": ("┌┬┐", "│││", "╵╵╵"), "N": ("┌╮╷", "│││", "╵╰┘"), "O": ("╭─╮", "│ │", "╰─╯"),
    "P": ("┌─╮", "├─╯", "╵  "), "Q": ("╭─╮", "│ │", "╰─┼"), "R": ("┌─╮", "├┬╯", "╵╰╴"),
    "S": ("╭─╴", "╰─╮", "╶─╯"), "T": ("╶┬╴", " │ ", " ╵ "), "U": ("╷ ╷", "│ │", "╰─╯"),
    "V": ("╷ ╷", "╲ ╱", " ╵ "), "W": ("╷╷╷", "│││", "└┴┘"), "X": ("╲ ╱", " ╳ ", "╱ ╲"),
    "Y": ("╷ ╷", "╰┬╯", " ╵ "), "Z": ("╶─┐", " ╱ ", "└─╴"), "-": ("   ", "───", "   "),
    " ": ("   ", "   ", "   "),
}


def big_lines(text: str) -> list[str]:
    """``text`` as three lines of box characters (unknown characters become ``-``)."""
    rows = ["", "", ""]
    for index, char in enumerate(text.upper()):
        glyph = GLYPHS.get(char, GLYPHS["-"])
        for row in range(3):
            rows[row] += (" " if index else "") + glyph[row]
    return rows


def big_width(text: str) -> int:
    """Columns :func:`big_lines` takes for ``text``."""
    return max(0, 4 * len(text) - 1)


class BigNumber(Widget):
    """A ticket number three rows tall; falls back to plain text when too narrow for it.

    Centred both ways in its region.  The three rows of glyphs are drawn line by line
    (:meth:`render_line`, the strips kept until the number, the size or the style changes): a
    called number reaches the screen without Textual's content layout, which cost more than
    the rest of the paint.  Nobody called, or too narrow: :meth:`render`, as Textual lays it out.
    """

    DEFAULT_CSS = """
    BigNumber { height: 3; width: 1fr; content-align: center middle; text-style: bold; }
    """

    def __init__(self, text: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = text
        self._strips: tuple[tuple[str, int, int], list[Strip]] | None = None

    @property
    def text(self) -> str:
        return self._text

    def update(self, text: str) -> None:
        """Show ``text`` (a ticket number, or ``---`` for nobody)."""
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        if not self._text:
            return Text("")
        if big_width(self._text) > self.size.width > 0:
            return Text("\n" + self._text, justify="center")
        return Text("\n".join(big_lines(self._text)), justify="center")

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None  # a new colour (a paused window, the display's themes)

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        if not self._text or big_width(self._text) > width:
            return super().render_line(y)
        key = (self._text, width, height)
        if self._strips is None or self._strips[0] != key:
            style = self.rich_style
            pad = style + Style(reverse=False)  # as Textual styles the space it aligns text in
            lines = big_lines(self._text)
            top = max(0, (height - len(lines)) // 2)
            strips = [Strip.blank(width, pad)] * height
            for row, line in enumerate(lines[:max(0, height - top)]):
                left = (width - cell_len(line)) // 2
                right = width - left - cell_len(line)
                segments = [Segment(" " * left, pad), Segment(line, style), Segment(" " * right, pad)]
                strips[top + row] = Strip([segment for segment in segments if segment.text], width)
            self._strips = (key, strips)
        strips = self._strips[1]
        return strips[y] if 0 <= y < len(strips) else Strip.blank(width)


def watch_changes(app, db_source: Callable[[], object], on_change: Callable[[], None], *,
                  interval: float = 0.5, retry_seconds: float = 2.0) -> None:
    """Worker body: call ``on_change`` on the UI thread each time the database changes.

    Returns when the worker is cancelled (checked every ``interval`` seconds).  A
    lost watch connection (server restart, network) is opened again after
    ``retry_seconds``, followed by one ``on_change`` in case something was missed.
    """
    import logging
    import time

    from textual.worker import get_current_worker

    from console.queue.watch import watcher_for

    worker = get_current_worker()
    db = db_source()
    missed = False
    while not worker.is_cancelled:
        try:
            watcher = watcher_for(db)
        except Exception:  # noqa: BLE001 - database unreachable: try again later
            logging.getLogger("hall.console").warning("queue watch: cannot connect", exc_info=True)
            time.sleep(retry_seconds)
            missed = True
            continue
        try:
            if missed:
                app.call_from_thread(on_change)
                missed = False
            while not worker.is_cancelled:
                if watcher.wait(interval) and not worker.is_cancelled:
                    app.call_from_thread(on_change)
        except RuntimeError:  # the app is closing
            return
        except Exception:  # noqa: BLE001 - the connection was lost: open it again
            logging.getLogger("hall.console").warning("queue watch lost", exc_info=True)
            missed = True
            time.sleep(retry_seconds)
        finally:
            try:
                watcher.close()
            except Exception:  # noqa: BLE001 - already broken
                pass
