"""Log-in: right PIN, wrong PIN, lock-out after five, messages that do not tell which was wrong."""

import pytest
from sqlalchemy import select

from console.core.auth import MAX_FAILED_ATTEMPTS, check_pin_shape, log_in
from console.core.errors import AuthFailed, Invalid
from models import AuditEvent, Staff
from tests.factories import PIN


def authenticate(runner, employee_no, pin):
    """Log in through the runner, raising the refusal after the transaction, as every caller does."""
    return runner.run(log_in, employee_no, pin).accepted()


def test_right_pin_logs_in(runner, hall):
    who = authenticate(runner, "C001", PIN)
    assert who.employee_no == "C001" and who.role.value == "clerk"


def test_unknown_number_and_wrong_pin_say_the_same(runner, hall):
    with pytest.raises(AuthFailed) as unknown:
        authenticate(runner, "NOBODY", PIN)
    with pytest.raises(AuthFailed) as wrong:
        authenticate(runner, "C001", "654321")
    assert unknown.value.message == wrong.value.message


def test_five_wrong_pins_lock_until_unlocked(runner, db, hall):
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthFailed):
            authenticate(runner, "C001", "000000")
    with db.read() as s:
        staff = s.scalar(select(Staff).where(Staff.employee_no == "C001"))
        assert staff.locked and staff.failed_attempts == MAX_FAILED_ATTEMPTS
    with pytest.raises(AuthFailed) as locked:
        authenticate(runner, "C001", PIN)
    assert locked.value.key == "errors.login_failed"  # the same refusal as a wrong PIN


def test_success_resets_the_count(runner, db, hall):
    for _ in range(3):
        with pytest.raises(AuthFailed):
            authenticate(runner, "C001", "000000")
    authenticate(runner, "C001", PIN)
    with db.read() as s:
        assert s.scalar(select(Staff.failed_attempts).where(Staff.employee_no == "C001")) == 0


def test_a_refused_log_in_is_committed_and_audited_at_the_clock(runner, clock, db, hall):
    first = clock.now()
    outcome = runner.run(log_in, "C001", "000000")
    assert outcome.actor is None and outcome.error.key == "errors.login_failed"
    clock.advance(minutes=1)
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        outcome = runner.run(log_in, "C001", "000000")
    assert outcome.error.key == "errors.login_failed"
    with db.read() as s:
        events = s.execute(select(AuditEvent.action, AuditEvent.actor_no, AuditEvent.at)
                           .order_by(AuditEvent.id)).all()
    assert [e.action for e in events] == ["auth.failed"] * 4 + ["staff.locked_out"]
    assert {e.actor_no for e in events} == {"C001"}
    assert events[0].at == first and events[-1].at == clock.now()
    # an unknown number or a locked account writes nothing more
    runner.run(log_in, "NOBODY", PIN)
    runner.run(log_in, "C001", PIN)
    with db.read() as s:
        assert len(s.scalars(select(AuditEvent.id)).all()) == 5


@pytest.mark.parametrize("bad", ["", "12345", "123456789", "12a456", "１２３４５６", "1234 56"])
def test_pin_shape(bad):
    with pytest.raises(Invalid):
        check_pin_shape(bad)
