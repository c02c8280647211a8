"""Settings an administrator can change (hall settings list|set), audited: the case-number pattern,
the yellow-warning threshold, how an unrated visit counts after the default days."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import select

from console.assess.hall_settings import list_settings, set_setting
from console.assess.ratings import rating_summary
from console.cases.access import get_case
from console.cases.intake import accept
from console.core.errors import Invalid, NotFound, PermissionDenied
from console.queue.actions import finish, start_serving
from models import AuditEvent
from tests.queue_fixtures import qhall  # noqa: F401 - fixture
from tests.test_cases import form
from tests.test_queue import call, take


def test_list_and_set_are_validated_and_audited(db, runner, qhall):
    admin = qhall["admin"]
    rows = {r.key: r for r in runner.run(list_settings, actor=admin)}
    assert rows["case.yellow_days"].value == "1" and rows["rating.default_level"].value == "basic"
    for key, value in (("case.yellow_days", "0"), ("case.yellow_days", "x"), ("rating.default_level", "满意"),
                       ("case.number_pattern", "{site}-{year}")):
        with pytest.raises(Invalid):
            runner.run(set_setting, key, value, actor=admin)
    with pytest.raises(NotFound):
        runner.run(set_setting, "case.nothing", "1", actor=admin)
    with pytest.raises(PermissionDenied):
        runner.run(set_setting, "case.yellow_days", "3", actor=qhall["c001"])
    runner.run(set_setting, "case.yellow_days", "3", actor=admin)
    with db.read() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "settings.set"))
        assert json.loads(event.summary) == {"before": "1", "value": "3"} and event.entity_id == "case.yellow_days"


def test_the_yellow_threshold_and_the_number_pattern_take_effect(db, runner, qhall, clock):
    admin, clerk = qhall["admin"], qhall["c001"]
    number = runner.run(accept, form("SCJG-002", (1,)), at=datetime(2026, 3, 2, 9), actor=clerk).number  # due 03-16
    clock.set("2026-03-12 10:00:00")
    assert runner.run(get_case, number, actor=clerk).warning == "green"
    runner.run(set_setting, "case.yellow_days", "3", actor=admin)  # 03-12, 13, 16: the last three days
    assert runner.run(get_case, number, actor=clerk).warning == "yellow"
    runner.run(set_setting, "case.number_pattern", "DF{year}-{seq:05d}", actor=admin)
    assert runner.run(accept, form(), actor=clerk).number == "DF2026-00001"


def test_an_unrated_visit_counts_as_the_provinces_level(db, runner, qhall, clock):
    admin, clerk = qhall["admin"], qhall["c001"]
    take(runner)
    call(runner, clerk)
    runner.run(start_serving, actor=clerk)
    runner.run(finish, actor=clerk)
    clock.set("2026-03-20 10:00:00")  # more than 7 days later
    summary = runner.run(rating_summary, "2026-03", actor=admin)
    assert summary.defaulted == 1 and summary.counts["basic"] == 1 and summary.counts["satisfied"] == 0
    runner.run(set_setting, "rating.default_level", "satisfied", actor=admin)
    summary = runner.run(rating_summary, "2026-03", actor=admin)
    assert summary.counts["satisfied"] == 1 and summary.counts["basic"] == 0


def test_cli_settings(db, hall, cli):
    listed = json.loads(cli("settings", "list", "--json", as_="S001").stdout)
    assert {r["key"] for r in listed} == {"case.number_pattern", "case.yellow_days", "rating.default_after_days",
                                          "rating.default_level"}
    assert cli("settings", "set", "rating.default_after_days", "10", as_="A001").exit_code == 0
    assert cli("settings", "set", "rating.default_after_days", "0", as_="A001").exit_code != 0
    listed = {r["key"]: r["value"] for r in json.loads(cli("settings", "list", "--json", as_="A001").stdout)}
    assert listed["rating.default_after_days"] == "10"
