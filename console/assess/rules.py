"""Assessment rules as data, and supervisors' entries under the manual ones.

Staff with ``assess.read`` list the rules and entries; ``assess.manage``
(supervisors, administrators) edits the rules and records entries — lateness,
absence, a praise letter — against a staff member or a window on a date.
Entries for a frozen month are refused: a frozen month never changes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AssessEntry, AssessMonth, AssessRule, MonthStatus, RuleCategory, Site, Staff, TargetKind, Window

from console.assess.common import find_staff, find_window, month_of, parse_month, resolve_target, window_label
from console.assess.metrics import MANUAL, known_sources
from console.core.context import Context
from console.core.errors import Conflict, Invalid, NotFound
from console.core.runner import use_case

#: code, name, target, category, points per occurrence, monthly cap, source (also seeded by migration 0004)
DEFAULT_RULES: list[tuple[str, str, str, str, int, int | None, str]] = [
    ("OVERDUE", "办件超期", "staff", "business", -2, 20, "overdue_cases"),
    ("OVERDUE_W", "窗口办件超期", "window", "business", -2, 20, "overdue_cases"),
    ("RED_CARD", "红牌警告", "staff", "business", -3, 15, "red_warnings"),
    ("RED_CARD_W", "窗口红牌警告", "window", "business", -3, 15, "red_warnings"),
    ("BAD_RATING", "差评", "staff", "business", -2, 10, "bad_ratings"),
    ("BAD_RATING_W", "窗口差评", "window", "business", -2, 10, "bad_ratings"),
    ("SLOW_SERVICE", "服务超时", "staff", "business", -1, 10, "service_time_breaches"),
    ("LATE", "迟到早退", "staff", "discipline", -1, 10, MANUAL),
    ("ABSENT", "旷岗脱岗", "staff", "discipline", -5, None, MANUAL),
    ("PRAISE", "表扬信", "staff", "business", 2, 6, MANUAL),
    ("WIN_DISCIPLINE", "窗口纪律", "window", "discipline", -2, None, MANUAL),
    ("WIN_PRAISE", "窗口表扬", "window", "business", 2, 6, MANUAL),
]

#: the largest number of points one occurrence may carry either way
MAX_POINTS = 100
#: when the default rules were set (migration 0004 seeds them with this stamp)
DEFAULT_RULES_STAMP = datetime(2026, 11, 25)


@dataclass(frozen=True)
class RuleRow:
    """A rule as listed."""

    code: str
    name: str
    target: str
    category: str
    points: int
    monthly_cap: int | None
    source: str
    active: bool

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class EntryRow:
    """A supervisor entry as listed."""

    id: int
    date: date
    rule: str
    rule_name: str
    category: str
    target_kind: str
    target: str
    target_name: str
    points: int
    reason: str
    entered_by: str

    def as_dict(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        return data


def ensure_default_rules(session: Session, at: datetime | None = None) -> int:
    """Insert the default rules whose codes are missing; return how many were added.

    Idempotent: rules an administrator has edited are left as they are.  ``at``
    stamps the rules added (a use case passes ``ctx.now()``); without it they carry
    :data:`DEFAULT_RULES_STAMP`, as the migration seeds them.
    """
    stamp = at or DEFAULT_RULES_STAMP
    existing = set(session.scalars(select(AssessRule.code)))
    added = 0
    for code, name, target, category, points, cap, source in DEFAULT_RULES:
        if code not in existing:
            session.add(AssessRule(code=code, name=name, target=TargetKind(target),
                                   category=RuleCategory(category), points=points, monthly_cap=cap,
                                   source=source, active=True, updated_at=stamp))
            added += 1
    if added:
        session.flush()
    return added


def _row(rule: AssessRule) -> RuleRow:
    return RuleRow(code=rule.code, name=rule.name, target=TargetKind(rule.target).value,
                   category=RuleCategory(rule.category).value, points=rule.points,
                   monthly_cap=rule.monthly_cap, source=rule.source, active=rule.active)


@use_case("assess.read")
def list_rules(ctx: Context, *, include_inactive: bool = True) -> list[RuleRow]:
    """Every rule by target and code."""
    stmt = select(AssessRule).order_by(AssessRule.target, AssessRule.code)
    if not include_inactive:
        stmt = stmt.where(AssessRule.active.is_(True))
    return [_row(r) for r in ctx.session.scalars(stmt)]


def get_rule(session: Session, code: str) -> AssessRule:
    rule = session.scalar(select(AssessRule).where(AssessRule.code == (code or "").strip().upper()))
    if rule is None:
        raise NotFound("assess.rule_not_found", code=code)
    return rule


def _check_points(points: int, field: str = "points") -> int:
    if not isinstance(points, int) or points == 0 or abs(points) > MAX_POINTS:
        raise Invalid("assess.bad_points", field=field, max=MAX_POINTS)
    return points


def _check_cap(cap: int | None) -> int | None:
    if cap is not None and (not isinstance(cap, int) or cap <= 0 or cap > 100):
        raise Invalid("assess.bad_cap", field="cap")
    return cap


def _check_source(source: str) -> str:
    source = (source or "").strip()
    known = known_sources()
    if source not in known:
        raise Invalid("assess.bad_source", field="source", source=source, known=", ".join(sorted(known)))
    return source


@use_case("assess.manage", write=True, audit="assess.rule_added")
def add_rule(ctx: Context, code: str, *, name: str, target: str, category: str, points: int,
             monthly_cap: int | None = None, source: str = MANUAL) -> RuleRow:
    """Create a rule."""
    session = ctx.session
    code = (code or "").strip().upper()
    if not code or len(code) > 30:
        raise Invalid("assess.bad_rule_code", field="code")
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise Invalid("assess.bad_rule_name", field="name")
    try:
        kind = TargetKind(target)
        cat = RuleCategory(category)
    except ValueError:
        raise Invalid("assess.bad_rule_kind", field="target") from None
    if session.scalar(select(AssessRule.id).where(AssessRule.code == code)) is not None:
        raise Conflict("assess.rule_exists", code=code)
    rule = AssessRule(code=code, name=name, target=kind, category=cat, points=_check_points(points),
                      monthly_cap=_check_cap(monthly_cap), source=_check_source(source), active=True,
                      updated_at=ctx.now())
    session.add(rule)
    session.flush()
    ctx.audit("assess.rule_added", "assess_rule", code, _row(rule).as_dict())
    return _row(rule)


_UNSET = object()


@use_case("assess.manage", write=True, audit="assess.rule_changed")
def set_rule(ctx: Context, code: str, *, name: str | None = None, points: int | None = None,
             monthly_cap: int | None | object = _UNSET, source: str | None = None,
             category: str | None = None, active: bool | None = None) -> RuleRow:
    """Change a rule's name, points, cap (``None`` removes it), source, category or active flag.

    Months already frozen keep the numbers they were frozen with.
    """
    rule = get_rule(ctx.session, code)
    before = _row(rule).as_dict()
    if name is not None:
        name = name.strip()
        if not name or len(name) > 100:
            raise Invalid("assess.bad_rule_name", field="name")
        rule.name = name
    if points is not None:
        rule.points = _check_points(points)
    if monthly_cap is not _UNSET:
        rule.monthly_cap = _check_cap(monthly_cap)  # type: ignore[arg-type]
    if source is not None:
        rule.source = _check_source(source)
    if category is not None:
        try:
            rule.category = RuleCategory(category)
        except ValueError:
            raise Invalid("assess.bad_rule_kind", field="category") from None
    if active is not None:
        rule.active = active
    after = _row(rule).as_dict()
    changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if not changed:
        raise Invalid("assess.nothing_to_change", field="code")
    rule.updated_at = ctx.now()
    ctx.session.flush()
    ctx.audit("assess.rule_changed", "assess_rule", rule.code, changed)
    return _row(rule)


def month_is_frozen(session: Session, month_key: str) -> bool:
    return session.scalar(select(AssessMonth.status).where(AssessMonth.month == month_key)) == MonthStatus.frozen


@use_case("assess.manage", write=True, audit="assess.entry_added")
def add_entry(ctx: Context, rule_code: str, *, on_date: date | None = None, reason: str,
              window: str | None = None, staff: str | None = None, points: int | None = None) -> EntryRow:
    """Record a supervisor's entry under a manual rule for a window or staff member.

    ``on_date`` defaults to today; ``points`` to the rule's (when given it must have
    the rule's sign).  Refused for a frozen month, a future date, a data-metric rule,
    the wrong kind of target, or without a reason.
    """
    session = ctx.session
    ensure_default_rules(session, ctx.now())
    rule = get_rule(session, rule_code)
    if rule.source != MANUAL:
        raise Invalid("assess.rule_not_manual", field="rule", code=rule.code, source=rule.source)
    if not rule.active:
        raise Invalid("assess.rule_inactive", field="rule", code=rule.code)
    on_date = on_date or ctx.today()
    if on_date > ctx.today():
        raise Invalid("assess.future_date", field="date", date=on_date.isoformat())
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("assess.reason_required", field="reason")
    month = month_of(on_date)
    if month_is_frozen(session, month.key):
        raise Conflict("assess.month_frozen", month=month.key)
    kind, win, person = resolve_target(session, window, staff)
    if kind != TargetKind(rule.target):
        raise Invalid("assess.rule_target_mismatch", field="target", code=rule.code,
                      target=TargetKind(rule.target).value)
    if points is None:
        points = rule.points
    _check_points(points)
    if (points > 0) != (rule.points > 0):
        raise Invalid("assess.points_sign", field="points", code=rule.code)
    entry = AssessEntry(rule_id=rule.id, target_kind=kind, window_id=win.id if win else None,
                        staff_id=person.id if person else None, on_date=on_date, points=points,
                        reason=reason, entered_by_id=ctx.actor.id, entered_at=ctx.now())
    session.add(entry)
    session.flush()
    row = _entry_row(session, entry)
    ctx.audit("assess.entry_added", "assess_entry", entry.id, row.as_dict())
    return row


def _entry_row(session: Session, entry: AssessEntry) -> EntryRow:
    rule = entry.rule
    if entry.window_id:
        window = session.get(Window, entry.window_id)
        site = session.get(Site, window.site_id)
        target, target_name = window_label(window, site), window.name
    else:
        person = session.get(Staff, entry.staff_id)
        target, target_name = person.employee_no, person.name
    author = session.get(Staff, entry.entered_by_id)
    return EntryRow(id=entry.id, date=entry.on_date, rule=rule.code, rule_name=rule.name,
                    category=RuleCategory(rule.category).value, target_kind=TargetKind(entry.target_kind).value,
                    target=target, target_name=target_name, points=entry.points, reason=entry.reason,
                    entered_by=author.employee_no if author else "")


@use_case("assess.read")
def list_entries(ctx: Context, *, month: str | None = None, window: str | None = None,
                 staff: str | None = None) -> list[EntryRow]:
    """Supervisor entries by date, optionally of one month (``YYYY-MM``) and one target."""
    session = ctx.session
    stmt = select(AssessEntry).order_by(AssessEntry.on_date, AssessEntry.id)
    if month:
        m = parse_month(month)
        stmt = stmt.where(AssessEntry.on_date >= m.start, AssessEntry.on_date < m.end)
    if window:
        stmt = stmt.where(AssessEntry.window_id == find_window(session, window).id)
    if staff:
        stmt = stmt.where(AssessEntry.staff_id == find_staff(session, staff).id)
    return [_entry_row(session, e) for e in session.scalars(stmt)]
