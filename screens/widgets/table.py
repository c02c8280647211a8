"""The console's table: Textual's DataTable where Home and End go to the first and last row, and
a long page of new rows is measured a slice at a time, and one-line cells are drawn by
:func:`screens.widgets.cells.one_line`.

Textual's DataTable scrolls sideways on Home/End (its first and last row are Ctrl+Home/Ctrl+End);
in a list of tickets, cases or items the rows are what a clerk moves through.

When rows are added, DataTable measures every cell of every new row in one go, on the UI thread,
the next time it is idle: for a page of 200 cases that was the longest piece of work any screen
did (tens of milliseconds, more than a frame).  :class:`HallTable` measures at most
:data:`MEASURE_SLICE` new rows per idle, the first rows (the ones on screen) first, and lets a
frame be painted before the next slice; the column widths settle within a few frames.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.widgets import DataTable

from screens.widgets.cells import one_line

#: new rows measured per idle (one slice is a few milliseconds of the UI thread)
MEASURE_SLICE = 40


class HallTable(DataTable):
    """A DataTable whose Home/End move the cursor to the first/last row; new rows measured in slices."""

    #: while a row is removed from a table of fixed height: refreshes repaint, never lay out
    _repaint_only = False

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("home", "scroll_top", "Top", show=False),
        Binding("end", "scroll_bottom", "Bottom", show=False),
    ]

    @property
    def measuring(self) -> bool:
        """New rows are still waiting to be measured (tests wait for this to end)."""
        return bool(self._require_update_dimensions and self._new_rows)

    async def _on_idle(self, event: events.Idle) -> None:
        # Textual calls every class's ``_on_idle`` in the MRO: this one runs first.
        if not (self._require_update_dimensions and len(self._new_rows) > MEASURE_SLICE):
            return  # DataTable's own handler measures the few new rows
        def place(key) -> int:
            index = self._row_locations.get(key)
            return len(self.rows) if index is None else index  # a row removed meanwhile: last

        ordered = sorted(self._new_rows, key=place)
        widths = [column.content_width for column in self.columns.values()]
        self._new_rows = set(ordered[:MEASURE_SLICE])
        await DataTable._on_idle(self, event)  # measures this slice and empties the set
        self._new_rows.update(ordered[MEASURE_SLICE:])
        if widths != [column.content_width for column in self.columns.values()]:
            self._clear_caches()  # cells drawn at the old widths would stay cut
        self._require_update_dimensions = True
        event.prevent_default()  # DataTable's handler would measure the rest now, in the same step
        self._check_refresh()  # what Widget's idle handler does
        self.call_after_refresh(self.refresh)  # a frame is painted, then the next idle takes the next slice

    def remove_row(self, row_key) -> None:
        # DataTable lays out the whole screen again after removing a row (10-18 ms at 100x30, on
        # every call at the window).  A table whose height does not follow its rows only needs
        # a repaint; its scrollable size is measured on idle, and a change of it lays out then.
        height = self.styles.height
        if height is None or height.is_auto:
            return super().remove_row(row_key)
        self._repaint_only = True
        try:
            return super().remove_row(row_key)
        finally:
            self._repaint_only = False

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
        if self._repaint_only:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False):
        # DataTable's own, for a body cell of a one-line row whose text is simple, with the
        # cell drawn by ``one_line`` (same cache key, same styles, same segments).
        if row_index < self.fixed_rows or column_index < self.fixed_columns:  # header, labels, fixed
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        row = self.rows.get(row_key)
        if row is None or row.height != 1:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        key = (row_key, self._column_locations.get_key(column_index), base_style, cursor, hover,
               self._show_hover_cursor, self._update_count, self._pseudo_class_state)
        cache = self._cell_render_cache
        lines = cache.get(key)
        if lines is None:
            cell = self._get_row_renderables(row_index).cells[column_index]
            component, post = self._get_styles_to_render_cell(
                False, False, False, hover, cursor, self.show_cursor, self._show_hover_cursor,
                self.cursor_foreground_priority == "css", self.cursor_background_priority == "css")
            pre = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component
            lines = one_line(cell, width, self.cell_padding, pre, post, self.app.console)
            if lines is None:
                return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            cache[key] = lines
        return lines
