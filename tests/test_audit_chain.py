"""The audit trail's hash chain catches edits and deletions."""

from sqlalchemy import text

from console.core import audit
from tests.dbutil import tampering
from tests.factories import actor


def _append(runner, n, who):
    """``n`` events, one transaction each, appended the way every use case's are."""
    for i in range(n):
        with runner.transaction(who, write=True) as ctx:
            ctx.audit("test.action", "thing", i, {"n": i, "名": "值"})


def test_chain_verifies_and_links(runner, db, hall):
    who = actor(db, "A001")
    _append(runner, 5, who)
    with db.read() as s:
        result = audit.verify(s)
    assert result.ok and result.checked == 5


def test_edited_row_is_named(runner, db, hall):
    _append(runner, 5, actor(db, "A001"))
    with tampering(db) as conn:
        conn.execute(text("UPDATE audit_events SET summary = '{\"n\": 99}' WHERE id = 3"))
    with db.read() as s:
        result = audit.verify(s)
    assert not result.ok and result.bad_id == 3 and result.reason == "hash"


def test_deleted_row_is_named(runner, db, hall):
    _append(runner, 5, actor(db, "A001"))
    with tampering(db) as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = 2"))
    with db.read() as s:
        result = audit.verify(s)
    assert not result.ok and result.bad_id == 2


def test_deleted_tail_is_caught(runner, db, hall):
    _append(runner, 4, actor(db, "A001"))
    with tampering(db) as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = 4"))
    with db.read() as s:
        result = audit.verify(s)
    assert not result.ok and result.reason == "tail"


def test_rolled_back_transaction_leaves_no_event(runner, db, hall):
    import pytest

    who = actor(db, "A001")
    with pytest.raises(ValueError):
        with runner.transaction(who, write=True) as ctx:
            ctx.audit("test.action", "thing", 1, {})
            ctx.flush_audit()  # written into the transaction, which then rolls back
            raise ValueError
    with db.read() as s:
        assert audit.verify(s).checked == 0
