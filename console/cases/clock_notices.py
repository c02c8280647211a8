"""The written notices of §45: the clock stopped (暂停计时告知书) and restarted (恢复计时告知书),
as text and HTML, produced like the intake documents of :mod:`console.cases.documents`."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

from console.cases.documents import _check, _text, issued_by, signed
from console.core.errors import NotFound
from console.core.i18n import t
from console.core.runner import use_case

if TYPE_CHECKING:  # pragma: no cover
    from console.core.context import Context


def _period(ctx: Context, number: str, index: int | None, *, resumed: bool):
    from console.cases.access import _load_case, get_case

    case = _load_case(ctx, number)
    periods = [s for s in case.suspensions if s.resumed_on is not None] if resumed else list(case.suspensions)
    if not periods:
        raise NotFound("law.no_suspension", number=number)
    try:
        period = periods[-1] if index is None else case.suspensions[index - 1]
    except IndexError:
        raise NotFound("law.no_suspension", number=number) from None
    if resumed and period.resumed_on is None:
        raise NotFound("law.no_suspension", number=number)
    return get_case(ctx, number), period


def _render(ctx: Context, number: str, title: str, lines: list[tuple[str, str]], fmt: str, footer: str,
            on) -> str:
    """A notice as text, or as a print-ready page through the one document template."""
    _check(fmt)
    if fmt == "text":
        return _text(title, lines, footer)
    from sqlalchemy import select

    from models import Case

    from console.core.i18n import get_language
    from console.core.printable import Document, document_html

    site_id, department_id = ctx.session.execute(
        select(Case.site_id, Case.department_id).where(Case.number == number)).one()
    doc = Document(title=title, number_label=lines[0][0], number=lines[0][1], fields=lines[1:],
                   paragraphs=[footer], **issued_by(ctx.session, site_id, department_id),
                   **signed(datetime.combine(on, time())))
    return document_html(doc, get_language())


def _head(view) -> list[tuple[str, str]]:
    return [
        (t("case.doc_number"), view.number),
        (t("case.doc_applicant"), view.applicant_name),
        (t("case.doc_item"), f"{view.item_code} {view.item_name}"),
        (t("case.doc_department"), view.department),
        (t("case.doc_accepted_at"), view.accepted_at.isoformat(sep=" ")),
    ]


@use_case("case.process")
def suspension_notice(ctx: Context, number: str, fmt: str = "text", index: int | None = None) -> str:
    """The suspension notice of case ``number`` (its last suspension, or the ``index``-th, from 1)."""
    view, period = _period(ctx, number, index, resumed=False)
    lines = [(t("law.doc_notice_no"), period.notice_no or "-"), *_head(view),
             (t("law.doc_reason"), t(f"law.reason.{period.reason.value}")),
             (t("law.doc_note"), period.note or "-"),
             (t("law.doc_stopped_on"), period.started_on.isoformat())]
    return _render(ctx, number, t("law.doc_suspension_title"), lines, fmt, t("law.doc_suspension_footer"),
                   period.started_on)


@use_case("case.process")
def resumption_notice(ctx: Context, number: str, fmt: str = "text", index: int | None = None) -> str:
    """The resumption notice of case ``number`` (its last closed suspension, or the ``index``-th)."""
    from console.calendar.workdays import load_calendar

    view, period = _period(ctx, number, index, resumed=True)
    lost = load_calendar(ctx.session).count(period.started_on, period.resumed_on)
    lines = [(t("law.doc_notice_no"), period.resume_notice_no or "-"), *_head(view),
             (t("law.doc_reason"), t(f"law.reason.{period.reason.value}")),
             (t("law.doc_stopped_on"), period.started_on.isoformat()),
             (t("law.doc_resumed_on"), period.resumed_on.isoformat()),
             (t("law.doc_not_counted"), t("case.doc_days", days=lost)),
             (t("case.doc_due"), view.due_date.isoformat()
              + (" " + t("law.provisional_mark") if view.due_provisional else ""))]
    return _render(ctx, number, t("law.doc_resumption_title"), lines, fmt, t("law.doc_resumption_footer"),
                   period.resumed_on)
