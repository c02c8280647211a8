"""One line of plain text (a screen's message line), drawn without Textual's content layout.

A :class:`~textual.widgets.Static` lays out its text each time it is painted; for a line that
changes on every key (the window's "called A012 to window 01") that layout was a quarter of
the paint.  :class:`TextLine` draws a plain text that fits as one strip, kept until the text,
the width or the style changes; one too long for the line (cut with an ellipsis), or any other
content, is drawn by ``Static`` as before.  The cells and styles are the same either way.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Static


class TextLine(Static):
    """A ``Static`` one line high whose plain text is drawn as one kept strip when it fits."""

    def __init__(self, text: str = "", **kwargs) -> None:
        kwargs.setdefault("markup", False)
        super().__init__(text, **kwargs)
        self._strip: tuple[tuple[str, int], Strip] | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strip = None  # a new colour or theme

    def render_line(self, y: int) -> Strip:
        text, width = self.content, self.content_region.width
        if y != 0 or not isinstance(text, str) or "\n" in text or not text.isprintable() or cell_len(text) > width:
            return super().render_line(y)
        key = (text, width)
        if self._strip is None or self._strip[0] != key:
            self._strip = (key, Strip([Segment(text, self.rich_style)], cell_len(text)))
        return self._strip[1]
