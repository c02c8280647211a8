"""Cases (办件): who may see and touch which case, reading one case, the one case list.

The use cases live in modules named for what they hold:
:mod:`console.cases.intake` (accept, deficiency notice, refusal; the form records in
:mod:`console.cases.intake_form`, drafts in :mod:`console.cases.drafts`),
:mod:`console.cases.lifecycle` (review, decision, completion, suspension,
extension, withdrawal), :mod:`console.cases.fees`, :mod:`console.cases.numbering`,
:mod:`console.cases.reports` (reports and efficiency supervision) and
:mod:`console.cases.files` (historical import, export).  This module holds what they
share: the access rule, the warning level, and the reading use cases
:func:`get_case` and :func:`list_cases` (the command line's ``case list`` and the
case screen both run it).

**The access rule.**  Staff who hold ``case.read_all`` reach every case; everyone
else reaches the cases of the departments their window serves (else their own
department's).  The helpers :func:`_reach` and :func:`_load_case` take the
running use case's context; they are this package's internals, shared by its
modules, and never use cases of their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case, CaseStatus, Department, Item, Setting, Site, Window, window_departments
from models.cases import OPEN_STATUSES
from models.sql import sorted_not_walked

from console.core.errors import Invalid, NotFound, PermissionDenied
from console.core.parsing import format_yuan
from console.core.personal import shown_id, shown_phone
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context

#: setting: how many last working days count as "at risk" (yellow); default 1 (the due day)
YELLOW_DAYS_KEY = "case.yellow_days"

#: the scopes of the case list: the actor's own cases, their window's, those now at their site, or all
SCOPES = ("mine", "window", "here", "all")


def _reach(ctx: Context) -> set[int] | None:
    """Department ids the acting staff member works for (their window's, else their own); None = all."""
    if ctx.allowed("case.read_all"):
        return None
    actor = ctx.actor
    ids: set[int] = set()
    if actor.window_id:
        ids.update(ctx.session.scalars(select(window_departments.c.department_id)
                                       .where(window_departments.c.window_id == actor.window_id)))
    if not ids and actor.department_id:
        ids.add(actor.department_id)
    return ids


def _load_case(ctx: Context, number: str, *, for_update: bool = False) -> Case:
    """The case ``number`` if the acting staff member may reach it: its department, or they accepted it.

    The running use case has checked its permission already.  A proxy agent (no
    window, no department) reaches the cases they accepted for their projects.
    """
    session = ctx.session
    stmt = select(Case).where(Case.number == (number or "").strip())
    if for_update and session.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update()
    case = session.scalar(stmt)
    if case is None:
        raise NotFound("case.not_found", number=number)
    scope = _reach(ctx)
    if scope is not None and case.department_id not in scope and case.staff_id != ctx.actor.id \
            and not _here(ctx, case):
        raise PermissionDenied("case.other_department", number=case.number)
    return case


def _here(ctx: Context, case: Case) -> bool:
    """True when the case is now at the actor's township center or village room (the network
    brings it there); the city center keeps to the department rule."""
    site_id = case.current_site_id or case.site_id
    if not ctx.actor.site_id or site_id != ctx.actor.site_id:
        return False
    site = ctx.session.get(Site, site_id)
    return site is not None and site.kind.value != "center"


def yellow_days(session: Session) -> int:
    """The configured number of last working days that count as at risk (≥ 1)."""
    row = session.get(Setting, YELLOW_DAYS_KEY)
    try:
        return max(1, int(row.value)) if row is not None else 1
    except ValueError:
        return 1


def warning_level(case_status: str, due: date, today: date, yellow_from: date) -> str:
    """``red`` when overdue, ``yellow`` from ``yellow_from`` on, else ``green``; closed cases ``none``."""
    if CaseStatus(case_status) not in OPEN_STATUSES:
        return "none"
    if due < today:
        return "red"
    if due <= yellow_from:
        return "yellow"
    return "green"


def yellow_threshold(session: Session, today: date) -> date:
    """Cases due on or before this date (and not yet overdue) are yellow."""
    from console.calendar.workdays import load_calendar

    days = yellow_days(session)
    return load_calendar(session).add(today, days - 1) if days > 1 else today


@dataclass(frozen=True)
class CaseSummary:
    """A case row for lists: personal numbers masked (revealed only by :mod:`console.cases.reveal`)."""

    number: str
    item_code: str
    item_name: str
    department: str
    window: str
    applicant: str
    applicant_id: str
    status: str
    accepted_at: datetime
    due_date: date
    warning: str
    #: the due date is counted on the provisional calendar of a year not announced yet
    due_provisional: bool = False

    def as_dict(self) -> dict:
        return {
            "number": self.number, "item_code": self.item_code, "item_name": self.item_name,
            "department": self.department, "window": self.window, "applicant": self.applicant,
            "applicant_id": self.applicant_id, "status": self.status,
            "accepted_at": self.accepted_at.isoformat(sep=" "), "due_date": self.due_date.isoformat(),
            "warning": self.warning, "due_provisional": self.due_provisional,
        }


@dataclass(frozen=True)
class MaterialState:
    """One material of the item and whether it was received."""

    position: int
    name: str
    required: bool
    received: bool


@dataclass(frozen=True)
class CaseView:
    """Everything about one case, for the detail screen, ``case show`` and the receipt."""

    number: str
    status: str
    site_code: str
    site_name: str
    window: str
    department_code: str
    department: str
    item_code: str
    item_name: str
    legal_basis: str
    applicant_kind: str
    applicant_name: str
    applicant_id: str
    applicant_phone: str
    legal_rep: str
    contact: str
    accepted_at: datetime
    accepted_by: str
    promised_days: int
    extension_days: int
    due_date: date
    warning: str
    decision: str | None
    decision_no: str
    completed_at: datetime | None
    late: bool
    fee_due_fen: int
    fee_paid_fen: int
    fee_waived: bool
    waiver: bool
    waiver_commitment: str
    waiver_deadline: date | None
    closed_reason: str
    materials: tuple[MaterialState, ...] = ()
    suspensions: tuple[dict, ...] = ()
    extensions: tuple[dict, ...] = ()
    fees: tuple[dict, ...] = ()
    #: the due date is counted on the provisional calendar of a year not announced yet
    due_provisional: bool = False
    received_at: datetime | None = None
    #: deemed accepted from receipt (no deficiency notice within 5 working days, §32(4))
    deemed: bool = False
    joint: bool = False
    #: the queue ticket of the visit (its number and day), when accepted from one
    ticket: str | None = None
    #: where the case is now, and each hop it made (from, to, by, at, reason)
    site: str = ""
    route: tuple[dict, ...] = ()

    def as_dict(self) -> dict:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for key in ("accepted_at", "completed_at", "received_at"):
            data[key] = data[key].isoformat(sep=" ") if data[key] else None
        for key in ("due_date", "waiver_deadline"):
            data[key] = data[key].isoformat() if data[key] else None
        data["fee_due"] = format_yuan(self.fee_due_fen)
        data["fee_paid"] = format_yuan(self.fee_paid_fen)
        data["materials"] = [m.__dict__ for m in self.materials]
        data["suspensions"] = list(self.suspensions)
        data["extensions"] = list(self.extensions)
        data["fees"] = list(self.fees)
        data["route"] = list(self.route)
        return data


def _view(ctx: Context, case: Case) -> CaseView:
    """The :class:`CaseView` of a loaded case as the acting staff member may see it."""
    from models import Staff

    session, actor, today = ctx.session, ctx.actor, ctx.today()
    item = session.get(Item, case.item_id)
    dept = session.get(Department, case.department_id)
    site = session.get(Site, case.site_id)
    window = session.get(Window, case.window_id) if case.window_id else None
    staff = session.get(Staff, case.staff_id) if case.staff_id else None
    return CaseView(
        number=case.number, status=case.status.value, site_code=site.code, site_name=site.name,
        window=window.number if window else "", department_code=dept.code, department=dept.name,
        item_code=item.code, item_name=item.name, legal_basis=item.legal_basis,
        applicant_kind=case.applicant_kind.value, applicant_name=case.applicant_name,
        applicant_id=(shown_id(actor, case.applicant_id_no) if case.applicant_kind.value == "person"
                      else case.applicant_id_no),
        applicant_phone=shown_phone(actor, case.applicant_phone), legal_rep=case.legal_rep,
        contact=case.contact, accepted_at=case.accepted_at, accepted_by=staff.name if staff else "",
        promised_days=case.promised_days, extension_days=case.extension_days, due_date=case.due_date,
        warning=warning_level(case.status.value, case.due_date, today, yellow_threshold(session, today)),
        decision=case.decision.value if case.decision else None, decision_no=case.decision_no,
        completed_at=case.completed_at, late=case.late, fee_due_fen=case.fee_due_fen,
        fee_paid_fen=case.fee_paid_fen, fee_waived=case.fee_waived, waiver=case.waiver,
        waiver_commitment=case.waiver_commitment, waiver_deadline=case.waiver_deadline,
        closed_reason=case.closed_reason,
        materials=tuple(MaterialState(m.position, m.name, m.required, m.received) for m in case.materials),
        suspensions=tuple({"reason": s.reason.value, "note": s.note, "from": s.started_on.isoformat(),
                           "to": s.resumed_on.isoformat() if s.resumed_on else None,
                           "notice_no": s.notice_no, "resume_notice_no": s.resume_notice_no}
                          for s in case.suspensions),
        extensions=tuple({"days": e.days, "approved_by": e.approved_by, "reason": e.reason}
                         for e in case.extensions),
        fees=tuple({"kind": f.kind.value, "amount": format_yuan(f.amount_fen),
                    "method": f.method.value if f.method else None, "receipt_no": f.receipt_no,
                    "reason": f.reason, "date": f.recorded_date.isoformat()} for f in case.fees),
        **_law_fields(session, case, site),
    )


def _law_fields(session: Session, case: Case, site: Site) -> dict:
    """The view's fields of the law's rules: receipt, deemed acceptance, ticket, route."""
    from console.cases.network import case_route, ticket_label

    here = session.get(Site, case.current_site_id) if case.current_site_id else site
    return dict(due_provisional=case.due_provisional, received_at=case.received_at, deemed=case.deemed,
                joint=case.joint, ticket=ticket_label(session, case.ticket_id), site=here.code,
                route=case_route(session, case))


@use_case("case.process")
def get_case(ctx: Context, number: str) -> CaseView:
    """One case with its materials, clock, fees — as the acting staff member may see it."""
    return _view(ctx, _load_case(ctx, number))


def _scoped(ctx: Context, stmt, *, scope: str, status: str | None, overdue: bool, today: date,
            reach: bool = True):
    """``stmt`` narrowed to the cases the actor may see in ``scope``, with ``status`` / ``overdue``
    (``reach=False``: not to those they may reach; the caller does that)."""
    if scope not in SCOPES:
        raise Invalid("intake_ui.bad_scope", field="scope", value=scope, choices=", ".join(SCOPES))
    session, actor = ctx.session, ctx.actor
    if status:
        try:
            stmt = stmt.where(Case.status == CaseStatus(status))
        except ValueError:
            raise Invalid("case.bad_status", field="status", value=status,
                          choices=", ".join(s.value for s in CaseStatus)) from None
    if overdue:
        stmt = stmt.where(Case.status.in_(OPEN_STATUSES), Case.due_date < today)
    if scope == "mine":
        stmt = stmt.where(Case.staff_id == (actor.id or -1))
    elif scope == "window":
        stmt = stmt.where(Case.window_id == (actor.window_id or -1))
    elif scope == "here":
        from sqlalchemy import func

        stmt = stmt.where(func.coalesce(Case.current_site_id, Case.site_id) == (actor.site_id or -1))
    departments = _reach(ctx) if reach and scope != "mine" else None  # they reach what they accepted
    if departments is not None:
        from sqlalchemy import func

        reached = Case.department_id.in_(departments or {-1}) | (Case.staff_id == (actor.id or -1))
        site = _township(ctx)
        if site is not None:
            reached = reached | (func.coalesce(Case.current_site_id, Case.site_id) == site.id)
        stmt = stmt.where(reached)
    return stmt


def _township(ctx: Context) -> Site | None:
    """The actor's site when it is not the center (they also reach the cases at their site)."""
    site = ctx.session.get(Site, ctx.actor.site_id) if ctx.actor.site_id else None
    return site if site is not None and site.kind.value != "center" else None


@use_case("case.process")
def count_cases(ctx: Context, *, scope: str = "all", status: str | None = None, overdue: bool = False,
                today: date | None = None) -> int:
    """How many cases :func:`list_cases` would list without a limit (the true total of a list)."""
    from sqlalchemy import func

    count = select(func.count()).select_from(Case)
    filters = dict(scope=scope, status=status, overdue=overdue, today=today or ctx.today())
    departments = _reach(ctx) if scope != "mine" else None
    if departments is None or _township(ctx) is not None:
        return int(ctx.session.scalar(_scoped(ctx, count, **filters)) or 0)
    # their departments' cases and those they accepted elsewhere, counted apart: an index answers each
    # (one OR of the two would test every case of the filter)
    base, ids = _scoped(ctx, count, reach=False, **filters), departments or {-1}
    return sum(int(ctx.session.scalar(part) or 0) for part in (
        base.where(Case.department_id.in_(ids)),
        base.where(Case.staff_id == (ctx.actor.id or -1), Case.department_id.not_in(ids))))


@use_case("case.process")
def list_cases(ctx: Context, *, scope: str = "all", status: str | None = None, overdue: bool = False,
               limit: int = 500, offset: int = 0, today: date | None = None) -> list[CaseSummary]:
    """Cases the acting staff member may see, newest accepted first (imported history too).

    ``scope`` narrows them to their own acceptances (``mine``) or their window's
    (``window``); ``all`` is everything they may reach.  ``status`` keeps one
    status; ``overdue`` only open cases past their due date.  ``offset`` skips that
    many (paging; :func:`count_cases` gives the total).
    """
    session, actor = ctx.session, ctx.actor
    today = today or ctx.today()
    stmt = (
        select(Case.number, Item.code, Item.name, Department.name, Window.number, Case.applicant_name,
               Case.applicant_kind, Case.applicant_id_no, Case.status, Case.accepted_at, Case.due_date,
               Case.due_provisional)
        .join(Item, Case.item_id == Item.id)
        .join(Department, Case.department_id == Department.id)
        .outerjoin(Window, Case.window_id == Window.id)
    )
    stmt = _scoped(ctx, stmt, scope=scope, status=status, overdue=overdue, today=today)
    # overdue cases are few: find them by (status, due_date) and sort, never walk the whole history
    newest = sorted_not_walked(Case.accepted_at) if overdue else Case.accepted_at
    stmt = stmt.order_by(newest.desc(), Case.id.desc()).offset(max(offset, 0)).limit(limit)
    threshold = yellow_threshold(session, today)
    return [
        CaseSummary(number, code, name, dept, win or "", applicant,
                    shown_id(actor, id_no) if kind.value == "person" else id_no,
                    st.value, at, due, warning_level(st.value, due, today, threshold), provisional)
        for number, code, name, dept, win, applicant, kind, id_no, st, at, due, provisional in session.execute(stmt)
    ]


@dataclass(frozen=True)
class CasePage:
    """One page of a case list: its rows, where it starts and the true total."""

    rows: list[CaseSummary]
    offset: int
    total: int


@use_case("case.process")
def case_page(ctx: Context, *, scope: str = "all", status: str | None = None, offset: int = 0,
              limit: int = 200) -> CasePage:
    """The page of :func:`list_cases` starting at ``offset``, with the total of the whole list."""
    total = count_cases(ctx, scope=scope, status=status)
    offset = max(0, min(offset, max(total - 1, 0) // limit * limit))
    return CasePage(list_cases(ctx, scope=scope, status=status, limit=limit, offset=offset), offset, total)
