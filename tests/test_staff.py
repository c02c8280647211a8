"""Staff management: add, lock, unlock, reset PIN, deactivate — through ``hall staff`` and the services."""

import json
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from console.core.auth import MAX_FAILED_ATTEMPTS, log_in
from console.core.errors import AuthFailed
from console.core.exitcodes import ExitCode
from models import AuditEvent, Staff
from tests.factories import PIN, actor


def _state(db):
    """Everything a failed command must leave untouched."""
    with db.read() as s:
        staff = s.execute(select(Staff.employee_no, Staff.name, Staff.role, Staff.window_id, Staff.locked,
                                 Staff.active, Staff.failed_attempts, Staff.pin_hash)
                          .order_by(Staff.employee_no)).all()
        events = s.scalar(select(func.count(AuditEvent.id)))
    return staff, events


def _staff(db, number):
    """A detached snapshot of one staff row's columns."""
    with db.read() as s:
        row = s.execute(select(Staff.__table__).where(Staff.employee_no == number)).mappings().one()
    return SimpleNamespace(**row)


def _log_in(runner, employee_no, pin):
    """Log in through the runner (the refusal is raised after its transaction)."""
    return runner.run(log_in, employee_no, pin).accepted()


def _add(cli, *args, pin="246810", as_="A001", **kw):
    return cli("staff", "add", *args, "--pin-from-env", as_=as_, env={"HALL_NEW_PIN": pin}, **kw)


def test_add_clerk_and_log_in_with_the_new_pin(cli, runner, db, hall):
    result = _add(cli, "C100", "--name", "赵新", "--role", "clerk", "--window", "410185:03")
    assert result.exit_code == 0, result.output
    assert "C100" in result.stdout
    added = _staff(db, "C100")
    assert added.role == "clerk" and added.window_id == hall["windows"]["03"]
    assert added.department_id == hall["departments"]["SCJG"]  # the window's only department
    assert added.site_id == hall["center_id"]
    assert _log_in(runner, "C100", "246810").employee_no == "C100"
    with db.read() as s:
        event = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event.action == "staff.added" and event.actor_no == "A001" and event.entity_id == "C100"
        assert "246810" not in event.summary and "argon2" not in event.summary
        assert "pin" not in event.summary.lower()


def test_add_with_bare_window_number_and_prompted_pin(cli, runner, db, hall):
    result = cli("staff", "add", "C101", "--name", "钱多", "--role", "clerk", "--window", "02",
                 "--department", "RS", as_="A001", input="13572468\n13572468\n")
    assert result.exit_code == 0, result.output
    added = _staff(db, "C101")
    assert added.window_id == hall["windows"]["02"] and added.department_id == hall["departments"]["RS"]
    _log_in(runner, "C101", "13572468")


def test_add_supervisor_needs_no_window(cli, db, hall):
    result = _add(cli, "S100", "--name", "孙督查", "--role", "supervisor")
    assert result.exit_code == 0, result.output
    assert _staff(db, "S100").window_id is None and _staff(db, "S100").site_id == hall["center_id"]


@pytest.mark.parametrize("args, code, words", [
    (["A001", "--name", "重复", "--role", "admin"], ExitCode.CONFLICT, "exists"),
    (["X1", "--name", "某", "--role", "clerk", "--window", "01", "--department", "NOPE"], ExitCode.NOT_FOUND,
     "NOPE"),
    (["X1", "--name", "某", "--role", "clerk", "--window", "410185:99"], ExitCode.NOT_FOUND, "410185:99"),
    (["X1", "--name", "某", "--role", "clerk", "--window", "999:01"], ExitCode.NOT_FOUND, "999"),
    (["X1", "--name", "某", "--role", "supervisor", "--site", "999"], ExitCode.NOT_FOUND, "999"),
    (["X1", "--name", "某", "--role", "shell"], ExitCode.INVALID, "shell"),
    (["X1", "--name", "某", "--role", "boss"], ExitCode.INVALID, "boss"),
    (["X1", "--name", "某", "--role", "clerk"], ExitCode.INVALID, "window"),
    (["X1", "--name", "某" * 51, "--role", "admin"], ExitCode.INVALID, "50"),
    (["X1", "--name", "   ", "--role", "admin"], ExitCode.INVALID, "name"),
    (["X1'; DROP TABLE staff;--", "--name", "某", "--role", "admin"], ExitCode.INVALID, "employee number"),
    (["X1", "--name", "某", "--role", "clerk", "--window", "02"], ExitCode.INVALID, "--department"),
    (["X1", "--name", "某", "--role", "clerk", "--window", "01", "--department", "MZ"], ExitCode.INVALID,
     "does not serve"),
    (["X1", "--name", "某", "--role", "clerk", "--window", "410185101:01", "--site", "410185"],
     ExitCode.INVALID, "not at site"),
])
def test_bad_add_changes_nothing(cli, db, hall, args, code, words):
    before = _state(db)
    result = _add(cli, *args)
    assert result.exit_code == code, result.output
    assert words in result.stderr
    assert _state(db) == before


@pytest.mark.parametrize("pin", ["12345", "123456789", "12ab56", ""])
def test_wrong_pin_shape_changes_nothing(cli, db, hall, pin):
    before = _state(db)
    result = _add(cli, "X2", "--name", "某", "--role", "admin", pin=pin)
    assert result.exit_code == ExitCode.INVALID, result.output
    assert _state(db) == before


def test_prompted_pins_must_match(cli, db, hall):
    before = _state(db)
    result = cli("staff", "add", "X3", "--name", "某", "--role", "admin", as_="A001", input="246813\n246814\n")
    assert result.exit_code == ExitCode.INVALID and "differ" in result.stderr
    assert _state(db) == before


def test_only_admins_manage_staff(cli, db, hall):
    before = _state(db)
    for who in ("S001", "C001", "P001"):
        result = _add(cli, "X4", "--name", "某", "--role", "admin", as_=who)
        assert result.exit_code == ExitCode.PERMISSION, result.output
        assert cli("staff", "lock", "C002", as_=who).exit_code == ExitCode.PERMISSION
    assert _state(db) == before


def test_changing_needs_as(cli, db, hall):
    result = cli("staff", "lock", "C001")
    assert result.exit_code == ExitCode.AUTH and "--as" in result.stderr


def test_wrong_as_pin_counts_towards_lock_out(cli, db, hall):
    for attempt in range(1, MAX_FAILED_ATTEMPTS + 1):
        result = cli("staff", "lock", "C001", as_="A001", pin="000000")
        assert result.exit_code == ExitCode.AUTH
        assert _staff(db, "A001").failed_attempts == attempt
    assert _staff(db, "A001").locked
    assert "locked" in result.stderr
    # even the right PIN is refused now, and nothing was locked on the admin's behalf
    assert cli("staff", "lock", "C001", as_="A001").exit_code == ExitCode.AUTH
    assert not _staff(db, "C001").locked


def test_lock_and_unlock(cli, runner, db, hall):
    assert cli("staff", "lock", "C001", as_="A001").exit_code == 0
    assert _staff(db, "C001").locked
    with pytest.raises(AuthFailed):
        _log_in(runner, "C001", PIN)
    assert cli("staff", "lock", "C001", as_="A001").exit_code == ExitCode.CONFLICT
    assert cli("staff", "unlock", "C001", as_="A001").exit_code == 0
    _log_in(runner, "C001", PIN)
    assert cli("staff", "unlock", "C001", as_="A001").exit_code == ExitCode.CONFLICT
    with db.read() as s:
        actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["staff.locked", "staff.unlocked"]


def test_unlock_resets_failed_attempts(cli, runner, db, hall):
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthFailed):
            _log_in(runner, "C002", "999999")
    assert _staff(db, "C002").locked
    result = cli("staff", "unlock", "C002", as_="A001")
    assert result.exit_code == 0, result.output
    unlocked = _staff(db, "C002")
    assert not unlocked.locked and unlocked.failed_attempts == 0


def test_reset_pin(cli, runner, db, hall):
    old_hash = _staff(db, "C001").pin_hash
    result = cli("staff", "reset-pin", "C001", "--pin-from-env", as_="A001", env={"HALL_NEW_PIN": "11223344"})
    assert result.exit_code == 0, result.output
    assert _staff(db, "C001").pin_hash != old_hash
    _log_in(runner, "C001", "11223344")
    with pytest.raises(AuthFailed):
        _log_in(runner, "C001", PIN)
    with db.read() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "staff.pin_reset")).one()
        assert "11223344" not in event.summary and "argon2" not in event.summary


def test_reset_pin_bad_shape_or_missing_env(cli, db, hall):
    before = _state(db)
    assert cli("staff", "reset-pin", "C001", "--pin-from-env", as_="A001",
               env={"HALL_NEW_PIN": "abc"}).exit_code == ExitCode.INVALID
    missing = cli("staff", "reset-pin", "C001", "--pin-from-env", as_="A001")
    assert missing.exit_code == ExitCode.INVALID and "HALL_NEW_PIN" in missing.stderr
    assert cli("staff", "reset-pin", "NOBODY", "--pin-from-env", as_="A001",
               env={"HALL_NEW_PIN": "123123"}).exit_code == ExitCode.NOT_FOUND
    assert _state(db) == before


def test_deactivate(cli, runner, db, hall):
    assert cli("staff", "deactivate", "C002", as_="A001").exit_code == 0
    assert not _staff(db, "C002").active
    with pytest.raises(AuthFailed):
        _log_in(runner, "C002", PIN)
    listed = json.loads(cli("staff", "list", "--json", as_="A001").stdout)
    assert "C002" not in [r["employee_no"] for r in listed]
    everyone = json.loads(cli("staff", "list", "--all", "--json", as_="A001").stdout)
    assert [r["active"] for r in everyone if r["employee_no"] == "C002"] == [False]
    assert cli("staff", "deactivate", "C002", as_="A001").exit_code == ExitCode.CONFLICT


def test_not_yourself(cli, db, hall):
    before = _state(db)
    for command in ("lock", "deactivate"):
        result = cli("staff", command, "A001", as_="A001")
        assert result.exit_code == ExitCode.INVALID and "own account" in result.stderr
    assert _state(db) == before


def test_unknown_target(cli, db, hall):
    for command in ("lock", "unlock", "deactivate"):
        assert cli("staff", command, "NOBODY", as_="A001").exit_code == ExitCode.NOT_FOUND


def test_list_json_objects(cli, hall):
    result = cli("staff", "list", "--json", as_="A001")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["employee_no"] for r in rows] == ["A001", "C001", "C002", "P001", "S001"]
    c001 = rows[1]
    assert {"employee_no", "name", "role", "window", "department", "site", "locked", "active"} <= set(c001)
    assert c001["window"] == "01" and c001["department"] == "市场监管局" and c001["role"] == "clerk"
    assert not any("hash" in key or "pin" in key for key in c001)
    assert "argon2" not in result.stdout


def test_list_filters(cli, hall):
    clerks = json.loads(cli("staff", "list", "--role", "clerk", "--json", as_="A001").stdout)
    assert [r["employee_no"] for r in clerks] == ["C001", "C002"]
    mz = json.loads(cli("staff", "list", "--department", "MZ", "--json", as_="A001").stdout)
    assert [r["employee_no"] for r in mz] == ["C002"]
    assert cli("staff", "list", "--department", "NOPE", as_="A001").exit_code == ExitCode.NOT_FOUND
    assert cli("staff", "list", "--role", "boss", as_="A001").exit_code == ExitCode.INVALID


def test_list_table_in_chinese(cli, hall):
    result = cli("staff", "list", lang="zh_CN", as_="A001")
    assert result.exit_code == 0, result.output
    assert "工号" in result.stdout and "张窗口" in result.stdout and "窗口工作人员" in result.stdout


def test_clerk_may_not_list_staff(cli, hall):
    assert cli("staff", "list", as_="C001").exit_code == ExitCode.PERMISSION


def test_nobody_may_read_or_change_staff_without_logging_in(cli, runner, db, hall):
    from console.core.errors import LoginRequired
    from console.org.staff import add_staff, list_staff, lock_staff

    before = _state(db)
    with pytest.raises(LoginRequired):
        runner.run(list_staff)
    with pytest.raises(LoginRequired):
        runner.run(add_staff, "X9", name="某", role="admin", pin="123456")
    with pytest.raises(LoginRequired):
        runner.run(lock_staff, "C001")
    assert _state(db) == before
    result = cli("staff", "list", "--json")
    assert result.exit_code == ExitCode.AUTH and result.stdout == ""
    assert len(runner.run(list_staff, actor=actor(db, "A001"))) == 5


def test_added_event_summary(runner, db, hall):
    from console.org.staff import add_staff
    from tests.factories import actor

    row = runner.run(add_staff, "C200", name="周到", role="clerk", pin="7654329", window="02", department="MZ",
                     actor=actor(db, "A001"))
    assert (row.window, row.window_site, row.department_code, row.site) == ("02", "410185", "MZ", "登封市行政服务中心")
    with db.read() as s:
        summary = json.loads(s.scalars(select(AuditEvent.summary).where(AuditEvent.action == "staff.added")).one())
    assert summary == {"name": "周到", "role": "clerk", "department": "MZ", "window": "410185:02"}


def test_a_new_staff_member_is_stamped_by_the_hall_clock(runner, clock, db, hall):
    from console.org.staff import add_staff

    clock.set("2026-03-04 09:15:00")
    runner.run(add_staff, "S200", name="吴督查", role="supervisor", pin="7654329", actor=actor(db, "A001"))
    assert _staff(db, "S200").created_at == clock.now()
