"""``hall assess`` on the command line, weekly reviews and head on-site days."""

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from console.assess.onsite import add_onsite_day, list_onsite_days, onsite_compliance
from console.assess.reviews import add_review, list_reviews
from console.core.errors import Conflict, Invalid, LoginRequired, NotFound, PermissionDenied
from console.core.exitcodes import ExitCode
from models import AssessEntry, AssessMonth, OnsiteDay, WeeklyReview
from tests.assess_helpers import MONTHS, QUARTER, ensure_rules, entry, freeze, grow_hall
from tests.factories import actor


@pytest.fixture
def rules(db, hall):
    ensure_rules(db)
    return hall


def _count(db, model):
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


# ------------------------------------------------------------------ reviews


def test_weekly_reviews(db, runner, rules):
    supervisor, clerk = actor(db, "S001"), actor(db, "C001")
    with runner.transaction(supervisor, write=True) as ctx:  # two reviews in one transaction
        row = add_review(ctx, "服务热情，受理规范", window="01", week=date(2025, 7, 9))
        add_review(ctx, "一次性告知不完整", staff="C002", week=date(2025, 7, 16))
    assert row.week == date(2025, 7, 7) and row.target == "01"
    assert [r.text for r in runner.run(list_reviews, window="01", actor=clerk)] == ["服务热情，受理规范"]
    assert [r.target for r in runner.run(list_reviews, actor=clerk)] == ["C002", "01"]
    assert runner.run(list_reviews, week=date(2025, 7, 13), actor=clerk)[0].target == "01"


BAD_REVIEWS = [
    ({"text": " ", "window": "01"}, Invalid),
    ({"text": "x" * 2001, "window": "01"}, Invalid),
    ({"text": "ok"}, Invalid),
    ({"text": "ok", "window": "99"}, NotFound),
    ({"text": "ok", "window": "01", "week": timedelta(days=8)}, Invalid),  # from the clock's today
]


def test_bad_reviews_write_nothing(db, runner, clock, rules):
    for kwargs, error in BAD_REVIEWS:
        kwargs = dict(kwargs)
        text = kwargs.pop("text")
        if isinstance(kwargs.get("week"), timedelta):
            kwargs["week"] = clock.today() + kwargs["week"]
        with pytest.raises(error):
            runner.run(add_review, text, **kwargs, actor=actor(db, "S001"))
    assert _count(db, WeeklyReview) == 0


def test_clerks_cannot_review(db, runner, rules):
    with pytest.raises(PermissionDenied):
        runner.run(add_review, "自评", window="01", actor=actor(db, "C001"))


# ------------------------------------------------------------------ on-site days


def test_onsite_days_and_compliance(db, runner, rules):
    runner.run(add_onsite_day, "SCJG", head="王局长", day=date(2025, 8, 6), window="01",
               problems="现场解决3个企业登记难题", solved=3, actor=actor(db, "S001"))
    runner.run(add_onsite_day, "民政局", head="刘局长", day=date(2025, 5, 6), actor=actor(db, "S001"))
    rows = runner.run(list_onsite_days, quarter=QUARTER, actor=actor(db, "C001"))
    compliance = runner.run(onsite_compliance, QUARTER, actor=actor(db, "C001"))
    assert [(r.department, r.window, r.solved) for r in rows] == [("SCJG", "01", 3)]
    assert [(c.department, c.compliant) for c in compliance] == [("MZ", False), ("RS", False), ("SCJG", True)]


def test_onsite_day_twice_is_a_conflict(db, runner, rules):
    supervisor = actor(db, "S001")
    runner.run(add_onsite_day, "SCJG", head="王局长", day=date(2025, 8, 6), actor=supervisor)
    with pytest.raises(Conflict):
        runner.run(add_onsite_day, "SCJG", head="王局长", day=date(2025, 8, 6), actor=supervisor)
    with pytest.raises(Invalid):
        runner.run(add_onsite_day, "SCJG", head="", day=date(2025, 8, 7), actor=supervisor)
    with pytest.raises(NotFound):
        runner.run(add_onsite_day, "NOPE", head="某", day=date(2025, 8, 7), actor=supervisor)
    assert _count(db, OnsiteDay) == 1


# ------------------------------------------------------------------ CLI


def test_cli_rules_and_rule_set(cli, db, rules):
    result = cli("assess", "rules", "--json", as_="C001")
    assert result.exit_code == 0, result.stderr
    codes = {r["code"]: r for r in json.loads(result.stdout)}
    assert codes["ABSENT"]["points"] == -5
    result = cli("assess", "rule-set", "ABSENT", "--points", "-6", "--cap", "12", as_="A001")
    assert result.exit_code == 0, result.stderr
    codes = {r["code"]: r for r in json.loads(cli("assess", "rules", "--json", as_="C001").stdout)}
    assert codes["ABSENT"]["points"] == -6 and codes["ABSENT"]["monthly_cap"] == 12
    bad = cli("assess", "rule-set", "ABSENT", "--points", "0", as_="A001")
    assert bad.exit_code == 4 and "points" in bad.stderr
    denied = cli("assess", "rule-set", "ABSENT", "--points", "-1", as_="C001")
    assert denied.exit_code == 5


def test_cli_month_freeze_and_breakdown(cli, db, runner, rules):
    result = cli("assess", "entry", "add", "LATE", "--staff", "C001", "--date", "2025-07-03", "--reason", "迟到",
                 as_="S001")
    assert result.exit_code == 0, result.stderr
    draft = json.loads(cli("assess", "month", "2025-07", "--json", as_="S001").stdout)
    assert draft["status"] == "draft"
    assert {r["target"]: r["score"] for r in draft["staff"]}["C001"] == 99
    assert cli("assess", "freeze", "2025-07", as_="S001").exit_code == 0
    frozen = json.loads(cli("assess", "month", "2025-07", "--json", as_="S001").stdout)
    assert frozen["status"] == "frozen" and frozen["staff"] == draft["staff"]
    refused = cli("assess", "entry", "add", "LATE", "--staff", "C001", "--date", "2025-07-04", "--reason", "x",
                  as_="S001")
    assert refused.exit_code == 7 and "frozen" in refused.stderr
    assert cli("assess", "month", "2025-07", "--recompute", as_="S001").exit_code == 7
    assert cli("assess", "freeze", "2025-07", as_="S001").exit_code == 7
    breakdown = cli("assess", "breakdown", "2025-07", "--staff", "C001", "--json", as_="S001")
    line = json.loads(breakdown.stdout)["lines"][0]
    assert (line["rule"], line["count"], line["points"]) == ("LATE", 1, -1)
    table = cli("assess", "month", "2025-07", as_="S001")
    assert table.exit_code == 0 and "C001" in table.stdout and "LATE -1" in table.stdout
    assert _count(db, AssessEntry) == 1


def test_cli_quarter_and_stars(cli, db, runner, rules):
    grow_hall(db)
    freeze(runner, *MONTHS[:2])
    refused = cli("assess", "quarter", QUARTER, "--confirm", as_="S001")
    assert refused.exit_code == 7 and "2025-09" in refused.stderr
    freeze(runner, MONTHS[2])
    too_many = cli("assess", "quarter", QUARTER, "--confirm", "--flags", "9", as_="S001")
    assert too_many.exit_code == 4
    assert _count(db, AssessMonth) == 3
    proposal = json.loads(cli("assess", "quarter", QUARTER, "--json", as_="C001").stdout)
    assert proposal["confirmed"] is False and len(proposal["red_flags"]) == 8
    confirmed = cli("assess", "quarter", QUARTER, "--confirm", "--json", as_="S001")
    assert confirmed.exit_code == 0, confirmed.stderr
    assert json.loads(confirmed.stdout)["red_flags"] == proposal["red_flags"]
    rows = json.loads(cli("assess", "stars", "--year", "2025", "--json", as_="C001").stdout)
    assert isinstance(rows, list) and {"window", "stars"} <= set(rows[0])
    assert sum(r["stars"] for r in rows) == 8 and rows[0]["stars"] == 1
    assert json.loads(cli("assess", "stars", "--json", as_="C001").stdout) == rows  # default: the latest confirmed year
    assert "★" in cli("assess", "stars", lang="zh_CN", as_="C001").stdout


def test_cli_reviews_and_onsite(cli, db, rules):
    assert cli("assess", "review", "add", "受理规范", "--window", "01", "--week", "2025-07-09",
               as_="S001").exit_code == 0
    reviews = json.loads(cli("assess", "review", "list", "--json", as_="C001").stdout)
    assert reviews[0]["week"] == "2025-07-07" and reviews[0]["target"] == "01"
    assert cli("assess", "onsite", "add", "--department", "SCJG", "--head", "王局长", "--date", "2025-08-06",
               "--window", "01", "--solved", "2", as_="S001").exit_code == 0
    compliance = json.loads(cli("assess", "onsite", "compliance", "--quarter", QUARTER, "--json",
                                as_="C001").stdout)
    assert {c["department"]: c["compliant"] for c in compliance} == {"SCJG": True, "MZ": False, "RS": False}
    zh = cli("assess", "onsite", "compliance", "--quarter", QUARTER, lang="zh_CN", as_="C001")
    assert "未落实" in zh.stdout
    bad = cli("assess", "onsite", "add", "--department", "SCJG", "--head", "王", "--date", "2025-13-01", as_="S001")
    assert bad.exit_code == 4


def test_cli_bad_input_messages(cli, db, rules):
    bad = cli("assess", "month", "2025-7", as_="S001")
    assert bad.exit_code == 4 and "YYYY-MM" in bad.stderr
    assert cli("assess", "quarter", "2025Q5", as_="S001").exit_code == 4
    no_reason = cli("assess", "entry", "add", "LATE", "--staff", "C001", "--date", "2025-07-03", "--reason", " ",
                    as_="S001")
    assert no_reason.exit_code == 4 and "reason" in no_reason.stderr
    assert cli("assess", "breakdown", "2025-07", as_="S001").exit_code == 4
    assert _count(db, AssessEntry) == 0


def test_assess_reads_need_a_log_in_but_the_star_board_does_not(cli, db, runner, rules, monkeypatch):
    from console.assess.months import month_scores
    from console.assess.quarter import star_board, stars
    from screens.apps.boards import StarBoardApp

    refused = cli("assess", "month", "2025-07", "--json")
    assert refused.exit_code == ExitCode.AUTH and refused.stdout == ""
    assert cli("assess", "stars", "--json").exit_code == ExitCode.AUTH
    assert cli("rating", "list", "--json").exit_code == ExitCode.AUTH
    with pytest.raises(LoginRequired):
        runner.run(month_scores, "2025-07")
    with pytest.raises(LoginRequired):
        runner.run(stars)
    # the star board's data use case is public: it runs with nobody logged in
    board = runner.run(star_board)
    assert board.quarter is None and board.year == 2026 and [r.window for r in board.windows] == ["01", "02", "03"]
    # and ``hall stars`` opens its App with nobody logged in, on the command line's clock
    opened = []
    monkeypatch.setattr(StarBoardApp, "run", lambda app: opened.append((app.actor, app.year, app.clock)))
    result = cli("stars", "--year", "2025")
    assert result.exit_code == 0, result.output
    assert len(opened) == 1 and opened[0][:2] == (None, 2025) and opened[0][2].now() == runner.clock.now()


def test_the_rating_screen_needs_the_clerk(cli, db, rules, monkeypatch):
    from screens.apps.boards import RatingApp

    opened = []
    monkeypatch.setattr(RatingApp, "run", lambda app: opened.append((app.actor.employee_no, app.window)))
    assert cli("rate", "--window", "01").exit_code == ExitCode.AUTH
    assert cli("rate", "--window", "99", as_="C001").exit_code == ExitCode.NOT_FOUND
    assert opened == []
    result = cli("rate", "--window", "01", as_="C001")
    assert result.exit_code == 0, result.output
    assert opened == [("C001", "01")]
