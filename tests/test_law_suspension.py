"""§45: the full list of reasons, the days given with --on, and a written notice to the applicant
when the clock stops and when it restarts."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from console.cases import lifecycle as lc
from console.cases.access import get_case
from console.cases.clock_notices import resumption_notice, suspension_notice
from console.cases.intake import accept
from console.core.errors import Invalid, NotFound
from tests.factories import actor
from tests.test_cases import ID_NO, form


@pytest.mark.parametrize("reason", ["hearing", "tendering", "auction", "inspection", "testing", "quarantine",
                                    "appraisal", "expert_review"])
def test_every_reason_of_article_45_stops_the_clock(db, hall, runner, reason):
    number = runner.run(accept, form(), at=datetime(2026, 3, 2, 9), actor=actor(db, "C001")).number
    runner.run(lc.suspend, number, reason, on=date(2026, 3, 3), actor=actor(db, "C001"))
    assert runner.run(get_case, number, actor=actor(db, "C001")).status == "suspended"


def test_written_notices_when_the_clock_stops_and_restarts(db, hall, runner, clock):
    clerk = actor(db, "C001")
    number = runner.run(accept, form("SCJG-002", (1,)), at=datetime(2026, 3, 2, 9), actor=clerk).number
    assert runner.run(get_case, number, actor=clerk).due_date == date(2026, 3, 16)
    with pytest.raises(NotFound):
        runner.run(suspension_notice, number, actor=clerk)
    runner.run(lc.suspend, number, "quarantine", "动物检疫", on=date(2026, 3, 3), actor=clerk)
    text = runner.run(suspension_notice, number, actor=clerk)
    from console.core.i18n import t  # the documents speak the language the process is in

    assert t("law.doc_suspension_title") in text and t("law.reason.quarantine") in text and "2026-03-03" in text
    assert "410185-ZT-2026-00001" in text
    with pytest.raises(NotFound):
        runner.run(resumption_notice, number, actor=clerk)
    with pytest.raises(Invalid) as future:
        runner.run(lc.resume, number, on=date(2026, 3, 4), actor=clerk)  # the clock stands at 03-03
    assert future.value.field == "on"
    clock.set("2026-03-06 10:00:00")
    runner.run(lc.resume, number, on=date(2026, 3, 5), actor=clerk)  # 03-04, 03-05 not counted
    view = runner.run(get_case, number, actor=clerk)
    assert view.due_date == date(2026, 3, 18)
    assert view.suspensions[0]["notice_no"] == "410185-ZT-2026-00001"
    assert view.suspensions[0]["resume_notice_no"] == "410185-HF-2026-00001"
    html = runner.run(resumption_notice, number, "html", actor=clerk)
    assert html.startswith("<!DOCTYPE html>") and "2026-03-18" in html and t("case.doc_days", days=2) in html
    with pytest.raises(Invalid) as overlap:
        runner.run(lc.suspend, number, "hearing", on=date(2026, 3, 4), actor=clerk)
    assert overlap.value.field == "on"


def test_cli_suspend_and_resume_on_given_days_with_notices(db, hall, cli, runner, clock):
    number = runner.run(accept, form("SCJG-002", (1,)), at=datetime(2026, 3, 2, 9), actor=actor(db, "C001")).number
    clock.set("2026-03-10 09:00:00")
    stopped = cli("case", "suspend", number, "--reason", "appraisal", "--on", "2026-03-03", "--notice", "text",
                  as_="C001")
    assert stopped.exit_code == 0, stopped.output
    assert "appraisal" in stopped.stdout and "2026-03-03" in stopped.stdout
    bad = cli("case", "resume", number, "--on", "2026-03-20", as_="C001")
    assert bad.exit_code != 0
    restarted = cli("case", "resume", number, "--on", "2026-03-09", "--notice", "text", as_="C001")
    assert restarted.exit_code == 0, restarted.output
    assert "2026-03-09" in restarted.stdout and "4 working days" in restarted.stdout  # 03-04..03-09
    shown = json.loads(cli("case", "show", number, "--json", as_="C001").stdout)
    assert shown["suspensions"][0]["reason"] == "appraisal" and shown["suspensions"][0]["to"] == "2026-03-09"
    assert shown["due_date"] == "2026-03-20"
    assert ID_NO  # the applicant of the form helper
