"""Applicant ratings (好差评) and the rectification of bad ones.

A visit is a queue ticket and/or a case.  The applicant rates it on the rating
screen at the window (``hall rate``) or the clerk records the rating
(``hall rating add``): 非常满意 / 满意 / 基本满意 / 不满意 / 非常不满意.  One rating per
visit — the database refuses a second.  The last two levels are bad ratings:
they need a reason, and each opens a rectification that a supervisor must close
within 15 working days with a recorded call-back to the applicant.

A finished visit nobody rated within :data:`DEFAULT_AFTER_DAYS` days (the
setting ``rating.default_after_days``) counts as 基本满意 in the summaries.

Recording a rating and asking for the window's visit need ``rating.record`` (the
clerk, also for the rating screen, which runs as the window's clerk); listing and
summaries need ``assess.read``.  Closing rectifications: :mod:`console.assess.rectifications`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import (
    BAD_LEVELS,
    Case,
    Rating,
    RatingLevel,
    RatingSource,
    Rectification,
    RectificationStatus,
    Setting,
    Site,
    SiteKind,
    Staff,
    Ticket,
)
from models.queue import EventKind, TicketEvent, TicketStatus

from console.assess.common import find_window, parse_month, window_label, window_text
from console.core.context import Context
from console.core.errors import Conflict, Invalid, NotFound
from console.core.runner import use_case

#: working days a supervisor has to close a bad rating's rectification
RECTIFY_WORKDAYS = 15
#: days after which an unrated visit counts as 基本满意 (setting ``rating.default_after_days``)
DEFAULT_AFTER_DAYS = 7
DEFAULT_SETTING = "rating.default_after_days"
#: the levels in screen order, best first, with their keys 1..5
LEVELS = (RatingLevel.very_satisfied, RatingLevel.satisfied, RatingLevel.basic, RatingLevel.dissatisfied,
          RatingLevel.very_dissatisfied)
MAX_REASON = 500


def level_name(level: RatingLevel | str) -> str:
    from console.core.i18n import t

    return t(f"rating.level_{RatingLevel(level).value}")


def parse_level(text: str | int) -> RatingLevel:
    """``1``..``5`` (best first), an English level name or the Chinese one."""
    from console.core.i18n import t_lang

    value = str(text).strip()
    if value.isdigit() and 1 <= int(value) <= 5:
        return LEVELS[int(value) - 1]
    for level in LEVELS:
        if value in (level.value, t_lang("zh_CN", f"rating.level_{level.value}"),
                     t_lang("en", f"rating.level_{level.value}")):
            return level
    raise Invalid("rating.bad_level", field="level", value=text)


def default_after_days(session: Session) -> int:
    """The days after which an unrated visit counts as 基本满意."""
    value = session.scalar(select(Setting.value).where(Setting.key == DEFAULT_SETTING))
    try:
        return max(1, int(value)) if value is not None else DEFAULT_AFTER_DAYS
    except ValueError:
        return DEFAULT_AFTER_DAYS


def default_level(session: Session) -> RatingLevel:
    """How an unrated visit counts (setting ``rating.default_level``): 基本满意 unless set to 满意."""
    value = session.scalar(select(Setting.value).where(Setting.key == "rating.default_level"))
    return RatingLevel.satisfied if value == "satisfied" else RatingLevel.basic


@dataclass(frozen=True)
class RatingRow:
    """A rating as listed."""

    id: int
    level: str
    level_name: str
    bad: bool
    reason: str
    source: str
    ticket: str | None
    case: str | None
    window: str | None
    staff: str | None
    rated_at: datetime
    rectification_due: date | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["rated_at"] = self.rated_at.isoformat(sep=" ")
        data["rectification_due"] = self.rectification_due.isoformat() if self.rectification_due else None
        return data


@dataclass(frozen=True)
class Visit:
    """The visit a rating screen is about: its ticket (and case), window and clerk."""

    ticket_id: int | None
    ticket: str | None
    case_id: int | None
    case: str | None
    window_id: int | None
    window: str | None
    staff_id: int | None
    staff: str | None
    staff_name: str | None


def _ticket_staff(session: Session, ticket_id: int) -> int | None:
    """Who finished (or last served) the ticket."""
    return session.scalar(
        select(TicketEvent.staff_id)
        .where(TicketEvent.ticket_id == ticket_id, TicketEvent.staff_id.is_not(None),
               TicketEvent.kind.in_([EventKind.finished, EventKind.serving, EventKind.called]))
        .order_by(TicketEvent.at.desc(), TicketEvent.id.desc()).limit(1)
    )


def _case_of_ticket(session: Session, ticket_id: int) -> Case | None:
    column = getattr(Case, "ticket_id", None)
    if column is None:
        return None
    return session.scalar(select(Case).where(column == ticket_id).limit(1))


def _ticket_of_case(case: Case) -> int | None:
    return getattr(case, "ticket_id", None)


def find_ticket(session: Session, number: str, *, on: date, window: str | None = None) -> Ticket:
    """The ticket ``number`` of day ``on`` at the center (or at ``window``'s site)."""
    day = on
    stmt = select(Ticket).where(Ticket.number == (number or "").strip().upper(), Ticket.day == day)
    if window:
        stmt = stmt.where(Ticket.site_id == find_window(session, window).site_id)
    else:
        stmt = stmt.join(Site, Ticket.site_id == Site.id).where(Site.kind == SiteKind.center)
    ticket = session.scalar(stmt.order_by(Ticket.id.desc()).limit(1))
    if ticket is None:
        raise NotFound("rating.ticket_not_found", ticket=number, date=day.isoformat())
    return ticket


def find_case(session: Session, number: str) -> Case:
    case = session.scalar(select(Case).where(Case.number == (number or "").strip()))
    if case is None:
        raise NotFound("rating.case_not_found", case=number)
    return case


def _row(session: Session, rating: Rating) -> RatingRow:
    ticket = session.get(Ticket, rating.ticket_id) if rating.ticket_id else None
    case = session.get(Case, rating.case_id) if rating.case_id else None
    staff = session.get(Staff, rating.staff_id) if rating.staff_id else None
    rect = session.scalar(select(Rectification).where(Rectification.rating_id == rating.id))
    return RatingRow(id=rating.id, level=RatingLevel(rating.level).value, level_name=level_name(rating.level),
                     bad=RatingLevel(rating.level) in BAD_LEVELS, reason=rating.reason,
                     source=RatingSource(rating.source).value, ticket=ticket.number if ticket else None,
                     case=case.number if case else None, window=window_text(session, rating.window_id),
                     staff=staff.employee_no if staff else None, rated_at=rating.rated_at,
                     rectification_due=rect.due_on if rect else None)


@use_case("rating.record", write=True, audit="rating.added")
def add_rating(ctx: Context, level: RatingLevel | str | int, *, ticket_id: int | None = None,
               case_id: int | None = None, reason: str = "",
               source: RatingSource | str = RatingSource.clerk) -> RatingRow:
    """Record the rating of one visit (a ticket and/or a case); a bad one opens a rectification.

    Refused: no visit named, a visit rated already, a bad rating without a reason,
    a ticket not served yet.
    """
    from console.calendar.workdays import due_date

    session = ctx.session
    level = parse_level(level) if not isinstance(level, RatingLevel) else level
    source = RatingSource(source)
    reason = (reason or "").strip()
    if level in BAD_LEVELS and not reason:
        raise Invalid("rating.reason_required", field="reason")
    if len(reason) > MAX_REASON:
        raise Invalid("rating.reason_too_long", field="reason", max=MAX_REASON)
    ticket = session.get(Ticket, ticket_id) if ticket_id else None
    case = session.get(Case, case_id) if case_id else None
    if ticket_id and ticket is None:
        raise NotFound("rating.ticket_not_found", ticket=ticket_id, date="-")
    if case_id and case is None:
        raise NotFound("rating.case_not_found", case=case_id)
    if ticket is None and case is None:
        raise Invalid("rating.visit_required", field="visit")
    if ticket is not None and case is None:
        case = _case_of_ticket(session, ticket.id)
    if case is not None and ticket is None and _ticket_of_case(case):
        ticket = session.get(Ticket, _ticket_of_case(case))
    if ticket is not None and TicketStatus(ticket.status) not in (TicketStatus.serving, TicketStatus.finished):
        raise Invalid("rating.ticket_not_served", field="ticket", ticket=ticket.number)
    clauses = []
    if ticket is not None:
        clauses.append(Rating.ticket_id == ticket.id)
    if case is not None:
        clauses.append(Rating.case_id == case.id)
    from sqlalchemy import or_

    if session.scalar(select(Rating.id).where(or_(*clauses)).limit(1)) is not None:
        raise Conflict("rating.duplicate", visit=(ticket.number if ticket else case.number))
    window_id = (ticket.window_id if ticket else None) or (case.window_id if case else None)
    staff_id = (_ticket_staff(session, ticket.id) if ticket else None) or (case.staff_id if case else None)
    stamp = ctx.now()
    rating = Rating(ticket_id=ticket.id if ticket else None, case_id=case.id if case else None, level=level,
                    reason=reason, source=source, window_id=window_id, staff_id=staff_id, rated_at=stamp,
                    rated_on=stamp.date(), recorded_by_id=ctx.actor.id or None)
    session.add(rating)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise Conflict("rating.duplicate", visit=(ticket.number if ticket else case.number)) from None
    if level in BAD_LEVELS:
        session.add(Rectification(rating_id=rating.id, status=RectificationStatus.open, opened_on=stamp.date(),
                                  due_on=due_date(session, stamp.date(), RECTIFY_WORKDAYS)))
        session.flush()
    row = _row(session, rating)
    ctx.audit("rating.added", "rating", rating.id,
              {k: v for k, v in row.as_dict().items() if k not in ("level_name",)})
    return row


@use_case("rating.record", write=True, audit="rating.added")
def rate_ticket(ctx: Context, number: str, level, *, reason: str = "", on: date | None = None,
                window: str | None = None, source: RatingSource | str = RatingSource.clerk) -> RatingRow:
    """:func:`add_rating` for the ticket ``number`` of day ``on`` (default today)."""
    ticket = find_ticket(ctx.session, number, on=on or ctx.today(), window=window)
    return add_rating(ctx, level, ticket_id=ticket.id, reason=reason, source=source)


@use_case("rating.record", write=True, audit="rating.added")
def rate_case(ctx: Context, number: str, level, *, reason: str = "",
              source: RatingSource | str = RatingSource.clerk) -> RatingRow:
    """:func:`add_rating` for the case ``number``."""
    return add_rating(ctx, level, case_id=find_case(ctx.session, number).id, reason=reason, source=source)


@use_case("rating.record")
def pending_visit(ctx: Context, window: str) -> Visit | None:
    """The visit the rating screen at ``window`` asks about: the window's ticket being served, else its
    latest ticket finished today, unless already rated."""
    session = ctx.session
    win = find_window(session, window)
    ticket = session.scalar(
        select(Ticket).where(Ticket.window_id == win.id, Ticket.day == ctx.today(),
                             Ticket.status.in_([TicketStatus.serving, TicketStatus.finished]))
        .order_by((Ticket.status == TicketStatus.serving).desc(), Ticket.id.desc())
        .limit(1)
    )
    if ticket is None or session.scalar(select(Rating.id).where(Rating.ticket_id == ticket.id)) is not None:
        return None
    case = _case_of_ticket(session, ticket.id)
    staff_id = _ticket_staff(session, ticket.id)
    staff = session.get(Staff, staff_id) if staff_id else None
    return Visit(ticket_id=ticket.id, ticket=ticket.number, case_id=case.id if case else None,
                 case=case.number if case else None, window_id=win.id,
                 window=window_label(win, session.get(Site, win.site_id)), staff_id=staff_id,
                 staff=staff.employee_no if staff else None, staff_name=staff.name if staff else None)


@use_case("assess.read")
def list_ratings(ctx: Context, *, month: str | None = None, bad_only: bool = False,
                 window: str | None = None, limit: int = 500) -> list[RatingRow]:
    """Ratings, newest first."""
    session = ctx.session
    stmt = select(Rating).order_by(Rating.rated_at.desc(), Rating.id.desc())
    if month:
        m = parse_month(month)
        stmt = stmt.where(Rating.rated_on >= m.start, Rating.rated_on < m.end)
    if bad_only:
        stmt = stmt.where(Rating.level.in_(BAD_LEVELS))
    if window:
        stmt = stmt.where(Rating.window_id == find_window(session, window).id)
    return [_row(session, r) for r in session.scalars(stmt.limit(limit))]


@dataclass(frozen=True)
class RatingSummary:
    """A month's ratings by level, unrated visits older than the default counted as 基本满意."""

    month: str
    counts: dict[str, int]
    defaulted: int
    total: int
    satisfied_share: float
    bad: int

    def as_dict(self) -> dict:
        return asdict(self)


@use_case("assess.read")
def rating_summary(ctx: Context, month: str) -> RatingSummary:
    """The month's ratings per level; finished tickets of the month left unrated for the default
    days count as 基本满意 (``defaulted``)."""
    session = ctx.session
    m = parse_month(month)
    counts = {level.value: 0 for level in LEVELS}
    for level, n in session.execute(select(Rating.level, func.count()).where(
            Rating.rated_on >= m.start, Rating.rated_on < m.end).group_by(Rating.level)):
        counts[RatingLevel(level).value] = n
    cutoff = ctx.today() - timedelta(days=default_after_days(session))
    rated = select(Rating.ticket_id).where(Rating.ticket_id.is_not(None))
    defaulted = session.scalar(
        select(func.count()).select_from(Ticket)
        .where(Ticket.status == TicketStatus.finished, Ticket.day >= m.start, Ticket.day < m.end,
               Ticket.day <= cutoff, Ticket.id.not_in(rated))
    ) or 0
    counts[default_level(session).value] += defaulted
    total = sum(counts.values())
    good = counts["very_satisfied"] + counts["satisfied"] + counts["basic"]
    bad = counts["dissatisfied"] + counts["very_dissatisfied"]
    return RatingSummary(month=m.key, counts=counts, defaulted=defaulted, total=total,
                         satisfied_share=round(good / total, 4) if total else 1.0, bad=bad)
