"""``hall calendar``: import, show, due dates and working-day counts.

``import`` acts ``--as`` an administrator (``calendar.manage``); ``show``, ``due`` and
``workdays`` are public.  A year whose official calendar is not known yet is
answered on the provisional calendar (weekends and statutory holidays, no make-up
workdays) and said so — on standard error, or as ``"provisional": true`` with
``--json``; ``--strict`` refuses such a year instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, STATE, report
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)

#: ``--strict`` on the reading commands
STRICT_OPTION = typer.Option(
    False, "--strict",
    help="Refuse a year whose official calendar is not known yet instead of answering provisionally.",
)


def read_text_file(path: Path) -> str:
    """The text of ``path`` (UTF-8, a BOM allowed, or GBK); :class:`Invalid` when unreadable."""
    from console.core.errors import Invalid
    from console.core.text import decode_import

    try:
        content = decode_import(path.read_bytes())
    except OSError as error:
        raise Invalid("calendar.file_unreadable", field="file", path=str(path), detail=str(error)) from None
    if content is None:
        raise Invalid("calendar.file_unreadable", field="file", path=str(path), detail="neither UTF-8 nor GBK")
    return content


def _note_provisional(result) -> None:
    """Say on standard error that ``result`` counted a year on the provisional calendar."""
    if result.provisional and not STATE.json:
        typer.echo(t("calendar.provisional_note", years=", ".join(map(str, result.provisional_years))), err=True)


@app.command("import")
def import_(
    file: Path = typer.Argument(..., metavar="FILE", help="CSV rows: date,kind[,note] (kind: workday or holiday)."),
    complete: bool = typer.Option(
        False, "--complete",
        help="The file is the whole official schedule of the years it names: they stop being provisional."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Import overrides, or with --complete whole official years; open cases' due dates are recomputed."""
    from console.cases.clock import import_official_calendar

    def text(result) -> str:
        lines = [t("calendar.imported", days=result.days, years=", ".join(map(str, result.years_added)) or "-"),
                 t("law.recomputed", checked=result.rechecked, moved=len(result.moved))]
        lines += [t("law.recomputed_case", **m) for m in result.moved]
        return "\n".join(lines)

    report(import_official_calendar, read_text_file(file), complete=complete, text=text)


def _zh() -> bool:
    from console.core.i18n import get_language

    return get_language() == "zh_CN"


def _entries_table(entries, year: int):
    weekdays = "一二三四五六日"
    rows = [
        [e.day.isoformat(), weekdays[e.day.weekday()] if _zh() else e.day.strftime("%a"),
         t(f"calendar.kind_{e.kind}"), t(f"calendar.source_{e.source}"), e.note]
        for e in entries
    ]
    return ([t("calendar.col_date"), t("calendar.col_weekday"), t("calendar.col_kind"),
             t("calendar.col_source"), t("calendar.col_note")], rows, t("calendar.show_title", year=year))


@app.command("show")
def show(
    year: int = typer.Argument(..., help="The year."),
    strict: bool = STRICT_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Holidays and make-up workdays of YEAR, with their source (library or override)."""
    from console.calendar.workdays import year_entries

    report(year_entries, year, strict=strict, table=lambda entries: _entries_table(entries, year))


@app.command("due")
def due(
    start: str = typer.Argument(..., metavar="DATE", help="The acceptance day (YYYY-MM-DD); it is not counted."),
    days: int = typer.Argument(..., metavar="DAYS", help="Promised working days."),
    strict: bool = STRICT_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Print the due date, DAYS working days after DATE, as YYYY-MM-DD."""
    from console.calendar.workdays import due as due_of
    from console.core.parsing import parse_date

    result = report(due_of, parse_date(start, "date"), days, strict=strict, text=lambda r: r.due.isoformat())
    _note_provisional(result)


@app.command("workdays")
def workdays(
    start: str = typer.Argument(..., metavar="FROM", help="First day, not counted (YYYY-MM-DD)."),
    end: str = typer.Argument(..., metavar="TO", help="Last day, counted (YYYY-MM-DD)."),
    strict: bool = STRICT_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Print the number of working days after FROM up to and including TO."""
    from console.calendar.workdays import count_workdays
    from console.core.parsing import parse_date

    result = report(count_workdays, parse_date(start, "from"), parse_date(end, "to"), strict=strict,
                    text=lambda r: str(r.workdays))
    _note_provisional(result)
