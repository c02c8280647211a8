"""The demo hall's assessment past: entries, frozen months, confirmed quarters, stars, reviews, on-site days.

:func:`extend_demo` is one of the demo builder's extensions (``console.demo.EXTENSIONS``).
It covers every month from January of last year up to the last month that has
ended: supervisor entries scattered over windows and staff, each month frozen,
each complete quarter confirmed (8 red flags, 10 + 10 model staff, stars), weekly
reviews of the last weeks and the department heads' on-site days — with a few
departments still missing this quarter, so the compliance view has something
to flag.  History is inserted directly; freezing and confirming go through the
services (and the audit trail) exactly as a supervisor's would.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import (
    AssessEntry,
    AssessMonth,
    AssessQuarter,
    AssessRule,
    Department,
    OnsiteDay,
    Role,
    Staff,
    TargetKind,
    WeeklyReview,
)
from models.base import now, today

from console.assess_common import Month, Quarter, assessed_staff, assessed_windows, quarter_of, week_start

#: (rule code, chance per staff member and month, reasons)
STAFF_EVENTS = [
    ("LATE", 0.18, ["迟到10分钟", "早退", "上班时间离岗未请假", "迟到5分钟"]),
    ("ABSENT", 0.03, ["无故脱岗半天", "擅自离岗"]),
    ("PRAISE", 0.10, ["群众来信表扬", "服务热情受锦旗", "主动延时服务获表扬"]),
]
WINDOW_EVENTS = [
    ("WIN_DISCIPLINE", 0.12, ["台面物品摆放杂乱", "窗口无人值守", "工作牌未佩戴"]),
    ("WIN_PRAISE", 0.12, ["窗口获群众锦旗", "优质服务受通报表扬"]),
]
REVIEWS = [
    "服务热情，一次性告知到位。",
    "受理规范，材料审核细致。",
    "高峰时段分流及时，群众等候时间短。",
    "个别事项告知不够清楚，需加强业务学习。",
    "窗口整洁，文明用语规范。",
    "办件按时办结，无超期。",
]
PROBLEMS = ["现场协调解决企业登记疑难问题", "解决跨部门联办衔接问题", "督办积压件", "听取群众意见并现场答复"]


def _get(ctx, name: str, default):
    if ctx is None:
        return default
    if isinstance(ctx, dict):
        return ctx.get(name, default)
    return getattr(ctx, name, default)


def covered_months(until: date, first_year: int) -> list[Month]:
    """Every month from January of ``first_year`` whose last day is before ``until``."""
    months, m = [], Month(first_year, 1)
    while m.end <= until:
        months.append(m)
        m = Month(m.end.year, m.end.month)
    return months


def _supervisor(session: Session):
    from console.auth import Actor

    for role in (Role.supervisor, Role.admin):
        staff = session.scalar(select(Staff).where(Staff.role == role, Staff.active.is_(True))
                               .order_by(Staff.employee_no).limit(1))
        if staff is not None:
            return Actor.of(staff)
    raise RuntimeError("the demo hall needs a supervisor to freeze months")


def _days(month: Month, rng: random.Random) -> date:
    return month.start + timedelta(days=rng.randrange((month.end - month.start).days))


def extend_demo(session: Session, rng: random.Random, ctx=None) -> dict:
    """Give the demo hall its evaluated past; return counts of what was made."""
    from console.assess import freeze_month
    from console.assess_quarter import confirm_quarter
    from console.assess_rules import ensure_default_rules

    ensure_default_rules(session)
    until = _get(ctx, "today", None) or today()
    first_year = _get(ctx, "assess_first_year", None) or until.year - 1
    supervisor = _supervisor(session)
    rules = {r.code: r for r in session.scalars(select(AssessRule))}
    windows = [w for w, _s in assessed_windows(session)]
    people = assessed_staff(session)
    months = covered_months(until, first_year)
    frozen = set(session.scalars(select(AssessMonth.month)))
    entries = 0
    for month in months:
        if month.key in frozen:
            continue
        batch = []
        for kind, targets, events in ((TargetKind.staff, people, STAFF_EVENTS),
                                      (TargetKind.window, windows, WINDOW_EVENTS)):
            for target in targets:
                for code, chance, reasons in events:
                    rule = rules.get(code)
                    if rule is None or not rule.active or rng.random() >= chance:
                        continue
                    for _ in range(1 + (rng.random() < 0.25)):
                        batch.append(AssessEntry(
                            rule_id=rule.id, target_kind=kind,
                            window_id=target.id if kind == TargetKind.window else None,
                            staff_id=target.id if kind == TargetKind.staff else None,
                            on_date=_days(month, rng), points=rule.points, reason=rng.choice(reasons),
                            entered_by_id=supervisor.id, entered_at=now()))
        session.add_all(batch)
        entries += len(batch)
        session.flush()
        freeze_month(session, supervisor, month.key)
    # every complete quarter of the covered months is confirmed
    done = set(session.scalars(select(AssessQuarter.quarter)))
    keys = {m.key for m in months} | frozen
    quarters = sorted({quarter_of(m.start) for m in months}, key=lambda q: (q.year, q.number))
    confirmed = 0
    for q in quarters:
        if q.key not in done and all(m.key in keys for m in q.months):
            confirm_quarter(session, supervisor, q.key)
            confirmed += 1
    reviews = _reviews(session, rng, supervisor, windows, people, until)
    onsite = _onsite(session, rng, supervisor, windows, first_year, until)
    return {"assess_entries": entries, "frozen_months": len(months), "confirmed_quarters": confirmed,
            "reviews": reviews, "onsite_days": onsite}


def _reviews(session: Session, rng: random.Random, supervisor, windows, people, until: date) -> int:
    made = 0
    monday = week_start(until)
    for weeks_back in range(1, 9):
        week = monday - timedelta(weeks=weeks_back)
        for window in rng.sample(windows, min(4, len(windows))):
            session.add(WeeklyReview(week_start=week, target_kind=TargetKind.window, window_id=window.id,
                                     text=rng.choice(REVIEWS), author_id=supervisor.id, created_at=now()))
            made += 1
        for person in rng.sample(people, min(4, len(people))):
            session.add(WeeklyReview(week_start=week, target_kind=TargetKind.staff, staff_id=person.id,
                                     text=rng.choice(REVIEWS), author_id=supervisor.id, created_at=now()))
            made += 1
    session.flush()
    return made


def _onsite(session: Session, rng: random.Random, supervisor, windows, first_year: int, until: date) -> int:
    departments = list(session.scalars(select(Department).where(Department.active.is_(True))
                                       .order_by(Department.code)))
    existing = set(session.execute(select(OnsiteDay.department_id, OnsiteDay.day)).all())
    current = quarter_of(until)
    made = 0
    q = Quarter(first_year, 1)
    while (q.year, q.number) <= (current.year, current.number):
        last = min(q.end - timedelta(days=1), until - timedelta(days=1))
        span = (last - q.start).days
        for dept in departments:
            # this quarter about a fifth of the heads have not come yet
            if span < 0 or (q == current and rng.random() < 0.2):
                continue
            day = q.start + timedelta(days=rng.randrange(span + 1))
            while day.weekday() >= 5 and day > q.start:
                day -= timedelta(days=1)
            if (dept.id, day) in existing:
                continue
            head = dept.letter_signer or f"{dept.name}局长"
            session.add(OnsiteDay(department_id=dept.id, head_name=head[:50], day=day,
                                  window_id=rng.choice(windows).id if windows else None,
                                  problems=rng.choice(PROBLEMS), solved=rng.randint(1, 6),
                                  recorded_by_id=supervisor.id, recorded_at=now()))
            made += 1
        q = Quarter(q.year + (q.number == 4), q.number % 4 + 1)
    session.flush()
    return made
