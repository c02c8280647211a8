"""One table cell drawn straight from its text, without Rich's general layout machinery.

Textual's DataTable draws each cell by rendering ``Styled(Padding(text, (0, pad)), …)`` through
Rich's console: a wrap, a crop, a pad and three style passes, about 0.1 ms a cell on this
machine.  A page of the case list shows 120 cells, so drawing a fresh page held the UI thread
for more than a frame (``benchmarks/bench_ui_block.py``).  Nearly every cell of the console's
tables is one line of plain or styled text in a one-line row, and for those
:func:`one_line` gives the same segments — the same characters, cut at the same cell, with the
same styles, in the same pieces — in a fraction of the time.  Anything else (several lines,
tabs, right or centred text, text that wraps, a cell too narrow for its padding, a renderable
that is not :class:`rich.text.Text`) gets ``None``, and the table draws it the usual way.
``tests/test_table_cells.py`` compares the two over many texts, widths and styles.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text

_NULL = Style.null()


def one_line(cell, width: int, pad: int, pre_style: Style, post_style: Style, console) -> list[list[Segment]] | None:
    """The one line of ``cell`` in a column ``width`` cells wide with ``pad`` cells each side,
    ``pre_style`` under its own styles and ``post_style`` over them (what DataTable's
    ``_render_cell`` renders for a row of height 1), or ``None`` when it is not a simple cell."""
    if type(cell) is not Text or cell.no_wrap is False or cell.justify not in (None, "default", "left"):
        return None
    if cell.overflow not in (None, "fold", "crop", "ellipsis"):
        return None
    plain = cell.plain
    if "\n" in plain or "\t" in plain:
        return None
    inner = width - 2 * pad
    if inner < 1:
        return None
    text = cell
    used = cell.cell_len
    if used > inner:  # cut as Rich cuts a line that may not wrap (a wide character cut is a space)
        text = cell.copy()
        text.truncate(inner)
        used = text.cell_len
    if not text.plain and (text.style or text.spans):
        segments = []  # Rich lays out an empty styled line as nothing at all
    else:
        segments = list(text.render(console))
    if segments and text.style:  # Rich lays a text's own style under its spans when it lays out the line
        segments = list(Segment.apply_style(segments, style=console.get_style(text.style)))
    line: list[Segment] = []
    if pad:
        line.append(Segment(" " * pad, _NULL))
    line.extend(segments)
    if used < inner:
        line.append(Segment(" " * (inner - used), _NULL))
    if pad:
        line.append(Segment(" " * pad, _NULL))
    return [list(Segment.apply_style(line, style=pre_style, post_style=post_style))]
