"""``hall catalog``: import, export, list, show, guide, retire and diff the item catalog.

``list``, ``show`` and ``guide`` are public (the six disclosures are published):
they need no log-in.  ``export`` and ``diff`` act ``--as`` a staff member who may
read the catalog, ``import`` and ``retire`` one who may manage it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report, run
from console.core.i18n import t
from console.core.parsing import format_yuan

app = typer.Typer(no_args_is_help=True)


@app.command("import")
def import_(
    file: Path = typer.Argument(..., metavar="FILE", help="A .csv or .xlsx file in the catalog file format."),
    update: bool = typer.Option(False, "--update", help="Replace items whose code exists already (and their materials)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import catalog items from CSV or XLSX: all rows or none (every bad row is reported)."""
    from console.catalog.imports import import_catalog

    report(import_catalog, file, update=update,
           text=lambda result: t("catalog.imported", created=len(result.created), updated=len(result.updated)))


@app.command("export")
def export(
    file: Path = typer.Argument(..., metavar="FILE", help="Where to write: .csv (UTF-8 with BOM) or .xlsx."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Export the whole catalog (retired items too) in the format import reads."""
    from console.catalog.exports import export_catalog

    count = run(export_catalog, file)
    typer.echo(t("catalog.exported", count=count, path=str(file)))


@app.command("list")
def list_(
    department: Optional[str] = typer.Option(None, "--department", "-d", help="Only this department (code or name)."),
    show_all: bool = typer.Option(False, "--all", help="Include retired items."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List catalog items (active ones unless --all)."""
    from console.catalog.browse import list_items

    report(list_items, department=department, include_retired=show_all,
           table=lambda items: _items_table(items, with_retired_year=show_all))


def _items_table(items, *, with_retired_year: bool):
    """The columns, rows and title of ``hall catalog list``."""
    columns = [t("catalog.col_code"), t("catalog.col_name"), t("catalog.col_department"),
               t("catalog.col_days"), t("catalog.col_fee"), t("catalog.col_catalog_year")]
    if with_retired_year:
        columns.append(t("catalog.col_retired_year"))
    rows = []
    for item in items:
        row = [item.code, item.name, item.department, item.promised_days, format_yuan(item.fee_fen),
               item.catalog_year]
        if with_retired_year:
            row.append(item.retired_year)
        rows.append(row)
    return columns, rows, t("catalog.list_title", count=len(items))


@app.command("show")
def show(
    code: str = typer.Argument(..., metavar="CODE", help="The item's code."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one item with its six disclosures."""
    from console.catalog.browse import get_item

    report(get_item, code, text=_item_text)


def _item_text(item) -> str:
    """An item as ``hall catalog show`` prints it: heading, state, then the six disclosures."""
    from console.catalog.guide import disclosures

    lines = [f"{item.code}  {item.name}"]
    lines.append(f"{t('catalog.col_department')}: {item.department} ({item.department_code})")
    status = t("catalog.status_active") if item.active else t("catalog.status_retired", year=item.retired_year)
    lines.append(f"{t('catalog.col_catalog_year')}: {item.catalog_year}    {status}")
    if item.merged_into:
        lines.append(f"{t('catalog.col_merged_into')}: {item.merged_into}")
    lines.append(f"{t('catalog.label_waiver')}: {t('catalog.yes') if item.waiver_allowed else t('catalog.no')}")
    lines.append("")
    for label, value in disclosures(item):
        if isinstance(value, list):
            lines.append(f"{label}:")
            lines += [f"  {n}. {line}" for n, line in enumerate(value, start=1)]
        else:
            parts = value.splitlines() or [""]
            lines.append(f"{label}: {parts[0]}")
            lines += [f"  {line}" for line in parts[1:]]
    return "\n".join(lines)


@app.command("guide")
def guide(
    fmt: str = typer.Option("md", "--format", "-f", metavar="md|html", help="Markdown or a standalone HTML page."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="FILE", help="Write to FILE instead of printing."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """The public service guide (政务公开指南): every active item by department with its six disclosures."""
    from console.catalog.guide import render_guide

    text = run(render_guide, fmt.strip().lower())
    if output is None:
        typer.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    typer.echo(t("catalog.guide_written", path=str(output)))


@app.command("retire")
def retire(
    code: str = typer.Argument(..., metavar="CODE", help="The item to retire."),
    year: int = typer.Option(..., "--year", help="The first catalog year without the item."),
    merged_into: Optional[str] = typer.Option(None, "--merged-into", metavar="CODE", help="The item that absorbed it."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Retire an item from a catalog year on, optionally merged into another item."""
    from console.catalog.admin import retire_item

    report(retire_item, code, year, merged_into=merged_into, text=lambda item: (
        t("catalog.merged", code=item.code, year=year, target=item.merged_into) if item.merged_into
        else t("catalog.retired", code=item.code, year=year)))


@app.command("diff")
def diff(
    year_a: int = typer.Argument(..., metavar="YEAR_A"),
    year_b: int = typer.Argument(..., metavar="YEAR_B"),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Items added, retired and merged between the catalogs of two years, with both totals."""
    from console.catalog.admin import diff_years

    report(diff_years, year_a, year_b, text=_diff_text)


def _diff_text(result) -> str:
    """Both totals, the counts, then a table of each kind of change that happened."""
    base = [t("catalog.col_code"), t("catalog.col_name"), t("catalog.col_department")]
    tables = []
    if result.added:
        tables.append((base + [t("catalog.col_catalog_year")],
                       [[e.code, e.name, e.department, e.catalog_year] for e in result.added],
                       t("catalog.diff_added")))
    if result.retired:
        tables.append((base + [t("catalog.col_retired_year")],
                       [[e.code, e.name, e.department, e.retired_year] for e in result.retired],
                       t("catalog.diff_retired")))
    if result.merged:
        tables.append((base + [t("catalog.col_retired_year"), t("catalog.col_merged_into")],
                       [[e.code, e.name, e.department, e.retired_year, e.merged_into] for e in result.merged],
                       t("catalog.diff_merged")))
    lines = [t("catalog.diff_totals", year_a=result.year_a, total_a=result.total_a, year_b=result.year_b,
               total_b=result.total_b),
             t("catalog.diff_counts", added=len(result.added), retired=len(result.retired),
               merged=len(result.merged))]
    return "\n".join(lines + ([_rendered(tables)] if tables else []))


def _rendered(tables) -> str:
    """``(columns, rows, title)`` tables drawn as :func:`console.cli.common.emit_table` draws them, as text."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    with console.capture() as captured:
        for columns, rows, title in tables:
            table = Table(title=title, show_lines=False)
            for column in columns:
                table.add_column(column)
            for row in rows:
                table.add_row(*("" if v is None else str(v) for v in row))
            console.print(table)
    return captured.get().rstrip("\n")


from console.cli import catalog_law  # noqa: E402 - the law's item rules join this group

app.add_typer(catalog_law.app)
