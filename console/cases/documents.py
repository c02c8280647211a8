"""The intake documents as text and HTML: acceptance receipt (受理通知书), deficiency
notice (一次性告知书) and refusal decision (不予受理决定书)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from rich.cells import cell_len

from models import Intake, Item, Site

from console.core.errors import Invalid, NotFound
from console.core.i18n import t
from console.core.numbers import pad, working_days
from console.core.parsing import format_yuan
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context

FORMATS = ("text", "html")


def _render(title: str, lines: list[tuple[str, str]], fmt: str, footer: str = "") -> str:
    if fmt not in FORMATS:
        raise Invalid("case.bad_format", field="format", value=fmt, choices=", ".join(FORMATS))
    if fmt == "text":
        # padded by terminal cells (a Chinese character is two), so values line up in both languages
        width = max((cell_len(label) for label, _ in lines), default=0)
        body = [title, "=" * max(cell_len(title), 20)]
        body += [f"{pad(label, width)}  {value}" for label, value in lines]
        if footer:
            body += ["", footer]
        return "\n".join(body) + "\n"
    rows = "\n".join(f"<tr><th>{html.escape(label)}</th><td>{html.escape(value)}</td></tr>"
                     for label, value in lines)
    foot = f"<p>{html.escape(footer)}</p>" if footer else ""
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>'
            f"<body><h1>{html.escape(title)}</h1>\n<table>\n{rows}\n</table>{foot}</body></html>\n")


@use_case("case.process")
def receipt(ctx: Context, number: str, fmt: str = "text") -> str:
    """The acceptance receipt (受理通知书) of case ``number``."""
    from console.cases.access import get_case

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
        (t("case.doc_site"), view.site_name + (f" {view.window}" if view.window else "")),
    ]
    if view.route:
        lines.append((t("law.doc_route"), " → ".join([view.route[0]["from"], *(h["to"] for h in view.route)])))
    if view.waiver and view.waiver_deadline:
        missing = "、".join(m.name for m in view.materials if m.required and not m.received)
        lines.append((t("case.doc_waiver_missing"), missing))
        lines.append((t("case.doc_waiver_deadline"), view.waiver_deadline.isoformat()))
    return _render(t("case.doc_receipt_title"), lines, fmt, t("case.doc_receipt_footer"))


def _intake(ctx: Context, intake_id: int, status: str) -> Intake:
    intake = ctx.session.get(Intake, intake_id)
    if intake is None or intake.status.value != status or not intake.document_no:
        raise NotFound("case.document_not_found", id=intake_id)
    return intake


@use_case("case.accept")
def deficiency_notice(ctx: Context, intake_id: int, fmt: str = "text") -> str:
    """The deficiency notice (一次性告知书) of intake ``intake_id``: every missing material."""
    intake = _intake(ctx, intake_id, "deficiency")
    item = ctx.session.get(Item, intake.item_id)
    site = ctx.session.get(Site, intake.site_id) if intake.site_id else None
    lines = [
        (t("case.doc_notice_no"), intake.document_no),
        (t("case.doc_applicant"), intake.applicant_name),
        (t("case.doc_item"), f"{item.code} {item.name}"),
        (t("case.doc_issued"), intake.updated_at.isoformat(sep=" ")),
    ]
    for i, name in enumerate(intake.reason.splitlines(), start=1):
        lines.append((t("case.doc_missing", n=i), name))
    if site:
        lines.append((t("case.doc_site"), site.name))
    return _render(t("case.doc_notice_title"), lines, fmt, t("case.doc_notice_footer"))


@use_case("case.accept")
def refusal_decision(ctx: Context, intake_id: int, fmt: str = "text") -> str:
    """The refusal decision (不予受理决定书) of intake ``intake_id``."""
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
    return _render(t("case.doc_refusal_title"), lines, fmt, t("case.doc_refusal_footer"))
