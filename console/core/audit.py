"""The append-only audit trail: appending events to the hash chain and verifying it.

Use cases queue events with :meth:`console.core.context.Context.audit`; the runner
appends them here at the end of their transaction (:func:`append`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
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


def _lock_head(session: Session) -> AuditHead:
    stmt = select(AuditHead).where(AuditHead.id == 1)
    if session.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update()
    head = session.scalar(stmt)
    if head is None:
        head = AuditHead(id=1, last_id=0, last_hash=GENESIS)
        session.add(head)
        session.flush()
    return head


def append(session: Session, events, *, at: datetime) -> list[AuditEvent]:
    """Append queued events (:class:`console.core.context.PendingEvent`) in order, stamped ``at``.

    The runner calls this at the end of a use case's transaction, so the head row
    is locked for the shortest time.
    """
    return [_append_one(session, e.actor, e.action, e.entity_type, e.entity_id, e.summary, at) for e in events]


def _append_one(session: Session, actor, action: str, entity_type: str, entity_id: object,
                summary: dict | None, at: datetime) -> AuditEvent:
    """Append one event in the caller's transaction, chained to the head.

    ``actor`` is an :class:`~console.core.auth.Actor` (or ``None`` for the system);
    ``summary`` is a JSON-able dict describing the change, with personal data
    already masked.  The head row is locked so that concurrent writers chain in
    order; it is taken last so the lock is held only until the caller commits.
    """
    session.flush()
    head = _lock_head(session)
    event_id = head.last_id + 1
    summary_text = json.dumps(summary or {}, ensure_ascii=False, sort_keys=True, default=str)
    actor_no = getattr(actor, "employee_no", "") or ""
    entity = str(entity_id)
    event = AuditEvent(
        id=event_id,
        at=at,
        actor_id=getattr(actor, "id", None) or None,
        actor_no=actor_no,
        action=action,
        entity_type=entity_type,
        entity_id=entity,
        summary=summary_text,
        prev_hash=head.last_hash,
        hash_version=HASH_VERSION,
    )
    event.hash = digest = _digest_v2(event)
    session.add(event)
    head.last_id = event_id
    head.last_hash = digest
    session.flush()
    return event


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
