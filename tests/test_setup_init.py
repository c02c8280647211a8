"""``hall db init``: a new hall's center and first administrator, for the database's owner while it has no staff."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from console.core.auth import log_in
from console.core.errors import Conflict, PermissionDenied
from console.core.exitcodes import ExitCode
from console.org.initial import found_hall
from models import AuditEvent, Role, Site, SiteKind, Staff

NEW_PIN = "246810"
INIT = ("db", "init", "--site", "410185", "--site-name", "登封市行政服务中心", "--admin", "A1", "--name", "王管理")


def _counts(db):
    with db.read() as s:
        return (s.scalar(select(func.count()).select_from(Site)), s.scalar(select(func.count()).select_from(Staff)),
                s.scalar(select(func.count()).select_from(AuditEvent)))


def test_an_empty_database_gets_its_center_and_administrator(cli, db, runner):
    result = cli(*INIT, "--pin-from-env", env={"HALL_NEW_PIN": NEW_PIN})
    assert result.exit_code == 0, result.output
    assert "A1" in result.stdout and "hall org import" in result.stdout
    with db.read() as s:
        site = s.scalar(select(Site))
        admin = s.scalar(select(Staff))
        assert (site.code, site.name, SiteKind(site.kind), site.parent_id) == (
            "410185", "登封市行政服务中心", SiteKind.center, None)
        assert (admin.employee_no, admin.name, Role(admin.role), admin.site_id) == ("A1", "王管理", Role.admin, site.id)
        assert NEW_PIN not in admin.pin_hash
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "org.initialized"))
        assert event.actor_no == "" and "A1" in json.dumps(event.summary, ensure_ascii=False)
    assert runner.run(log_in, "A1", NEW_PIN).accepted().role == Role.admin
    assert cli("whoami", as_="A1", pin=NEW_PIN).exit_code == 0
    assert cli("audit", "verify", as_="A1", pin=NEW_PIN).exit_code == 0


def test_the_pin_comes_from_a_hidden_prompt_asked_twice(cli, runner, db):
    mismatch = cli(*INIT, input=f"{NEW_PIN}\n135790\n")
    assert mismatch.exit_code == ExitCode.INVALID
    assert _counts(db) == (0, 0, 0)
    result = cli(*INIT, input=f"{NEW_PIN}\n{NEW_PIN}\n")
    assert result.exit_code == 0, result.output
    assert NEW_PIN not in result.output
    assert runner.run(log_in, "A1", NEW_PIN).accepted().employee_no == "A1"


def test_a_trivial_pin_is_refused_and_nothing_is_written(cli, db):
    result = cli(*INIT, "--pin-from-env", env={"HALL_NEW_PIN": "123456"})
    assert result.exit_code == ExitCode.INVALID
    assert _counts(db) == (0, 0, 0)


def test_refused_once_the_hall_has_staff_and_no_pin_is_asked(cli, db, hall):
    before = _counts(db)
    result = cli(*INIT)  # no HALL_NEW_PIN, no input: a prompt would abort with another code
    assert result.exit_code == ExitCode.CONFLICT, result.output
    assert "set up already" in result.stderr and result.stdout == ""
    assert _counts(db) == before


def test_refused_to_anybody_but_the_databases_owner(cli, db, monkeypatch):
    from console.org import initial

    monkeypatch.setattr(initial, "_owns_database", lambda ctx: False)
    result = cli(*INIT, "--pin-from-env", env={"HALL_NEW_PIN": NEW_PIN})
    assert result.exit_code == ExitCode.PERMISSION and "owner" in result.stderr
    assert _counts(db) == (0, 0, 0)


def test_the_use_case_runs_once_only(runner, db):
    done = runner.run(found_hall, site="C1", site_name="中心", admin="A1", name="王管理", pin=NEW_PIN)
    assert (done.site, done.admin, done.site_created) == ("C1", "A1", True)
    with pytest.raises(Conflict):
        runner.run(found_hall, site="C2", site_name="中心", admin="A2", name="李管理", pin=NEW_PIN)
    assert _counts(db)[:2] == (1, 1)


def test_the_use_case_refuses_a_non_owner(runner, db, monkeypatch):
    from console.org import initial

    monkeypatch.setattr(initial, "_owns_database", lambda ctx: False)
    with pytest.raises(PermissionDenied):
        runner.run(found_hall, site="C1", site_name="中心", admin="A1", name="王管理", pin=NEW_PIN)


def test_a_new_sqlite_file_gets_the_schema_first(cli, backend, tmp_path, runner):
    if backend != "sqlite":
        pytest.skip("a file of its own is SQLite's")
    path = tmp_path / "new" / "hall.db"
    result = cli(*INIT, "--pin-from-env", "--db", str(path), env={"HALL_NEW_PIN": NEW_PIN})
    assert result.exit_code == 0, result.output
    assert path.is_file()
    assert cli("db", "check", "--db", str(path)).exit_code == 0
    assert cli("whoami", "--db", str(path), as_="A1", pin=NEW_PIN).exit_code == 0


def test_chinese_messages(cli, db, hall):
    result = cli(*INIT, lang="zh_CN")
    assert result.exit_code == ExitCode.CONFLICT and "已初始化" in result.stderr
