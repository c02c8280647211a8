"""Log-in: right PIN, wrong PIN, lock-out after five, messages that do not tell which was wrong."""

import pytest
from sqlalchemy import select

from console.core.auth import MAX_FAILED_ATTEMPTS, authenticate, check_pin_shape
from console.core.errors import AuthFailed, Invalid
from models import Staff
from tests.factories import PIN


def test_right_pin_logs_in(db, hall):
    with db.write() as s:
        who = authenticate(s, "C001", PIN)
    assert who.employee_no == "C001" and who.role.value == "clerk"


def test_unknown_number_and_wrong_pin_say_the_same(db, hall):
    with db.write() as s, pytest.raises(AuthFailed) as unknown:
        authenticate(s, "NOBODY", PIN)
    with db.write() as s, pytest.raises(AuthFailed) as wrong:
        authenticate(s, "C001", "654321")
    assert unknown.value.message == wrong.value.message


def test_five_wrong_pins_lock_until_unlocked(db, hall):
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthFailed):
            with db.write() as s:
                authenticate(s, "C001", "000000")
    with db.read() as s:
        staff = s.scalar(select(Staff).where(Staff.employee_no == "C001"))
        assert staff.locked and staff.failed_attempts == MAX_FAILED_ATTEMPTS
    with pytest.raises(AuthFailed) as locked:
        with db.write() as s:
            authenticate(s, "C001", PIN)
    assert locked.value.key == "errors.account_locked"


def test_success_resets_the_count(db, hall):
    for _ in range(3):
        with pytest.raises(AuthFailed):
            with db.write() as s:
                authenticate(s, "C001", "000000")
    with db.write() as s:
        authenticate(s, "C001", PIN)
    with db.read() as s:
        assert s.scalar(select(Staff.failed_attempts).where(Staff.employee_no == "C001")) == 0


@pytest.mark.parametrize("bad", ["", "12345", "123456789", "12a456", "１２３４５６", "1234 56"])
def test_pin_shape(bad):
    with pytest.raises(Invalid):
        check_pin_shape(bad)
