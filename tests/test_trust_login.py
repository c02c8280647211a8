"""Log-ins never hold the write lock: argon2 runs with no transaction open, the outcome in a short write."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from console.core import auth
from console.core.auth import MAX_FAILED_ATTEMPTS, log_in
from models import AuditEvent, Staff
from tests.factories import PIN


@pytest.fixture
def watched_verify(monkeypatch, db, backend):
    """Replace argon2's check by one that looks, while it runs, at what the log-in holds open."""
    seen = []
    real = auth._verify

    def verify(pin_hash, pin):
        state = {"checked_out": db.engine.pool.checkedout()}
        if backend == "sqlite":
            other = sqlite3.connect(make_url(db.url).database, timeout=0, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")  # fails at once if anybody holds the write lock
                other.execute("ROLLBACK")
                state["write_lock_free"] = True
            except sqlite3.OperationalError:
                state["write_lock_free"] = False
            finally:
                other.close()
        seen.append(state)
        return real(pin_hash, pin)

    monkeypatch.setattr(auth, "_verify", verify)
    return seen


def _expect_free(seen, backend, count):
    assert len(seen) == count
    for state in seen:
        assert state["checked_out"] == 0, state  # no transaction, read or write, is open
        if backend == "sqlite":
            assert state["write_lock_free"], state


@pytest.mark.parametrize("pin", [PIN, "654321", None], ids=["right", "wrong", "unknown-number"])
def test_the_pin_is_verified_with_no_transaction_open(runner, hall, watched_verify, backend, pin):
    number = "NOBODY" if pin is None else "C001"
    runner.run(log_in, number, pin or PIN)
    _expect_free(watched_verify, backend, 1)


def test_every_acting_command_logs_in_outside_the_lock(cli, hall, watched_verify, backend):
    assert cli("case", "list", as_="C001").exit_code == 0
    assert cli("queue", "status", as_="C001", pin="654321").exit_code == 6
    _expect_free(watched_verify, backend, 2)


def test_a_wrong_pin_is_recorded_afterwards_and_a_right_one_clears_the_count(runner, db, hall):
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        assert runner.run(log_in, "C001", "654321").error.key == "errors.login_failed"
    with db.read() as s:
        assert s.scalar(select(Staff.failed_attempts).where(Staff.employee_no == "C001")) == 4
        assert len(s.scalars(select(AuditEvent.id)).all()) == 4
    assert runner.run(log_in, "C001", PIN).accepted().employee_no == "C001"
    with db.read() as s:
        assert s.scalar(select(Staff.failed_attempts).where(Staff.employee_no == "C001")) == 0


def test_a_pin_changed_between_the_read_and_the_write_does_not_let_the_old_one_in(runner, db, hall, monkeypatch):
    """The account is read again in the short write: a PIN reset meanwhile wins."""
    from sqlalchemy import update

    real = auth._verify

    def verify_then_reset(pin_hash, pin):
        with db.write() as s:
            s.execute(update(Staff).where(Staff.employee_no == "C001").values(pin_hash=auth.hash_pin("246810"),
                                                                               failed_attempts=1))
        return real(pin_hash, pin)

    monkeypatch.setattr(auth, "_verify", verify_then_reset)
    with db.write() as s:
        s.execute(update(Staff).where(Staff.employee_no == "C001").values(failed_attempts=1))
    assert runner.run(log_in, "C001", PIN).error is not None


def test_the_console_hashes_pins_with_argon2id_at_its_full_strength():
    """The tests' own hall uses a light hash to log in quickly; the console's hashes stay strong."""
    from argon2 import extract_parameters
    from argon2.profiles import RFC_9106_LOW_MEMORY

    made = auth.hash_pin("246810")
    parameters = extract_parameters(made)
    assert made.startswith("$argon2id$")
    assert parameters.time_cost >= RFC_9106_LOW_MEMORY.time_cost
    assert parameters.memory_cost >= RFC_9106_LOW_MEMORY.memory_cost
    assert auth._verify(made, "246810") and not auth._verify(made, "246811")
