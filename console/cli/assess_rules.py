"""``hall assess rules | rule-set | rule-add`` and ``hall assess entry add | list``: the rules and supervisor entries.

Every command acts ``--as`` a staff member: reading needs ``assess.read``,
changing ``assess.manage``.  Registered in :mod:`console.cli.assess`.
"""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, JSON_OPTION, report
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)
entry_app = typer.Typer(no_args_is_help=True)

WINDOW_OPTION = typer.Option(None, "--window", metavar="WINDOW", help="Window number (SITECODE/NUMBER outside the center).")
STAFF_OPTION = typer.Option(None, "--staff", metavar="EMPLOYEE_NO", help="Staff member's employee number.")


# --------------------------------------------------------------------------- rules


@app.command("rules")
def rules(db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION, as_: Optional[str] = AS_OPTION) -> None:
    """List the assessment rules: points per occurrence, monthly cap, source."""
    from console.assess.rules import list_rules

    report(list_rules, table=lambda rows: (
        [t("assess.col_code"), t("assess.col_name"), t("assess.col_target"), t("assess.col_category"),
         t("assess.col_points"), t("assess.col_cap"), t("assess.col_source"), t("assess.col_active")],
        [[r.code, r.name, t(f"assess.target_{r.target}"), t(f"assess.category_{r.category}"), f"{r.points:+d}",
          r.monthly_cap if r.monthly_cap is not None else "-", r.source, t("assess.yes") if r.active else t("assess.no")]
         for r in rows],
    ))


@app.command("rule-set")
def rule_set(
    code: str = typer.Argument(..., metavar="CODE", help="Rule code."),
    points: Optional[int] = typer.Option(None, "--points", help="Points per occurrence (negative deducts)."),
    cap: Optional[int] = typer.Option(None, "--cap", help="Monthly cap in points (0 removes the cap)."),
    name: Optional[str] = typer.Option(None, "--name", help="Rule name."),
    source: Optional[str] = typer.Option(None, "--source", help="A metric name, or manual."),
    category: Optional[str] = typer.Option(None, "--category", help="business or discipline."),
    active: Optional[bool] = typer.Option(None, "--active/--inactive", help="Use the rule or not."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Change a rule (frozen months keep their numbers)."""
    from console.assess.rules import set_rule

    changes: dict = {"name": name, "points": points, "source": source, "category": category, "active": active}
    if cap is not None:
        changes["monthly_cap"] = cap or None
    report(set_rule, code, **changes, text=lambda row: t("assess.rule_saved", code=row.code))


@app.command("rule-add")
def rule_add(
    code: str = typer.Argument(..., metavar="CODE", help="Rule code."),
    name: str = typer.Option(..., "--name", help="Rule name."),
    target: str = typer.Option(..., "--target", help="window or staff."),
    category: str = typer.Option(..., "--category", help="business or discipline."),
    points: int = typer.Option(..., "--points", help="Points per occurrence (negative deducts)."),
    cap: Optional[int] = typer.Option(None, "--cap", help="Monthly cap in points."),
    source: str = typer.Option("manual", "--source", help="A metric name, or manual."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Add an assessment rule."""
    from console.assess.rules import add_rule

    report(add_rule, code, name=name, target=target, category=category, points=points, monthly_cap=cap,
           source=source, text=lambda row: t("assess.rule_saved", code=row.code))


# --------------------------------------------------------------------------- entries


@entry_app.command("add")
def entry_add(
    rule: str = typer.Argument(..., metavar="RULE", help="Code of a manual rule (LATE, ABSENT, PRAISE…)."),
    reason: str = typer.Option(..., "--reason", help="What happened."),
    on: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD", help="Date (default today)."),
    window: Optional[str] = WINDOW_OPTION,
    staff: Optional[str] = STAFF_OPTION,
    points: Optional[int] = typer.Option(None, "--points", help="Points instead of the rule's (same sign)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a supervisor entry against a staff member or a window."""
    from console.assess.rules import add_entry
    from console.core.parsing import parse_optional_date

    report(add_entry, rule, on_date=parse_optional_date(on), reason=reason, window=window, staff=staff,
           points=points,
           text=lambda row: t("assess.entry_saved", id=row.id, target=row.target, points=f"{row.points:+d}"))


@entry_app.command("list")
def entry_list(
    month: Optional[str] = typer.Option(None, "--month", metavar="YYYY-MM", help="Only this month."),
    window: Optional[str] = WINDOW_OPTION,
    staff: Optional[str] = STAFF_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
) -> None:
    """List supervisor entries."""
    from console.assess.rules import list_entries

    report(list_entries, month=month, window=window, staff=staff, table=lambda rows: (
        [t("assess.col_date"), t("assess.col_rule"), t("assess.col_target"), t("assess.col_points"),
         t("assess.col_reason"), t("assess.col_by")],
        [[r.date, f"{r.rule} {r.rule_name}", f"{r.target} {r.target_name}", f"{r.points:+d}", r.reason,
          r.entered_by] for r in rows],
    ))
