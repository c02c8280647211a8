"""``hall report``: case figures (accepted, completed, completion rate, overdue, fees) and fee totals.

Both act ``--as`` a staff member who sees every case (``case.read_all``).
"""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)


def _report_table(result):
    from console.core.money import Yuan

    rows = [[r.label, r.accepted, r.completed, round(r.completion_rate, 1), r.overdue, Yuan(r.fees_fen)]
            for r in (*result.rows, result.total)]
    rows[-1][0] = t("report.total")
    return ([t("report.col_group"), t("report.col_accepted"), t("report.col_completed"), t("report.col_rate"),
             t("report.col_overdue"), t("report.col_fees")], rows,
            t("report.title", date_from=result.date_from.isoformat(), date_to=result.date_to.isoformat(),
              by=t(f"report.by_{result.by}")))


@app.command("cases")
def cases(
    date_from: str = typer.Option(..., "--from", help="First acceptance day (YYYY-MM-DD)."),
    date_to: str = typer.Option(..., "--to", help="Last acceptance day (YYYY-MM-DD)."),
    by: str = typer.Option("department", "--by", help="department, window, site, item, month or level (city, townships, villages)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Cases accepted in a period: accepted, completed, completion rate, overdue, fees."""
    from console.cases.reports import case_report
    from console.core.parsing import parse_date

    report(case_report, parse_date(date_from, "from"), parse_date(date_to, "to"), by,
           table=_report_table, json=lambda result: [r.as_dict() for r in result.rows], chart=_report_chart)


def _report_chart(result):
    """Accepted and completed per group: the bar chart of ``--format html``."""
    return ([r.label for r in result.rows],
            {t("report.col_accepted"): [r.accepted for r in result.rows],
             t("report.col_completed"): [r.completed for r in result.rows]},
            t("ops.chart.accepted_completed"))


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
    from console.core.money import Yuan
    from console.core.parsing import parse_date

    a, b = parse_date(date_from, "from"), parse_date(date_to, "to")
    report(fee_totals, a, b, by, table=lambda totals: (
        [t("report.col_group"), t("report.col_payments"), t("report.col_paid"), t("report.col_waivers"),
         t("report.col_waived")],
        [[x.label, x.payments, Yuan(x.paid_fen), x.waivers, Yuan(x.waived_fen)] for x in totals],
        t("report.fees_title", date_from=a.isoformat(), date_to=b.isoformat(), by=t(f"report.by_{by}"))))
