"""Writing a report or a listing in the format asked for: a table, JSON, CSV or an Excel workbook.

Every reporting command takes ``--format table|json|csv|xlsx`` and ``-o FILE``
(:func:`console.cli.common.add_output_options` adds them to every command that has
``--json``); :func:`console.cli.common.show` hands the result here.

**XLSX** is written in openpyxl's write-only mode, row by row, so that half a
million rows stay in bounded memory: cells are typed (dates and times as dates,
:class:`~console.core.money.Yuan` as numbers in a yuan format, whole numbers as
numbers), the header row is bold and frozen with a filter over the columns, and
each column is as wide as its longest value in the first rows (CJK counted twice).
Text that starts with ``=`` stays text, never a formula.  **CSV** files are UTF-8
with a BOM (Excel opens them); on standard output without a BOM.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from console.core.money import Yuan

FORMATS = ("table", "json", "csv", "xlsx", "html")
#: number format of money cells
YUAN_FORMAT = '#,##0.00" 元"'
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
#: rows looked at to size the columns (the rest streams through unmeasured)
WIDTH_SAMPLE = 500
MAX_WIDTH = 60


def text_width(value: Any) -> int:
    """Columns ``value`` takes on screen and in a spreadsheet (wide characters count twice)."""
    from rich.cells import cell_len

    return max((cell_len(line) for line in cell_text(value).splitlines() or [""]), default=0)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def plain(value: Any) -> Any:
    """``value`` as JSON: money as its text ("12.50"), dates ISO, the rest as it is."""
    if isinstance(value, (Yuan, Decimal)):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_xlsx(path: Path | str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *,
               title: str = "report", progress: Callable[[int], None] | None = None) -> int:
    """Stream ``rows`` under ``columns`` into a new workbook at ``path``; the number of rows written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(title))
    iterator = iter(rows)
    sample: list[Sequence[Any]] = []
    for row in iterator:
        sample.append(row)
        if len(sample) >= WIDTH_SAMPLE:
            break
    widths = [text_width(c) for c in columns]
    for row in sample:
        for index, value in enumerate(row[:len(widths)]):
            widths[index] = max(widths[index], text_width(value))
    for index, width in enumerate(widths, start=1):  # column widths go before any row in write-only mode
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=str(name))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0

    def emit(row: Sequence[Any]) -> None:
        sheet.append([_cell(sheet, value, WriteOnlyCell) for value in row])

    for row in sample:
        emit(row)
        count += 1
        if progress is not None:
            progress(count)
    for row in iterator:
        emit(row)
        count += 1
        if progress is not None and count % 1000 == 0:
            progress(count)
    if progress is not None:
        progress(count)
    last = get_column_letter(max(1, len(columns)))
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    from console.core.files import private_file

    private_file(Path(path))  # exports may hold personal data: 0600 from the start
    book.save(str(path))
    return count


def _sheet_title(title: str) -> str:
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in title).strip() or "report"
    return cleaned[:31]


def _cell(sheet, value: Any, cell_type):
    if isinstance(value, Yuan):
        cell = cell_type(sheet, value=value.value)
        cell.number_format = YUAN_FORMAT
        return cell
    if isinstance(value, datetime):
        cell = cell_type(sheet, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = cell_type(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, bool) or value is None:
        return cell_type(sheet, value=value)
    if isinstance(value, (int, float, Decimal)):
        return cell_type(sheet, value=value)
    cell = cell_type(sheet, value=str(value))
    if cell.data_type == "f":
        cell.data_type = "s"  # "=1+1" typed by somebody is text, never a formula
    return cell


def write_csv(target, columns: Sequence[str], rows: Iterable[Sequence[Any]], *,
              progress: Callable[[int], None] | None = None) -> int:
    """Write CSV to a path (UTF-8 with BOM) or a text stream; the number of rows written."""
    from console.core.files import private_file
    from console.core.text import csv_cell

    own = not hasattr(target, "write")
    if own:
        private_file(Path(target))  # exports may hold personal data: 0600 from the start
    stream = open(target, "w", encoding="utf-8-sig", newline="") if own else target
    try:
        writer = csv.writer(stream)
        writer.writerow(columns)
        count = 0
        for row in rows:
            writer.writerow([csv_cell(cell_text(v)) for v in row])
            count += 1
            if progress is not None and count % 1000 == 0:
                progress(count)
        if progress is not None:
            progress(count)
        return count
    finally:
        if own:
            stream.close()


def write_json(target, data: Any) -> None:
    from console.core.text import json_safe

    text = json_safe(json.dumps(data, ensure_ascii=False, indent=2, default=lambda v: str(plain(v))))
    if hasattr(target, "write"):
        target.write(text + "\n")
    else:
        Path(target).write_text(text + "\n", encoding="utf-8")


def render_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None,
                 *, file=None) -> None:
    """A Rich table of ``rows`` to the terminal (or to ``file`` as plain text)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from console.core.text import printable

    table = Table(title=printable(title) if title else None, show_lines=False)
    for column in columns:
        table.add_column(str(column))
    for row in rows:  # plain text: neither markup nor escape sequences of older rows are obeyed
        table.add_row(*(Text(printable(cell_text(v))) for v in row))
    if file is None:
        Console().print(table)
    else:
        Console(file=file, width=200, color_system=None).print(table)


def records_table(records: Sequence[dict]) -> tuple[list[str], list[list[Any]]]:
    """A list of dicts as columns (the first record's keys, then any new ones) and rows."""
    columns: list[str] = []
    for record in records:
        for key in record:
            if key not in columns:
                columns.append(key)
    rows = [[_flat(record.get(c)) for c in columns] for record in records]
    return columns, rows


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ", ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value



def write_html(target, columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None, lang: str,
               chart: tuple[list[str], dict[str, list[float]], str] | None = None) -> None:
    """A print-ready HTML report: the title, an inline SVG bar chart (when given) and the table."""
    import html as _html

    from console.core.printable import page_html
    from console.core.svgchart import bar_chart_svg

    parts = [f'<h1 class="doc-title">{_html.escape(title or "")}</h1>']
    if chart is not None:
        labels, series, chart_title = chart
        parts.append(f'<figure class="report-chart">{bar_chart_svg(labels, series, chart_title)}</figure>')
    head = "".join(f"<th>{_html.escape(str(c))}</th>" for c in columns)
    body = "\n".join("<tr>" + "".join(
        f'<td class="{"num" if isinstance(v, (int, float, Decimal, Yuan)) and not isinstance(v, bool) else ""}">'
        f"{_html.escape(cell_text(v))}</td>" for v in row) + "</tr>" for row in rows)
    parts.append(f'<table class="doc-fields report"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')
    css = ("table.report th { width: auto; } table.report td.num { text-align: right; } "
           "figure.report-chart { margin: 0 0 5mm; } figure.report-chart svg { width: 100%; height: auto; }")
    text = page_html(title or "report", ['<section class="doc">' + "\n".join(parts) + "</section>"], lang,
                     extra_css=css)
    if hasattr(target, "write"):
        target.write(text)
    else:
        Path(target).write_text(text, encoding="utf-8")
