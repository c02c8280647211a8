"""Command-line sessions (``hall login``): a random token kept by the user, only its hash here.

A session lasts until the end of the hall's day it was opened on, or until
``hall logout`` or an administrator revokes it.  Resuming one is a read (a hash
and a look-up), so a command acting in a session never pays for argon2 nor
takes the write lock to say who acts; it is a light read in plain SQL
(:func:`resume_session`), so a read command in a session on SQLite needs no
SQLAlchemy either.  The other use cases import the ORM when they run.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, time
from typing import TYPE_CHECKING

from models.light import as_bool, rows
from models.roles import Role

from console.core.actor import Actor
from console.core.context import Context
from console.core.errors import LoginRequired, NotFound
from console.core.runner import PUBLIC, use_case

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.orm import Session


def token_hash(token: str) -> str:
    """What the database keeps of a token: its SHA-256 (the token is 256 random bits)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class OpenedSession:
    """A new session: the secret to keep (shown once), whose it is, until when."""

    id: int
    token: str
    employee_no: str
    expires_at: datetime


@dataclass(frozen=True)
class SessionRow:
    """One session as an administrator sees it (never the token)."""

    id: int
    employee_no: str
    name: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    origin: str

    def as_dict(self) -> dict:
        return {"id": self.id, "employee_no": self.employee_no, "name": self.name,
                "created_at": self.created_at.isoformat(sep=" "), "expires_at": self.expires_at.isoformat(sep=" "),
                "revoked_at": self.revoked_at.isoformat(sep=" ") if self.revoked_at else None,
                "origin": self.origin}


def _require_actor(ctx: Context) -> Actor:
    if ctx.actor is None:
        raise LoginRequired("errors.login_required")
    return ctx.actor


@use_case(PUBLIC, write=True, audit="auth.session_opened")
def open_session(ctx: Context, origin: str = "") -> OpenedSession:
    """Open a session for the logged-in actor, valid until the end of today in the hall."""
    from models.trust import StaffSession

    actor = _require_actor(ctx)
    token = secrets.token_urlsafe(32)
    expires = datetime.combine(ctx.today(), time(23, 59, 59))
    row = StaffSession(staff_id=actor.id, token_hash=token_hash(token), created_at=ctx.now(),
                       expires_at=expires, origin=origin[:120])
    ctx.session.add(row)
    ctx.session.flush()
    ctx.audit("auth.session_opened", "session", row.id, {"expires_at": expires.isoformat(sep=" "),
                                                          "origin": row.origin})
    return OpenedSession(row.id, token, actor.employee_no, expires)


def _live(ctx: Context, token: str):
    from sqlalchemy import select

    from models.org import Staff
    from models.trust import StaffSession

    return ctx.session.execute(
        select(StaffSession, Staff).join(Staff, Staff.id == StaffSession.staff_id)
        .where(StaffSession.token_hash == token_hash(token), StaffSession.revoked_at.is_(None),
               StaffSession.expires_at > ctx.now())
    ).first()


@use_case(PUBLIC, light=True)
def resume_session(ctx: Context, token: str) -> Actor | None:
    """Who acts in the session ``token``; ``None`` when it is unknown, over, revoked, or the account cannot log in."""
    found = rows(ctx.session, """
        SELECT st.id, st.employee_no, st.name, st.role, st.site_id, st.department_id, st.window_id,
               st.active, st.locked
        FROM staff_sessions ss JOIN staff st ON st.id = ss.staff_id
        WHERE ss.token_hash = :hash AND ss.revoked_at IS NULL AND ss.expires_at > :now""",
                 {"hash": token_hash(token), "now": ctx.now()})
    if not found:
        return None
    staff_id, employee_no, name, role, site_id, department_id, window_id, active, locked = found[0]
    if not as_bool(active) or as_bool(locked):
        return None
    return Actor(staff_id, employee_no, name, Role(role), site_id, department_id, window_id)


@use_case(PUBLIC, write=True, audit="auth.session_closed")
def close_session(ctx: Context, token: str) -> bool:
    """End the session ``token`` (``hall logout``); False when it was over already."""
    found = _live(ctx, token)
    if found is None:
        return False
    session, staff = found
    session.revoked_at = ctx.now()
    ctx.audit("auth.session_closed", "session", session.id, {}, actor=Actor.of(staff))
    return True


def end_sessions(session: Session, staff_id: int, now: datetime) -> int:
    """End every open session of ``staff_id`` (a new PIN, a deactivated account); how many there were.

    Part of the calling use case's write, audited there.
    """
    from sqlalchemy import update

    from models.trust import StaffSession

    result = session.execute(update(StaffSession).where(
        StaffSession.staff_id == staff_id, StaffSession.revoked_at.is_(None)).values(revoked_at=now))
    return result.rowcount or 0


@use_case("staff.manage")
def list_sessions(ctx: Context, *, include_ended: bool = False) -> list[SessionRow]:
    """The sessions still open (every one with ``include_ended``), newest first."""
    from sqlalchemy import select

    from models.org import Staff
    from models.trust import StaffSession

    stmt = (select(StaffSession, Staff.employee_no, Staff.name).join(Staff, Staff.id == StaffSession.staff_id)
            .order_by(StaffSession.id.desc()))
    if not include_ended:
        stmt = stmt.where(StaffSession.revoked_at.is_(None), StaffSession.expires_at > ctx.now())
    return [SessionRow(s.id, number, name, s.created_at, s.expires_at, s.revoked_at, s.origin)
            for s, number, name in ctx.session.execute(stmt)]


@use_case("staff.manage", write=True, audit="auth.session_revoked")
def revoke_session(ctx: Context, session_id: int) -> SessionRow:
    """End somebody's session now (an administrator); :class:`NotFound` for an unknown id."""
    from sqlalchemy import select

    from models.org import Staff
    from models.trust import StaffSession

    found = ctx.session.execute(select(StaffSession, Staff.employee_no, Staff.name)
                                .join(Staff, Staff.id == StaffSession.staff_id)
                                .where(StaffSession.id == session_id)).first()
    if found is None:
        raise NotFound("trust.session_not_found", id=session_id)
    session, number, name = found
    if session.revoked_at is None:
        session.revoked_at = ctx.now()
        ctx.audit("auth.session_revoked", "session", session.id, {"employee_no": number})
    return SessionRow(session.id, number, name, session.created_at, session.expires_at, session.revoked_at,
                      session.origin)
