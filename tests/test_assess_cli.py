"""``hall assess`` on the command line, weekly reviews and head on-site days."""

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from console.assess.onsite import add_onsite_day, list_onsite_days, onsite_compliance
from console.assess.reviews import add_review, list_reviews
from console.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from models import AssessEntry, AssessMonth, OnsiteDay, WeeklyReview
from models.base import today
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


def test_weekly_reviews(db, rules):
    with db.write() as s:
        row = add_review(s, actor(db, "S001"), "服务热情，受理规范", window="01", week=date(2025, 7, 9))
        add_review(s, actor(db, "S001"), "一次性告知不完整", staff="C002", week=date(2025, 7, 16))
    assert row.week == date(2025, 7, 7) and row.target == "01"
    with db.read() as s:
        assert [r.text for r in list_reviews(s, actor(db, "C001"), window="01")] == ["服务热情，受理规范"]
        assert [r.target for r in list_reviews(s, actor(db, "C001"))] == ["C002", "01"]
        assert list_reviews(s, actor(db, "C001"), week=date(2025, 7, 13))[0].target == "01"


BAD_REVIEWS = [
    ({"text": " ", "window": "01"}, Invalid),
    ({"text": "x" * 2001, "window": "01"}, Invalid),
    ({"text": "ok"}, Invalid),
    ({"text": "ok", "window": "99"}, NotFound),
    ({"text": "ok", "window": "01", "week": today() + timedelta(days=8)}, Invalid),
]


def test_bad_reviews_write_nothing(db, rules):
    for kwargs, error in BAD_REVIEWS:
        kwargs = dict(kwargs)
        text = kwargs.pop("text")
        with db.write() as s, pytest.raises(error):
            add_review(s, actor(db, "S001"), text, **kwargs)
    assert _count(db, WeeklyReview) == 0


def test_clerks_cannot_review(db, rules):
    with db.write() as s, pytest.raises(PermissionDenied):
        add_review(s, actor(db, "C001"), "自评", window="01")


# ------------------------------------------------------------------ on-site days


def test_onsite_days_and_compliance(db, rules):
    with db.write() as s:
        add_onsite_day(s, actor(db, "S001"), "SCJG", head="王局长", day=date(2025, 8, 6), window="01",
                       problems="现场解决3个企业登记难题", solved=3)
        add_onsite_day(s, actor(db, "S001"), "民政局", head="刘局长", day=date(2025, 5, 6))
    with db.read() as s:
        rows = list_onsite_days(s, actor(db, "C001"), quarter=QUARTER)
        compliance = onsite_compliance(s, actor(db, "C001"), QUARTER)
    assert [(r.department, r.window, r.solved) for r in rows] == [("SCJG", "01", 3)]
    assert [(c.department, c.compliant) for c in compliance] == [("MZ", False), ("RS", False), ("SCJG", True)]


def test_onsite_day_twice_is_a_conflict(db, rules):
    with db.write() as s:
        add_onsite_day(s, actor(db, "S001"), "SCJG", head="王局长", day=date(2025, 8, 6))
    with db.write() as s, pytest.raises(Conflict):
        add_onsite_day(s, actor(db, "S001"), "SCJG", head="王局长", day=date(2025, 8, 6))
    with db.write() as s, pytest.raises(Invalid):
        add_onsite_day(s, actor(db, "S001"), "SCJG", head="", day=date(2025, 8, 7))
    with db.write() as s, pytest.raises(NotFound):
        add_onsite_day(s, actor(db, "S001"), "NOPE", head="某", day=date(2025, 8, 7))
    assert _count(db, OnsiteDay) == 1


# ------------------------------------------------------------------ CLI


def test_cli_rules_and_rule_set(cli, db, rules):
    result = cli("assess", "rules", "--json")
    assert result.exit_code == 0, result.stderr
    codes = {r["code"]: r for r in json.loads(result.stdout)}
    assert codes["ABSENT"]["points"] == -5
    result = cli("assess", "rule-set", "ABSENT", "--points", "-6", "--cap", "12", as_="A001")
    assert result.exit_code == 0, result.stderr
    codes = {r["code"]: r for r in json.loads(cli("assess", "rules", "--json").stdout)}
    assert codes["ABSENT"]["points"] == -6 and codes["ABSENT"]["monthly_cap"] == 12
    bad = cli("assess", "rule-set", "ABSENT", "--points", "0", as_="A001")
    assert bad.exit_code == 4 and "points" in bad.stderr
    denied = cli("assess", "rule-set", "ABSENT", "--points", "-1", as_="C001")
    assert denied.exit_code == 5


def test_cli_month_freeze_and_breakdown(cli, db, rules):
    result = cli("assess", "entry", "add", "LATE", "--staff", "C001", "--date", "2025-07-03", "--reason", "迟到",
                 as_="S001")
    assert result.exit_code == 0, result.stderr
    draft = json.loads(cli("assess", "month", "2025-07", "--json").stdout)
    assert draft["status"] == "draft"
    assert {r["target"]: r["score"] for r in draft["staff"]}["C001"] == 99
    assert cli("assess", "freeze", "2025-07", as_="S001").exit_code == 0
    frozen = json.loads(cli("assess", "month", "2025-07", "--json").stdout)
    assert frozen["status"] == "frozen" and frozen["staff"] == draft["staff"]
    refused = cli("assess", "entry", "add", "LATE", "--staff", "C001", "--date", "2025-07-04", "--reason", "x",
                  as_="S001")
    assert refused.exit_code == 7 and "frozen" in refused.stderr
    assert cli("assess", "month", "2025-07", "--recompute").exit_code == 7
    assert cli("assess", "freeze", "2025-07", as_="S001").exit_code == 7
    breakdown = cli("assess", "breakdown", "2025-07", "--staff", "C001", "--json")
    line = json.loads(breakdown.stdout)["lines"][0]
    assert (line["rule"], line["count"], line["points"]) == ("LATE", 1, -1)
    table = cli("assess", "month", "2025-07")
    assert table.exit_code == 0 and "C001" in table.stdout and "LATE -1" in table.stdout
    assert _count(db, AssessEntry) == 1


def test_cli_quarter_and_stars(cli, db, rules):
    grow_hall(db)
    freeze(db, *MONTHS[:2])
    refused = cli("assess", "quarter", QUARTER, "--confirm", as_="S001")
    assert refused.exit_code == 7 and "2025-09" in refused.stderr
    freeze(db, MONTHS[2])
    too_many = cli("assess", "quarter", QUARTER, "--confirm", "--flags", "9", as_="S001")
    assert too_many.exit_code == 4
    assert _count(db, AssessMonth) == 3
    proposal = json.loads(cli("assess", "quarter", QUARTER, "--json").stdout)
    assert proposal["confirmed"] is False and len(proposal["red_flags"]) == 8
    confirmed = cli("assess", "quarter", QUARTER, "--confirm", "--json", as_="S001")
    assert confirmed.exit_code == 0, confirmed.stderr
    assert json.loads(confirmed.stdout)["red_flags"] == proposal["red_flags"]
    rows = json.loads(cli("assess", "stars", "--year", "2025", "--json").stdout)
    assert isinstance(rows, list) and {"window", "stars"} <= set(rows[0])
    assert sum(r["stars"] for r in rows) == 8 and rows[0]["stars"] == 1
    assert json.loads(cli("assess", "stars", "--json").stdout) == rows  # default: the latest confirmed year
    assert "★" in cli("assess", "stars", lang="zh_CN").stdout


def test_cli_reviews_and_onsite(cli, db, rules):
    assert cli("assess", "review", "add", "受理规范", "--window", "01", "--week", "2025-07-09",
               as_="S001").exit_code == 0
    reviews = json.loads(cli("assess", "review", "list", "--json").stdout)
    assert reviews[0]["week"] == "2025-07-07" and reviews[0]["target"] == "01"
    assert cli("assess", "onsite", "add", "--department", "SCJG", "--head", "王局长", "--date", "2025-08-06",
               "--window", "01", "--solved", "2", as_="S001").exit_code == 0
    compliance = json.loads(cli("assess", "onsite", "compliance", "--quarter", QUARTER, "--json").stdout)
    assert {c["department"]: c["compliant"] for c in compliance} == {"SCJG": True, "MZ": False, "RS": False}
    zh = cli("assess", "onsite", "compliance", "--quarter", QUARTER, lang="zh_CN")
    assert "未落实" in zh.stdout
    bad = cli("assess", "onsite", "add", "--department", "SCJG", "--head", "王", "--date", "2025-13-01", as_="S001")
    assert bad.exit_code == 4


def test_cli_bad_input_messages(cli, db, rules):
    bad = cli("assess", "month", "2025-7")
    assert bad.exit_code == 4 and "YYYY-MM" in bad.stderr
    assert cli("assess", "quarter", "2025Q5").exit_code == 4
    no_reason = cli("assess", "entry", "add", "LATE", "--staff", "C001", "--date", "2025-07-03", "--reason", " ",
                    as_="S001")
    assert no_reason.exit_code == 4 and "reason" in no_reason.stderr
    assert cli("assess", "breakdown", "2025-07").exit_code == 4
    assert _count(db, AssessEntry) == 0
