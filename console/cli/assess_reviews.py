"""``hall assess review add | list`` and ``hall assess onsite add | list | compliance``.

Weekly reviews of windows and staff, and department heads' on-site days.  Every
command acts ``--as`` a staff member: reading needs ``assess.read``, writing
``assess.manage``.  Registered in :mod:`console.cli.assess`.
"""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.assess_rules import STAFF_OPTION, WINDOW_OPTION
from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report
from console.core.i18n import t

review_app = typer.Typer(no_args_is_help=True)
onsite_app = typer.Typer(no_args_is_help=True)


# --------------------------------------------------------------------------- reviews


@review_app.command("add")
def review_add(
    text: str = typer.Argument(..., metavar="TEXT", help="The review."),
    window: Optional[str] = WINDOW_OPTION,
    staff: Optional[str] = STAFF_OPTION,
    week: Optional[str] = typer.Option(None, "--week", metavar="YYYY-MM-DD", help="A day of the week reviewed (default this week)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Write a weekly review of a window or staff member."""
    from console.assess.reviews import add_review
    from console.core.parsing import parse_optional_date

    report(add_review, text, window=window, staff=staff, week=parse_optional_date(week, "week"),
           text=lambda row: t("assess.review_saved", target=row.target, week=row.week))


@review_app.command("list")
def review_list(
    window: Optional[str] = WINDOW_OPTION,
    staff: Optional[str] = STAFF_OPTION,
    week: Optional[str] = typer.Option(None, "--week", metavar="YYYY-MM-DD", help="Only the week of this day."),
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
) -> None:
    """List weekly reviews, newest first."""
    from console.assess.reviews import list_reviews
    from console.core.parsing import parse_optional_date

    report(list_reviews, window=window, staff=staff, week=parse_optional_date(week, "week"), table=lambda rows: (
        [t("assess.col_week"), t("assess.col_target"), t("assess.col_review"), t("assess.col_by")],
        [[r.week, f"{r.target} {r.target_name}", r.text, r.author] for r in rows],
    ))


# --------------------------------------------------------------------------- on-site days


@onsite_app.command("add")
def onsite_add(
    department: str = typer.Option(..., "--department", metavar="CODE", help="Department code or name."),
    head: str = typer.Option(..., "--head", help="The head's name."),
    on: str = typer.Option(..., "--date", metavar="YYYY-MM-DD", help="The day."),
    window: Optional[str] = WINDOW_OPTION,
    problems: str = typer.Option("", "--problems", help="The problems solved, in words."),
    solved: int = typer.Option(0, "--solved", help="How many problems were solved."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a department head's on-site day."""
    from console.assess.onsite import add_onsite_day
    from console.core.parsing import parse_date

    report(add_onsite_day, department, head=head, day=parse_date(on), window=window, problems=problems,
           solved=solved, text=lambda row: t("assess.onsite_saved", department=row.department_name, date=row.date))


@onsite_app.command("list")
def onsite_list(
    quarter: Optional[str] = typer.Option(None, "--quarter", metavar="YYYYQN", help="Only this quarter."),
    department: Optional[str] = typer.Option(None, "--department", metavar="CODE", help="Only this department."),
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
) -> None:
    """List the recorded on-site days."""
    from console.assess.onsite import list_onsite_days

    report(list_onsite_days, quarter=quarter, department=department, table=lambda rows: (
        [t("assess.col_date"), t("assess.col_department"), t("assess.col_head"), t("assess.col_window"),
         t("assess.col_solved"), t("assess.col_problems")],
        [[r.date, r.department_name, r.head, r.window or "-", r.solved, r.problems] for r in rows],
    ))


@onsite_app.command("compliance")
def onsite_compliance_cmd(
    quarter: Optional[str] = typer.Option(None, "--quarter", metavar="YYYYQN", help="The quarter (default this one)."),
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
) -> None:
    """Departments whose head has (not) worked a day at the hall this quarter."""
    from console.assess.onsite import onsite_compliance

    report(onsite_compliance, quarter, table=lambda rows: (
        [t("assess.col_department"), t("assess.col_name"), t("assess.col_days"), t("assess.col_last_day"),
         t("assess.col_compliant")],
        [[r.department, r.department_name, r.days, r.last_day or "-",
          t("assess.yes") if r.compliant else t("assess.missing")] for r in rows],
    ))
