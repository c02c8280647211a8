"""``hall login|logout|whoami``, sessions kept as a token file 0600, only the hash in the database."""

from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import select

from console.core import auth
from console.core.exitcodes import ExitCode
from models import AuditEvent, StaffSession
from tests.factories import PIN


def _session_files(home):
    return list((home / "state" / "sessions").glob("*.json"))


@pytest.fixture
def counted_argon2(monkeypatch):
    calls = []
    real = auth._verify
    monkeypatch.setattr(auth, "_verify", lambda h, p: calls.append(1) or real(h, p))
    return calls


def test_login_keeps_a_private_token_and_commands_act_in_it(cli, hall, db, _own_directories, counted_argon2):
    result = cli("login", "--as", "S001", env={"HALL_PIN": PIN})
    assert result.exit_code == 0, result.output
    assert "S001" in result.stdout
    [path] = _session_files(_own_directories)
    assert path.stat().st_mode & 0o777 == 0o600 and path.parent.stat().st_mode & 0o777 == 0o700
    token = json.loads(path.read_text())["token"]
    with db.read() as s:
        row = s.scalar(select(StaffSession))
        assert row.token_hash != token and token not in row.token_hash and len(row.token_hash) == 64
        assert row.expires_at.date().isoformat() == "2026-03-03"
    assert len(counted_argon2) == 1
    # no --as, no PIN, no argon2: the session acts
    listed = cli("audit", "list", "--json")
    assert listed.exit_code == 0, listed.output
    assert sorted(e["action"] for e in json.loads(listed.stdout)) == ["auth.logged_in", "auth.session_opened"]
    assert json.loads(cli("whoami", "--json").stdout)["employee_no"] == "S001"
    assert len(counted_argon2) == 1
    # a clerk's permissions are still a clerk's: the session does not widen them
    assert cli("staff", "add", "X9", "--name", "x", "--role", "clerk").exit_code == ExitCode.PERMISSION


def test_logout_ends_the_session_in_the_database_too(cli, hall, db, _own_directories):
    cli("login", "--as", "C001", env={"HALL_PIN": PIN})
    [path] = _session_files(_own_directories)
    token = json.loads(path.read_text())["token"]
    assert cli("logout").exit_code == 0
    assert _session_files(_own_directories) == []
    assert cli("case", "list").exit_code == ExitCode.AUTH
    # a copy of the token kept elsewhere is worth nothing now
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps({"employee_no": "C001", "token": token}))
    assert cli("case", "list").exit_code == ExitCode.AUTH
    with db.read() as s:
        assert s.scalar(select(StaffSession.revoked_at)) is not None
        assert "auth.session_closed" in s.scalars(select(AuditEvent.action)).all()


def test_a_session_ends_with_the_halls_day(cli, hall, clock):
    cli("login", "--as", "C001", env={"HALL_PIN": PIN})
    assert cli("case", "list").exit_code == 0
    clock.advance(hours=10)  # 2026-03-04 00:30
    assert cli("case", "list").exit_code == ExitCode.AUTH


def test_a_forged_or_foreign_token_acts_as_nobody(cli, hall, _own_directories):
    cli("login", "--as", "C001", env={"HALL_PIN": PIN})
    [path] = _session_files(_own_directories)
    path.write_text(json.dumps({"employee_no": "A001", "token": "guessed"}))
    assert cli("staff", "list").exit_code == ExitCode.AUTH


def test_as_with_hall_pin_still_works_beside_a_session(cli, hall):
    cli("login", "--as", "C001", env={"HALL_PIN": PIN})
    assert cli("staff", "list", as_="A001").exit_code == 0
    assert cli("staff", "list", as_="A001", pin="654321").exit_code == ExitCode.AUTH
    assert cli("staff", "list").exit_code == ExitCode.PERMISSION  # the session is C001's


def test_a_locked_account_loses_its_session(cli, hall):
    cli("login", "--as", "C001", env={"HALL_PIN": PIN})
    assert cli("staff", "lock", "C001", as_="A001").exit_code == 0
    assert cli("case", "list").exit_code == ExitCode.AUTH


def test_administrators_list_and_revoke_sessions(cli, hall):
    cli("login", "--as", "C001", env={"HALL_PIN": PIN})
    rows = json.loads(cli("session", "list", "--json", as_="A001").stdout)
    assert [r["employee_no"] for r in rows] == ["C001"] and "token" not in rows[0]
    assert cli("session", "list", as_="S001").exit_code == ExitCode.PERMISSION
    assert cli("session", "revoke", str(rows[0]["id"]), as_="A001").exit_code == 0
    assert cli("case", "list").exit_code == ExitCode.AUTH
    assert json.loads(cli("session", "list", "--json", as_="A001").stdout) == []
    assert len(json.loads(cli("session", "list", "--all", "--json", as_="A001").stdout)) == 1
    assert cli("session", "revoke", "999", as_="A001").exit_code == ExitCode.NOT_FOUND


def test_a_wrong_pin_opens_no_session(cli, hall, _own_directories):
    assert cli("login", "--as", "C001", env={"HALL_PIN": "654321"}).exit_code == ExitCode.AUTH
    assert _session_files(_own_directories) == []
    assert os.environ.get("HALL_AS") is None


@pytest.mark.parametrize("command", [("reset-pin", "C001", "--pin-from-env"), ("deactivate", "C001")],
                         ids=["reset-pin", "deactivate"])
def test_a_new_pin_or_a_deactivation_ends_the_accounts_sessions(cli, hall, command):
    cli("login", "--as", "C001", env={"HALL_PIN": PIN})
    assert cli("case", "list").exit_code == 0
    done = cli("staff", *command, as_="A001", env={"HALL_NEW_PIN": "246813"})
    assert done.exit_code == 0, done.output
    assert cli("case", "list").exit_code == ExitCode.AUTH


def test_a_session_log_in_is_audited_and_a_scripts_as_is_not(cli, hall, db, _own_directories):
    """``hall login`` appends ``auth.logged_in`` (via the command-line session) before the session opens;
    a command run ``--as`` with ``HALL_PIN`` logs in for itself and stays a read."""
    assert cli("case", "list", as_="C001").exit_code == 0
    with db.read() as s:
        assert s.scalars(select(AuditEvent.action)).all() == []
    assert cli("login", "--as", "S001", env={"HALL_PIN": PIN}).exit_code == 0
    with db.read() as s:
        events = s.execute(select(AuditEvent.action, AuditEvent.actor_no, AuditEvent.entity_id, AuditEvent.summary)
                           .order_by(AuditEvent.id)).all()
    assert [(e.action, e.actor_no) for e in events] == [("auth.logged_in", "S001"), ("auth.session_opened", "S001")]
    assert events[0].entity_id == "S001" and json.loads(events[0].summary) == {"via": "cli_session"}
    assert cli("login", "--as", "S001", env={"HALL_PIN": "654321"}).exit_code == ExitCode.AUTH
    with db.read() as s:
        actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[2:] == ["auth.failed"]  # a refused one is audited as before, and is no log-in
