"""``hall report``: case figures (accepted, completed, completion rate, overdue, fees) and fee totals."""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, database, emit_json, emit_table, reader, use_db
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)


@app.command("cases")
def cases(
    date_from: str = typer.Option(..., "--from", help="First acceptance day (YYYY-MM-DD)."),
    date_to: str = typer.Option(..., "--to", help="Last acceptance day (YYYY-MM-DD)."),
    by: str = typer.Option("department", "--by", help="department, window, site, item or month."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Cases accepted in a period: accepted, completed, completion rate, overdue, fees."""
    from console.cases.reports import case_report
    from console.catalog.browse import fen_to_yuan
    from console.calendar.workdays import parse_date

    use_db(db)
    a, b = parse_date(date_from, "from"), parse_date(date_to, "to")
    actor = reader(as_)
    with database().read() as s:
        report = case_report(s, actor, a, b, by)
    if as_json:
        emit_json([r.as_dict() for r in report.rows])
        return
    rows = [[r.label, r.accepted, r.completed, f"{r.completion_rate:.1f}", r.overdue, fen_to_yuan(r.fees_fen)]
            for r in (*report.rows, report.total)]
    rows[-1][0] = t("report.total")
    emit_table([t("report.col_group"), t("report.col_accepted"), t("report.col_completed"), t("report.col_rate"),
                t("report.col_overdue"), t("report.col_fees")], rows,
               title=t("report.title", date_from=a.isoformat(), date_to=b.isoformat(), by=t(f"report.by_{by}")))


@app.command("fees")
def fees(
    date_from: str = typer.Option(..., "--from", help="First day (YYYY-MM-DD)."),
    date_to: str = typer.Option(..., "--to", help="Last day (YYYY-MM-DD)."),
    by: str = typer.Option("day", "--by", help="day, window or department."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Fee payments and waivers recorded in a period, by day, window or department."""
    from console.cases.fees import fee_totals
    from console.catalog.browse import fen_to_yuan
    from console.core.errors import Invalid
    from console.calendar.workdays import parse_date

    use_db(db)
    a, b = parse_date(date_from, "from"), parse_date(date_to, "to")
    if by not in ("day", "window", "department"):
        raise Invalid("case.fee_bad_by", field="by", value=by)
    actor = reader(as_)
    with database().read() as s:
        totals = fee_totals(s, actor, a, b, by)
    if as_json:
        emit_json([x.as_dict() for x in totals])
        return
    emit_table([t("report.col_group"), t("report.col_payments"), t("report.col_paid"), t("report.col_waivers"),
                t("report.col_waived")],
               [[x.label, x.payments, fen_to_yuan(x.paid_fen), x.waivers, fen_to_yuan(x.waived_fen)] for x in totals],
               title=t("report.fees_title", date_from=a.isoformat(), date_to=b.isoformat(), by=t(f"report.by_{by}")))
