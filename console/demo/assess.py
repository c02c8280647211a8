"""The demo hall's assessment past: entries, frozen months, confirmed quarters, stars, reviews, on-site days.

:func:`extend` is one of the demo builder's extensions (``console.demo.build.EXTENSIONS``).
It covers the months of the demo's case history (June 2004 – May 2009 when the
cases extension ran first; otherwise January of last year up to the last month
that has ended): applicant ratings of a sample of the cases (bad ones with their
reason and a rectification closed after a call-back), supervisor entries
scattered over windows and staff, each month frozen,
each complete quarter confirmed (8 red flags, 10 + 10 model staff, stars), weekly
reviews of the last weeks and the department heads' on-site days — with a few
departments still missing this quarter, so the compliance view has something
to flag.  History is inserted directly; freezing and confirming go through the
services (and the audit trail) exactly as a supervisor's would.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from models import (
    BAD_LEVELS,
    AssessEntry,
    AssessMonth,
    AssessQuarter,
    AssessRule,
    Department,
    Case,
    OnsiteDay,
    Rating,
    RatingLevel,
    RatingSource,
    Rectification,
    RectificationStatus,
    Role,
    Staff,
    TargetKind,
    WeeklyReview,
)

from console.assess.common import Month, Quarter, assessed_staff, assessed_windows, quarter_of, week_start
from console.assess.metrics import months_at_once
from console.core.context import Context
from console.core.progress import tick
from console.core.runner import use_case
from console.demo.acting import Acting

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
#: one case in this many is rated in the demo
RATING_SAMPLE = 20
#: the demo's rating mix, best first (about 2% bad)
RATING_MIX = [(RatingLevel.very_satisfied, 0.62), (RatingLevel.satisfied, 0.28), (RatingLevel.basic, 0.08),
              (RatingLevel.dissatisfied, 0.015), (RatingLevel.very_dissatisfied, 0.005)]
BAD_REASONS = ["等候时间过长", "工作人员态度生硬", "材料要求未一次性告知", "办理时间超出预期"]
CALLBACKS = ["已电话回访，群众表示满意", "已当面致歉并加快办理，群众认可", "已说明情况，群众表示理解"]
PROBLEMS = ["现场协调解决企业登记疑难问题", "解决跨部门联办衔接问题", "督办积压件", "听取群众意见并现场答复"]


def covered_months(until: date, first_year: int, first_month: int = 1) -> list[Month]:
    """Every month from ``first_year``-``first_month`` whose last day is before ``until``."""
    months, m = [], Month(first_year, first_month)
    while m.end <= until:
        months.append(m)
        m = Month(m.end.year, m.end.month)
    return months


def history_span(session: Session, demo: dict | None, today_: date) -> tuple[date, date]:
    """(first day, end) of the months to evaluate: the cases' history if any (without a history, from
    January of last year at the earliest), else last year to now.

    ``demo`` may set ``assess_first_year`` (from January of that year to today).
    """
    first_year = (demo or {}).get("assess_first_year")
    if first_year:
        return date(first_year, 1, 1), today_
    first, last = session.execute(select(func.min(Case.accepted_date), func.max(Case.accepted_date))).one()
    if first is not None and not (demo or {}).get("cases"):
        # no history asked for: the few old proxy projects do not make every month since 2008 evaluated
        first = max(first, date(today_.year - 1, 1, 1))
    if first is not None:
        end = min(Month(last.year, last.month).end, today_)
        return date(first.year, first.month, 1), end
    return date(today_.year - 1, 1, 1), today_


def _supervisor(session: Session):
    from console.core.auth import Actor

    for role in (Role.supervisor, Role.admin):
        staff = session.scalar(select(Staff).where(Staff.role == role, Staff.active.is_(True))
                               .order_by(Staff.employee_no).limit(1))
        if staff is not None:
            return Actor.of(staff)
    raise RuntimeError("the demo hall needs a supervisor to freeze months")


def _days(month: Month, rng: random.Random) -> date:
    return month.start + timedelta(days=rng.randrange((month.end - month.start).days))


@use_case("assess.manage", write=True,
          unaudited="the months it freezes and the quarters it confirms audit themselves; "
                    "the rest is history inserted as it was recorded")
def extend(ctx: Context, rng: random.Random, demo: dict | None = None) -> dict:
    """Give the demo hall its evaluated past up to today; return counts of what was made."""
    from console.assess.quarter import confirm_quarter
    from console.assess.rules import ensure_default_rules

    session = ctx.session
    ensure_default_rules(session, at=ctx.now())
    until = ctx.today()
    first_day, span_end = history_span(session, demo, until)
    first_year = first_day.year
    supervisor = _supervisor(session)
    as_supervisor = Acting(ctx, supervisor)
    stamp = ctx.now()
    rules = {r.code: r for r in session.scalars(select(AssessRule))}
    windows = [w for w, _s in assessed_windows(session)]
    people = assessed_staff(session)
    months = covered_months(span_end, first_day.year, first_day.month)
    frozen = set(session.scalars(select(AssessMonth.month)))
    ratings = _ratings(session, rng, supervisor, months, frozen)
    entries = 0
    to_freeze = [m for m in months if m.key not in frozen]
    # the months' metrics from one query each over the whole span, not one scan of the history per month
    with months_at_once(session, first_day, months[-1].end if months else first_day):
        if to_freeze:
            tick("demo.progress.months", 0, len(to_freeze))
        for done, month in enumerate(to_freeze, start=1):
            entries += _freeze(as_supervisor, session, rng, month, rules, people, windows, supervisor, stamp)
            tick("demo.progress.months", done, len(to_freeze))
    # every complete quarter of the covered months is confirmed
    done = set(session.scalars(select(AssessQuarter.quarter)))
    keys = {m.key for m in months} | frozen
    quarters = sorted({quarter_of(m.start) for m in months}, key=lambda q: (q.year, q.number))
    confirmed = 0
    for q in quarters:
        if q.key not in done and all(m.key in keys for m in q.months):
            as_supervisor(confirm_quarter, q.key)
            confirmed += 1
    reviews = _reviews(session, rng, supervisor, windows, people, until, stamp)
    onsite = _onsite(session, rng, supervisor, windows, first_year, until, stamp)
    return {"ratings": ratings, "assess_entries": entries, "frozen_months": len(months), "confirmed_quarters": confirmed,
            "reviews": reviews, "onsite_days": onsite}


def _freeze(as_supervisor: Acting, session: Session, rng: random.Random, month: Month, rules: dict, people: list,
            windows: list, supervisor, stamp: datetime) -> int:
    """The supervisor's entries of ``month``, then the month frozen; how many entries."""
    from console.assess.months import freeze_month

    batch = []
    for kind, targets, events in ((TargetKind.staff, people, STAFF_EVENTS),
                                  (TargetKind.window, windows, WINDOW_EVENTS)):
        for target in targets:
            for code, chance, reasons in events:
                rule = rules.get(code)
                if rule is None or not rule.active or rng.random() >= chance:
                    continue
                for _ in range(1 + (rng.random() < 0.25)):
                    batch.append({
                        "rule_id": rule.id, "target_kind": kind,
                        "window_id": target.id if kind == TargetKind.window else None,
                        "staff_id": target.id if kind == TargetKind.staff else None,
                        "on_date": _days(month, rng), "points": rule.points, "reason": rng.choice(reasons),
                        "entered_by_id": supervisor.id, "entered_at": stamp})
    if batch:
        session.execute(insert(AssessEntry), batch)  # the demo's own texts: as history is inserted
    as_supervisor(freeze_month, month.key)
    return len(batch)


def _reviews(session: Session, rng: random.Random, supervisor, windows, people, until: date,
             stamp: datetime) -> int:
    made = 0
    monday = week_start(until)
    for weeks_back in range(1, 9):
        week = monday - timedelta(weeks=weeks_back)
        for window in rng.sample(windows, min(4, len(windows))):
            session.add(WeeklyReview(week_start=week, target_kind=TargetKind.window, window_id=window.id,
                                     text=rng.choice(REVIEWS), author_id=supervisor.id, created_at=stamp))
            made += 1
        for person in rng.sample(people, min(4, len(people))):
            session.add(WeeklyReview(week_start=week, target_kind=TargetKind.staff, staff_id=person.id,
                                     text=rng.choice(REVIEWS), author_id=supervisor.id, created_at=stamp))
            made += 1
    session.flush()
    return made


def _onsite(session: Session, rng: random.Random, supervisor, windows, first_year: int, until: date,
            stamp: datetime) -> int:
    departments = list(session.scalars(select(Department).where(Department.active.is_(True))
                                       .order_by(Department.code)))
    from console.calendar.workdays import load_calendar

    calendar = load_calendar(session)
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
            while not calendar.is_workday(day) and day > q.start:  # a working day, never a holiday
                day -= timedelta(days=1)
            while not calendar.is_workday(day):
                day += timedelta(days=1)
            if (dept.id, day) in existing:
                continue
            head = dept.letter_signer or f"{dept.name}局长"
            session.add(OnsiteDay(department_id=dept.id, head_name=head[:50], day=day,
                                  window_id=rng.choice(windows).id if windows else None,
                                  problems=rng.choice(PROBLEMS), solved=rng.randint(1, 6),
                                  recorded_by_id=supervisor.id, recorded_at=stamp))
            made += 1
        q = Quarter(q.year + (q.number == 4), q.number % 4 + 1)
    session.flush()
    return made


def _level(rng: random.Random) -> RatingLevel:
    roll, total = rng.random(), 0.0
    for level, share in RATING_MIX:
        total += share
        if roll < total:
            return level
    return RatingLevel.basic


def _ratings(session: Session, rng: random.Random, supervisor, months: list[Month], frozen: set[str]) -> int:
    """Rate one case in :data:`RATING_SAMPLE` of the months not frozen yet; close every bad rating's
    rectification after a call-back within its 15 working days."""
    from console.calendar.workdays import due_date

    open_months = [m for m in months if m.key not in frozen]
    if not open_months:
        return 0
    rated = select(Rating.case_id).where(Rating.case_id.is_not(None))
    rows = session.execute(
        select(Case.id, Case.staff_id, Case.window_id, Case.accepted_date, Case.completed_date)
        .where(Case.accepted_date >= open_months[0].start, Case.accepted_date < open_months[-1].end,
               Case.id % RATING_SAMPLE == 0, Case.id.not_in(rated))
    ).all()
    ratings, bad = [], []
    for case_id, staff_id, window_id, accepted, completed in rows:
        level = _level(rng)
        on = completed or accepted
        stamp = datetime.combine(on, time(16, 0))
        reason = rng.choice(BAD_REASONS) if level in BAD_LEVELS else ""
        ratings.append({"case_id": case_id, "ticket_id": None, "level": level, "reason": reason,
                        "source": RatingSource.clerk, "window_id": window_id, "staff_id": staff_id,
                        "rated_at": stamp, "rated_on": on, "recorded_by_id": supervisor.id})
        if level in BAD_LEVELS:
            bad.append((case_id, on))
    if ratings:
        session.execute(insert(Rating), ratings)
    if bad:
        ids = dict(session.execute(select(Rating.case_id, Rating.id).where(Rating.case_id.in_([c for c, _ in bad]))
                                   ).all())
        rects = []
        for case_id, on in bad:
            due = due_date(session, on, 15)
            closed = min(due, on + timedelta(days=rng.randint(2, 14)))
            rects.append({"rating_id": ids[case_id], "status": RectificationStatus.closed, "opened_on": on,
                          "due_on": due, "callback": rng.choice(CALLBACKS),
                          "closed_at": datetime.combine(closed, time(10, 0)), "closed_on": closed,
                          "closed_by_id": supervisor.id})
        session.execute(insert(Rectification), rects)
    session.flush()
    return len(ratings)
