"""Shared pieces of the assessment use cases: months, quarters, weeks and who is assessed.

Assessed windows are the active windows of the hall's center sites (the hall that
hangs the flags); assessed staff are the active window clerks and proxy agents.
A window is named by its number (``01``) at the center, or ``SITECODE/NUMBER``
elsewhere.  Dates typed by people are read with :mod:`console.core.parsing`; months
and quarters, the assessment's own, with :func:`parse_month` / :func:`parse_quarter`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Role, Site, SiteKind, Staff, TargetKind, Window

from console.core.errors import Invalid, NotFound

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
QUARTER_PATTERN = re.compile(r"^(\d{4})\s*[Qq]([1-4])$")
#: roles whose members are assessed each month
ASSESSED_ROLES = (Role.clerk, Role.proxy_agent)


@dataclass(frozen=True)
class Month:
    """A calendar month: ``start`` is its first day, ``end`` the first day of the next."""

    year: int
    month: int

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        return date(self.year + (self.month == 12), self.month % 12 + 1, 1)

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True)
class Quarter:
    """A calendar quarter (``2026Q4``) and its three months."""

    year: int
    number: int

    @property
    def key(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def months(self) -> tuple[Month, Month, Month]:
        first = 3 * (self.number - 1) + 1
        return tuple(Month(self.year, first + i) for i in range(3))  # type: ignore[return-value]

    @property
    def start(self) -> date:
        return self.months[0].start

    @property
    def end(self) -> date:
        return self.months[2].end

    def __str__(self) -> str:
        return self.key


def parse_month(text: str) -> Month:
    """``2026-11`` → :class:`Month`; :class:`Invalid` otherwise."""
    match = MONTH_PATTERN.match((text or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
        raise Invalid("assess.bad_month", field="month", value=text)
    return Month(int(match.group(1)), int(match.group(2)))


def parse_quarter(text: str) -> Quarter:
    """``2026Q4`` → :class:`Quarter`; :class:`Invalid` otherwise."""
    match = QUARTER_PATTERN.match((text or "").strip())
    if not match or int(match.group(1)) < 1900:
        raise Invalid("assess.bad_quarter", field="quarter", value=text)
    return Quarter(int(match.group(1)), int(match.group(2)))


def month_of(day: date) -> Month:
    return Month(day.year, day.month)


def quarter_of(day: date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def window_label(window: Window, site: Site) -> str:
    """``01`` at a center, ``SITECODE/01`` elsewhere."""
    return window.number if SiteKind(site.kind) == SiteKind.center else f"{site.code}/{window.number}"


def window_text(session: Session, window_id: int | None) -> str | None:
    """The label (:func:`window_label`) of the window with row id ``window_id``; ``None`` for none."""
    if not window_id:
        return None
    window = session.get(Window, window_id)
    return window_label(window, session.get(Site, window.site_id))


def find_window(session: Session, text: str) -> Window:
    """The window named ``01`` (at a center) or ``SITECODE/01``; :class:`NotFound` otherwise."""
    name = (text or "").strip()
    stmt = select(Window).join(Site, Window.site_id == Site.id)
    if "/" in name:
        code, number = name.split("/", 1)
        stmt = stmt.where(Site.code == code, Window.number == number)
    else:
        stmt = stmt.where(Site.kind == SiteKind.center, Window.number == name)
    windows = session.scalars(stmt.order_by(Site.code)).all()
    if not windows:
        raise NotFound("assess.window_not_found", window=text)
    return windows[0]


def find_staff(session: Session, employee_no: str) -> Staff:
    """The staff member with ``employee_no``; :class:`NotFound` otherwise."""
    staff = session.scalar(select(Staff).where(Staff.employee_no == (employee_no or "").strip()))
    if staff is None:
        raise NotFound("assess.staff_not_found", staff=employee_no)
    return staff


def resolve_target(session: Session, window: str | None, staff: str | None) -> tuple[TargetKind, Window | None,
                                                                                        Staff | None]:
    """Exactly one of ``window`` / ``staff`` names the target; :class:`Invalid` otherwise."""
    if bool(window) == bool(staff):
        raise Invalid("assess.one_target", field="target")
    if window:
        return TargetKind.window, find_window(session, window), None
    return TargetKind.staff, None, find_staff(session, staff or "")


def assessed_windows(session: Session) -> list[tuple[Window, Site]]:
    """Active windows of center sites, by site and number."""
    stmt = (select(Window, Site).join(Site, Window.site_id == Site.id)
            .where(Window.active.is_(True), Site.kind == SiteKind.center, Site.active.is_(True))
            .order_by(Site.code, Window.number))
    return [(w, s) for w, s in session.execute(stmt)]


def assessed_staff(session: Session) -> list[Staff]:
    """Active clerks and proxy agents of the center (township clerks are not in its assessment),
    by employee number."""
    stmt = (select(Staff).outerjoin(Site, Staff.site_id == Site.id)
            .where(Staff.active.is_(True), Staff.role.in_(ASSESSED_ROLES),
                   (Site.id.is_(None)) | (Site.kind == SiteKind.center))
            .order_by(Staff.employee_no))
    return list(session.scalars(stmt))
