"""Shared set-up of the queue tests: three services on the small test hall (no tests here).

``A`` 市场监管 (windows 01 and 03, hands on to ``MZ``), ``B`` 民政 and ``C`` 人社
(both at the comprehensive window 02).
"""

from __future__ import annotations

import pytest

from tests import factories


def make_services(db) -> dict:
    from console.queue.services import add_service, link_window

    admin = factories.actor(db, "A001")
    with db.write() as s:
        add_service(s, admin, "MZ", "民政业务", "B", department="MZ")
        add_service(s, admin, "RS", "人社业务", "C", department="RS")
        add_service(s, admin, "SCJG", "市场监管业务", "A", department="SCJG", next_service="MZ")
        for code, window in (("SCJG", "01"), ("SCJG", "03"), ("MZ", "02"), ("RS", "02")):
            link_window(s, admin, code, window)
    return {"admin": admin, "c001": factories.actor(db, "C001"), "c002": factories.actor(db, "C002")}


@pytest.fixture
def qhall(db, hall):
    """The test hall with its queue services; returns the hall ids plus actors."""
    return {**hall, **make_services(db)}
