"""The console's table measures a long page of new rows a slice at a time (screens/widgets/table.py)."""

from __future__ import annotations

import asyncio


def _rows(count: int) -> list[tuple[str, str]]:
    # the widest cell is near the end: the last slice widens the column
    return [(f"2009{i:06d}", "登记" + ("某" * 30 if i == count - 3 else "")) for i in range(count)]


async def _fill(table_class, count: int):
    from textual.app import App

    measured: list[int] = []  # rows measured per pass, in order

    class Spied(table_class):
        def _update_dimensions(self, new_rows) -> None:
            new_rows = list(new_rows)
            if new_rows:
                measured.append(len(new_rows))
            super()._update_dimensions(new_rows)

    class One(App):
        def compose(self):
            yield Spied(id="t")

    app = One()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one("#t")
        table.add_column("number", key="number")
        table.add_column("item", key="item")
        await pilot.pause()
        for number, item in _rows(count):
            table.add_row(number, item, key=number)
        for _ in range(100):
            await pilot.pause(0.01)
            if not getattr(table, "measuring", False) and not table._require_update_dimensions:
                break
        widths = [c.content_width for c in table.columns.values()]
        first = "".join(seg.text for seg in table.render_line(1))  # the first data row as painted
    return widths, measured, first


def test_a_long_page_is_measured_in_slices_to_the_same_widths_as_all_at_once():
    from textual.widgets import DataTable

    from screens.widgets.table import MEASURE_SLICE, HallTable

    count = MEASURE_SLICE * 5
    sliced, passes, first_row = asyncio.run(_fill(HallTable, count))
    whole, whole_passes, whole_first_row = asyncio.run(_fill(DataTable, count))
    assert whole_passes == [count]  # Textual's own table: every row in one go
    assert passes == [MEASURE_SLICE] * 5  # ours: a slice per idle, a frame between
    assert sliced == whole  # the widest cell, in the last slice, widened its column
    assert sliced[1] > 30
    assert first_row == whole_first_row  # the first row painted as Textual's own table paints it


def test_a_short_page_is_measured_at_once():
    from screens.widgets.table import MEASURE_SLICE, HallTable

    widths, passes, _ = asyncio.run(_fill(HallTable, MEASURE_SLICE - 1))
    assert passes == [MEASURE_SLICE - 1]
    assert widths[0] == len("2009000000")
