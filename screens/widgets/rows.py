"""Bring a DataTable to new rows by touching only what changed (no clear-and-refill per refresh).

A live list (the window's waiting tickets, a case list) mostly changes at its ends and in a
few cells: the first rows go, new ones come at the end, a minutes column ticks.
:func:`sync_rows` removes, appends and updates cells for that; any other change of order
refills the table.  The cursor stays on its row number (clamped to the new length).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any


def sync_rows(table, old: Mapping[str, tuple], new: Mapping[str, tuple], columns: Sequence[Hashable], *,
              render: Callable[[Any], Any] = lambda cell: cell) -> str:
    """Make ``table`` (a ``DataTable`` keyed by row key, with ``columns`` as column keys) show ``new``.

    ``old`` is what the table shows now (row key → cell values, as last given); cell values
    are compared, and ``render(value)`` is what goes into the table.  Returns what was done:
    ``"same"``, ``"patched"`` or ``"refilled"`` (tests read it).
    """
    old_keys = list(old)
    new_keys = list(new)
    if old_keys == new_keys and all(old[k] == new[k] for k in new_keys):
        return "same"
    cursor = table.cursor_row
    kept = [k for k in old_keys if k in new]
    if kept == new_keys[:len(kept)] and len(table.rows) == len(old_keys):
        for key in old_keys:
            if key not in new:
                table.remove_row(key)
        for key in kept:
            if old[key] != new[key]:
                for column, was, now in zip(columns, old[key], new[key]):
                    if was != now:
                        table.update_cell(key, column, render(now))
        for key in new_keys[len(kept):]:
            table.add_row(*map(render, new[key]), key=key)
        done = "patched"
    else:
        table.clear()
        for key in new_keys:
            table.add_row(*map(render, new[key]), key=key)
        done = "refilled"
    if new_keys:
        row = min(max(cursor, 0), len(new_keys) - 1)
        if table.cursor_row != row:
            table.move_cursor(row=row)
    return done


def put_text(widget, text: str, *, layout: bool = True) -> bool:
    """``widget.update(text)`` (a ``Static``) only when the text changed; True when it did.

    An update costs a repaint, and a layout of the screen unless ``layout`` is false (a
    widget whose size does not depend on its text: one line of fixed height).
    """
    if getattr(widget, "_shown_text", None) == text:
        return False
    widget._shown_text = text
    widget.update(text, layout=layout)
    return True
