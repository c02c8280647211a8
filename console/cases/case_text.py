"""A case as people read it, in the interface language: the case screen's lines and ``hall case show``.

One place for both: status, applicant, acceptance, the clock with the law's marks (a provisional
due date, deemed acceptance), fees, receipt, joint handling, the visit's ticket, the case's way
through the network, decision, waiver, the reason it ended, and its materials.
"""

from __future__ import annotations

from console.core.i18n import t
from console.core.numbers import money


def law_marks(view) -> str:
    """Marks after the due date: provisional (a year not announced yet), deemed accepted."""
    marks = ""
    if view.due_provisional:
        marks += " " + t("law.provisional_mark")
    if view.deemed:
        marks += " " + t("law.deemed_mark")
    return marks


def law_lines(view) -> list[str]:
    """Lines of the case detail for receipt, joint handling, ticket and route."""
    lines = []
    if view.received_at is not None and (view.deemed or view.received_at != view.accepted_at):
        lines.append(t("law.info_received", at=view.received_at.isoformat(sep=" ", timespec="minutes")))
    if view.deemed:
        lines.append(t("law.info_deemed"))
    if view.joint:
        lines.append(t("law.info_joint"))
    if view.ticket:
        lines.append(t("law.info_ticket", ticket=view.ticket))
    if view.route:
        hops = " → ".join([view.route[0]["from"], *(hop["to"] for hop in view.route)])
        lines.append(t("law.info_route", route=hops, site=view.site))
    return lines


def status_text(status: str) -> str:
    """The translated case status."""
    return t(f"intake_ui.status.{status}")


def info_lines(view) -> list[str]:
    """The case's facts, one sentence a line (personal numbers as the view holds them: masked unless revealed)."""
    applicant = "  ".join(part for part in (view.applicant_name, view.applicant_id, view.applicant_phone) if part)
    fee = (t("intake_ui.info.fee", due=money(view.fee_due_fen), paid=money(view.fee_paid_fen))
           if view.fee_due_fen else t("intake_ui.info.fee_free", fee=t("ui.catalog.free")))
    lines = [
        t("intake_ui.info.status", status=status_text(view.status)),
        t("intake_ui.info.applicant", applicant=applicant),
        t("intake_ui.info.accepted", at=view.accepted_at.isoformat(sep=" ", timespec="minutes"),
          who=view.accepted_by or "-", window=f"{view.department} {view.window}".strip()),
        t("intake_ui.info.clock", days=view.promised_days, extension=view.extension_days,
          due=view.due_date.isoformat()) + law_marks(view),
        fee + ("  " + t("intake_ui.info.fee_waived") if view.fee_waived else ""),
    ]
    lines += law_lines(view)
    if view.decision:
        lines.append(t("intake_ui.info.decision", decision=t(f"intake_ui.decision.{view.decision}"),
                       number=view.decision_no))
    if view.waiver:
        lines.append(t("intake_ui.info.waiver", deadline=view.waiver_deadline.isoformat()
                       if view.waiver_deadline else "-"))
    if view.closed_reason:
        lines.append(t("intake_ui.info.closed", reason=view.closed_reason))
    return lines


def material_lines(view) -> list[str]:
    """``[x] 1. 申请表 (必交)``: each material, received or not, required or optional."""
    return [f"{'[x]' if m.received else '[ ]'} {m.position}. {m.name} "
            f"({t('intake_ui.required') if m.required else t('intake_ui.optional')})" for m in view.materials]


def case_text(view) -> str:
    """The whole case as text: its number and item, the facts, the materials (``hall case show``)."""
    warning = "" if view.warning == "none" else f"  [{t(f'case.warning_{view.warning}')}]"
    parts = [f"{view.number}  {view.item_code} {view.item_name}{warning}", *info_lines(view), "",
             t("intake_ui.section.materials"), *(material_lines(view) or ["-"])]
    return "\n".join(parts) + "\n"
