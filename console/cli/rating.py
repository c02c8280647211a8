"""``hall rating``: record applicant ratings (好差评), list them, and close bad ratings' rectifications.

Every command acts ``--as`` a staff member: ``add`` needs ``rating.record``,
the lists ``assess.read``, ``close`` ``assess.manage``.
"""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)


@app.command("add")
def add(
    level: str = typer.Argument(..., metavar="LEVEL", help="1-5 (1 = very satisfied … 5 = very dissatisfied) or the level's name."),
    ticket: Optional[str] = typer.Option(None, "--ticket", metavar="NUMBER", help="Ticket number (today's unless --date)."),
    case: Optional[str] = typer.Option(None, "--case", metavar="CASE_NO", help="Case number."),
    on: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help="Day of the ticket (default today)."),
    window: Optional[str] = typer.Option(None, "--window", metavar="WINDOW", help="Window whose site issued the ticket."),
    reason: str = typer.Option("", "--reason", help="Why (required for a bad rating)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record the applicant's rating of one visit (a ticket or a case)."""
    from console.assess.ratings import rate_case, rate_ticket
    from console.core.errors import Invalid
    from console.core.parsing import parse_optional_date

    if bool(ticket) == bool(case):
        raise Invalid("rating.visit_required", field="visit")
    if ticket:
        report(rate_ticket, ticket, level, reason=reason, on=parse_optional_date(on), window=window, text=_saved)
    else:
        report(rate_case, case, level, reason=reason, text=_saved)


def _saved(row) -> str:
    lines = [t("rating.saved", level=row.level_name, visit=row.ticket or row.case)]
    if row.rectification_due:
        lines.append(t("rating.rectification_opened", due=row.rectification_due))
    return "\n".join(lines)


@app.command("list")
def list_(
    month: Optional[str] = typer.Option(None, "--month", metavar="YYYY-MM", help="Only this month."),
    bad: bool = typer.Option(False, "--bad", help="Only bad ratings."),
    window: Optional[str] = typer.Option(None, "--window", metavar="WINDOW", help="Only this window."),
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
) -> None:
    """List ratings, newest first."""
    from console.assess.ratings import list_ratings

    report(list_ratings, month=month, bad_only=bad, window=window, table=lambda rows: (
        [t("rating.col_at"), t("rating.col_level"), t("rating.col_visit"), t("assess.col_window"),
         t("rating.col_staff"), t("assess.col_reason")],
        [[r.rated_at, r.level_name, r.ticket or r.case, r.window or "-", r.staff or "-", r.reason]
         for r in rows],
    ))


@app.command("summary")
def summary(
    month: str = typer.Argument(..., metavar="YYYY-MM", help="The month."),
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
) -> None:
    """The month's ratings by level; visits unrated for 7 days count as basically satisfied."""
    from console.assess.ratings import LEVELS, level_name, rating_summary

    report(rating_summary, month, table=lambda result: (
        [t("rating.col_level"), t("assess.col_count")],
        [[level_name(level), result.counts[level.value]] for level in LEVELS]
        + [[t("rating.satisfied_share"), f"{result.satisfied_share:.2%}"]],
        t("rating.summary_title", month=result.month, defaulted=result.defaulted),
    ))


@app.command("rectifications")
def rectifications(
    all_: bool = typer.Option(False, "--all", help="Closed ones too."),
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
) -> None:
    """Bad ratings' rectifications by due date (open ones unless --all)."""
    from console.assess.rectifications import list_rectifications

    report(list_rectifications, open_only=not all_, table=lambda rows: (
        [t("rating.col_id"), t("rating.col_level"), t("assess.col_window"), t("rating.col_staff"),
         t("assess.col_reason"), t("rating.col_due"), t("rating.col_status"), t("rating.col_callback")],
        [[r.id, r.level_name, r.window or "-", r.staff or "-", r.reason, r.due_on,
          t("rating.status_" + r.status) + (" " + t("rating.overdue") if r.overdue else ""), r.callback]
         for r in rows],
    ))


@app.command("close")
def close(
    rectification: int = typer.Argument(..., metavar="ID", help="Rectification id."),
    callback: str = typer.Option(..., "--callback", help="What the applicant said on the call-back."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Close a rectification with the recorded call-back."""
    from console.assess.rectifications import close_rectification

    report(close_rectification, rectification, callback, text=lambda row: t("rating.closed", id=row.id))
