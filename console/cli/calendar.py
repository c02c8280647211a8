"""``hall calendar``: import, show, due dates and working-day counts."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, acting_staff, database, emit_json, emit_table, use_db
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)


def read_text_file(path: Path) -> str:
    """The text of ``path`` (UTF-8, a BOM allowed); :class:`Invalid` when unreadable."""
    from console.core.errors import Invalid

    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise Invalid("calendar.file_unreadable", field="file", path=str(path), detail=str(error)) from None


@app.command("import")
def import_(
    file: Path = typer.Argument(..., metavar="FILE", help="CSV rows: date,kind[,note] (kind: workday or holiday)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import overrides and whole years the library does not know (all or nothing)."""
    from console.calendar.workdays import import_calendar

    use_db(db)
    text = read_text_file(file)
    actor = acting_staff(as_)
    with database().write() as s:
        result = import_calendar(s, actor, text)
    if as_json:
        emit_json(result.as_dict())
        return
    typer.echo(t("calendar.imported", days=result.days, years=", ".join(map(str, result.years_added)) or "-"))


@app.command("show")
def show(
    year: int = typer.Argument(..., help="The year."),
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Holidays and make-up workdays of YEAR, with their source (library or override)."""
    from console.calendar.workdays import year_entries

    use_db(db)
    with database().read() as s:
        entries = year_entries(s, year)
    if as_json:
        emit_json([e.as_dict() for e in entries])
        return
    weekdays = "一二三四五六日"
    rows = [
        [e.day.isoformat(), weekdays[e.day.weekday()] if _zh() else e.day.strftime("%a"),
         t(f"calendar.kind_{e.kind}"), t(f"calendar.source_{e.source}"), e.note]
        for e in entries
    ]
    emit_table([t("calendar.col_date"), t("calendar.col_weekday"), t("calendar.col_kind"),
                t("calendar.col_source"), t("calendar.col_note")], rows, title=t("calendar.show_title", year=year))


def _zh() -> bool:
    from console.core.i18n import get_language

    return get_language() == "zh_CN"


@app.command("due")
def due(
    start: str = typer.Argument(..., metavar="DATE", help="The acceptance day (YYYY-MM-DD); it is not counted."),
    days: int = typer.Argument(..., metavar="DAYS", help="Promised working days."),
    db: Optional[str] = DB_OPTION,
) -> None:
    """Print the due date, DAYS working days after DATE, as YYYY-MM-DD."""
    from console.calendar.workdays import due_date, parse_date

    use_db(db)
    day = parse_date(start)
    with database().read() as s:
        typer.echo(due_date(s, day, days).isoformat())


@app.command("workdays")
def workdays(
    start: str = typer.Argument(..., metavar="FROM", help="First day, not counted (YYYY-MM-DD)."),
    end: str = typer.Argument(..., metavar="TO", help="Last day, counted (YYYY-MM-DD)."),
    db: Optional[str] = DB_OPTION,
) -> None:
    """Print the number of working days after FROM up to and including TO."""
    from console.calendar.workdays import count_workdays, parse_date

    use_db(db)
    a, b = parse_date(start, "from"), parse_date(end, "to")
    with database().read() as s:
        typer.echo(str(count_workdays(s, a, b)))
