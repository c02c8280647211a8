"""The demo's assessment past: frozen months, confirmed quarters with 8 flags and 10 + 10 model staff."""

import random
from datetime import date

from sqlalchemy import func, select

from console.demo.assess import covered_months, extend
from console.assess.onsite import onsite_compliance
from console.assess.quarter import stars
from models import AssessAward, AssessMonth, AssessQuarter, AssessScore, AwardKind, MonthStatus
from tests.assess_helpers import grow_hall
from tests.factories import actor


def test_covered_months():
    months = covered_months(date(2026, 11, 25), 2025)
    assert months[0].key == "2025-01" and months[-1].key == "2026-10" and len(months) == 22


def test_extend_demo_evaluates_the_past(db, hall, runner, clock):
    grow_hall(db)
    clock.set("2026-11-25 10:00:00")
    made = runner.run(extend, random.Random(7), {}, actor=actor(db, "A001"))
    assert made["frozen_months"] == 22 and made["confirmed_quarters"] == 7 and made["assess_entries"] > 0
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AssessMonth)
                        .where(AssessMonth.status == MonthStatus.frozen)) == 22
        quarters = s.scalars(select(AssessQuarter.quarter).order_by(AssessQuarter.quarter)).all()
        per_quarter = s.execute(select(AssessAward.quarter_id, AssessAward.kind, func.count())
                                .group_by(AssessAward.quarter_id, AssessAward.kind)).all()
    supervisor = actor(db, "S001")
    rows_2025 = runner.run(stars, 2025, actor=supervisor)
    rows_2026 = runner.run(stars, actor=supervisor)
    compliance = runner.run(onsite_compliance, "2026Q3", actor=supervisor)
    assert quarters[0] == "2025Q1" and quarters[-1] == "2026Q3"
    limits = {AwardKind.red_flag: 8, AwardKind.business_model: 10, AwardKind.discipline_model: 10}
    assert all(count == limits[kind] for _q, kind, count in per_quarter) and len(per_quarter) == 21
    assert sum(r.stars for r in rows_2025) == 32 and sum(r.stars for r in rows_2026) == 24
    assert all(c.compliant for c in compliance)
    # running it again adds nothing
    again = runner.run(extend, random.Random(7), {}, actor=actor(db, "A001"))
    assert again["confirmed_quarters"] == 0 and again["assess_entries"] == 0


def test_extend_demo_follows_the_case_history(db, hall, runner):
    from console.demo import cases as case_demo
    from console.assess.quarter import evaluate_quarter
    from models import Rating, Rectification, RectificationStatus

    grow_hall(db)
    # 3000 at the center and the townships' share on top (3000 × 37,032 / 535,538)
    demo = {"cases": 3000}  # the build hands the same demo context to every extension
    assert runner.run(case_demo.extend, random.Random(5), demo, actor=actor(db, "A001")) == 3000 + 207
    made = runner.run(extend, random.Random(5), demo, actor=actor(db, "A001"))
    # June 2004 – May 2009: 60 months; the complete quarters 2004Q3 … 2009Q1
    assert made["frozen_months"] == 60 and made["confirmed_quarters"] == 19
    assert 100 <= made["ratings"] <= 200
    with db.read() as s:
        months = s.scalars(select(AssessMonth.month).order_by(AssessMonth.month)).all()
        assert months[0] == "2004-06" and months[-1] == "2009-05"
        bad = s.scalar(select(func.count()).select_from(Rectification)
                       .where(Rectification.status == RectificationStatus.closed))
        assert bad == s.scalar(select(func.count()).select_from(Rating)
                               .where(Rating.level.in_(["dissatisfied", "very_dissatisfied"])))
        handled = s.execute(select(func.sum(AssessScore.handled))).scalar()
    rows = runner.run(stars, actor=actor(db, "S001"))
    q = runner.run(evaluate_quarter, "2008Q4", actor=actor(db, "S001"))
    assert sum(r.stars for r in rows) == 8  # 2009: only 2009Q1 is complete
    assert q.confirmed and len(q.red_flags) == 8 and len(q.business_models) == 10
    assert handled > 0  # the cases feed the rankings' tie-break
