"""Lock-out without a denial of service: one refusal for all, administrators' lock-outs end, owner recovery."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from console.core import auth
from console.core.auth import MAX_FAILED_ATTEMPTS, check_new_pin, log_in
from console.core.errors import Invalid
from console.core.exitcodes import ExitCode
from models import AuditEvent, Staff
from tests.factories import PIN


def _lock_out(runner, number):
    for _ in range(MAX_FAILED_ATTEMPTS):
        runner.run(log_in, number, "654321")


@pytest.fixture
def argon2_calls(monkeypatch):
    seen = []
    real = auth._verify
    monkeypatch.setattr(auth, "_verify", lambda h, p: seen.append(h) or real(h, p))
    return seen


def test_unknown_wrong_and_locked_are_one_refusal_after_one_argon2_check(runner, hall, argon2_calls):
    _lock_out(runner, "C002")
    argon2_calls.clear()
    outcomes = [runner.run(log_in, "NOBODY", PIN), runner.run(log_in, "C001", "654321"),
                runner.run(log_in, "C002", PIN)]
    assert {o.error.key for o in outcomes} == {"errors.login_failed"}
    assert {o.error.message for o in outcomes} == {outcomes[0].error.message}
    assert len(argon2_calls) == 3  # each did the same work: one argon2 check
    dummy = auth._dummy_hash()
    assert argon2_calls[0] == dummy and dummy not in argon2_calls[1:]


def test_the_dummy_hash_is_made_once_and_before_the_first_refusal(runner, hall, monkeypatch):
    auth._dummy_hash.cache_clear()
    made = []
    real = auth._hasher

    class Counting:
        def __getattr__(self, name):
            return getattr(real(), name)

        def hash(self, pin):
            made.append(pin)
            return real().hash(pin)

    monkeypatch.setattr(auth, "_hasher", lambda: Counting())
    runner.run(log_in, "C001", PIN)  # a known number pays for it first: an unknown one does not cost more
    runner.run(log_in, "NOBODY", PIN)
    runner.run(log_in, "NOBODY2", PIN)
    assert len(made) == 1
    auth._dummy_hash.cache_clear()


def test_an_administrators_lock_out_ends_by_itself_after_15_minutes(runner, db, hall, clock):
    _lock_out(runner, "A001")
    assert runner.run(log_in, "A001", PIN).error is not None
    clock.advance(minutes=14)
    assert runner.run(log_in, "A001", PIN).error is not None
    clock.advance(minutes=1)
    assert runner.run(log_in, "A001", PIN).accepted().employee_no == "A001"
    with db.read() as s:
        staff = s.scalar(select(Staff).where(Staff.employee_no == "A001"))
        assert not staff.locked and staff.locked_at is None and staff.failed_attempts == 0
        ended = s.scalar(select(AuditEvent).where(AuditEvent.action == "staff.lockout_ended"))
        assert ended.entity_id == "A001" and ended.actor_no == ""


def test_a_clerks_lock_out_does_not_end_by_itself(runner, hall, clock):
    _lock_out(runner, "C001")
    clock.advance(hours=24)
    assert runner.run(log_in, "C001", PIN).error is not None


def test_a_wrong_pin_after_the_lock_out_ended_counts_again(runner, db, hall, clock):
    _lock_out(runner, "A001")
    clock.advance(minutes=15)
    assert runner.run(log_in, "A001", "654321").error is not None
    with db.read() as s:
        staff = s.scalar(select(Staff).where(Staff.employee_no == "A001"))
        assert not staff.locked and staff.failed_attempts == 1


def test_the__owns_database_recovers_an_administrator_when_all_are_locked(cli, runner, db, hall, backend):
    _lock_out(runner, "A001")
    assert cli("staff", "unlock", "A001", "--recover").exit_code == 0
    assert runner.run(log_in, "A001", PIN).accepted().employee_no == "A001"
    with db.read() as s:
        assert s.scalar(select(AuditEvent.actor_no).where(AuditEvent.action == "staff.recovered")) == ""
    # not while an administrator can log in, and only for administrators
    assert cli("staff", "unlock", "A001", "--recover").exit_code == ExitCode.CONFLICT
    with db.write() as s:
        s.execute(update(Staff).where(Staff.employee_no == "A001").values(locked=True))
    assert cli("staff", "unlock", "C001", "--recover").exit_code == ExitCode.INVALID


def test_recovery_is_refused_to_anybody_but_the_owner(cli, runner, hall, monkeypatch):
    from console.org import recovery

    _lock_out(runner, "A001")
    monkeypatch.setattr(recovery, "_owns_database", lambda ctx: False)
    result = cli("staff", "unlock", "A001", "--recover")
    assert result.exit_code == ExitCode.PERMISSION and "owner" in result.stderr


def test_the_owner_check_reads_the_file_or_the_schema(runner, db, hall, backend, monkeypatch):
    import os

    from console.org.recovery import _owns_database  # noqa: PLC2701 - the check itself

    with runner.transaction(None) as ctx:
        assert _owns_database(ctx)
        if backend == "sqlite":
            monkeypatch.setattr(os, "geteuid", lambda: 4242)
            assert not _owns_database(ctx)


@pytest.mark.parametrize("pin", ["111111", "000000", "123456", "654321", "234567", "890123", "98765432",
                                 "12345678"])
def test_trivial_pins_are_refused(pin):
    with pytest.raises(Invalid) as caught:
        check_new_pin(pin)
    assert caught.value.key == "trust.pin_trivial"


@pytest.mark.parametrize("pin", ["246810", "11223344", "123123", "192837", "7654329"])
def test_other_pins_are_given(pin):
    assert check_new_pin(pin) == pin


def test_staff_add_and_reset_refuse_a_trivial_pin(cli, hall):
    added = cli("staff", "add", "S009", "--name", "某", "--role", "supervisor", "--pin-from-env", as_="A001",
                env={"HALL_NEW_PIN": "111111"})
    assert added.exit_code == ExitCode.INVALID and "easy" in added.stderr
    reset = cli("staff", "reset-pin", "C001", "--pin-from-env", as_="A001", env={"HALL_NEW_PIN": "123456"})
    assert reset.exit_code == ExitCode.INVALID
