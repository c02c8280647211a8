"""``hall catalog``: import, export, list, show, guide, retire and diff the item catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from console.cli.common import (
    AS_OPTION,
    DB_OPTION,
    JSON_OPTION,
    acting_staff,
    database,
    emit_json,
    emit_table,
    reader,
    use_db,
)
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)

READ_AS_OPTION = typer.Option(
    None, "--as", metavar="EMPLOYEE_NO",
    help="Read as this staff member (PIN from HALL_PIN or a prompt). Default: HALL_AS, else the read-only shell.",
)


@app.command("import")
def import_(
    file: Path = typer.Argument(..., metavar="FILE", help="A .csv or .xlsx file in the catalog file format."),
    update: bool = typer.Option(False, "--update", help="Replace items whose code exists already (and their materials)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import catalog items from CSV or XLSX: all rows or none (every bad row is reported)."""
    from console.catalog.files import import_catalog

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as session:
        result = import_catalog(session, actor, file, update=update)
    if as_json:
        emit_json(result.as_dict())
    else:
        typer.echo(t("catalog.imported", created=len(result.created), updated=len(result.updated)))


@app.command("export")
def export(
    file: Path = typer.Argument(..., metavar="FILE", help="Where to write: .csv (UTF-8 with BOM) or .xlsx."),
    as_: Optional[str] = READ_AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Export the whole catalog (retired items too) in the format import reads."""
    from console.catalog.files import export_catalog

    use_db(db)
    actor = reader(as_)
    with database().read() as session:
        count = export_catalog(session, actor, file)
    typer.echo(t("catalog.exported", count=count, path=str(file)))


@app.command("list")
def list_(
    department: Optional[str] = typer.Option(None, "--department", "-d", help="Only this department (code or name)."),
    show_all: bool = typer.Option(False, "--all", help="Include retired items."),
    as_: Optional[str] = READ_AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List catalog items (active ones unless --all)."""
    from console.catalog.browse import fen_to_yuan, list_items

    use_db(db)
    actor = reader(as_)
    with database().read() as session:
        items = list_items(session, actor, department=department, include_retired=show_all)
    if as_json:
        emit_json([item.as_dict() for item in items])
        return
    columns = [t("catalog.col_code"), t("catalog.col_name"), t("catalog.col_department"),
               t("catalog.col_days"), t("catalog.col_fee"), t("catalog.col_catalog_year")]
    if show_all:
        columns.append(t("catalog.col_retired_year"))
    rows = []
    for item in items:
        row = [item.code, item.name, item.department, item.promised_days, fen_to_yuan(item.fee_fen),
               item.catalog_year]
        if show_all:
            row.append(item.retired_year)
        rows.append(row)
    emit_table(columns, rows, title=t("catalog.list_title", count=len(items)))


@app.command("show")
def show(
    code: str = typer.Argument(..., metavar="CODE", help="The item's code."),
    as_: Optional[str] = READ_AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one item with its six disclosures."""
    from console.catalog.browse import get_item
    from console.catalog.guide import disclosures

    use_db(db)
    actor = reader(as_)
    with database().read() as session:
        item = get_item(session, actor, code)
    if as_json:
        emit_json(item.as_dict())
        return
    typer.echo(f"{item.code}  {item.name}")
    typer.echo(f"{t('catalog.col_department')}: {item.department} ({item.department_code})")
    status = t("catalog.status_active") if item.active else t("catalog.status_retired", year=item.retired_year)
    typer.echo(f"{t('catalog.col_catalog_year')}: {item.catalog_year}    {status}")
    if item.merged_into:
        typer.echo(f"{t('catalog.col_merged_into')}: {item.merged_into}")
    typer.echo(f"{t('catalog.label_waiver')}: {t('catalog.yes') if item.waiver_allowed else t('catalog.no')}")
    typer.echo("")
    for label, value in disclosures(item):
        if isinstance(value, list):
            typer.echo(f"{label}:")
            for n, line in enumerate(value, start=1):
                typer.echo(f"  {n}. {line}")
        else:
            lines = value.splitlines() or [""]
            typer.echo(f"{label}: {lines[0]}")
            for line in lines[1:]:
                typer.echo(f"  {line}")


@app.command("guide")
def guide(
    fmt: str = typer.Option("md", "--format", "-f", metavar="md|html", help="Markdown or a standalone HTML page."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", metavar="FILE", help="Write to FILE instead of printing."),
    as_: Optional[str] = READ_AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """The public service guide (政务公开指南): every active item by department with its six disclosures."""
    from console.catalog.guide import render_guide

    use_db(db)
    actor = reader(as_)
    with database().read() as session:
        text = render_guide(session, actor, fmt.strip().lower())
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

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as session:
        item = retire_item(session, actor, code, year, merged_into=merged_into)
    if as_json:
        emit_json(item.as_dict())
    elif item.merged_into:
        typer.echo(t("catalog.merged", code=item.code, year=year, target=item.merged_into))
    else:
        typer.echo(t("catalog.retired", code=item.code, year=year))


@app.command("diff")
def diff(
    year_a: int = typer.Argument(..., metavar="YEAR_A"),
    year_b: int = typer.Argument(..., metavar="YEAR_B"),
    as_: Optional[str] = READ_AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Items added, retired and merged between the catalogs of two years, with both totals."""
    from console.catalog.admin import diff_years

    use_db(db)
    actor = reader(as_)
    with database().read() as session:
        result = diff_years(session, actor, year_a, year_b)
    if as_json:
        emit_json(result.as_dict())
        return
    typer.echo(t("catalog.diff_totals", year_a=year_a, total_a=result.total_a, year_b=year_b,
                 total_b=result.total_b))
    typer.echo(t("catalog.diff_counts", added=len(result.added), retired=len(result.retired),
                 merged=len(result.merged)))
    base = [t("catalog.col_code"), t("catalog.col_name"), t("catalog.col_department")]
    if result.added:
        emit_table(base + [t("catalog.col_catalog_year")],
                   [[e.code, e.name, e.department, e.catalog_year] for e in result.added],
                   title=t("catalog.diff_added"))
    if result.retired:
        emit_table(base + [t("catalog.col_retired_year")],
                   [[e.code, e.name, e.department, e.retired_year] for e in result.retired],
                   title=t("catalog.diff_retired"))
    if result.merged:
        emit_table(base + [t("catalog.col_retired_year"), t("catalog.col_merged_into")],
                   [[e.code, e.name, e.department, e.retired_year, e.merged_into] for e in result.merged],
                   title=t("catalog.diff_merged"))
