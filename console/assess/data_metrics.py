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

Each has a span form too (:func:`~console.assess.metrics.register_span`): the same
counts for every month of a span from one query, grouped by the day the month is
read from and summed per month here.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from models import BAD_LEVELS, Case, Rating
from models.cases import CaseStatus
from models.queue import EventKind, QueueService, Ticket, TicketEvent, TicketStatus

from console.assess.metrics import MetricResult, register_metric, register_span


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


def _by_month(rows) -> dict[date, MetricResult]:
    """``(staff_id, window_id, day, count)`` rows counted per month (its first day), staff member and window."""
    months: dict[date, Counter] = {}
    for staff_id, window_id, day, count in rows:
        counts = months.get(first := date(day.year, day.month, 1))
        if counts is None:
            counts = months[first] = Counter()
        if staff_id is not None:
            counts[("staff", staff_id)] += int(count)
        if window_id is not None:
            counts[("window", window_id)] += int(count)
    return {first: dict(counts) for first, counts in months.items()}


def _span_by_day(session: Session, staff_col, window_col, day_col, *where) -> dict[date, MetricResult]:
    stmt = (select(staff_col, window_col, day_col, func.count()).where(*where)
            .group_by(staff_col, window_col, day_col))
    return _by_month(session.execute(stmt))


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


@register_metric("overdue_cases")
def overdue_cases(session: Session, start: date, end: date) -> dict[tuple[str, int], int]:
    return _by_staff_and_window(session, Case.staff_id, Case.window_id, Case.late.is_(True),
                                Case.completed_date >= start, Case.completed_date < end)


@register_span("overdue_cases")
def overdue_cases_span(session: Session, first: date, end: date) -> dict[date, MetricResult]:
    return _span_by_day(session, Case.staff_id, Case.window_id, Case.completed_date, Case.late.is_(True),
                        Case.completed_date >= first, Case.completed_date < end)


@register_metric("red_warnings")
def red_warnings(session: Session, start: date, end: date) -> dict[tuple[str, int], int]:
    return _by_staff_and_window(
        session, Case.staff_id, Case.window_id, Case.due_date >= start, Case.due_date < end,
        Case.status.not_in([CaseStatus.withdrawn]),
        or_(Case.completed_date.is_(None), Case.completed_date >= end),
    )


@register_span("red_warnings")
def red_warnings_span(session: Session, first: date, end: date) -> dict[date, MetricResult]:
    # completed after the end of the due date's month implies completed after the due date
    stmt = select(Case.staff_id, Case.window_id, Case.due_date, Case.completed_date).where(
        Case.due_date >= first, Case.due_date < end, Case.status.not_in([CaseStatus.withdrawn]),
        or_(Case.completed_date.is_(None), Case.completed_date > Case.due_date))
    return _by_month((staff_id, window_id, due, 1) for staff_id, window_id, due, completed in session.execute(stmt)
                     if completed is None or completed >= _next_month(due))


@register_metric("bad_ratings")
def bad_ratings(session: Session, start: date, end: date) -> dict[tuple[str, int], int]:
    return _by_staff_and_window(session, Rating.staff_id, Rating.window_id, Rating.level.in_(BAD_LEVELS),
                                Rating.rated_on >= start, Rating.rated_on < end)


@register_span("bad_ratings")
def bad_ratings_span(session: Session, first: date, end: date) -> dict[date, MetricResult]:
    return _span_by_day(session, Rating.staff_id, Rating.window_id, Rating.rated_on, Rating.level.in_(BAD_LEVELS),
                        Rating.rated_on >= first, Rating.rated_on < end)


def _month_number(day: date) -> int:
    return day.year * 100 + day.month


@register_metric("cases_handled")
def cases_handled(session: Session, start: date, end: date) -> dict[tuple[str, int], int]:
    # accepted_month leads an index of the cases table; the dates make the range exact
    return _by_staff_and_window(session, Case.staff_id, Case.window_id,
                                Case.accepted_month >= _month_number(start),
                                Case.accepted_month <= _month_number(end),
                                Case.accepted_date >= start, Case.accepted_date < end)


@register_span("cases_handled")
def cases_handled_span(session: Session, first: date, end: date) -> dict[date, MetricResult]:
    return _span_by_day(session, Case.staff_id, Case.window_id, Case.accepted_date,
                        Case.accepted_month >= _month_number(first), Case.accepted_month <= _month_number(end),
                        Case.accepted_date >= first, Case.accepted_date < end)


def _breaches(session: Session, start: date, end: date):
    """``(staff_id, window_id, day, 1)`` for each ticket finished from ``start`` to ``end`` that took too long."""
    finished = (select(TicketEvent.ticket_id, func.max(TicketEvent.staff_id).label("staff_id"))
                .where(TicketEvent.kind == EventKind.finished).group_by(TicketEvent.ticket_id).subquery())
    stmt = (select(Ticket.window_id, finished.c.staff_id, Ticket.serving_at, Ticket.closed_at,
                   QueueService.max_service_minutes, Ticket.day)
            .join(QueueService, Ticket.service_id == QueueService.id)
            .outerjoin(finished, finished.c.ticket_id == Ticket.id)
            .where(Ticket.day >= start, Ticket.day < end, Ticket.status == TicketStatus.finished,
                   QueueService.max_service_minutes.is_not(None), Ticket.serving_at.is_not(None),
                   Ticket.closed_at.is_not(None)))
    for window_id, staff_id, serving_at, closed_at, limit, day in session.execute(stmt):
        if (closed_at - serving_at).total_seconds() > limit * 60:
            yield staff_id or None, window_id or None, day, 1


@register_metric("service_time_breaches")
def service_time_breaches(session: Session, start: date, end: date) -> dict[tuple[str, int], int]:
    counts: Counter = Counter()
    for staff_id, window_id, _day, count in _breaches(session, start, end):
        if window_id is not None:
            counts[("window", window_id)] += count
        if staff_id is not None:
            counts[("staff", staff_id)] += count
    return dict(counts)


@register_span("service_time_breaches")
def service_time_breaches_span(session: Session, first: date, end: date) -> dict[date, MetricResult]:
    return _by_month(_breaches(session, first, end))
