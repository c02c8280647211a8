"""Files of rows for imports and exports: CSV (UTF-8 or GB18030) or XLSX (the first sheet).

The catalog import and the organization import read their files here, and the
exports write theirs: CSV in UTF-8 with a BOM (Excel opens it), every text a
spreadsheet would run as a formula written with a leading apostrophe; XLSX with
typed cells, never a formula.  Row numbers count records as a spreadsheet does:
the header is row 1.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from console.core.errors import Invalid, NotFound, RowError
from console.core.text import csv_cell


def file_kind(path: Path) -> str:
    """``csv`` or ``xlsx`` by the file's suffix; :class:`Invalid` for anything else."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    raise Invalid("catalog.file_type", field="FILE", path=str(path))


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK, Excel's Chinese default)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Invalid("catalog.encoding", field="FILE", path=str(path))


def cell_text(value: object) -> str:
    """A spreadsheet cell's value as the text a CSV file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def read_table(path: Path) -> list[tuple[int, list[str]]]:
    """``(row number, cells)`` of every record in a CSV or XLSX file (header included, row 1)."""
    kind = file_kind(path)
    if not path.is_file():
        raise NotFound("catalog.file_missing", path=str(path))
    if kind == "csv":
        try:
            data = path.read_bytes()
        except OSError as error:
            raise Invalid("catalog.file_unreadable", field="FILE", path=str(path), detail=error.strerror) from None
        text = decode_text(data, path)
        try:
            rows = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as error:
            raise Invalid("catalog.file_unreadable", field="FILE", path=str(path), detail=str(error)) from None
        return [(n, row) for n, row in enumerate(rows, start=1)]
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # not a zip, not a workbook, damaged
        raise Invalid("catalog.file_unreadable", field="FILE", path=str(path),
                      detail=str(error) or type(error).__name__) from None
    try:
        if not book.worksheets:
            return []
        sheet = book.worksheets[0]
        return [(n, [cell_text(v) for v in row])
                for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()


def write_table(path: Path, columns: Sequence[str], rows: list[list[object]], *, title: str) -> None:
    """Write the header ``columns`` and ``rows`` as CSV (UTF-8 with BOM, which Excel opens) or XLSX
    (typed cells, column widths, a frozen header row and a filter; ``title`` names the sheet)."""
    kind = file_kind(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "csv":
            with path.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                writer.writerows([csv_cell(v) for v in row] for row in rows)
            return
        from console.core.tabular import write_xlsx

        write_xlsx(path, columns, rows, title=title)  # typed, never a formula
    except OSError as error:
        raise Invalid("catalog.file_unwritable", field="FILE", path=str(path),
                      detail=error.strerror or str(error)) from None


def check_header(cells: list[str], columns: Sequence[str], messages: str) -> tuple[dict[str, int], list[RowError]]:
    """Column name → position from a header row, and its problems (unknown, repeated, missing columns).

    ``messages`` names the importer's message keys: ``<messages>.err_header_unknown``,
    ``…_duplicate`` and ``…_missing``.  Names are matched without case, space or a BOM.
    """
    from console.core.i18n import t

    errors: list[RowError] = []
    index: dict[str, int] = {}
    for i, raw in enumerate(cells):
        name = raw.strip().lstrip("\ufeff").lower()
        if not name:
            continue
        if name not in columns:
            errors.append(RowError(1, raw.strip(), t(f"{messages}.err_header_unknown", column=raw.strip(),
                                                      expected=", ".join(columns))))
        elif name in index:
            errors.append(RowError(1, name, t(f"{messages}.err_header_duplicate", column=name)))
        else:
            index[name] = i
    missing = [c for c in columns if c not in index]
    if missing:
        errors.append(RowError(1, ", ".join(missing), t(f"{messages}.err_header_missing", columns=", ".join(missing))))
    return index, errors

