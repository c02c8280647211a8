"""An audit trail that cannot be cut short or rewritten unnoticed: every column hashed, signed checkpoints."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select, text

from console.core import anchor, audit
from console.core.exitcodes import ExitCode
from models import AuditEvent, AuditHead
from tests.dbutil import tampering
from tests.factories import actor


def _events(runner, db, n):
    from console.org.staff import lock_staff, unlock_staff

    admin = actor(db, "A001")
    for i in range(n):
        runner.run(unlock_staff if i % 2 else lock_staff, "C001", actor=admin)


def _verify(db):
    with db.read() as s:
        return audit.verify(s)


def _rehash_from(conn, first_id):
    """What an attacker with the database would do: recompute every hash from ``first_id`` on and the head."""
    from sqlalchemy.orm import Session

    with Session(bind=conn) as s:
        rows = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        prev = audit.GENESIS
        for ev in rows:
            if ev.id >= first_id:
                ev.prev_hash = prev
                ev.hash = audit.digest_of(ev)
            prev = ev.hash
        head = s.get(AuditHead, 1)
        if head is not None:
            head.last_id, head.last_hash = (rows[-1].id, prev) if rows else (0, audit.GENESIS)
        s.flush()


# --------------------------------------------------------------------------- every column under the hash


def test_the_actor_id_is_under_the_hash(runner, db, hall):
    _events(runner, db, 3)
    assert _verify(db).ok
    with db.read() as s:
        other = s.scalar(text("SELECT id FROM staff WHERE employee_no = 'S001'"))
    with tampering(db) as conn:
        conn.execute(text("UPDATE audit_events SET actor_id = :a WHERE id = 2"), {"a": other})
    result = _verify(db)
    assert not result.ok and result.bad_id == 2 and result.reason == "hash"


def test_older_events_keep_verifying_and_a_newer_one_cannot_go_back(runner, db, hall):
    """Events written before every column was hashed (version 1) verify as they were written."""
    with tampering(db) as conn:  # a trail written by the previous version
        prev = audit.GENESIS
        for i in range(1, 3):
            at = "2026-03-01 09:00:00"
            digest = audit._digest(i, datetime(2026, 3, 1, 9), "A001", "old.action", "thing", str(i), "{}", prev)
            conn.execute(text("INSERT INTO audit_events (id, at, actor_id, actor_no, action, entity_type, entity_id,"
                              " summary, prev_hash, hash, hash_version) VALUES (:i, :at, NULL, 'A001', 'old.action',"
                              " 'thing', :e, '{}', :p, :h, 1)"), {"i": i, "at": at, "e": str(i), "p": prev, "h": digest})
            prev = digest
        conn.execute(text("DELETE FROM audit_head"))
        conn.execute(text("INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 2, :h)"), {"h": prev})
    _events(runner, db, 2)
    with db.read() as s:
        assert s.scalars(select(AuditEvent.hash_version).order_by(AuditEvent.id)).all() == [1, 1, 2, 2]
    assert _verify(db).ok and _verify(db).checked == 4
    with tampering(db) as conn:  # dress a new event up as an old one to leave actor_id out
        conn.execute(text("UPDATE audit_events SET hash_version = 1 WHERE id = 4"))
        _rehash_from(conn, 4)
    result = _verify(db)
    assert not result.ok and result.bad_id == 4


# --------------------------------------------------------------------------- checkpoints


def _checkpoint(cli, *extra):
    result = cli("audit", "checkpoint", *extra, as_="S001")
    assert result.exit_code == 0, result.output
    return result


def test_a_checkpoint_is_signed_and_private(cli, runner, db, hall, _own_directories):
    _events(runner, db, 3)
    out = _checkpoint(cli)
    key = _own_directories / "config" / "audit.key"
    [file] = (_own_directories / "data" / "audit-checkpoints").glob("*.jsonl")
    assert key.stat().st_mode & 0o777 == 0o600 and file.stat().st_mode & 0o777 == 0o600
    assert file.parent.stat().st_mode & 0o777 == 0o700
    entry = json.loads(file.read_text())
    assert entry["last_id"] == 3 and entry["at"] == "2026-03-03 14:30:00" and len(entry["sig"]) == 64
    assert str(file) in out.stdout
    verified = cli("audit", "verify", as_="S001")
    assert verified.exit_code == 0, verified.output
    assert "1 signed checkpoints" in verified.stdout
    assert cli("audit", "checkpoint").exit_code == ExitCode.AUTH
    assert cli("audit", "checkpoint", as_="C002").exit_code == ExitCode.PERMISSION


def test_cutting_the_tail_and_the_head_is_caught_by_the_checkpoint(cli, runner, db, hall):
    _events(runner, db, 5)
    _checkpoint(cli)
    with tampering(db) as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id > 3"))
        conn.execute(text("UPDATE audit_head SET last_id = 3, last_hash = (SELECT hash FROM audit_events"
                          " WHERE id = 3)"))
    assert _verify(db).ok  # the chain alone cannot tell
    result = cli("audit", "verify", as_="S001")
    assert result.exit_code == ExitCode.INTEGRITY, result.output
    assert "cut short" in result.stderr and ".jsonl:1" in result.stderr and "event 5" in result.stderr


def test_deleting_every_event_is_caught(cli, runner, db, hall):
    _events(runner, db, 2)
    _checkpoint(cli)
    with tampering(db) as conn:
        conn.execute(text("DELETE FROM audit_events"))
        conn.execute(text("DELETE FROM audit_head"))
    assert _verify(db).ok
    result = cli("audit", "verify", as_="S001")
    assert result.exit_code == ExitCode.INTEGRITY and "cut short" in result.stderr


def test_a_rewritten_row_with_every_later_hash_recomputed_is_caught(cli, runner, db, hall, tmp_path):
    _events(runner, db, 4)
    book = tmp_path / "offsite" / "checkpoints.jsonl"
    _checkpoint(cli, "--to", str(book))
    with tampering(db) as conn:
        conn.execute(text("UPDATE audit_events SET summary = '{}' WHERE id = 2"))
        _rehash_from(conn, 2)
    assert _verify(db).ok
    assert cli("audit", "verify", as_="S001").exit_code == 0  # the default file holds nothing
    result = cli("audit", "verify", "--checkpoints", str(book), as_="S001")
    assert result.exit_code == ExitCode.INTEGRITY and "rewritten" in result.stderr and "event 4" in result.stderr
    zh = cli("audit", "verify", "--checkpoints", str(book), as_="S001", lang="zh_CN")
    assert "改写" in zh.stderr


def test_a_checkpoint_edited_or_made_without_the_key_is_refused(cli, runner, db, hall, _own_directories):
    _events(runner, db, 4)
    _checkpoint(cli)
    [file] = (_own_directories / "data" / "audit-checkpoints").glob("*.jsonl")
    entry = json.loads(file.read_text())
    entry["last_id"] = 2
    with db.read() as s:
        entry["hash"] = s.scalar(select(AuditEvent.hash).where(AuditEvent.id == 2))
    file.write_text(json.dumps(entry) + "\n")
    result = cli("audit", "verify", as_="S001")
    assert result.exit_code == ExitCode.INTEGRITY and "not signed" in result.stderr
    (_own_directories / "config" / "audit.key").unlink()
    result = cli("audit", "verify", as_="S001")
    assert result.exit_code == ExitCode.INTEGRITY and "key" in result.stderr


def test_a_missing_checkpoint_file_given_by_name_is_not_found(cli, hall, tmp_path):
    result = cli("audit", "verify", "--checkpoints", str(tmp_path / "none.jsonl"), as_="S001")
    assert result.exit_code == ExitCode.NOT_FOUND


# --------------------------------------------------------------------------- checkpoints written by themselves


@pytest.fixture
def hall_runner(db, clock):
    from console.core.runner import Runner
    from console.core.settings import load_settings

    return Runner(db, clock=clock, settings=load_settings())


def _book(settings, db):
    path = anchor.default_file(settings.data_dir, db.url)
    return [c for c in anchor.read(path)] if path.is_file() else []


def test_a_checkpoint_every_thousand_events(hall_runner, db, hall, monkeypatch):
    monkeypatch.setattr(anchor, "EVERY_EVENTS", 3)
    _events(hall_runner, db, 2)
    assert _book(hall_runner.settings, db) == []
    _events(hall_runner, db, 5)  # events 3..7: a checkpoint after 3 and after 6
    assert [c.last_id for c in _book(hall_runner.settings, db)] == [3, 6]
    with db.read() as s:
        assert anchor.genuine(anchor.load_key(hall_runner.settings.config_dir), _book(hall_runner.settings, db)[1])
        assert _book(hall_runner.settings, db)[1].hash == s.scalar(select(AuditEvent.hash).where(AuditEvent.id == 6))


def test_the_daily_close_writes_a_checkpoint(hall_runner, db, hall):
    from console.queue.services import close_day

    _events(hall_runner, db, 2)
    hall_runner.run(close_day, actor=actor(db, "S001"))
    [entry] = _book(hall_runner.settings, db)
    assert entry.last_id == 3


# --------------------------------------------------------------------------- PostgreSQL refuses changes


def test_postgresql_refuses_update_and_delete_on_the_trail(runner, db, hall, backend):
    if backend != "postgresql":
        pytest.skip("the triggers are PostgreSQL's")
    from sqlalchemy.exc import DBAPIError

    _events(runner, db, 2)
    for statement in ("UPDATE audit_events SET summary = '{}' WHERE id = 1", "DELETE FROM audit_events WHERE id = 2"):
        with pytest.raises(DBAPIError, match="append-only"):
            with db.engine.begin() as conn:
                conn.execute(text(statement))
    assert _verify(db).ok and _verify(db).checked == 2
