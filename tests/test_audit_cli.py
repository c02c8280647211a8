"""``hall audit list`` and ``hall audit verify`` (exit 9 naming the first broken event)."""

import json

from sqlalchemy import text

from console.core.exitcodes import ExitCode
from tests.dbutil import tampering
from tests.factories import actor


def _events(runner, db, n):
    """Make ``n`` audited changes as A001 (lock/unlock C001 in turn) through the staff use cases."""
    from console.org.staff import lock_staff, unlock_staff

    admin = actor(db, "A001")
    for i in range(n):
        runner.run(unlock_staff if i % 2 else lock_staff, "C001", actor=admin)


def test_list_newest_first_with_filters(cli, runner, db, hall):
    _events(runner, db, 3)
    rows = json.loads(cli("audit", "list", "--json", as_="S001").stdout)
    assert [r["action"] for r in rows] == ["staff.locked", "staff.unlocked", "staff.locked"]
    assert [r["id"] for r in rows] == [3, 2, 1]
    assert rows[0]["actor"] == "A001" and rows[0]["entity_type"] == "staff" and rows[0]["entity_id"] == "C001"
    assert isinstance(rows[1]["summary"], dict)
    assert len(json.loads(cli("audit", "list", "--limit", "1", "--json", as_="S001").stdout)) == 1
    assert json.loads(cli("audit", "list", "--actor", "S001", "--json", as_="S001").stdout) == []
    assert len(json.loads(cli("audit", "list", "--action", "staff.locked", "--json", as_="S001").stdout)) == 2
    assert len(json.loads(cli("audit", "list", "--action", "staff.", "--json", as_="S001").stdout)) == 3
    assert json.loads(cli("audit", "list", "--since", "2999-01-01", "--json", as_="S001").stdout) == []
    assert len(json.loads(cli("audit", "list", "--since", "2000-01-01T00:00", "--json", as_="S001").stdout)) == 3


def test_list_table(cli, runner, db, hall):
    _events(runner, db, 1)
    result = cli("audit", "list", lang="zh_CN", as_="S001")
    assert result.exit_code == 0 and "操作人" in result.stdout and "staff.locked" in result.stdout


def test_bad_options(cli, hall):
    bad = cli("audit", "list", "--since", "yesterday", as_="S001")
    assert bad.exit_code == ExitCode.INVALID and "yesterday" in bad.stderr
    assert cli("audit", "list", "--limit", "0", as_="S001").exit_code == ExitCode.INVALID


def test_clerk_may_not_read_the_trail(cli, hall):
    assert cli("audit", "list", as_="C001").exit_code == ExitCode.PERMISSION


def test_verify_intact(cli, runner, db, hall):
    _events(runner, db, 4)
    result = cli("audit", "verify", as_="S001")
    assert result.exit_code == 0, result.output
    assert "4 events" in result.stdout


def test_verify_names_a_hand_edited_row(cli, runner, db, hall):
    _events(runner, db, 4)
    with tampering(db) as conn:
        conn.execute(text("UPDATE audit_events SET actor_no = 'S001' WHERE id = 2"))
    result = cli("audit", "verify", as_="S001")
    assert result.exit_code == ExitCode.INTEGRITY == 9
    assert "event 2 " in result.stderr and "changed" in result.stderr


def test_verify_names_a_deleted_row(cli, runner, db, hall):
    _events(runner, db, 4)
    with tampering(db) as conn:
        conn.execute(text("DELETE FROM audit_events WHERE id = 3"))
    result = cli("audit", "verify", lang="zh_CN", as_="S001")
    assert result.exit_code == ExitCode.INTEGRITY
    assert "审计事件 3 " in result.stderr and "删除" in result.stderr


def test_the_trail_is_not_read_without_logging_in(cli, runner, db, hall):
    import pytest

    from console.core.errors import LoginRequired
    from console.org.audit_trail import check_chain, list_events

    _events(runner, db, 2)
    for args in (["list"], ["list", "--json"], ["verify"]):
        result = cli("audit", *args)
        assert result.exit_code == ExitCode.AUTH and result.stdout == ""
        assert "--as" in result.stderr
    with pytest.raises(LoginRequired):
        runner.run(list_events)
    with pytest.raises(LoginRequired):
        runner.run(check_chain)
