"""The assessment's data metrics, computed from the queue, the cases and the ratings.

Registered in :mod:`console.assess.metrics` (imported through ``METRIC_MODULES``).
Each returns ``{(kind, id): count}`` for ``month_start <= day < month_end``:

``overdue_cases``
    cases completed in the month after their due date (办件超期), by the clerk
    who accepted them and their window;
``red_warnings``
    red warnings (红牌): cases whose due date fell in the month and that were
    still not completed when the month ended, by clerk and window;
``bad_ratings``
    ratings of 不满意 or 非常不满意 given in the month, by clerk and window;
``service_time_breaches``
    tickets finished in the month whose service took longer than their queue
    service's maximum service time (服务超时), by the clerk who finished them and
    the window;
``cases_handled``
    cases accepted in the month, by clerk and window (the rankings' second tie-break).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from models import BAD_LEVELS, Case, Rating
from models.cases import CaseStatus
from models.queue import EventKind, QueueService, Ticket, TicketEvent, TicketStatus

from console.assess.metrics import register_metric


def _by_staff_and_window(session: Session, staff_col, window_col, *where) -> dict[tuple[str, int], int]:
    """Count rows matching ``where`` per staff member and per window (one grouped scan)."""
    result: Counter = Counter()
    stmt = select(staff_col, window_col, func.count()).where(*where).group_by(staff_col, window_col)
    for staff_id, window_id, count in session.execute(stmt):
        if staff_id is not None:
            result[("staff", staff_id)] += int(count)
        if window_id is not None:
            result[("window", window_id)] += int(count)
    return dict(result)


@register_metric("overdue_cases")
def overdue_cases(session: Session, start: date, end: date) -> dict[tuple[str, int], int]:
    return _by_staff_and_window(session, Case.staff_id, Case.window_id, Case.late.is_(True),
                                Case.completed_date >= start, Case.completed_date < end)


@register_metric("red_warnings")
def red_warnings(session: Session, start: date, end: date) -> dict[tuple[str, int], int]:
    return _by_staff_and_window(
        session, Case.staff_id, Case.window_id, Case.due_date >= start, Case.due_date < end,
        Case.status.not_in([CaseStatus.withdrawn]),
        or_(Case.completed_date.is_(None), Case.completed_date >= end),
    )


@register_metric("bad_ratings")
def bad_ratings(session: Session, start: date, end: date) -> dict[tuple[str, int], int]:
    return _by_staff_and_window(session, Rating.staff_id, Rating.window_id, Rating.level.in_(BAD_LEVELS),
                                Rating.rated_on >= start, Rating.rated_on < end)


def _month_number(day: date) -> int:
    return day.year * 100 + day.month


@register_metric("cases_handled")
def cases_handled(session: Session, start: date, end: date) -> dict[tuple[str, int], int]:
    # accepted_month leads an index of the cases table; the dates make the range exact
    return _by_staff_and_window(session, Case.staff_id, Case.window_id,
                                Case.accepted_month >= _month_number(start),
                                Case.accepted_month <= _month_number(end),
                                Case.accepted_date >= start, Case.accepted_date < end)


@register_metric("service_time_breaches")
def service_time_breaches(session: Session, start: date, end: date) -> dict[tuple[str, int], int]:
    finished = (select(TicketEvent.ticket_id, func.max(TicketEvent.staff_id).label("staff_id"))
                .where(TicketEvent.kind == EventKind.finished).group_by(TicketEvent.ticket_id).subquery())
    stmt = (select(Ticket.window_id, finished.c.staff_id, Ticket.serving_at, Ticket.closed_at,
                   QueueService.max_service_minutes)
            .join(QueueService, Ticket.service_id == QueueService.id)
            .outerjoin(finished, finished.c.ticket_id == Ticket.id)
            .where(Ticket.day >= start, Ticket.day < end, Ticket.status == TicketStatus.finished,
                   QueueService.max_service_minutes.is_not(None), Ticket.serving_at.is_not(None),
                   Ticket.closed_at.is_not(None)))
    counts: Counter = Counter()
    for window_id, staff_id, serving_at, closed_at, limit in session.execute(stmt):
        if (closed_at - serving_at).total_seconds() > limit * 60:
            if window_id:
                counts[("window", window_id)] += 1
            if staff_id:
                counts[("staff", staff_id)] += 1
    return dict(counts)
