"""The core: the clock, the settings, the use-case runner and the error classifier."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from console.core.clock import FixedClock, OffsetClock, SystemClock
from console.core.errors import (
    Conflict,
    DatabaseBusy,
    DatabaseUnavailable,
    Invalid,
    LoginRequired,
    NotFound,
    PermissionDenied,
    classify,
)
from console.core.runner import PUBLIC, REGISTRY, Runner, use_case
from models import AuditEvent, Setting
from tests.factories import actor

# --------------------------------------------------------------------------- clock


def test_fixed_clock_stands_until_moved():
    clock = FixedClock("2026-12-01 15:08:00")
    assert clock.now() == datetime(2026, 12, 1, 15, 8)
    assert clock.now() == clock.now()
    assert clock.advance(minutes=52) == datetime(2026, 12, 1, 16, 0)
    clock.set(datetime(2027, 1, 1, 0, 0, 0, 999))
    assert clock.now() == datetime(2027, 1, 1) and clock.today().year == 2027


def test_a_zoned_moment_is_read_in_the_halls_zone():
    from zoneinfo import ZoneInfo

    utc = datetime(2026, 12, 1, 7, 8, tzinfo=ZoneInfo("UTC"))
    assert FixedClock(utc).now() == datetime(2026, 12, 1, 15, 8)
    assert FixedClock(utc, "Asia/Urumqi").now() == datetime(2026, 12, 1, 13, 8)


def test_system_and_offset_clocks_run_in_the_halls_zone():
    shanghai, urumqi = SystemClock("Asia/Shanghai").now(), SystemClock("Asia/Urumqi").now()
    assert abs((shanghai - urumqi) - timedelta(hours=2)) < timedelta(seconds=5)
    offset = OffsetClock.starting_at("2030-02-01 09:00:00")
    assert abs(offset.now() - datetime(2030, 2, 1, 9, 0)) < timedelta(seconds=5)
    assert offset.now().microsecond == 0


# --------------------------------------------------------------------------- settings


def test_settings_come_from_the_file_then_the_environment(tmp_path):
    from console.core.settings import load_settings

    (tmp_path / "settings.toml").write_text('timezone = "Asia/Urumqi"\npool_size = 2\nlanguage = "en"\n',
                                            encoding="utf-8")
    env = {"HALL_CONFIG_DIR": str(tmp_path), "HALL_POOL_SIZE": "3", "HALL_DATABASE_URL": "sqlite:///x.db"}
    settings = load_settings(env)
    assert (settings.timezone, settings.pool_size, settings.language) == ("Asia/Urumqi", 3, "en")
    assert settings.database_url == "sqlite:///x.db" and settings.source == tmp_path / "settings.toml"
    assert settings.clock().timezone == "Asia/Urumqi"
    assert settings.with_options(database_url="sqlite:///y.db").default_database_url == "sqlite:///y.db"


def test_the_default_database_is_in_the_data_directory(tmp_path):
    from console.core.settings import load_settings

    settings = load_settings({"HALL_CONFIG_DIR": str(tmp_path), "HALL_DATA_DIR": str(tmp_path / "data")})
    assert settings.default_database_url == f"sqlite:///{tmp_path / 'data' / 'hall.db'}"


@pytest.mark.parametrize("env,field", [
    ({"HALL_POOL_SIZE": "many"}, "pool_size"),
    ({"HALL_POOL_SIZE": "0"}, "pool_size"),
    ({"HALL_TZ": "Mars/Olympus"}, "timezone"),
    ({"HALL_LOG_LEVEL": "loud"}, "log_level"),
    ({"HALL_NOW": "yesterday"}, "now"),
])
def test_a_wrong_setting_is_refused_by_name(tmp_path, env, field):
    from console.core.settings import load_settings

    with pytest.raises(Invalid) as caught:
        load_settings({"HALL_CONFIG_DIR": str(tmp_path), **env})
    assert caught.value.field == field and field in caught.value.message


def test_a_broken_or_unknown_settings_file_is_refused(tmp_path):
    from console.core.settings import load_settings

    (tmp_path / "settings.toml").write_text("timezone = \n", encoding="utf-8")
    with pytest.raises(Invalid, match="settings.toml"):
        load_settings({"HALL_CONFIG_DIR": str(tmp_path)})
    (tmp_path / "settings.toml").write_text('colour = "red"\n', encoding="utf-8")
    with pytest.raises(Invalid, match="colour"):
        load_settings({"HALL_CONFIG_DIR": str(tmp_path)})


def test_hall_now_starts_the_clock_at_a_moment(tmp_path):
    from console.core.settings import load_settings

    clock = load_settings({"HALL_CONFIG_DIR": str(tmp_path), "HALL_NOW": "2026-10-01 09:00"}).clock()
    assert abs(clock.now() - datetime(2026, 10, 1, 9, 0)) < timedelta(seconds=5)


# --------------------------------------------------------------------------- the runner

@use_case(PUBLIC)
def _public_read(ctx):
    return ctx.now()


@use_case("staff.read")
def _staff_read(ctx):
    return ctx.session.scalar(select(func.count()).select_from(Setting))


@use_case("staff.manage", write=True, audit="test.setting_written")
def _write_setting(ctx, key, value, *, fail=None):
    ctx.session.add(Setting(key=key, value=value))
    ctx.audit("test.setting_written", "setting", key, {"value": value})
    if fail is not None:
        ctx.session.flush()
        raise fail


@use_case("staff.manage", write=True, audit="test.setting_written")
def _audits_the_wrong_action(ctx):
    ctx.audit("test.something_else", "setting", "x")


@use_case("staff.manage", write=True, audit=("test.outer", "test.setting_written"))
def _outer(ctx):
    _write_setting(ctx, "inner", "1")
    ctx.audit("test.outer", "setting", "outer")


@use_case("staff.read")
def _reads_then_tries_to_write(ctx):
    return _write_setting(ctx, "k", "v")


def _events(db):
    with db.read() as s:
        return [(e.action, e.entity_id, e.at) for e in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_the_public_scope_runs_without_a_log_in_on_the_injected_clock(runner, clock):
    clock.set("2026-10-01 09:00:00")
    assert runner.run(_public_read) == datetime(2026, 10, 1, 9, 0)


def test_reads_need_a_log_in_and_the_permission(runner, db, hall):
    with pytest.raises(LoginRequired):
        runner.run(_staff_read)
    with pytest.raises(PermissionDenied):
        runner.run(_staff_read, actor=actor(db, "C001"))
    assert runner.run(_staff_read, actor=actor(db, "A001")) >= 0


def test_a_write_appends_its_audit_event_in_the_same_transaction(runner, db, hall, clock):
    before = _events(db)
    clock.set("2026-12-01 15:08:00")
    runner.run(_write_setting, "demo.key", "v", actor=actor(db, "A001"))
    added = _events(db)[len(before):]
    assert added == [("test.setting_written", "demo.key", datetime(2026, 12, 1, 15, 8))]


def test_a_failed_write_leaves_nothing_neither_the_row_nor_its_event(runner, db, hall):
    before = _events(db)
    with pytest.raises(NotFound):
        runner.run(_write_setting, "demo.key", "v", fail=NotFound("staff.not_found", employee_no="x"),
                   actor=actor(db, "A001"))
    with db.read() as s:
        assert s.get(Setting, "demo.key") is None
    assert _events(db) == before


def test_a_permission_is_checked_before_any_work(runner, db, hall):
    before = _events(db)
    with pytest.raises(PermissionDenied):
        runner.run(_write_setting, "demo.key", "v", actor=actor(db, "C001"))
    with db.read() as s:
        assert s.get(Setting, "demo.key") is None
    assert _events(db) == before


def test_nested_use_cases_share_the_transaction_and_each_declares_its_audit(runner, db, hall):
    before = _events(db)
    runner.run(_outer, actor=actor(db, "A001"))
    assert [a for a, _e, _t in _events(db)[len(before):]] == ["test.setting_written", "test.outer"]
    with pytest.raises(RuntimeError, match="does not declare"):
        runner.run(_audits_the_wrong_action, actor=actor(db, "A001"))
    with pytest.raises(RuntimeError, match="write transaction"):
        runner.run(_reads_then_tries_to_write, actor=actor(db, "A001"))


def test_database_failures_become_typed_errors(runner, db, hall):
    runner.run(_write_setting, "dup", "1", actor=actor(db, "A001"))
    with pytest.raises(Conflict):
        runner.run(_write_setting, "dup", "2", actor=actor(db, "A001"))


def test_the_declaration_is_checked_when_the_use_case_is_defined():
    with pytest.raises(TypeError, match="audit"):
        use_case("staff.manage", write=True)(lambda ctx: None)
    with pytest.raises(TypeError):
        use_case("staff.read", audit="x.y")(lambda ctx: None)
    with pytest.raises(KeyError):
        use_case("no.such_permission")(lambda ctx: None)
    assert f"{__name__}._staff_read" in REGISTRY
    with pytest.raises(TypeError, match="not a declared use case"):
        Runner(None).run(lambda ctx: None)


def test_the_classifier():
    import sqlite3

    from sqlalchemy.exc import DataError, IntegrityError, OperationalError

    locked = OperationalError("UPDATE t", {}, sqlite3.OperationalError("database is locked"))
    assert isinstance(classify(locked), DatabaseBusy)
    refused = OperationalError("connect", {}, Exception("connection refused"))
    assert isinstance(classify(refused), DatabaseUnavailable)
    assert isinstance(classify(IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))), Conflict)
    assert isinstance(classify(DataError("INSERT", {}, Exception("value too long"))), Invalid)
    assert classify(ZeroDivisionError()) is None
    typed = NotFound("staff.not_found", employee_no="x")
    assert classify(typed) is typed
