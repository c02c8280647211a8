"""The append-only audit trail: appending events to the hash chain and verifying it.

Use cases queue events with :meth:`console.core.context.Context.audit`; the runner
appends them here at the end of their transaction (:func:`append`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from models.audit import AuditEvent, AuditHead

GENESIS = "0" * 64
#: the hash of new events covers every column (``actor_id`` included) and names its version;
#: version 1 (before) left ``actor_id`` out and is still verified as it was written
HASH_VERSION = 2


def _digest_v2(ev) -> str:
    """The hash of an event over every column of it, its version included."""
    payload = json.dumps(
        [2, ev.id, ev.at.isoformat(sep=" "), ev.actor_id, ev.actor_no, ev.action, ev.entity_type,
         ev.entity_id, ev.summary, ev.prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def digest_of(ev) -> str | None:
    """The hash ``ev`` should carry by its version; ``None`` for a version nobody writes."""
    if ev.hash_version == 2:
        return _digest_v2(ev)
    if ev.hash_version == 1:
        return _digest(ev.id, ev.at, ev.actor_no, ev.action, ev.entity_type, ev.entity_id, ev.summary,
                       ev.prev_hash)
    return None


def _digest(event_id: int, at: datetime, actor_no: str, action: str, entity_type: str,
            entity_id: str, summary: str, prev_hash: str) -> str:
    payload = json.dumps(
        [event_id, at.isoformat(sep=" "), actor_no, action, entity_type, entity_id, summary, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Appended(NamedTuple):
    """One event as :func:`append` wrote it (the columns of its :class:`~models.audit.AuditEvent` row;
    a named tuple: made in one step, where a frozen dataclass compiles six methods at import)."""

    id: int
    at: datetime
    actor_id: int | None
    actor_no: str
    action: str
    entity_type: str
    entity_id: str
    summary: str
    prev_hash: str
    hash: str = ""
    hash_version: int = HASH_VERSION


_HEAD = AuditHead.__table__
_EVENTS = AuditEvent.__table__


def _lock_head(session: Session) -> tuple[int, str]:
    """The head's last id and hash, its row locked (made, empty, the first time)."""
    stmt = select(_HEAD.c.last_id, _HEAD.c.last_hash).where(_HEAD.c.id == 1)
    if session.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update()
    head = session.execute(stmt).first()
    if head is None:
        session.execute(insert(_HEAD).values(id=1, last_id=0, last_hash=GENESIS))
        return 0, GENESIS
    return head[0], head[1]


def append(session: Session, events, *, at: datetime) -> list[Appended]:
    """Append queued events (:class:`console.core.context.PendingEvent`) in order, stamped ``at``.

    The runner calls this at the end of a use case's transaction, so the head row
    is locked for the shortest time: the use case's own changes are flushed first,
    then the head is locked, the events inserted and the head moved on (SQL on the
    tables: no ORM unit of work for the trail).

    Each event's ``actor`` is an :class:`~console.core.auth.Actor` (or ``None`` for the system);
    its ``summary`` a JSON-able dict describing the change, with personal data already masked.
    """
    events = list(events)
    if not events:
        return []
    session.flush()
    last_id, last_hash = _lock_head(session)
    written = []
    for e in events:
        last_id += 1
        event = Appended(
            id=last_id, at=at, actor_id=getattr(e.actor, "id", None) or None,
            actor_no=getattr(e.actor, "employee_no", "") or "", action=e.action, entity_type=e.entity_type,
            entity_id=str(e.entity_id),
            summary=json.dumps(e.summary or {}, ensure_ascii=False, sort_keys=True, default=str),
            prev_hash=last_hash,
        )
        last_hash = _digest_v2(event)
        written.append(event._replace(hash=last_hash))
    session.execute(insert(_EVENTS), [w._asdict() for w in written])
    session.execute(update(_HEAD).where(_HEAD.c.id == 1).values(last_id=last_id, last_hash=last_hash))
    return written


@dataclass(frozen=True)
class VerifyResult:
    """Outcome of walking the chain: ``ok``, events checked, and the first bad event."""

    ok: bool
    checked: int
    bad_id: int | None = None
    reason: str = ""
    #: the hash of each event asked for (``wanted``) that the chain holds
    hashes: dict[int, str] | None = None


def last_event(session: Session) -> tuple[int, str]:
    """The id and hash of the chain's last event (``0`` and the genesis hash when there is none)."""
    row = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    return (row.id, row.hash) if row else (0, GENESIS)


def verify(session: Session, batch: int = 5000, *, wanted: frozenset[int] = frozenset()) -> VerifyResult:
    """Walk the chain from the first event; report the first event that does not fit.

    Catches an edited row (its hash no longer matches), a removed row (a gap in
    the sequence or a broken ``prev_hash`` link) and a removed tail (the head no
    longer matches the last row).
    """
    expected_prev = GENESIS
    expected_id = 1
    checked = 0
    last_id = 0
    version = 1
    hashes: dict[int, str] = {}
    while True:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).all()
        if not rows:
            break
        for ev in rows:
            if ev.id != expected_id:
                return VerifyResult(False, checked, expected_id, "missing")
            if ev.prev_hash != expected_prev:
                return VerifyResult(False, checked, ev.id, "link")
            if ev.hash_version < version or digest_of(ev) != ev.hash:  # no going back to a weaker hash
                return VerifyResult(False, checked, ev.id, "hash")
            version = ev.hash_version
            if ev.id in wanted:
                hashes[ev.id] = ev.hash
            expected_prev = ev.hash
            expected_id += 1
            checked += 1
            last_id = ev.id
        session.expunge_all()
    head = session.get(AuditHead, 1)
    if head is not None and (head.last_id != checked or head.last_hash != expected_prev):
        return VerifyResult(False, checked, checked + 1, "tail")
    return VerifyResult(True, checked, hashes=hashes)
