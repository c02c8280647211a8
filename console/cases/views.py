"""Read services the case screens need beyond :mod:`console.cases.access`.

* :func:`acceptable_items` — the catalog search limited to the items the actor's
  window may accept (a comprehensive window serves several departments);
* :func:`case_timeline` — every recorded step of one case from the audit trail;
* :func:`serving_ticket` — the ticket the actor's window is serving, if any;
* :func:`accept_with_receipt` / :func:`notice_with_text` / :func:`refusal_with_text`
  — an intake outcome and its document text in the same transaction, so the
  screen needs one round trip.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Item
from models.audit import AuditEvent

from console.cases.intake import intake_place
from console.catalog.browse import ItemSummary, search_items
from console.cases.access import load_case
from console.core.permissions import allowed


def acceptable_items(session: Session, actor, query: str, *, limit: int = 50) -> list[ItemSummary]:
    """Items matching ``query`` (code, name, pinyin initials) that the actor's window may accept.

    Staff without a window who may accept anywhere (administrators, proxy agents)
    see every active item.
    """
    rows = search_items(session, actor, query, limit=500)
    place = intake_place(session, actor)
    if place.window_id is None:
        return rows[:limit]
    codes = set(session.scalars(select(Item.code).where(Item.department_id.in_(place.departments or {-1}))))
    return [row for row in rows if row.code in codes][:limit]


@dataclass(frozen=True)
class TimelineEntry:
    """One step of a case: when, who, what, and the recorded details."""

    at: datetime
    actor_no: str
    action: str
    details: dict


def case_timeline(session: Session, actor, number: str) -> list[TimelineEntry]:
    """The case's steps in the audit trail, oldest first (the actor must be able to see the case)."""
    permission = "case.read_all" if allowed(actor.role, "case.read_all") else "case.process"
    case = load_case(session, actor, number, permission)
    stmt = (select(AuditEvent.at, AuditEvent.actor_no, AuditEvent.action, AuditEvent.summary)
            .where(AuditEvent.entity_type == "case", AuditEvent.entity_id == case.number)
            .order_by(AuditEvent.id))
    entries = []
    for at, actor_no, action, summary in session.execute(stmt):
        try:
            details = json.loads(summary or "{}")
        except ValueError:
            details = {}
        entries.append(TimelineEntry(at, actor_no, action, details if isinstance(details, dict) else {}))
    return entries


def serving_ticket(session: Session, actor):
    """The ticket called or served at the actor's window, or ``None`` (no window, no queue)."""
    from console.queue.window import current_ticket

    if not actor.window_id or not allowed(actor.role, "queue.read"):
        return None
    return current_ticket(session, actor, actor.window_id)


def accept_with_receipt(session: Session, actor, form, **kwargs):
    """:func:`console.cases.intake.accept` and the receipt text: ``(AcceptResult, text)``."""
    from console.cases.documents import receipt
    from console.cases.intake import accept

    result = accept(session, actor, form, **kwargs)
    session.flush()
    return result, receipt(session, actor, result.number, "text")


def notice_with_text(session: Session, actor, form, **kwargs):
    """:func:`console.cases.intake.issue_deficiency_notice` and the notice text."""
    from console.cases.documents import deficiency_notice
    from console.cases.intake import issue_deficiency_notice

    result = issue_deficiency_notice(session, actor, form, **kwargs)
    session.flush()
    return result, deficiency_notice(session, actor, result.intake_id, "text")


def refusal_with_text(session: Session, actor, form, **kwargs):
    """:func:`console.cases.intake.refuse` and the decision text."""
    from console.cases.documents import refusal_decision
    from console.cases.intake import refuse

    result = refuse(session, actor, form, **kwargs)
    session.flush()
    return result, refusal_decision(session, actor, result.intake_id, "text")


#: document kinds the screens export: kind → (module function name, what identifies it)
DOCUMENTS = {"receipt": "receipt", "notice": "deficiency_notice", "refusal": "refusal_decision"}


def export_document(session: Session, actor, kind: str, ref, fmt: str, path: str) -> str:
    """Write the ``kind`` document (``receipt`` of a case number, ``notice`` / ``refusal`` of an
    intake id) as ``fmt`` (``text`` or ``html``) to ``path``; return the path written."""
    from pathlib import Path

    from console.cases import documents as case_documents
    from console.core.errors import Invalid

    render = getattr(case_documents, DOCUMENTS[kind])
    text = render(session, actor, ref, fmt)
    target = Path(path).expanduser()
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise Invalid("intake_ui.export_failed", field="path", path=str(target), error=error.strerror or "") from None
    return str(target)


#: the scopes of the case list: the actor's own cases, their window's, or all they may see
SCOPES = ("mine", "window", "all")


def case_list(session: Session, actor, *, scope: str = "all", status: str | None = None,
              today=None, limit: int = 300):
    """:func:`console.cases.access.list_cases` narrowed to the actor's own cases (``mine``) or
    their window's (``window``); ``all`` is everything the actor may see."""
    from models import Case, CaseStatus, Department, Window
    from models.base import today as hall_today

    from console.cases.access import CaseSummary, actor_departments, warning_level, yellow_threshold
    from console.core.errors import Invalid
    from console.core.permissions import require
    from console.core.personal import shown_id

    if not allowed(actor.role, "case.read_all"):
        require(actor, "case.process")
    if scope not in SCOPES:
        raise Invalid("intake_ui.bad_scope", field="scope", value=scope, choices=", ".join(SCOPES))
    today = today or hall_today()
    stmt = (
        select(Case.number, Item.code, Item.name, Department.name, Window.number, Case.applicant_name,
               Case.applicant_kind, Case.applicant_id_no, Case.status, Case.accepted_at, Case.due_date)
        .join(Item, Case.item_id == Item.id)
        .join(Department, Case.department_id == Department.id)
        .outerjoin(Window, Case.window_id == Window.id)
    )
    if status:
        try:
            stmt = stmt.where(Case.status == CaseStatus(status))
        except ValueError:
            raise Invalid("case.bad_status", field="status", value=status,
                          choices=", ".join(s.value for s in CaseStatus)) from None
    if scope == "mine":
        stmt = stmt.where(Case.staff_id == (actor.id or -1))
    elif scope == "window":
        stmt = stmt.where(Case.window_id == (actor.window_id or -1))
    departments = actor_departments(session, actor)
    if departments is not None:
        stmt = stmt.where(Case.department_id.in_(departments or {-1}))
    stmt = stmt.order_by(Case.accepted_at.desc(), Case.id.desc()).limit(limit)
    threshold = yellow_threshold(session, today)
    return [
        CaseSummary(number, code, name, dept, win or "", applicant,
                    shown_id(actor, id_no) if kind.value == "person" else id_no,
                    st.value, at, due, warning_level(st.value, due, today, threshold))
        for number, code, name, dept, win, applicant, kind, id_no, st, at, due in session.execute(stmt)
    ]
