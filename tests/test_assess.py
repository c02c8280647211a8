"""Monthly 100-point assessment: rules as data, supervisor entries, drafts, caps, freezing."""

from datetime import date

import pytest
from sqlalchemy import func, select

from console.assess.months import compute_month, freeze_month, month_scores
from console.assess.rules import add_entry, add_rule, ensure_default_rules, list_rules, set_rule
from console.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from models import AssessEntry, AssessMonth, AssessRule, AuditEvent
from tests.assess_helpers import MONTHS, ensure_rules, entry, freeze
from tests.factories import actor


@pytest.fixture
def rules(db, hall):
    ensure_rules(db)
    return hall


def _count(db, model, *where):
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def test_default_rules_are_seeded_and_idempotent(db, runner, rules):
    listed = {r.code: r for r in runner.run(list_rules, actor=actor(db, "C001"))}
    assert listed["ABSENT"].points == -5 and listed["ABSENT"].category == "discipline"
    assert listed["PRAISE"].points == 2 and listed["OVERDUE"].source == "overdue_cases"
    with db.write() as s:
        assert ensure_default_rules(s) == 0
    assert _count(db, AssessRule) == len(listed)


def test_rule_set_changes_points_and_cap_and_is_audited(db, runner, rules):
    row = runner.run(set_rule, "late", points=-2, monthly_cap=None, actor=actor(db, "A001"))
    assert row.code == "LATE" and row.points == -2 and row.monthly_cap is None
    assert _count(db, AuditEvent, AuditEvent.action == "assess.rule_changed") == 1


BAD_RULE_VALUES = [
    ({"points": 0}, "assess.bad_points"),
    ({"points": 500}, "assess.bad_points"),
    ({"monthly_cap": -1}, "assess.bad_cap"),
    ({"source": "no_such_metric"}, "assess.bad_source"),
    ({}, "assess.nothing_to_change"),
]


def test_rule_set_rejects_bad_values(db, runner, rules):
    for kwargs, key in BAD_RULE_VALUES:
        with pytest.raises(Invalid) as error:
            runner.run(set_rule, "LATE", **kwargs, actor=actor(db, "A001"))
        assert error.value.key == key, kwargs
    late = next(r for r in runner.run(list_rules, actor=actor(db, "A001")) if r.code == "LATE")
    assert (late.points, late.monthly_cap, late.source) == (-1, 10, "manual")


def test_rule_changes_need_assess_manage(db, runner, rules):
    with pytest.raises(PermissionDenied):
        runner.run(set_rule, "LATE", points=-2, actor=actor(db, "C001"))
    with pytest.raises(Conflict):
        runner.run(add_rule, "late", name="x", target="staff", category="discipline", points=-1,
                   actor=actor(db, "A001"))


def test_month_draft_applies_entries_with_breakdown(db, runner, rules):
    entry(runner, "LATE", date(2025, 7, 3), staff="C001", reason="迟到15分钟")
    entry(runner, "LATE", date(2025, 7, 9), staff="C001", reason="早退")
    entry(runner, "ABSENT", date(2025, 7, 10), staff="C002", reason="脱岗半天")
    entry(runner, "PRAISE", date(2025, 7, 11), staff="C002", reason="群众来信表扬")
    entry(runner, "WIN_DISCIPLINE", date(2025, 7, 12), window="01", reason="台面杂乱")
    entry(runner, "LATE", date(2025, 8, 1), staff="C001", reason="next month: not counted")
    result = runner.run(month_scores, "2025-07", actor=actor(db, "S001"))
    assert result.status == "draft"
    c001 = result.find("staff", "C001")
    assert (c001.score, c001.business, c001.discipline, c001.deductions) == (98, 100, 98, 2)
    assert [(ln.rule, ln.count, ln.points) for ln in c001.lines] == [("LATE", 2, -2)]
    assert "迟到15分钟" in c001.lines[0].reason and "2025-07-03" in c001.lines[0].reason
    c002 = result.find("staff", "C002")
    assert (c002.score, c002.business, c002.discipline) == (97, 102, 95)
    assert result.find("window", "01").score == 98 and result.find("window", "02").score == 100
    # ranking: best first; P001 (proxy agent) is assessed too; supervisors are not
    assert [r.target for r in result.staff] == ["P001", "C001", "C002"]
    assert [r.rank for r in result.staff] == [1, 2, 3]
    # the township window is not assessed (the hall's flags hang at the center)
    assert [r.target for r in result.windows] == ["02", "03", "01"]


def test_monthly_cap_holds_a_rule_total(db, runner, rules):
    runner.run(set_rule, "LATE", monthly_cap=3, actor=actor(db, "A001"))
    for day in (1, 2, 3, 4, 7):
        entry(runner, "LATE", date(2025, 7, day), staff="C001")
    row = runner.run(month_scores, "2025-07", actor=actor(db, "S001")).find("staff", "C001")
    assert row.lines[0].count == 5 and row.lines[0].points == -3 and row.lines[0].capped
    assert row.score == 97


def test_data_metric_rules_count_occurrences(db, runner, rules, monkeypatch):
    with db.read() as s:
        from models import Staff

        c001 = s.scalar(select(Staff.id).where(Staff.employee_no == "C001"))

    seen = []

    def overdue(session, start, end):
        seen.append((start, end))
        return {("staff", c001): 12, ("window", 999999): 1}

    from console.assess import metrics as assess_metrics

    assess_metrics.metric_names()  # the registered metrics are loaded; the fake replaces one for this test
    monkeypatch.setitem(assess_metrics._METRICS, "overdue_cases", overdue)
    row = runner.run(month_scores, "2025-12", actor=actor(db, "S001")).find("staff", "C001")
    assert seen == [(date(2025, 12, 1), date(2026, 1, 1))]
    line = next(ln for ln in row.lines if ln.rule == "OVERDUE")
    assert line.count == 12 and line.points == -20 and line.capped  # 12 × −2 held to the cap of 20
    assert row.business == 80 and row.score == 80


def test_inactive_rules_do_not_count(db, runner, rules):
    entry(runner, "LATE", date(2025, 7, 3), staff="C001")
    runner.run(set_rule, "LATE", active=False, actor=actor(db, "A001"))
    assert runner.run(month_scores, "2025-07", actor=actor(db, "S001")).find("staff", "C001").score == 100


BAD_ENTRIES = [
    ("LATE", {"staff": "C001", "reason": "  "}, Invalid, "assess.reason_required"),
    ("LATE", {"window": "01"}, Invalid, "assess.rule_target_mismatch"),
    ("LATE", {"staff": "C001", "window": "01"}, Invalid, "assess.one_target"),
    ("LATE", {"staff": "NOBODY"}, NotFound, "assess.staff_not_found"),
    ("OVERDUE", {"staff": "C001"}, Invalid, "assess.rule_not_manual"),
    ("LATE", {"staff": "C001", "points": 3}, Invalid, "assess.points_sign"),
    ("NOPE", {"staff": "C001"}, NotFound, "assess.rule_not_found"),
]


def test_bad_entries_write_nothing(db, runner, rules):
    for rule, kwargs, error, key in BAD_ENTRIES:
        with pytest.raises(error) as raised:
            runner.run(add_entry, rule, on_date=date(2025, 7, 1), **{"reason": "x", **kwargs},
                       actor=actor(db, "S001"))
        assert raised.value.key == key, (rule, kwargs)
    assert _count(db, AssessEntry) == 0


def test_future_entries_are_refused(db, runner, clock, rules):
    from datetime import timedelta

    with pytest.raises(Invalid) as raised:
        runner.run(add_entry, "LATE", on_date=clock.today() + timedelta(days=1), reason="x", staff="C001",
                   actor=actor(db, "S001"))
    assert raised.value.key == "assess.future_date"
    # tomorrow, it is today: the clock, not the wall clock, decides
    clock.advance(days=1)
    assert runner.run(add_entry, "LATE", reason="x", staff="C001", actor=actor(db, "S001")).date == clock.today()


def test_clerks_cannot_enter(db, runner, rules):
    with pytest.raises(PermissionDenied):
        runner.run(add_entry, "LATE", on_date=date(2025, 7, 1), reason="x", staff="C002", actor=actor(db, "C001"))


def test_freeze_keeps_the_numbers_for_good(db, runner, rules):
    entry(runner, "LATE", date(2025, 7, 3), staff="C001", reason="迟到")
    entry(runner, "WIN_PRAISE", date(2025, 7, 4), window="02", reason="锦旗")
    draft = runner.run(month_scores, "2025-07", actor=actor(db, "S001")).as_dict()
    (frozen,) = freeze(runner, "2025-07")
    assert frozen.status == "frozen" and frozen.frozen_by == "S001"
    stored = runner.run(month_scores, "2025-07", actor=actor(db, "C001")).as_dict()
    assert stored["status"] == "frozen"
    assert stored["windows"] == draft["windows"] and stored["staff"] == draft["staff"]
    # the rules change, entries arrive for other months: the frozen month does not move
    runner.run(set_rule, "LATE", points=-4, monthly_cap=None, actor=actor(db, "A001"))
    entry(runner, "LATE", date(2025, 8, 3), staff="C001")
    again = runner.run(month_scores, "2025-07", actor=actor(db, "S001")).as_dict()
    assert again == stored
    assert _count(db, AuditEvent, AuditEvent.action == "assess.month_frozen") == 1


def test_a_frozen_month_refuses_entries_recompute_and_refreeze(db, runner, rules):
    freeze(runner, "2025-07")
    entries_before = _count(db, AssessEntry)
    with pytest.raises(Conflict) as raised:
        runner.run(add_entry, "LATE", on_date=date(2025, 7, 20), reason="late", staff="C001",
                   actor=actor(db, "S001"))
    assert raised.value.key == "assess.month_frozen" and "2025-07" in raised.value.message
    assert _count(db, AssessEntry) == entries_before
    with pytest.raises(Conflict):
        runner.run(compute_month, "2025-07", actor=actor(db, "S001"))
    with pytest.raises(Conflict):
        runner.run(freeze_month, "2025-07", actor=actor(db, "S001"))
    assert _count(db, AssessMonth) == 1


def test_a_month_not_over_cannot_be_frozen(db, runner, clock, rules):
    month = clock.today().strftime("%Y-%m")
    with pytest.raises(Invalid) as raised:
        runner.run(freeze_month, month, actor=actor(db, "S001"))
    assert raised.value.key == "assess.month_not_over"
    assert _count(db, AssessMonth) == 0


def test_a_month_is_frozen_only_after_its_last_day(db, runner, clock, rules):
    clock.set("2026-03-31 23:59:59")  # the month's last moment: not over yet
    with pytest.raises(Invalid) as raised:
        runner.run(freeze_month, "2026-03", actor=actor(db, "S001"))
    assert raised.value.key == "assess.month_not_over"
    assert _count(db, AssessMonth) == 0
    clock.set("2026-04-01 00:00:00")  # the next day: it is
    frozen = runner.run(freeze_month, "2026-03", actor=actor(db, "S001"))
    assert frozen.status == "frozen" and frozen.frozen_at == clock.now()
    with db.read() as s:
        stored = s.scalar(select(AssessMonth))
        assert stored.frozen_at == stored.computed_at == clock.now()
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "assess.month_frozen"))
        assert event.at == clock.now()


def test_freeze_needs_assess_manage(db, runner, rules):
    with pytest.raises(PermissionDenied):
        runner.run(freeze_month, MONTHS[0], actor=actor(db, "C001"))


def test_bad_month(db, runner, rules):
    for text in ["2025-13", "2025/07", "July", ""]:
        with pytest.raises(Invalid) as raised:
            runner.run(month_scores, text, actor=actor(db, "S001"))
        assert raised.value.key == "assess.bad_month", text
