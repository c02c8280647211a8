"""Shared set-up of the queue tests: three services on the small test hall (no tests here).

``A`` 市场监管 (windows 01 and 03, hands on to ``MZ``), ``B`` 民政 and ``C`` 人社
(both at the comprehensive window 02).
"""

from __future__ import annotations

import pytest

from tests import factories


def make_services(db, runner=None) -> dict:
    """The three services, made by the administrator in one transaction of ``runner`` (default: a new one)."""
    from console.core.runner import Runner
    from console.queue.services import add_service, link_window

    runner = runner or Runner(db)
    admin = factories.actor(db, "A001")
    with runner.transaction(admin, write=True) as ctx:
        add_service(ctx, "MZ", "民政业务", "B", department="MZ")
        add_service(ctx, "RS", "人社业务", "C", department="RS")
        add_service(ctx, "SCJG", "市场监管业务", "A", department="SCJG", next_service="MZ")
        for code, window in (("SCJG", "01"), ("SCJG", "03"), ("MZ", "02"), ("RS", "02")):
            link_window(ctx, code, window)
    return {"admin": admin, "c001": factories.actor(db, "C001"), "c002": factories.actor(db, "C002")}


@pytest.fixture
def qhall(db, hall, runner):
    """The test hall with its queue services (made on the test's clock); returns the hall ids plus actors."""
    return {**hall, **make_services(db, runner)}


@pytest.fixture
def screen_clock():
    """The clock of the console tests (:data:`tests.tuihelp.FIXED_NOW`), so that the data is made on the screens' day.

    A TUI module takes it as its ``clock`` (pytest names an imported fixture by the name
    it is imported under): ``from tests.queue_fixtures import screen_clock as clock``.
    """
    from console.core.clock import FixedClock
    from tests.tuihelp import FIXED_NOW

    return FixedClock(FIXED_NOW)
