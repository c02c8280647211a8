"""A project's items: each approval it needs is accepted as a case by the intake service.

:func:`add_item` builds the intake form from the project's enterprise (an
organization applicant) and calls :func:`console.cases.intake.accept` — the same
acceptance a window makes: materials checked, case number, receipt, the item's
own deadline.  The case then belongs to the project.  :func:`note_blocker` records
what holds an item up; :func:`case_receipt` prints the acceptance receipt of one
of the project's cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import Case, Department, Item, ProjectItem

from console.core.context import Context
from console.core.errors import Conflict, Invalid, NotFound
from console.core.runner import use_case
from console.proxy.projects import ENTITY, load_project, require_open, require_own


@dataclass(frozen=True)
class AddedItem:
    """An item added to a project: the case it became, its department and its own due date."""

    project: str
    item_code: str
    item_name: str
    department: str
    case_number: str
    accepted_at: datetime
    due_date: date
    fee_due_fen: int

    def as_dict(self) -> dict:
        return {
            "project": self.project, "item_code": self.item_code, "item_name": self.item_name,
            "department": self.department, "case_number": self.case_number,
            "accepted_at": self.accepted_at.isoformat(sep=" "), "due_date": self.due_date.isoformat(),
            "fee_due_fen": self.fee_due_fen,
        }


def _catalog_item(session: Session, code: str) -> Item:
    code = (code or "").strip()
    if not code:
        raise Invalid("proxy.item_required", field="item")
    stmt = select(Item).options(selectinload(Item.materials))
    item = session.scalar(stmt.where(Item.code == code)) or session.scalar(stmt.where(Item.code == code.upper()))
    if item is None:
        raise NotFound("proxy.item_not_found", code=code)
    if item.retired_year is not None:
        raise Invalid("proxy.item_retired", field="item", code=item.code, year=item.retired_year)
    return item


@use_case("proxy.work", write=True, audit="proxy.add_item")
def add_item(ctx: Context, number: str, item_code: str, *, received: tuple[int, ...] | None = None,
             at: datetime | None = None) -> AddedItem:
    """Add ``item_code`` to project ``number``: accept it as a case for the enterprise.

    ``received`` lists the material positions handed in (default: all of the
    item's materials — the agent collects them).  The same item twice, a retired
    item, or a project that is not the actor's are refused and nothing is written.
    Accepting the case needs ``case.accept`` too.
    """
    from console.cases.intake import Applicant, IntakeForm, accept

    session, actor = ctx.session, ctx.actor
    stamp = at or ctx.now()
    project = load_project(session, number, for_update=True)
    require_own(actor, project)
    require_open(project)
    item = _catalog_item(session, item_code)
    twin = session.scalar(select(ProjectItem.id).where(ProjectItem.project_id == project.id,
                                                      ProjectItem.item_id == item.id))
    if twin is not None:
        raise Conflict("proxy.item_twice", code=item.code, number=project.number)
    enterprise = project.enterprise
    applicant = Applicant(
        kind="organization", name=enterprise.name, id_no=enterprise.uscc, phone=enterprise.contact_phone,
        # the contact person acts for the enterprise when no legal representative was given
        legal_rep=enterprise.legal_rep or enterprise.contact_name, contact=enterprise.contact_name,
    )
    positions = tuple(received) if received is not None else tuple(m.position for m in item.materials)
    result = accept(ctx, IntakeForm(item_code=item.code, applicant=applicant, received=positions,
                                    note=project.number), at=stamp)
    case = session.scalar(select(Case).where(Case.number == result.number))
    session.add(ProjectItem(project_id=project.id, item_id=item.id, case_id=case.id, staff_id=actor.id or None,
                            added_at=stamp))
    project.updated_at = stamp
    department = session.get(Department, item.department_id)
    ctx.audit("proxy.add_item", ENTITY, project.number, {
        "item": item.code, "case": result.number, "department": department.code,
        "due_date": result.due_date.isoformat(),
    })
    return AddedItem(project.number, item.code, item.name, department.name, result.number, result.accepted_at,
                     result.due_date, result.fee_due_fen)


@use_case("proxy.work", write=True, audit=("proxy.blocker", "proxy.blocker_cleared"))
def note_blocker(ctx: Context, number: str, item_code: str, text: str) -> ProjectItem:
    """Note what holds one of the project's items up; an empty ``text`` clears the note."""
    session = ctx.session
    project = load_project(session, number, for_update=True)
    require_own(ctx.actor, project)
    require_open(project)
    code = (item_code or "").strip()
    row = session.scalar(
        select(ProjectItem).join(Item, ProjectItem.item_id == Item.id)
        .where(ProjectItem.project_id == project.id, Item.code.in_({code, code.upper()}))
    )
    if row is None:
        raise NotFound("proxy.item_not_in_project", code=code, number=project.number)
    note = " ".join(str(text or "").split())
    if len(note) > 500:
        raise Invalid("proxy.too_long", field="blocker", limit=500)
    if not note and not row.blocker:
        raise Conflict("proxy.no_blocker", code=code)
    row.blocker = note
    row.blocker_since = ctx.today() if note else None
    project.updated_at = ctx.now()
    ctx.audit("proxy.blocker" if note else "proxy.blocker_cleared", ENTITY, project.number,
              {"item": code, "blocker": note})
    return row


@use_case("proxy.work")
def case_receipt(ctx: Context, number: str, case_number: str, fmt: str = "text") -> str:
    """The acceptance receipt (受理通知书) of ``case_number``, one of project ``number``'s cases."""
    from console.cases.documents import receipt

    project = load_project(ctx.session, number)
    case_no = (case_number or "").strip()
    owned = ctx.session.scalar(select(Case.id).join(ProjectItem, ProjectItem.case_id == Case.id)
                               .where(ProjectItem.project_id == project.id, Case.number == case_no))
    if owned is None:
        raise NotFound("proxy.case_not_in_project", case=case_no, number=project.number)
    return receipt(ctx, case_no, fmt)
