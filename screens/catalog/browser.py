"""The catalog browser and the item detail with the six disclosures (六公开).

The browser searches as you type (code, name, or pinyin initials: ``gsdj``
finds 工商登记) with the use case :func:`console.catalog.browse.search_items` in an
exclusive thread worker, so a slow query never blocks typing and stale results
are dropped.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Input, Static

from console.core.i18n import t
from screens.shell.base import HallScreen
from screens.widgets.table import HallTable
from console.core.numbers import money, number_text


def fee_text(fee_fen: int) -> str:
    """``0`` → ``free``/``免费``; ``10000`` → ``100.00 yuan``/``100.00 元``."""
    if fee_fen == 0:
        return t("ui.catalog.free")
    return money(fee_fen)


class CatalogScreen(HallScreen):
    """Search box above a table of items; Enter opens the highlighted item."""

    title_key = "ui.screen.catalog"
    TYPE_AHEAD = "#catalog-search"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "ui.key.back", tooltip="ui.tip.back", id="catalog.back"),
        Binding("ctrl+r", "toggle_retired", "ui.key.retired", tooltip="ui.tip.retired",
                id="catalog.toggle_retired"),
        Binding("ctrl+f", "focus_search", "ui.key.search", tooltip="ui.tip.search", id="catalog.search",
                show=False),
    ]
    """Escape back home, Ctrl+R show/hide retired items, Ctrl+F back to the search box.

    Enter (in the box or the table) opens the highlighted item; Down moves from
    the box into the table.
    """

    def __init__(self) -> None:
        super().__init__()
        self.include_retired = False
        self.codes: list[str] = []
        #: (query, include_retired) of the rows on show; Enter waits until they match the box
        self.shown: tuple[str, bool] | None = None
        self.open_when_shown = False

    def compose_body(self) -> ComposeResult:
        yield Input(id="catalog-search", placeholder=t("ui.catalog.search_hint"))
        yield Static("", id="catalog-status", classes="screen-hint", markup=False)
        table: DataTable = HallTable(id="catalog-table", cursor_type="row", zebra_stripes=True)
        self._add_columns(table)
        yield table

    @staticmethod
    def _add_columns(table: DataTable) -> None:
        for key in ("code", "name", "department", "days", "fee"):
            table.add_column(t(f"ui.catalog.col.{key}"), key=key)

    def on_mount(self) -> None:
        self.query_one("#catalog-search", Input).focus()
        self.search()

    # -- searching ----------------------------------------------------------------------

    def search(self) -> None:
        """Run the search for the box's text in a worker (cancels the previous one)."""
        from console.catalog.browse import search_items

        query = self.query_one("#catalog-search", Input).value
        wanted = (query, self.include_retired)
        self.run_use_case(search_items, query, include_retired=self.include_retired, limit=None,
                          on_result=lambda rows: self.show_results(rows, wanted), group="search")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "catalog-search":
            self.search()

    def show_results(self, rows, searched: tuple[str, bool] | None = None) -> None:
        """Fill the table with ``rows`` (:class:`console.catalog.browse.ItemSummary`) found for ``searched``."""
        table = self.query_one("#catalog-table", DataTable)
        table.clear(columns=True)  # columns again, so that their widths fit the rows shown
        self._add_columns(table)
        self.codes = []
        for row in rows:
            name = row.name if row.active else t("ui.catalog.retired_name", name=row.name, year=row.retired_year)
            table.add_row(row.code, name, row.department, str(row.promised_days), fee_text(row.fee_fen),
                          key=row.code)
            self.codes.append(row.code)
        key = "ui.catalog.count_all" if self.include_retired else "ui.catalog.count_active"
        self.query_one("#catalog-status", Static).update(t(key, count=number_text(len(rows))))
        self.shown = searched
        if self.open_when_shown and self.is_current():
            self.open_when_shown = False
            self.open_highlighted()

    # -- keys ------------------------------------------------------------------------------

    def is_current(self) -> bool:
        """True when the table shows the results of what is in the box now."""
        return self.shown == (self.query_one("#catalog-search", Input).value, self.include_retired)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter opens the top result; typed ahead of the search, it waits for the results."""
        event.stop()
        if self.is_current():
            self.open_highlighted()
        else:
            self.open_when_shown = True

    def on_key(self, event) -> None:
        """Down leaves the box for the table; Enter before anything has focus opens the top item.

        Letters typed while the box has no focus continue the search (``TYPE_AHEAD``).
        """
        search = self.query_one("#catalog-search", Input)
        if self.focused is search and event.key == "down":
            event.stop()
            event.prevent_default()
            self.query_one("#catalog-table", DataTable).focus()
        elif event.key == "enter" and self.focused is None:
            event.stop()
            event.prevent_default()
            self.on_input_submitted(Input.Submitted(search, search.value))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.open_item(str(event.row_key.value))

    def open_highlighted(self) -> None:
        table = self.query_one("#catalog-table", DataTable)
        if self.codes and 0 <= table.cursor_row < len(self.codes):
            self.open_item(self.codes[table.cursor_row])

    def open_item(self, code: str) -> None:
        self.app.push_screen(ItemDetailScreen(code))

    def action_toggle_retired(self) -> None:
        self.include_retired = not self.include_retired
        self.search()

    def action_focus_search(self) -> None:
        self.query_one("#catalog-search", Input).focus()


class ItemDetailScreen(HallScreen):
    """One item: legal basis, procedure, materials, promised days, fee standard, fee basis."""

    title_key = "ui.screen.item"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "ui.key.back", tooltip="ui.tip.back", id="item.back"),
    ]
    """Escape back to the catalog; Up/Down/PageUp/PageDown scroll."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        self.item = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="item-body", can_focus=True):
            yield Static(self.code, id="item-heading", markup=False)
            yield Static("", id="item-meta", markup=False)
            for key in ("legal_basis", "procedure", "materials", "days", "fee", "fee_basis"):
                with Horizontal(classes="item-row"):
                    yield Static(t(f"ui.item.{key}"), classes="item-label", markup=False)
                    yield Static("", id=f"item-{key}", classes="item-value", markup=False)

    def on_mount(self) -> None:
        from console.catalog.browse import get_item

        self.query_one("#item-body").focus()
        self.run_use_case(get_item, self.code, on_result=self.show_item, group="load")

    def show_item(self, item) -> None:
        """Fill the sections from ``item`` (:class:`console.catalog.browse.ItemDetail`)."""
        self.item = item
        none = t("ui.item.none")
        self.query_one("#item-heading", Static).update(f"{item.code}  {item.name}")
        meta = [t("ui.item.department", department=item.department),
                t("ui.item.year", year=item.catalog_year)]
        if item.retired_year:
            meta.append(t("ui.item.retired", year=item.retired_year))
        if item.merged_into:
            meta.append(t("ui.item.merged", code=item.merged_into))
        self.query_one("#item-meta", Static).update("  ".join(meta))
        self.query_one("#item-legal_basis", Static).update(item.legal_basis or none)
        self.query_one("#item-procedure", Static).update(item.procedure or none)
        lines = []
        for m in item.materials:
            need = t("ui.item.required") if m.required else t("ui.item.optional")
            line = t("ui.item.material", position=m.position, name=m.name, need=need, copies=m.copies)
            lines.append(line + (f" ({m.note})" if m.note else ""))
        self.query_one("#item-materials", Static).update("\n".join(lines) or none)
        self.query_one("#item-days", Static).update(t("ui.item.days_value", days=item.promised_days))
        fee = fee_text(item.fee_fen)
        standard = item.fee_standard.strip()
        fee_line = f"{standard} ({fee})" if standard and standard != fee else fee
        if item.waiver_allowed:
            fee_line += "  " + t("ui.item.waiver")
        self.query_one("#item-fee", Static).update(fee_line)
        self.query_one("#item-fee_basis", Static).update(item.fee_basis or none)
