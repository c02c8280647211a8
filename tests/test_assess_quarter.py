"""Quarterly evaluation: red flags, model staff, tie-breaks, confirmation, stars."""

from datetime import date

import pytest
from sqlalchemy import func, select

from console.assess.quarter import confirm_quarter, evaluate_quarter, star_board, stars
from console.core.errors import Conflict, Invalid, PermissionDenied
from models import AssessAward, AssessQuarter, AwardKind
from tests.assess_helpers import MONTHS, QUARTER, ensure_rules, entry, freeze, grow_hall
from tests.factories import actor


@pytest.fixture
def big(db, hall):
    ensure_rules(db)
    grow_hall(db)
    return hall


def _awards(db):
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AssessAward))


def _scenario(runner):
    """Deductions that make the ranking known: windows 11..14 and clerks K001..K004 lose points."""
    entry(runner, "WIN_DISCIPLINE", date(2025, 7, 2), window="11", points=-10, reason="严重违纪")
    entry(runner, "WIN_DISCIPLINE", date(2025, 8, 2), window="12", points=-6, reason="违纪")
    entry(runner, "WIN_DISCIPLINE", date(2025, 9, 2), window="13", points=-4, reason="违纪")
    entry(runner, "WIN_DISCIPLINE", date(2025, 9, 3), window="14")
    entry(runner, "WIN_DISCIPLINE", date(2025, 9, 4), window="01")
    entry(runner, "WIN_PRAISE", date(2025, 9, 5), window="01", reason="锦旗")   # 01: −2 +2 = 100, one deduction
    entry(runner, "WIN_PRAISE", date(2025, 8, 5), window="22", reason="表扬")   # 22: 102, the best
    for i, staff in enumerate(["K001", "K002", "K003", "K004"]):
        entry(runner, "LATE", date(2025, 7, 10 + i), staff=staff)
    entry(runner, "ABSENT", date(2025, 8, 10), staff="K005")
    entry(runner, "PRAISE", date(2025, 8, 11), staff="K006", reason="表扬信")
    entry(runner, "PRAISE", date(2025, 8, 12), staff="K007", reason="表扬信")
    entry(runner, "ABSENT", date(2025, 8, 13), staff="K007")


def test_quarter_with_unfrozen_months_is_refused(db, runner, big):
    freeze(runner, MONTHS[0], MONTHS[2])
    with pytest.raises(Conflict) as raised:
        runner.run(evaluate_quarter, QUARTER, actor=actor(db, "S001"))
    assert raised.value.key == "assess.quarter_unfrozen" and "2025-08" in raised.value.message
    with pytest.raises(Conflict):
        runner.run(confirm_quarter, QUARTER, actor=actor(db, "S001"))
    assert _awards(db) == 0


def test_quarter_awards_follow_scores_and_tie_breaks(db, runner, big):
    _scenario(runner)
    freeze(runner, *MONTHS)
    proposal = runner.run(evaluate_quarter, QUARTER, actor=actor(db, "S001"))
    assert not proposal.confirmed
    flags = [a.target for a in proposal.red_flags]
    # 15 center windows; 22 has a bonus; then windows at 300 with no deduction, by number;
    # 01 (300 but one deduction) comes after them all, 14 and 13.. are out
    assert flags == ["22", "02", "03", "15", "16", "17", "18", "19"]
    assert proposal.red_flags[0].average == 100.67
    business = [a.target for a in proposal.business_models]
    assert business[:2] == ["K006", "K007"] and len(business) == 10
    discipline = [a.target for a in proposal.discipline_models]
    # no discipline deductions first by number; then K006 (a bonus does not count here)...
    assert "K005" not in discipline and "K007" not in discipline and "K001" not in discipline
    assert discipline[0] == "C001" and len(discipline) == 10


def test_window_tie_break_fewer_deductions_first(db, runner, big):
    entry(runner, "WIN_DISCIPLINE", date(2025, 7, 4), window="02")
    entry(runner, "WIN_PRAISE", date(2025, 7, 5), window="02", reason="表扬")
    freeze(runner, *MONTHS)
    flags = [a.target for a in runner.run(evaluate_quarter, QUARTER, flags=8, actor=actor(db, "S001")).red_flags]
    assert "02" not in flags and flags[:2] == ["01", "03"]


def test_confirm_records_awards_and_stars(db, runner, big):
    _scenario(runner)
    freeze(runner, *MONTHS)
    result = runner.run(confirm_quarter, QUARTER, actor=actor(db, "S001"))
    assert result.confirmed and len(result.red_flags) == 8
    with db.read() as s:
        counts = dict(s.execute(select(AssessAward.kind, func.count()).group_by(AssessAward.kind)).all())
        assert counts == {AwardKind.red_flag: 8, AwardKind.business_model: 10, AwardKind.discipline_model: 10}
    again = runner.run(evaluate_quarter, QUARTER, actor=actor(db, "C001"))
    rows = runner.run(stars, 2025, actor=actor(db, "C001"))
    board = runner.run(star_board)  # public: nobody logged in
    assert again.confirmed and [a.target for a in again.red_flags] == [a.target for a in result.red_flags]
    by_window = {r.window: r for r in rows}
    assert by_window["22"].stars == 1 and by_window["22"].red_flag and by_window["22"].quarters == [QUARTER]
    assert by_window["11"].stars == 0 and not by_window["11"].red_flag
    assert sum(r.stars for r in rows) == 8
    assert [r.stars for r in rows] == sorted((r.stars for r in rows), reverse=True)
    assert board.quarter == QUARTER and board.year == 2025 and len(board.business_models) == 10
    # the hall display shows the same stars for the windows of the center
    from console.assess.quarter import window_stars
    from models import Site

    with db.read() as s:
        center = s.scalar(select(Site.id).where(Site.code == "410185"))
        shown = window_stars(s, center)
    assert shown["22"] == 1 and "11" not in shown
    assert sum(shown.values()) == sum(r.stars for r in rows if ":" not in r.window)


def test_a_second_quarter_adds_stars(db, runner, big):
    freeze(runner, *MONTHS, "2025-10", "2025-11", "2025-12")
    runner.run(confirm_quarter, QUARTER, actor=actor(db, "S001"))
    runner.run(confirm_quarter, "2025Q4", actor=actor(db, "S001"))
    rows = runner.run(stars, 2025, actor=actor(db, "S001"))
    assert runner.run(stars, 2024, actor=actor(db, "S001"))[0].stars == 0
    assert rows[0].stars == 2 and rows[0].quarters == ["2025Q3", "2025Q4"]
    assert sum(r.stars for r in rows) == 16


def test_confirm_twice_is_refused(db, runner, big):
    freeze(runner, *MONTHS)
    runner.run(confirm_quarter, QUARTER, actor=actor(db, "S001"))
    with pytest.raises(Conflict) as raised:
        runner.run(confirm_quarter, QUARTER, actor=actor(db, "S001"))
    assert raised.value.key == "assess.quarter_confirmed"
    assert _awards(db) == 28


def test_more_flags_than_the_rule_allows_is_refused(db, runner, big):
    freeze(runner, *MONTHS)
    with pytest.raises(Invalid) as raised:
        runner.run(confirm_quarter, QUARTER, flags=9, actor=actor(db, "S001"))
    assert raised.value.key == "assess.too_many_flags" and "8" in raised.value.message
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AssessQuarter)) == 0
    assert _awards(db) == 0


def test_fewer_flags_may_be_awarded(db, runner, big):
    freeze(runner, *MONTHS)
    result = runner.run(confirm_quarter, QUARTER, flags=5, actor=actor(db, "S001"))
    assert len(result.red_flags) == 5


def test_the_database_refuses_a_ninth_flag(db, runner, big):
    from sqlalchemy.exc import IntegrityError

    from models import Window

    freeze(runner, *MONTHS)
    runner.run(confirm_quarter, QUARTER, actor=actor(db, "S001"))
    with pytest.raises(IntegrityError):
        with db.write() as s:
            quarter = s.scalar(select(AssessQuarter))
            window = s.scalar(select(Window).where(Window.number == "20"))
            s.add(AssessAward(quarter_id=quarter.id, kind=AwardKind.red_flag, window_id=window.id, rank=9,
                              score_sum=300))
            s.flush()
    assert _awards(db) == 28


def test_confirm_needs_assess_manage(db, runner, big):
    freeze(runner, *MONTHS)
    with pytest.raises(PermissionDenied):
        runner.run(confirm_quarter, QUARTER, actor=actor(db, "C001"))


def test_staff_new_in_the_quarter_are_not_candidates(db, runner, big):
    freeze(runner, MONTHS[0])
    from models import Role, Site, SiteKind, Staff
    from tests import factories

    with db.write() as s:
        center = s.scalar(select(Site).where(Site.kind == SiteKind.center))
        s.add(Staff(employee_no="N001", name="新人", role=Role.clerk, site_id=center.id,
                    pin_hash=factories.pin_hash(), created_at=factories.CREATED_AT))
    entry(runner, "PRAISE", date(2025, 8, 3), staff="N001", reason="表扬")
    freeze(runner, MONTHS[1], MONTHS[2])
    result = runner.run(evaluate_quarter, QUARTER, actor=actor(db, "S001"))
    assert "N001" not in [a.target for a in result.business_models]
