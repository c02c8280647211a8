"""The console's tables draw one-line cells themselves (screens/widgets/cells.py): the same
segments as Textual's DataTable, for every kind of text a clerk's table holds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable
from textual.widgets._data_table import default_cell_formatter

from screens.widgets.cells import one_line
from screens.widgets.table import HallTable
from tests.tuihelp import run

TEXTS = ["", "a", "SL2026-000123", "食品经营许可证核发", "张**", "已受理", "测a试", "登封市行政服务中心很长的名字",
         "trailing   ", "  leading", "x" * 40, "[b]markup[/b]", "🙂 emoji", "1,234.00 元"]
STYLED = [Text("红色警告", style="bold red"), Text("overdue", style="on red"), Text.assemble(("超", "red"), ("期", "blue")),
          Text("long styled text that is cut", style="italic"), Text("cut…", overflow="ellipsis")]


class Tables(App):
    def compose(self) -> ComposeResult:
        table = HallTable(id="t", cursor_type="row", zebra_stripes=True)
        for key in ("a", "b", "c"):
            table.add_column(key, key=key, width=None)
        for index, text in enumerate(TEXTS + [t.plain for t in STYLED]):
            styled = STYLED[index % len(STYLED)]
            table.add_row(text, styled, str(index), key=str(index))
        yield table


def both(table, row: int, column: int, width: int, cursor: bool, hover: bool):
    """The cell as the console draws it, and as Textual draws it (each with an empty cache)."""
    style = Style(color="white", bgcolor="grey11") if row % 2 else Style(bgcolor="black")
    table._cell_render_cache.clear()
    ours = table._render_cell(row, column, style, width, cursor, hover)
    table._cell_render_cache.clear()
    textual = DataTable._render_cell(table, row, column, style, width, cursor, hover)
    return ours, textual


def test_every_cell_of_a_table_is_drawn_as_textual_draws_it():
    run(_every_cell())


async def _every_cell():
    import screens.widgets.table as table_module

    drawn = []

    def counted(*args):
        lines = one_line(*args)
        drawn.append(lines is not None)
        return lines

    table_module.one_line, real = counted, table_module.one_line
    try:
        await _compare_every_cell()
    finally:
        table_module.one_line = real
    assert sum(drawn) > len(drawn) // 2  # most cells took the short path (the narrowest Textual's)


async def _compare_every_cell():
    app = Tables()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.query_one(HallTable)
        compared = 0
        for row in range(table.row_count):
            for column in range(3):
                for width in (1, 2, 3, 4, 5, 8, 13, 30):
                    for cursor, hover in ((False, False), (True, False), (False, True)):
                        ours, textual = both(table, row, column, width, cursor, hover)
                        assert ours == textual, (row, column, width, cursor, hover)
                        compared += 1
        # the header goes Textual's way and is still right
        ours, textual = both(table, -1, 0, 6, False, False)
        assert ours == textual
        assert compared == table.row_count * 3 * 8 * 3


def test_a_page_of_cells_is_drawn_without_rich_layout():
    """Every body cell of the case list's kind takes the short path (None would mean Textual's)."""
    run(_short_path())


async def _short_path():
    app = Tables()
    async with app.run_test(size=(80, 24)):
        console = app.console
        for text in TEXTS:
            cell = default_cell_formatter(text, wrap=False, height=1)
            assert one_line(cell, 12, 1, Style(), Style(), console) is not None
        assert one_line(Text("a\nb"), 12, 1, Style(), Style(), console) is None
        assert one_line(Text("right", justify="right"), 12, 1, Style(), Style(), console) is None
        assert one_line(Text("abc"), 2, 1, Style(), Style(), console) is None


@pytest.fixture(scope="module")
def console():
    from rich.console import Console

    return Console(width=80, color_system="truecolor", legacy_windows=False, force_terminal=True)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab 1-中文字符警告🙂…*"), max_size=20), width=st.integers(3, 24),
       bold=st.booleans(), styled=st.booleans())
def test_any_short_text_at_any_width_matches_rich(console, text, width, bold, styled):
    from rich.padding import Padding
    from textual.renderables.styled import Styled

    cell = Text(text, style="red" if styled else "", no_wrap=True, end="")
    pre, post = (Style(bold=True, bgcolor="blue"), Style(color="white")) if bold else (Style(), Style.null())
    options = console.options.update_dimensions(width, 1).update(no_wrap=True)
    expected = console.render_lines(Styled(Padding(cell, (0, 1)), pre_style=pre, post_style=post), options)
    assert one_line(cell, width, 1, pre, post, console) == expected


class _Sized(App):
    CSS = "#fixed { height: 1fr; } #auto { height: auto; }"

    def compose(self) -> ComposeResult:
        for name in ("fixed", "auto"):
            table = HallTable(id=name)
            table.add_column("n", key="n")
            for index in range(30):
                table.add_row(str(index), key=str(index))
            yield table


def test_removing_a_row_repaints_a_table_of_fixed_height_without_laying_out_the_screen():
    """At the window every call removes the top waiting row: DataTable laid out the whole screen
    for it (10-18 ms at 100x30); a table whose height does not follow its rows only repaints."""
    run(_remove_rows())


async def _remove_rows():
    app = _Sized()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        asked: dict[str, list[bool]] = {"fixed": [], "auto": []}
        for name in asked:
            table = app.query_one(f"#{name}", HallTable)
            real = DataTable.refresh

            def spy(self, *regions, repaint=True, layout=False, recompose=False, _name=name, _real=real):
                if self.id == _name:
                    asked[_name].append(layout)
                return _real(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

            DataTable.refresh = spy
            try:
                table.remove_row("0")
            finally:
                DataTable.refresh = real
            await pilot.pause()
            assert "0" not in table.rows and table.row_count == 29
            assert table.get_row_at(0) == ["1"]
        assert asked["fixed"] and not any(asked["fixed"])
        assert any(asked["auto"])  # its height follows its rows: laid out as before
