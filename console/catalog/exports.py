"""Catalog export: the whole catalog (retired items too) as CSV or XLSX, in the format import reads."""

from __future__ import annotations

from pathlib import Path

from console.catalog.browse import ItemDetail, item_details
from console.catalog.imports import COLUMNS, file_kind
from console.catalog.materials import format_materials
from console.core.context import Context
from console.core import tablefile
from console.core.money import Yuan
from console.core.runner import use_case


def export_rows(items: list[ItemDetail]) -> list[list[object]]:
    """``items`` as rows of :data:`~console.catalog.imports.COLUMNS`."""
    rows: list[list[object]] = []
    for item in items:
        rows.append([
            item.code, item.name, item.department_code, item.legal_basis, item.procedure,
            item.promised_days, Yuan(item.fee_fen), item.fee_standard, item.fee_basis,
            format_materials(item.materials), "yes" if item.waiver_allowed else "no", item.catalog_year,
            "" if item.retired_year is None else item.retired_year, item.merged_into or "",
        ])
    return rows


def write_table(path: Path, rows: list[list[object]]) -> None:
    """Write the header and ``rows`` as CSV (UTF-8 with BOM, which Excel opens) or XLSX (typed cells, column
    widths, a frozen header row and a filter)."""
    tablefile.write_table(path, COLUMNS, rows, title="catalog")  # typed (the fee a number in yuan), never a formula


@use_case("catalog.read")
def export_catalog(ctx: Context, path: Path | str) -> int:
    """Write the whole catalog (retired items too) to a CSV or XLSX file; returns the item count."""
    path = Path(path)
    file_kind(path)
    rows = export_rows(item_details(ctx, include_retired=True))
    write_table(path, rows)
    return len(rows)
