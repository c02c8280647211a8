"""The audit trail's hash chain catches edits and deletions."""

from sqlalchemy import text

from console.core import audit
from tests.factories import actor


def _append(db, n, who):
    for i in range(n):
        with db.write() as s:
            audit.record(s, who, "test.action", "thing", i, {"n": i, "名": "值"})


def test_chain_verifies_and_links(db, hall):
    who = actor(db, "A001")
    _append(db, 5, who)
    with db.read() as s:
        result = audit.verify(s)
    assert result.ok and result.checked == 5


def test_edited_row_is_named(db, hall):
    _append(db, 5, actor(db, "A001"))
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET summary = '{\"n\": 99}' WHERE id = 3"))
    with db.read() as s:
        result = audit.verify(s)
    assert not result.ok and result.bad_id == 3 and result.reason == "hash"


def test_deleted_row_is_named(db, hall):
    _append(db, 5, actor(db, "A001"))
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = 2"))
    with db.read() as s:
        result = audit.verify(s)
    assert not result.ok and result.bad_id == 2


def test_deleted_tail_is_caught(db, hall):
    _append(db, 4, actor(db, "A001"))
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = 4"))
    with db.read() as s:
        result = audit.verify(s)
    assert not result.ok and result.reason == "tail"


def test_rolled_back_transaction_leaves_no_event(db, hall):
    import pytest

    who = actor(db, "A001")
    with pytest.raises(ValueError):
        with db.write() as s:
            audit.record(s, who, "test.action", "thing", 1, {})
            raise ValueError
    with db.read() as s:
        assert audit.verify(s).checked == 0
