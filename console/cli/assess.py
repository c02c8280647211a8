"""``hall assess``: rules, entries, monthly scores, freezing, quarterly awards, stars, reviews, on-site days."""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import (
    AS_OPTION,
    DB_OPTION,
    JSON_OPTION,
    acting_staff,
    database,
    echo_ok,
    emit_json,
    emit_table,
    reader,
    use_db,
)
from console.core.i18n import t

app = typer.Typer(no_args_is_help=True)
entry_app = typer.Typer(no_args_is_help=True)
review_app = typer.Typer(no_args_is_help=True)
onsite_app = typer.Typer(no_args_is_help=True)
app.add_typer(entry_app, name="entry", help="Supervisor entries: lateness, absence, praise and the like.")
app.add_typer(review_app, name="review", help="Weekly reviews of windows and staff.")
app.add_typer(onsite_app, name="onsite", help="Department heads' on-site days.")

WINDOW_OPTION = typer.Option(None, "--window", metavar="WINDOW", help="Window number (SITECODE/NUMBER outside the center).")
STAFF_OPTION = typer.Option(None, "--staff", metavar="EMPLOYEE_NO", help="Staff member's employee number.")


def _date(text: Optional[str], field: str = "date"):
    from console.assess.common import parse_date

    return parse_date(text, field) if text else None


# --------------------------------------------------------------------------- rules


@app.command("rules")
def rules(db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION, as_: Optional[str] = AS_OPTION) -> None:
    """List the assessment rules: points per occurrence, monthly cap, source."""
    from console.assess.rules import list_rules

    use_db(db)
    actor = reader(as_)
    with database().read() as s:
        rows = list_rules(s, actor)
    if as_json:
        emit_json([r.as_dict() for r in rows])
        return
    emit_table(
        [t("assess.col_code"), t("assess.col_name"), t("assess.col_target"), t("assess.col_category"),
         t("assess.col_points"), t("assess.col_cap"), t("assess.col_source"), t("assess.col_active")],
        [[r.code, r.name, t(f"assess.target_{r.target}"), t(f"assess.category_{r.category}"), f"{r.points:+d}",
          r.monthly_cap if r.monthly_cap is not None else "-", r.source, t("assess.yes") if r.active else t("assess.no")]
         for r in rows],
    )


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

    use_db(db)
    actor = acting_staff(as_)
    kwargs: dict = {"name": name, "points": points, "source": source, "category": category, "active": active}
    if cap is not None:
        kwargs["monthly_cap"] = cap or None
    with database().write() as s:
        row = set_rule(s, actor, code, **kwargs)
    if as_json:
        emit_json(row.as_dict())
    else:
        echo_ok(t("assess.rule_saved", code=row.code))


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

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as s:
        row = add_rule(s, actor, code, name=name, target=target, category=category, points=points,
                       monthly_cap=cap, source=source)
    echo_ok(t("assess.rule_saved", code=row.code))


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
    from models.base import today

    use_db(db)
    day = _date(on) or today()
    actor = acting_staff(as_)
    with database().write() as s:
        row = add_entry(s, actor, rule, on_date=day, reason=reason, window=window, staff=staff, points=points)
    if as_json:
        emit_json(row.as_dict())
    else:
        echo_ok(t("assess.entry_saved", id=row.id, target=row.target, points=f"{row.points:+d}"))


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

    use_db(db)
    actor = reader(as_)
    with database().read() as s:
        rows = list_entries(s, actor, month=month, window=window, staff=staff)
    if as_json:
        emit_json([r.as_dict() for r in rows])
        return
    emit_table([t("assess.col_date"), t("assess.col_rule"), t("assess.col_target"), t("assess.col_points"),
                t("assess.col_reason"), t("assess.col_by")],
               [[r.date, f"{r.rule} {r.rule_name}", f"{r.target} {r.target_name}", f"{r.points:+d}", r.reason,
                 r.entered_by] for r in rows])


# --------------------------------------------------------------------------- months


def _print_month(result, kind: Optional[str]) -> None:
    status = t("assess.status_frozen", at=result.frozen_at, by=result.frozen_by) if result.status == "frozen" \
        else t("assess.status_draft")
    typer.echo(t("assess.month_header", month=result.month, status=status))
    for rows, label in ((result.windows, "window"), (result.staff, "staff")):
        if kind and kind != label:
            continue
        emit_table(
            [t("assess.col_rank"), t("assess.col_target"), t("assess.col_name"), t("assess.col_score"),
             t("assess.col_business"), t("assess.col_discipline"), t("assess.col_deductions"),
             t("assess.col_breakdown")],
            [[r.rank, r.target, r.name, r.score, r.business, r.discipline, r.deductions,
              "; ".join(f"{ln.rule} {ln.points:+d}" + ("*" if ln.capped else "") for ln in r.lines)]
             for r in rows],
            title=t(f"assess.title_{label}s"),
        )


@app.command("month")
def month(
    month: str = typer.Argument(..., metavar="YYYY-MM", help="The month."),
    kind: Optional[str] = typer.Option(None, "--kind", help="Only window or staff."),
    recompute: bool = typer.Option(False, "--recompute", help="Recompute the draft (refused once frozen)."),
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
) -> None:
    """The month's 100-point scores with the breakdown: a draft until frozen."""
    from console.assess.months import compute_month, month_scores

    use_db(db)
    actor = reader(as_)
    with database().read() as s:
        result = (compute_month if recompute else month_scores)(s, actor, month)
    if as_json:
        data = result.as_dict()
        if kind in ("window", "staff"):
            data.pop("staff" if kind == "window" else "windows")
        emit_json(data)
        return
    _print_month(result, kind)


@app.command("breakdown")
def breakdown(
    month: str = typer.Argument(..., metavar="YYYY-MM", help="The month."),
    window: Optional[str] = WINDOW_OPTION,
    staff: Optional[str] = STAFF_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
) -> None:
    """One window's or staff member's score in a month, rule by rule."""
    from console.assess.months import month_scores
    from console.core.errors import Invalid, NotFound

    use_db(db)
    if bool(window) == bool(staff):
        raise Invalid("assess.one_target", field="target")
    actor = reader(as_)
    with database().read() as s:
        result = month_scores(s, actor, month)
    row = result.find("window" if window else "staff", window or staff)
    if row is None:
        raise NotFound("assess.not_assessed", target=window or staff, month=result.month)
    if as_json:
        emit_json(row.as_dict())
        return
    typer.echo(t("assess.breakdown_header", target=row.target, name=row.name, month=result.month,
                 score=row.score, business=row.business, discipline=row.discipline, rank=row.rank))
    emit_table([t("assess.col_rule"), t("assess.col_category"), t("assess.col_count"), t("assess.col_points"),
                t("assess.col_reason")],
               [[f"{ln.rule} {ln.rule_name}", t(f"assess.category_{ln.category}"), ln.count,
                 f"{ln.points:+d}" + (" " + t("assess.capped") if ln.capped else ""), ln.reason]
                for ln in row.lines])


@app.command("freeze")
def freeze(
    month: str = typer.Argument(..., metavar="YYYY-MM", help="The month."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Freeze a month's scores for good."""
    from console.assess.months import freeze_month

    use_db(db)
    actor = acting_staff(as_)
    with database().write() as s:
        result = freeze_month(s, actor, month)
    if as_json:
        emit_json(result.as_dict())
    else:
        echo_ok(t("assess.frozen_ok", month=result.month, windows=len(result.windows), staff=len(result.staff)))


# --------------------------------------------------------------------------- quarters and stars


@app.command("quarter")
def quarter(
    quarter: str = typer.Argument(..., metavar="YYYYQN", help="The quarter, e.g. 2026Q4."),
    confirm: bool = typer.Option(False, "--confirm", help="Confirm and record the awards."),
    flags: Optional[int] = typer.Option(None, "--flags", help="Red flags to award (at most the rule's 8)."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """The quarter's red flags and model staff from its three frozen months."""
    from console.assess.quarter import confirm_quarter, evaluate_quarter

    use_db(db)
    if confirm:
        actor = acting_staff(as_)
        with database().write() as s:
            result = confirm_quarter(s, actor, quarter, flags=flags)
    else:
        actor = reader(as_)
        with database().read() as s:
            result = evaluate_quarter(s, actor, quarter, flags=flags)
    if as_json:
        emit_json(result.as_dict())
        return
    typer.echo(t("assess.quarter_header", quarter=result.quarter,
                 status=t("assess.quarter_is_confirmed", by=result.confirmed_by) if result.confirmed
                 else t("assess.quarter_is_proposed")))
    for rows, title in ((result.red_flags, "assess.title_red_flags"),
                        (result.business_models, "assess.title_business_models"),
                        (result.discipline_models, "assess.title_discipline_models")):
        emit_table([t("assess.col_rank"), t("assess.col_target"), t("assess.col_name"), t("assess.col_average")],
                   [[a.rank, a.target, a.name, f"{a.average:.2f}"] for a in rows], title=t(title))


@app.command("stars")
def stars_cmd(
    year: Optional[int] = typer.Option(None, "--year", help="Year (default: the latest confirmed quarter's)."),
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
) -> None:
    """The year's ranking of windows by stars (one per red flag)."""
    from console.assess.quarter import stars

    use_db(db)
    actor = reader(as_)
    with database().read() as s:
        rows = stars(s, actor, year)
    if as_json:
        emit_json([r.as_dict() for r in rows])
        return
    emit_table([t("assess.col_rank"), t("assess.col_window"), t("assess.col_name"), t("assess.col_stars"),
                t("assess.col_quarters"), t("assess.col_red_flag")],
               [[r.rank, r.window, r.name, "★" * r.stars or "-", ", ".join(r.quarters),
                 t("assess.yes") if r.red_flag else ""] for r in rows])


@app.command("frozen")
def frozen(db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION, as_: Optional[str] = AS_OPTION) -> None:
    """List the frozen months."""
    from console.assess.months import frozen_months

    use_db(db)
    actor = reader(as_)
    with database().read() as s:
        rows = frozen_months(s, actor)
    if as_json:
        emit_json(rows)
        return
    emit_table([t("assess.col_month"), t("assess.col_frozen_at"), t("assess.col_by")],
               [[r["month"], r["frozen_at"], r["frozen_by"]] for r in rows])


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

    use_db(db)
    day = _date(week, "week")
    actor = acting_staff(as_)
    with database().write() as s:
        row = add_review(s, actor, text, window=window, staff=staff, week=day)
    if as_json:
        emit_json(row.as_dict())
    else:
        echo_ok(t("assess.review_saved", target=row.target, week=row.week))


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

    use_db(db)
    day = _date(week, "week")
    actor = reader(as_)
    with database().read() as s:
        rows = list_reviews(s, actor, window=window, staff=staff, week=day)
    if as_json:
        emit_json([r.as_dict() for r in rows])
        return
    emit_table([t("assess.col_week"), t("assess.col_target"), t("assess.col_review"), t("assess.col_by")],
               [[r.week, f"{r.target} {r.target_name}", r.text, r.author] for r in rows])


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

    use_db(db)
    day = _date(on)
    actor = acting_staff(as_)
    with database().write() as s:
        row = add_onsite_day(s, actor, department, head=head, day=day, window=window, problems=problems,
                             solved=solved)
    if as_json:
        emit_json(row.as_dict())
    else:
        echo_ok(t("assess.onsite_saved", department=row.department_name, date=row.date))


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

    use_db(db)
    actor = reader(as_)
    with database().read() as s:
        rows = list_onsite_days(s, actor, quarter=quarter, department=department)
    if as_json:
        emit_json([r.as_dict() for r in rows])
        return
    emit_table([t("assess.col_date"), t("assess.col_department"), t("assess.col_head"), t("assess.col_window"),
                t("assess.col_solved"), t("assess.col_problems")],
               [[r.date, r.department_name, r.head, r.window or "-", r.solved, r.problems] for r in rows])


@onsite_app.command("compliance")
def onsite_compliance_cmd(
    quarter: Optional[str] = typer.Option(None, "--quarter", metavar="YYYYQN", help="The quarter (default this one)."),
    db: Optional[str] = DB_OPTION,
    as_json: bool = JSON_OPTION,
    as_: Optional[str] = AS_OPTION,
) -> None:
    """Departments whose head has (not) worked a day at the hall this quarter."""
    from console.assess.onsite import onsite_compliance

    use_db(db)
    actor = reader(as_)
    with database().read() as s:
        rows = onsite_compliance(s, actor, quarter)
    if as_json:
        emit_json([r.as_dict() for r in rows])
        return
    emit_table([t("assess.col_department"), t("assess.col_name"), t("assess.col_days"), t("assess.col_last_day"),
                t("assess.col_compliant")],
               [[r.department, r.department_name, r.days, r.last_day or "-",
                 t("assess.yes") if r.compliant else t("assess.missing")] for r in rows])


# --------------------------------------------------------------------------- full-screen boards


def stars_board(
    year: Optional[int] = typer.Option(None, "--year", help="Year of the stars (default: the latest confirmed quarter's)."),
    db: Optional[str] = DB_OPTION,
) -> None:
    """The star board: a full-screen TV display of stars, red flags and model staff."""
    from screens.apps.boards import StarBoardApp
    from console.core.auth import SHELL_ACTOR

    use_db(db)
    StarBoardApp(database(), SHELL_ACTOR, year=year).run()


def rate(
    window: str = typer.Option(..., "--window", metavar="WINDOW", help="The window the rating screen stands at."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """The rating screen for the applicant at a window (a small second terminal)."""
    from console.assess.common import find_window
    from screens.apps.boards import RatingApp
    from console.core.permissions import require

    use_db(db)
    actor = acting_staff(as_)
    require(actor, "rating.record")
    with database().read() as s:
        find_window(s, window)
    RatingApp(database(), actor, window).run()
