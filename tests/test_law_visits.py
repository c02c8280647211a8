"""One visit, one trace: a case accepted from a served ticket is linked to it; ratings attach to
the visit; queue statistics count the visits that became cases; one waiting ticket per resident ID
per site and day, by the same ID rules as ``hall check id``."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from console.assess.ratings import rate_case
from console.cases.access import get_case
from console.cases.intake import accept
from console.core.errors import Conflict, Invalid
from console.queue.actions import finish, start_serving
from console.queue.stats import queue_stats
from models import Case, Rating
from tests.queue_fixtures import qhall  # noqa: F401 - fixture
from tests.test_cases import ID_NO, form
from tests.test_queue import call, take

#: a Dengfeng resident born in 1960 (the county code 410185 dates from 1994)
OLD_DENGFENG = "410185196003150024"


def test_a_case_from_a_served_ticket_is_linked_and_rated_with_the_visit(db, runner, qhall):
    clerk = qhall["c001"]
    ticket = take(runner, id_number=ID_NO)
    call(runner, clerk)
    with pytest.raises(Invalid) as info:  # called, not being served yet
        runner.run(accept, form(), ticket=ticket.number, actor=clerk)
    assert info.value.field == "ticket"
    runner.run(start_serving, actor=clerk)
    with pytest.raises(Invalid):
        runner.run(accept, form(), ticket="A999", actor=clerk)
    number = runner.run(accept, form(), ticket=ticket.number.lower(), actor=clerk).number
    view = runner.run(get_case, number, actor=clerk)
    assert view.ticket == f"{ticket.number} 2026-03-03"
    runner.run(finish, actor=clerk)
    rows = {r.key: r for r in runner.run(queue_stats, actor=clerk)}
    assert rows["01"].became_cases == 1 and rows["01"].finished == 1
    by_service = {r.key: r for r in runner.run(queue_stats, by="service", actor=clerk)}
    assert by_service["SCJG"].became_cases == 1
    runner.run(rate_case, number, "满意", actor=clerk)
    with db.read() as s:
        rating = s.scalar(select(Rating))
        case = s.scalar(select(Case).where(Case.number == number))
        assert rating.ticket_id == case.ticket_id == ticket.id and rating.case_id == case.id


def test_cli_accept_with_ticket_and_show(db, runner, qhall, cli):
    clerk = qhall["c001"]
    ticket = take(runner)
    call(runner, clerk)
    runner.run(start_serving, actor=clerk)
    made = cli("case", "accept", "SCJG-001", "--name", "王小明", "--id", ID_NO, "--all", "--ticket", ticket.number,
               "--json", as_="C001")
    assert made.exit_code == 0, made.output
    shown = json.loads(cli("case", "show", json.loads(made.stdout)["number"], "--json", as_="C001").stdout)
    assert shown["ticket"] == f"{ticket.number} 2026-03-03"


def test_one_waiting_ticket_per_resident_id_per_site_and_day(db, runner, qhall):
    take(runner, "SCJG", id_number=OLD_DENGFENG)  # accepted, as hall check id accepts it
    with pytest.raises(Conflict) as info:
        take(runner, "RS", id_number=OLD_DENGFENG)
    assert info.value.key == "law.already_waiting_here"
    with pytest.raises(Invalid) as bad:
        take(runner, "RS", id_number=OLD_DENGFENG[:-1] + "5")
    assert bad.value.key == "personal.id_check_digit" and bad.value.field == "id_number"


def test_check_id_and_the_ticket_path_agree(db, runner, qhall, cli):
    assert cli("check", "id", OLD_DENGFENG).exit_code == 0
    assert take(runner, "MZ", id_number=OLD_DENGFENG).number.startswith("B")
