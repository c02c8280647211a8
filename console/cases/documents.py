"""The intake documents as text and as print-ready HTML: acceptance receipt (受理通知书), deficiency
notice (一次性告知书) and refusal decision (不予受理决定书).

The HTML of each is one A4 page through the one template,
:func:`console.core.printable.document_html`: the issuing center and the
department's service section as the header, the document's number, the
applicant, the item, the materials received (or missing), the promised date, the
signature lines and the seal area with the department's approval seal.  A new
notice (suspension, resumption) builds a :class:`~console.core.printable.Document`
with :func:`issued_by` and :func:`signed` the same way.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from sqlalchemy import select

from models import Department, Intake, Item, Site
from models.org import Seal

from console.core.errors import Invalid, NotFound
from console.core.i18n import get_language, t
from console.core.numbers import pad, working_days
from console.core.parsing import format_yuan
from console.core.printable import Document, document_html
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context

FORMATS = ("text", "html")


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise Invalid("case.bad_format", field="format", value=fmt, choices=", ".join(FORMATS))


def _text(title: str, lines: list[tuple[str, str]], footer: str = "") -> str:
    # padded by terminal cells (a Chinese character is two), so values line up in both languages
    width = max((cell_len(label) for label, _ in lines), default=0)
    body = [title, "=" * max(cell_len(title), 20)]
    body += [f"{pad(label, width)}  {value}" for label, value in lines]
    if footer:
        body += ["", footer]
    return "\n".join(body) + "\n"


def issued_by(session, site_id: int | None, department_id: int | None) -> dict:
    """The header and seal of a document: ``issuer`` (the site), ``office`` (the department's service
    section, else its name) and ``seal`` (its approval seal's name, else 「<department>审批专用章」)."""
    site = session.get(Site, site_id) if site_id else None
    if site is None:
        site = session.scalars(select(Site).order_by(Site.id).limit(1)).first()
    department = session.get(Department, department_id) if department_id else None
    seal_name = ""
    if department is not None:
        seal_name = session.scalar(select(Seal.name).where(Seal.department_id == department.id,
                                                           Seal.retired.is_(None)).order_by(Seal.number)) or ""
        seal_name = seal_name or t("ops.doc.seal_default", department=department.name)
    return {"issuer": site.name if site else "", "seal": seal_name,
            "office": (department.service_section or department.name) if department else ""}


def signed(on: datetime) -> dict:
    """The seal hint and the date line of a document issued ``on``."""
    return {"seal_hint": t("ops.doc.seal_hint"), "date_text": t("ops.doc.date", date=on.strftime("%Y-%m-%d")),
            "signatures": [t("ops.doc.sign_clerk"), t("ops.doc.sign_applicant")]}


@use_case("case.process")
def receipt(ctx: Context, number: str, fmt: str = "text") -> str:
    """The acceptance receipt (受理通知书) of case ``number``."""
    from console.cases.access import get_case
    from models import Case

    _check(fmt)
    view = get_case(ctx, number)
    lines = [
        (t("case.doc_number"), view.number),
        (t("case.doc_applicant"), view.applicant_name),
        (t("case.doc_applicant_id"), view.applicant_id),
        (t("case.doc_item"), f"{view.item_code} {view.item_name}"),
        (t("case.doc_department"), view.department),
        (t("case.doc_accepted_at"), view.accepted_at.isoformat(sep=" ")),
        (t("case.doc_promised"), working_days(view.promised_days)),
        (t("case.doc_due"), view.due_date.isoformat()
         + (" " + t("law.provisional_mark") if view.due_provisional else "")
         + (" " + t("law.deemed_mark") if view.deemed else "")),
        (t("case.doc_fee"), format_yuan(view.fee_due_fen, grouped=True)),
        (t("case.doc_site"), view.site_name + (" " + t("ui.header.window", number=view.window) if view.window else "")),
    ]
    if view.route:
        lines.append((t("law.doc_route"), " → ".join([view.route[0]["from"], *(h["to"] for h in view.route)])))
    missing = [m.name for m in view.materials if m.required and not m.received]
    if view.waiver and view.waiver_deadline:
        lines.append((t("case.doc_waiver_missing"), "、".join(missing)))
        lines.append((t("case.doc_waiver_deadline"), view.waiver_deadline.isoformat()))
    if fmt == "text":
        return _text(t("case.doc_receipt_title"), lines, t("case.doc_receipt_footer"))
    site_id, department_id = ctx.session.execute(
        select(Case.site_id, Case.department_id).where(Case.number == number)).one()
    received = [(m.name, False) for m in view.materials if m.received]
    lists = [(t("ops.doc.received"), received or [(t("ops.doc.none"), False)])]
    if missing:
        lists.append((t("ops.doc.to_bring"), [(name, True) for name in missing]))
    doc = Document(title=t("case.doc_receipt_title"), number_label=t("case.doc_number"), number=view.number,
                   fields=[row for row in lines if row[0] != t("case.doc_number")], lists=lists,
                   paragraphs=[t("case.doc_receipt_footer")], footer=t("ops.doc.footer_receipt"),
                   **issued_by(ctx.session, site_id, department_id), **signed(view.accepted_at))
    return document_html(doc, get_language())


def _intake(ctx: Context, intake_id: int, status: str) -> Intake:
    intake = ctx.session.get(Intake, intake_id)
    if intake is None or intake.status.value != status or not intake.document_no:
        raise NotFound("case.document_not_found", id=intake_id)
    return intake


def _department_of(item: Item) -> int | None:
    return getattr(item, "department_id", None)


@use_case("case.accept")
def deficiency_notice(ctx: Context, intake_id: int, fmt: str = "text") -> str:
    """The deficiency notice (一次性告知书) of intake ``intake_id``: every missing material."""
    _check(fmt)
    intake = _intake(ctx, intake_id, "deficiency")
    item = ctx.session.get(Item, intake.item_id)
    site = ctx.session.get(Site, intake.site_id) if intake.site_id else None
    missing = intake.reason.splitlines()
    lines = [
        (t("case.doc_notice_no"), intake.document_no),
        (t("case.doc_applicant"), intake.applicant_name),
        (t("case.doc_item"), f"{item.code} {item.name}"),
        (t("case.doc_issued"), intake.updated_at.isoformat(sep=" ")),
    ]
    for i, name in enumerate(missing, start=1):
        lines.append((t("case.doc_missing", n=i), name))
    if site:
        lines.append((t("case.doc_site"), site.name))
    if fmt == "text":
        return _text(t("case.doc_notice_title"), lines, t("case.doc_notice_footer"))
    fields = [row for row in lines[1:4]] + ([(t("case.doc_site"), site.name)] if site else [])
    doc = Document(title=t("case.doc_notice_title"), number_label=t("case.doc_notice_no"),
                   number=intake.document_no, fields=fields,
                   lists=[(t("ops.doc.missing"), [(name, True) for name in missing])],
                   paragraphs=[t("case.doc_notice_footer"), t("ops.doc.notice_law")],
                   footer=t("ops.doc.footer_notice"),
                   **issued_by(ctx.session, intake.site_id, _department_of(item)), **signed(intake.updated_at))
    return document_html(doc, get_language())


@use_case("case.accept")
def refusal_decision(ctx: Context, intake_id: int, fmt: str = "text") -> str:
    """The refusal decision (不予受理决定书) of intake ``intake_id``."""
    _check(fmt)
    intake = _intake(ctx, intake_id, "refused")
    item = ctx.session.get(Item, intake.item_id)
    lines = [
        (t("case.doc_decision_no"), intake.document_no),
        (t("case.doc_applicant"), intake.applicant_name),
        (t("case.doc_item"), f"{item.code} {item.name}"),
        (t("case.doc_reason"), intake.reason),
        (t("case.doc_basis"), intake.legal_basis),
        (t("case.doc_issued"), intake.updated_at.isoformat(sep=" ")),
    ]
    if fmt == "text":
        return _text(t("case.doc_refusal_title"), lines, t("case.doc_refusal_footer"))
    doc = Document(title=t("case.doc_refusal_title"), number_label=t("case.doc_decision_no"),
                   number=intake.document_no, fields=lines[1:], paragraphs=[t("case.doc_refusal_footer")],
                   footer=t("ops.doc.footer_refusal"),
                   **issued_by(ctx.session, intake.site_id, _department_of(item)), **signed(intake.updated_at))
    return document_html(doc, get_language())
