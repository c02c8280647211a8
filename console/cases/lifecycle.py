"""The case clock: review, decision, completion, suspension and resumption,
extension, withdrawal, waiver materials and lapsed waivers.

Each use case takes the case number, declares ``case.process``, checks the
actor's reach (their window's departments unless they see every case), moves
the case, keeps the due date right and appends the audit record.  A step from the wrong state is
a :class:`~console.core.errors.Conflict`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, CaseExtension, CaseStatus, CaseSuspension, Decision, SuspendReason
from models.cases import OPEN_STATUSES

from console.cases.access import _load_case, _reach
from console.cases.clock import recompute_due  # noqa: F401 - callers import it from here too
from console.cases.month_stats import case_closed
from console.core.errors import Conflict, Invalid
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context

#: the most working days the one extension may add (行政许可法 §42: 10; joint handling: 15)
MAX_EXTENSION_DAYS = 10
JOINT_EXTENSION_DAYS = 15


def extension_limit(case: Case, item) -> int:
    """The most working days ``case``'s one extension may add: the item's statutory limit when the
    law says other than §42, else 15 for joint handling and 10 otherwise."""
    if item is not None and item.extension_limit is not None:
        return item.extension_limit
    return JOINT_EXTENSION_DAYS if case.joint else MAX_EXTENSION_DAYS


def extension_days(text: object) -> int:
    """The working days of an extension as typed (``"5"``); :class:`Invalid` unless a whole number."""
    try:
        return int(str(text if text is not None else "").strip())
    except ValueError:
        raise Invalid("case.extension_days", field="days", max=MAX_EXTENSION_DAYS) from None


def _conflict(case: Case, action: str) -> Conflict:
    return Conflict("case.wrong_state", number=case.number, status=case.status.value, action=action)


@use_case("case.process", write=True, audit="case.review")
def start_review(ctx: Context, number: str) -> Case:
    """accepted → under review."""
    case = _load_case(ctx, number, for_update=True)
    if case.status is not CaseStatus.accepted:
        raise _conflict(case, "review")
    case.status = CaseStatus.under_review
    case.updated_at = ctx.now()
    ctx.audit("case.review", "case", case.number, {})
    return case


@use_case("case.process", write=True, audit="case.decide")
def decide(ctx: Context, number: str, decision: str, decision_no: str) -> Case:
    """under review (or accepted) → decided, approved or not, with the decision document number."""
    case = _load_case(ctx, number, for_update=True)
    try:
        outcome = Decision(decision)
    except ValueError:
        raise Invalid("case.bad_decision", field="decision", value=decision) from None
    decision_no = (decision_no or "").strip()
    if not decision_no:
        raise Invalid("case.decision_no_required", field="decision_no")
    if len(decision_no) > 60:
        raise Invalid("case.field_too_long", field="decision_no", limit=60)
    if case.status not in (CaseStatus.accepted, CaseStatus.under_review):
        raise _conflict(case, "decide")
    if case.waiver and case.waiver_deadline is not None:
        raise Conflict("case.waiver_pending", number=case.number)
    at = ctx.now()
    case.status, case.decision, case.decision_no, case.decided_at, case.updated_at = (
        CaseStatus.decided, outcome, decision_no, at, at)
    ctx.audit("case.decide", "case", case.number, {"decision": outcome.value, "decision_no": decision_no})
    return case


@use_case("case.process", write=True, audit="case.complete")
def complete(ctx: Context, number: str, *, at: datetime | None = None) -> Case:
    """decided → completed (办结: certificate issued or delivered); late when past the due date."""
    case = _load_case(ctx, number, for_update=True)
    if case.status is not CaseStatus.decided:
        raise _conflict(case, "complete")
    at = at or ctx.now()
    case.status, case.completed_at, case.completed_date = CaseStatus.completed, at, at.date()
    case.late = at.date() > case.due_date
    case.updated_at = at
    case_closed(ctx.session, case)
    ctx.audit("case.complete", "case", case.number, {"late": case.late, "due_date": case.due_date.isoformat()})
    return case


#: the reasons §45 allows, in the order the law names them
SUSPEND_REASONS = tuple(r.value for r in SuspendReason)


def _notice_no(ctx: Context, case: Case, kind: str) -> str:
    from models import Site

    from console.cases.numbering import next_document_no

    site = ctx.session.get(Site, case.site_id)
    return next_document_no(ctx.session, kind, site=site.code, at=ctx.now())


def _clock_day(ctx: Context, on: date | None) -> date:
    """The day a suspension or resumption takes effect: today, or an earlier day given with ``--on``."""
    day = on or ctx.today()
    if day > ctx.today():
        raise Invalid("law.clock_day_future", field="on", day=day.isoformat())
    return day


@use_case("case.process", write=True, audit="case.suspend")
def suspend(ctx: Context, number: str, reason: str, note: str = "", *, on: date | None = None) -> Case:
    """Stop the clock for one of the reasons of §45 (hearing, tendering, auction, inspection,
    testing, quarantine, appraisal, expert review — and supplement, public notice); the working days
    until the resumption do not count, and the applicant is told in writing (the suspension notice)."""
    case = _load_case(ctx, number, for_update=True)
    if not (reason or "").strip():
        raise Invalid("case.suspend_reason_required", field="reason", choices=", ".join(SUSPEND_REASONS))
    try:
        kind = SuspendReason(reason.strip())
    except ValueError:
        raise Invalid("case.suspend_reason_bad", field="reason", value=reason,
                      choices=", ".join(SUSPEND_REASONS)) from None
    if case.status not in OPEN_STATUSES:
        raise _conflict(case, "suspend")
    at = ctx.now()
    day = _clock_day(ctx, on)
    if day < case.accepted_date:
        raise Invalid("case.suspend_before_accept", field="on")
    last = max((s.resumed_on for s in case.suspensions if s.resumed_on is not None), default=None)
    if last is not None and day < last:
        raise Invalid("law.suspend_overlaps", field="on", day=day.isoformat(), last=last.isoformat())
    notice_no = _notice_no(ctx, case, "ZT")
    case.suspensions.append(CaseSuspension(reason=kind, note=(note or "").strip(), started_on=day,
                                           started_at=at, resume_status=case.status,
                                           staff_id=ctx.actor.id or None, notice_no=notice_no))
    case.status = CaseStatus.suspended
    case.updated_at = at
    ctx.audit("case.suspend", "case", case.number,
              {"reason": kind.value, "note": (note or "").strip(), "on": day.isoformat(), "notice_no": notice_no})
    return case


@use_case("case.process", write=True, audit="case.resume")
def resume(ctx: Context, number: str, *, on: date | None = None) -> Case:
    """Restart the clock; the due date moves by the working days spent suspended, and the
    applicant is told in writing (the resumption notice)."""
    case = _load_case(ctx, number, for_update=True)
    if case.status is not CaseStatus.suspended:
        raise _conflict(case, "resume")
    open_period = next(s for s in reversed(case.suspensions) if s.resumed_on is None)
    at = ctx.now()
    day = _clock_day(ctx, on)
    if day < open_period.started_on:
        raise Invalid("case.resume_before_suspend", field="on")
    open_period.resumed_on, open_period.resumed_at = day, at
    open_period.resume_notice_no = _notice_no(ctx, case, "HF")
    case.status = open_period.resume_status
    old = case.due_date
    recompute_due(ctx.session, case)
    case.updated_at = at
    ctx.audit("case.resume", "case", case.number,
              {"from": open_period.started_on.isoformat(), "to": day.isoformat(),
               "due_before": old.isoformat(), "due_date": case.due_date.isoformat(),
               "notice_no": open_period.resume_notice_no})
    return case


@use_case("case.process", write=True, audit="case.extend")
def extend(ctx: Context, number: str, days: int, approved_by: str, reason: str = "") -> Case:
    """The one extension the law allows (§42): at most 10 working days (15 for joint handling, or
    the item's statutory limit), approved by the head of the organ named in ``approved_by``, with the
    reason told to the applicant."""
    from models import Item

    case = _load_case(ctx, number, for_update=True)
    limit = extension_limit(case, ctx.session.get(Item, case.item_id))
    if not isinstance(days, int) or days < 1 or days > limit:
        raise Invalid("case.extension_days", field="days", max=limit)
    approved_by = (approved_by or "").strip()
    if not approved_by:
        raise Invalid("case.extension_approver", field="approved_by")
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("law.extension_reason", field="reason")
    if case.status not in (*OPEN_STATUSES, CaseStatus.suspended):
        raise _conflict(case, "extend")
    if case.extensions:
        first = case.extensions[0]
        raise Conflict("law.extension_once", number=case.number, days=first.days, approved_by=first.approved_by)
    at = ctx.now()
    case.extensions.append(CaseExtension(days=days, approved_by=approved_by[:50], reason=reason,
                                         recorded_at=at, staff_id=ctx.actor.id or None))
    case.extension_days += days
    old = case.due_date
    recompute_due(ctx.session, case)
    case.updated_at = at
    ctx.audit("case.extend", "case", case.number,
              {"days": days, "approved_by": approved_by, "reason": reason, "due_before": old.isoformat(),
               "due_date": case.due_date.isoformat()})
    return case


@use_case("case.process", write=True, audit="case.withdraw")
def withdraw(ctx: Context, number: str, reason: str = "") -> Case:
    """The applicant withdraws an open or suspended case."""
    case = _load_case(ctx, number, for_update=True)
    if case.status not in (*OPEN_STATUSES, CaseStatus.suspended):
        raise _conflict(case, "withdraw")
    at = ctx.now()
    case.status, case.closed_reason, case.updated_at = CaseStatus.withdrawn, (reason or "").strip(), at
    case.completed_at, case.completed_date = at, at.date()
    for period in case.suspensions:
        if period.resumed_on is None:
            period.resumed_on, period.resumed_at = at.date(), at
    case_closed(ctx.session, case)
    ctx.audit("case.withdraw", "case", case.number, {"reason": case.closed_reason})
    return case


@use_case("case.process", write=True, audit="case.supply")
def supply_materials(ctx: Context, number: str, positions: tuple[int, ...]) -> Case:
    """Record materials received after a waiver acceptance; when all required ones are in,
    the waiver is fulfilled."""
    case = _load_case(ctx, number, for_update=True)
    known = {m.position: m for m in case.materials}
    unknown = [p for p in positions if p not in known]
    if unknown or not positions:
        raise Invalid("case.unknown_material", field="materials", positions=", ".join(map(str, unknown)) or "-")
    if case.status not in (*OPEN_STATUSES, CaseStatus.suspended):
        raise _conflict(case, "supply")
    for p in positions:
        known[p].received = True
    if all(m.received for m in case.materials if m.required):
        case.waiver_deadline = None
    case.updated_at = ctx.now()
    ctx.audit("case.supply", "case", case.number,
              {"positions": list(positions), "complete": case.waiver_deadline is None})
    return case


@use_case("case.process", write=True, audit="case.waiver_lapsed")
def end_lapsed_waivers(ctx: Context, *, today: date | None = None) -> list[str]:
    """End every waiver case whose missing materials did not come by their deadline."""
    session = ctx.session
    today = today or ctx.today()
    stmt = select(Case).where(Case.waiver_deadline.is_not(None), Case.waiver_deadline < today,
                              Case.status.in_((*OPEN_STATUSES, CaseStatus.suspended)))
    scope = _reach(ctx)
    if scope is not None:
        stmt = stmt.where(Case.department_id.in_(scope or {-1}))
    ended = []
    at = ctx.now()
    for case in session.scalars(stmt.order_by(Case.id)):
        case.status, case.closed_reason, case.updated_at = CaseStatus.ended, "waiver_lapsed", at
        case.completed_at, case.completed_date = at, at.date()
        case_closed(session, case)
        ctx.audit("case.waiver_lapsed", "case", case.number, {"deadline": case.waiver_deadline.isoformat()})
        ended.append(case.number)
    return ended
