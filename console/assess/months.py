"""The monthly 100-point assessment (月百分考核): compute a draft, freeze it, read it back.

Every assessed window and staff member starts the month at 100.  Each active rule
adds its points once per occurrence: a ``manual`` rule's occurrences are the
supervisor entries dated in the month (each with its own points and reason), a
data rule's come from its metric (:mod:`console.assess.metrics`).  A rule's total
for one target is held to its monthly cap.  The score is 100 plus every rule's
total, the business score 100 plus the business rules' totals, the discipline
score 100 plus the discipline rules' totals (none below 0).

Until a supervisor freezes the month, its scores are a draft computed from the
data as it is now.  Freezing stores the scores and the breakdown behind each
(rule, occurrences, points, reason) as copies; from then on the month is read
from those rows only, and recomputing it or entering anything dated in it is
refused.

Rankings: higher score first, then fewer deduction occurrences, then more cases
handled, then the window number / employee number.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from models import (
    AssessEntry,
    AssessMonth,
    AssessRule,
    AssessScore,
    AssessScoreLine,
    MonthStatus,
    RuleCategory,
    Site,
    Staff,
    TargetKind,
    Window,
)

from console.assess.common import Month, assessed_staff, assessed_windows, parse_month, window_label
from console.assess.metrics import HANDLED, MANUAL, month_metric
from console.assess.rules import ensure_default_rules
from console.core.context import Context
from console.core.errors import Conflict, Invalid, NotFound
from console.core.runner import use_case

BASE_SCORE = 100


@dataclass
class ScoreLine:
    """One rule's part of a score."""

    rule: str
    rule_name: str
    category: str
    count: int
    points: int
    capped: bool = False
    reason: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class ScoreRow:
    """A window's or staff member's score in a month, with the breakdown behind it."""

    target_kind: str
    target: str
    name: str
    score: int
    business: int
    discipline: int
    deductions: int = 0
    handled: int = 0
    rank: int = 0
    lines: list[ScoreLine] = field(default_factory=list)
    #: row id of the window or staff member (not shown)
    target_id: int = 0

    def sort_key(self) -> tuple:
        return (-self.score, self.deductions, -self.handled, self.target)

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("target_id")
        return data


@dataclass
class MonthResult:
    """A month's scores: ``status`` is ``draft`` (computed now) or ``frozen`` (stored)."""

    month: str
    status: str
    windows: list[ScoreRow]
    staff: list[ScoreRow]
    frozen_at: datetime | None = None
    frozen_by: str | None = None

    def as_dict(self) -> dict:
        return {
            "month": self.month, "status": self.status,
            "frozen_at": self.frozen_at.isoformat(sep=" ") if self.frozen_at else None,
            "frozen_by": self.frozen_by,
            "windows": [r.as_dict() for r in self.windows],
            "staff": [r.as_dict() for r in self.staff],
        }

    def find(self, kind: str, target: str) -> ScoreRow | None:
        rows = self.windows if kind == TargetKind.window.value else self.staff
        return next((r for r in rows if r.target == target), None)


def _rank(rows: list[ScoreRow]) -> list[ScoreRow]:
    rows.sort(key=ScoreRow.sort_key)
    for position, row in enumerate(rows, start=1):
        row.rank = position
    return rows


def _manual_occurrences(session: Session, month: Month, rule_ids: list[int]) -> dict:
    """``{(rule_id, kind, target_id): [(date, points, reason), ...]}`` of the month's entries."""
    found: dict[tuple[int, str, int], list] = defaultdict(list)
    if not rule_ids:
        return found
    stmt = (select(AssessEntry.rule_id, AssessEntry.target_kind, AssessEntry.window_id, AssessEntry.staff_id,
                   AssessEntry.on_date, AssessEntry.points, AssessEntry.reason)
            .where(AssessEntry.on_date >= month.start, AssessEntry.on_date < month.end,
                   AssessEntry.rule_id.in_(rule_ids))
            .order_by(AssessEntry.on_date, AssessEntry.id))
    for rule_id, kind, window_id, staff_id, on_date, points, reason in session.execute(stmt):
        kind = TargetKind(kind).value
        target_id = window_id if kind == TargetKind.window.value else staff_id
        found[(rule_id, kind, target_id)].append((on_date, points, reason))
    return found


def compute_scores(session: Session, month: Month) -> MonthResult:
    """The month's draft from the data as it is now (no permission check, nothing written)."""
    rules = list(session.scalars(select(AssessRule).where(AssessRule.active.is_(True)).order_by(AssessRule.code)))
    manual_ids = [r.id for r in rules if r.source == MANUAL]
    manual = _manual_occurrences(session, month, manual_ids)
    metric_cache: dict[str, dict] = {}

    def metric(name: str) -> dict:
        if name not in metric_cache:
            metric_cache[name] = month_metric(session, name, month.start, month.end)
        return metric_cache[name]

    handled = metric(HANDLED)
    targets: list[tuple[str, int, str, str]] = [
        (TargetKind.window.value, w.id, window_label(w, s), w.name) for w, s in assessed_windows(session)
    ] + [(TargetKind.staff.value, p.id, p.employee_no, p.name) for p in assessed_staff(session)]
    rows: dict[str, list[ScoreRow]] = {TargetKind.window.value: [], TargetKind.staff.value: []}
    by_kind: dict[str, list[AssessRule]] = {kind: [] for kind in rows}
    for rule in rules:
        by_kind[TargetKind(rule.target).value].append(rule)
    for kind, target_id, label, name in targets:
        lines: list[ScoreLine] = []
        for rule in by_kind[kind]:
            if rule.source == MANUAL:
                occurrences = manual.get((rule.id, kind, target_id))
                if not occurrences:
                    continue
                count = len(occurrences)
                points = sum(p for _d, p, _r in occurrences)
                reason = "; ".join(f"{d.isoformat()} {r}" for d, _p, r in occurrences)
            else:
                count = int(metric(rule.source).get((kind, target_id), 0))
                if not count:
                    continue
                points = count * rule.points
                reason = f"{rule.source} × {count}"
            capped = False
            if rule.monthly_cap is not None and abs(points) > rule.monthly_cap:
                points = rule.monthly_cap if points > 0 else -rule.monthly_cap
                capped = True
            lines.append(ScoreLine(rule=rule.code, rule_name=rule.name,
                                   category=RuleCategory(rule.category).value, count=count, points=points,
                                   capped=capped, reason=reason))
        business = sum(x.points for x in lines if x.category == RuleCategory.business.value)
        discipline = sum(x.points for x in lines if x.category == RuleCategory.discipline.value)
        rows[kind].append(ScoreRow(
            target_kind=kind, target=label, name=name, target_id=target_id,
            score=max(0, BASE_SCORE + business + discipline),
            business=max(0, BASE_SCORE + business), discipline=max(0, BASE_SCORE + discipline),
            deductions=sum(x.count for x in lines if x.points < 0),
            handled=int(handled.get((kind, target_id), 0)), lines=lines,
        ))
    return MonthResult(month=month.key, status=MonthStatus.draft.value,
                       windows=_rank(rows[TargetKind.window.value]), staff=_rank(rows[TargetKind.staff.value]))


def _stored(session: Session, month_row: AssessMonth) -> MonthResult:
    scores = session.scalars(
        select(AssessScore).where(AssessScore.month_id == month_row.id).options(selectinload(AssessScore.lines))
    ).all()
    windows = {w.id: (w, s) for w, s in session.execute(
        select(Window, Site).join(Site, Window.site_id == Site.id)
        .where(Window.id.in_([x.window_id for x in scores if x.window_id])))}
    people = {p.id: p for p in session.scalars(
        select(Staff).where(Staff.id.in_([x.staff_id for x in scores if x.staff_id])))}
    rows: dict[str, list[ScoreRow]] = {TargetKind.window.value: [], TargetKind.staff.value: []}
    for x in scores:
        kind = TargetKind(x.target_kind).value
        if x.window_id:
            w, s = windows[x.window_id]
            label, name, target_id = window_label(w, s), w.name, w.id
        else:
            p = people[x.staff_id]
            label, name, target_id = p.employee_no, p.name, p.id
        rows[kind].append(ScoreRow(
            target_kind=kind, target=label, name=name, target_id=target_id, score=x.score, business=x.business,
            discipline=x.discipline, deductions=x.deductions, handled=x.handled, rank=x.rank,
            lines=[ScoreLine(rule=ln.rule_code, rule_name=ln.rule_name, category=RuleCategory(ln.category).value,
                             count=ln.count, points=ln.points, capped=ln.capped, reason=ln.reason)
                   for ln in x.lines],
        ))
    for kind in rows:
        rows[kind].sort(key=lambda r: r.rank)
    frozen_by = session.get(Staff, month_row.frozen_by_id) if month_row.frozen_by_id else None
    return MonthResult(month=month_row.month, status=MonthStatus(month_row.status).value,
                       windows=rows[TargetKind.window.value], staff=rows[TargetKind.staff.value],
                       frozen_at=month_row.frozen_at, frozen_by=frozen_by.employee_no if frozen_by else None)


def _month_row(session: Session, month: Month) -> AssessMonth | None:
    return session.scalar(select(AssessMonth).where(AssessMonth.month == month.key))


@use_case("assess.read")
def month_scores(ctx: Context, month: str) -> MonthResult:
    """The month's scores: the stored ones once frozen, otherwise the draft computed now."""
    session = ctx.session
    m = parse_month(month)
    row = _month_row(session, m)
    if row is not None and MonthStatus(row.status) == MonthStatus.frozen:
        return _stored(session, row)
    return compute_scores(session, m)


@dataclass
class Breakdown:
    """One target's score in a month, rule by rule (its JSON is the score row's)."""

    month: str
    row: ScoreRow

    def as_dict(self) -> dict:
        return self.row.as_dict()


@use_case("assess.read")
def score_breakdown(ctx: Context, month: str, *, window: str | None = None,
                    staff: str | None = None) -> Breakdown:
    """One window's or staff member's score in ``month`` (exactly one of them named), rule by rule."""
    if bool(window) == bool(staff):
        raise Invalid("assess.one_target", field="target")
    result = month_scores(ctx, month)
    row = result.find(TargetKind.window.value if window else TargetKind.staff.value, window or staff or "")
    if row is None:
        raise NotFound("assess.not_assessed", target=window or staff, month=result.month)
    return Breakdown(result.month, row)


@use_case("assess.read")
def compute_month(ctx: Context, month: str) -> MonthResult:
    """Recompute the month's draft; refused once the month is frozen."""
    session = ctx.session
    m = parse_month(month)
    row = _month_row(session, m)
    if row is not None and MonthStatus(row.status) == MonthStatus.frozen:
        raise Conflict("assess.month_frozen", month=m.key)
    return compute_scores(session, m)


@use_case("assess.manage", write=True, audit="assess.month_frozen")
def freeze_month(ctx: Context, month: str) -> MonthResult:
    """Compute the month once more and store it for good; it never changes afterwards.

    Refused for a month that has not ended (by the context's clock: only after
    its last day) and for a month already frozen.
    """
    session, actor = ctx.session, ctx.actor
    m = parse_month(month)
    if m.end > ctx.today():
        raise Invalid("assess.month_not_over", field="month", month=m.key)
    ensure_default_rules(session, ctx.now())
    row = _month_row(session, m)
    if row is not None and MonthStatus(row.status) == MonthStatus.frozen:
        raise Conflict("assess.month_frozen", month=m.key)
    result = compute_scores(session, m)
    stamp = ctx.now()
    if row is None:
        row = AssessMonth(month=m.key, status=MonthStatus.frozen, computed_at=stamp, computed_by_id=actor.id)
        session.add(row)
    row.status = MonthStatus.frozen
    row.computed_at = stamp
    row.computed_by_id = actor.id
    row.frozen_at = stamp
    row.frozen_by_id = actor.id
    session.flush()
    scores = result.windows + result.staff
    # one executemany for the scores, their ids read back by target, one executemany for their lines
    window_kind = TargetKind.window.value
    if scores:
        session.execute(insert(AssessScore.__table__), [
            {"month_id": row.id, "target_kind": TargetKind(score.target_kind),
             "window_id": score.target_id if score.target_kind == window_kind else None,
             "staff_id": None if score.target_kind == window_kind else score.target_id,
             "score": score.score, "business": score.business, "discipline": score.discipline,
             "deductions": score.deductions, "handled": score.handled, "rank": score.rank}
            for score in scores])
    ids = {(window_kind, w) if w is not None else (TargetKind.staff.value, p): i for i, w, p in session.execute(
        select(AssessScore.id, AssessScore.window_id, AssessScore.staff_id).where(AssessScore.month_id == row.id))}
    lines = [
        {"score_id": ids[(score.target_kind, score.target_id)], "rule_code": ln.rule, "rule_name": ln.rule_name,
         "category": RuleCategory(ln.category), "count": ln.count, "points": ln.points, "capped": ln.capped,
         "reason": ln.reason}
        for score in scores for ln in score.lines
    ]
    if lines:
        session.execute(insert(AssessScoreLine.__table__), lines)
    result.status = MonthStatus.frozen.value
    result.frozen_at = stamp
    result.frozen_by = actor.employee_no
    ctx.audit("assess.month_frozen", "assess_month", m.key, {
        "windows": len(result.windows), "staff": len(result.staff),
        "lowest_window": min((r.score for r in result.windows), default=None),
        "lowest_staff": min((r.score for r in result.staff), default=None),
    })
    return result


@use_case("assess.read")
def frozen_months(ctx: Context) -> list[dict]:
    """Every frozen month, newest first: month, frozen at, by whom."""
    rows = ctx.session.execute(
        select(AssessMonth, Staff.employee_no).outerjoin(Staff, AssessMonth.frozen_by_id == Staff.id)
        .where(AssessMonth.status == MonthStatus.frozen).order_by(AssessMonth.month.desc())
    )
    return [{"month": m.month, "frozen_at": m.frozen_at.isoformat(sep=" ") if m.frozen_at else None,
             "frozen_by": no} for m, no in rows]
