"""The figures the reports screen charts: the case report by month, department or site level.

``level`` adds up the sites of each kind — the city center, the township centers, the
village service rooms — the three-level network the hall reports on.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from console.cases.reports import CaseReport, ReportRow, case_report
from console.core.context import Context
from console.core.errors import Invalid
from console.core.i18n import t
from console.core.runner import use_case

CHART_GROUPINGS = ("month", "department", "level")


@use_case("case.read_all")
def chart_report(ctx: Context, date_from: date, date_to: date, by: str = "month") -> CaseReport:
    """:func:`console.cases.reports.case_report` by ``month`` or ``department``, or by site ``level``."""
    if by not in CHART_GROUPINGS:
        raise Invalid("case.report_bad_by", field="by", value=by, choices=", ".join(CHART_GROUPINGS))
    if by != "level":
        return case_report(ctx, date_from, date_to, by)
    from models.org import Site

    sites = case_report(ctx, date_from, date_to, "site")
    kinds = {str(i): getattr(k, "value", k) for i, k in ctx.session.execute(select(Site.id, Site.kind))}
    sums: dict[str, list[int]] = {}
    for row in sites.rows:
        kind = kinds.get(row.key, "center")
        acc = sums.setdefault(kind, [0, 0, 0, 0])
        for i, value in enumerate((row.accepted, row.completed, row.overdue, row.fees_fen)):
            acc[i] += value
    order = ["center", "township", "village"]
    rows = tuple(ReportRow(kind, t(f"ops.level.{kind}"), *sums[kind])
                 for kind in sorted(sums, key=lambda k: order.index(k) if k in order else 9))
    return CaseReport(date_from, date_to, "level", rows, sites.total)
