"""``hall status``: the dashboard's figures from a morning's queue, its permission, and ``--json``."""

from __future__ import annotations

import json
from datetime import datetime, time

import pytest

from console.core.errors import PermissionDenied
from console.queue.tickets import take_ticket
from console.queue.window import call_next, finish, pause, start_serving
from console.status.dashboard import hall_status
from tests import factories
from tests.queue_fixtures import qhall  # noqa: F401 - fixture


def at(clock, hh: int, mm: int) -> datetime:
    moment = datetime.combine(clock.today(), time(hh, mm))
    clock.set(moment)
    return moment


def morning(runner, qhall, clock) -> None:
    """01 served A001 (waited 10, served 8) and calls A002; 02 paused at 09:30; A003 and B001 wait."""
    c1, c2 = qhall["c001"], qhall["c002"]
    runner.run(take_ticket, "SCJG", at=at(clock, 9, 0))  # A001
    runner.run(take_ticket, "SCJG", at=at(clock, 9, 5))  # A002
    at(clock, 9, 10)
    runner.run(call_next, actor=c1)
    at(clock, 9, 12)
    runner.run(start_serving, actor=c1)
    at(clock, 9, 20)
    runner.run(finish, actor=c1)
    runner.run(take_ticket, "SCJG", at=at(clock, 9, 25))  # A003
    runner.run(take_ticket, "MZ", at=at(clock, 9, 26))  # B001
    at(clock, 9, 30)
    runner.run(pause, actor=c2)
    at(clock, 9, 35)
    runner.run(call_next, actor=c1)  # A002 waited 30
    at(clock, 10, 0)


def test_the_dashboard_of_a_morning(runner, qhall, clock, db):
    morning(runner, qhall, clock)
    status = runner.run(hall_status, actor=factories.actor(db, "S001"))
    windows = {w.number: w for w in status.windows}
    assert (windows["01"].state, windows["01"].ticket, windows["01"].since.time()) == ("serving", "A002", time(9, 35))
    assert windows["01"].minutes == 25.0
    assert (windows["02"].state, windows["02"].since.time()) == ("paused", time(9, 30))
    assert (windows["03"].state, windows["03"].ticket, windows["03"].since) == ("open", None, None)
    services = {s.code: s for s in status.services}
    assert (services["SCJG"].waiting, services["SCJG"].longest_wait_minutes) == (1, 35.0)
    assert services["SCJG"].target_minutes == 15 and services["SCJG"].late
    assert services["SCJG"].over_target == 1
    assert (services["MZ"].waiting, services["MZ"].longest_wait_minutes) == (1, 34.0)
    assert services["SCJG"].served_today == 1
    assert status.waiting == 2 and status.served_today == 1
    assert status.avg_wait_minutes == 20.0  # A001 waited 10, A002 30
    assert status.avg_service_minutes == 8.0
    assert [(h.hour, h.taken, h.served) for h in status.by_hour] == [(9, 4, 1)]


def test_cases_at_risk_overdue_and_rectifications(runner, qhall, clock, db):
    from sqlalchemy import update

    from console.assess.ratings import rate_case
    from models import Case
    from tests.test_assess_ratings import accepted_case

    supervisor = factories.actor(db, "S001")
    before = runner.run(hall_status, actor=supervisor)
    assert (before.cases_at_risk, before.cases_overdue, before.open_rectifications) == (0, 0, 0)
    numbers = [accepted_case(runner) for _ in range(3)]
    with runner.transaction(None, write=True) as ctx:
        ctx.session.execute(update(Case).where(Case.number == numbers[0]).values(due_date=clock.today()))
        ctx.session.execute(update(Case).where(Case.number == numbers[1])
                            .values(due_date=clock.today().replace(day=1)))
    runner.run(rate_case, numbers[2], "5", reason="态度差", actor=qhall["c001"])
    after = runner.run(hall_status, actor=supervisor)
    assert (after.cases_at_risk, after.cases_overdue, after.open_rectifications) == (1, 1, 1)


def test_a_clerk_may_not_see_the_dashboard(runner, qhall, db):
    with pytest.raises(PermissionDenied):
        runner.run(hall_status, actor=qhall["c001"])


def test_hall_status_json(cli, qhall, runner, clock):
    morning(runner, qhall, clock)
    result = cli("status", "--json", as_="S001")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["served_today"] == 1 and data["waiting"] == 2
    assert {w["number"]: w["state"] for w in data["windows"]} == {"01": "serving", "02": "paused", "03": "open"}
    assert data["windows"][0]["since"] == f"{clock.today().isoformat()}T09:35"


def test_hall_status_refuses_a_clerk(cli, qhall):
    result = cli("status", "--json", as_="C001")
    assert result.exit_code == 5 and result.stdout == ""
