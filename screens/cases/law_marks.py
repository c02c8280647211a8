"""What the case screens show of the law's rules: a provisional due date, deemed acceptance,
receipt, joint handling, the visit's ticket and the case's way through the network."""

from __future__ import annotations

from console.core.i18n import t


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
