"""Ratings (好差评): one per visit, reasons for bad ones, rectifications, defaults, and the data metrics."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from console.assess.ratings import add_rating, pending_visit, rate_case, rate_ticket, rating_summary
from console.assess.rectifications import close_rectification, list_rectifications
from console.core.errors import Conflict, Invalid, PermissionDenied
from console.queue.tickets import take_ticket
from console.queue.window import call_next, finish, start_serving
from models import AuditEvent, Case, Rating, Rectification, Setting, Ticket
from tests.factories import actor
from tests.queue_fixtures import qhall  # noqa: F401 - fixture


def served(runner, qhall, window_actor="c001", done=True):
    """Take a ticket for 市场监管, call it at window 01, serve (and finish) it; return its number.

    The queue's steps run in transactions of the test's runner, so that they read its clock.
    """
    clerk = qhall[window_actor]
    with runner.transaction(None, write=True) as ctx:
        ticket = take_ticket(ctx, "SCJG")
    steps = [call_next, start_serving] + ([finish] if done else [])
    for step in steps:
        with runner.transaction(clerk, write=True) as ctx:
            step(ctx)
    return ticket.number


def accepted_case(runner, clerk="C001"):
    from console.cases.intake import Applicant, IntakeForm, accept
    from console.core.personal import id_check_digit

    id_no = "41018519800101123" + id_check_digit("41018519800101123")
    form = IntakeForm(item_code="SCJG-001", applicant=Applicant(kind="person", name="王小明", id_no=id_no,
                                                                 phone="13812345678"), received=(1, 2, 3))
    staff = actor(runner.db, clerk)
    with runner.transaction(staff, write=True) as ctx:  # on the test's clock
        return accept(ctx, form).number


def count(db, model):
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_good_rating_of_a_ticket(db, runner, clock, qhall):
    number = served(runner, qhall)
    row = runner.run(rate_ticket, number, "1", actor=actor(db, "C001"))
    assert row.level == "very_satisfied" and row.window == "01" and row.staff == "C001" and not row.bad
    assert row.rectification_due is None and count(db, Rectification) == 0
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "rating.added")) == 1
    assert row.rated_at == clock.now()


def test_a_second_rating_of_one_visit_is_refused(db, runner, clock, qhall):
    number = served(runner, qhall)
    runner.run(rate_ticket, number, "满意", actor=actor(db, "C001"))
    with pytest.raises(Conflict) as raised:
        runner.run(rate_ticket, number, "1", actor=actor(db, "C001"))
    assert raised.value.key == "rating.duplicate"
    assert count(db, Rating) == 1


def test_the_database_itself_refuses_a_second_rating(db, runner, clock, qhall):
    from sqlalchemy.exc import IntegrityError

    from models import RatingLevel, RatingSource

    number = served(runner, qhall)
    runner.run(rate_ticket, number, "2", actor=actor(db, "C001"))
    with pytest.raises(IntegrityError):
        with db.write() as s:
            ticket_id = s.scalar(select(Ticket.id).where(Ticket.number == number))
            s.add(Rating(ticket_id=ticket_id, level=RatingLevel.basic, source=RatingSource.clerk,
                         rated_at=clock.now(), rated_on=clock.today()))
            s.flush()
    assert count(db, Rating) == 1


def test_a_bad_rating_needs_a_reason_and_opens_a_rectification(db, runner, clock, qhall):
    from console.calendar.workdays import due_date

    number = served(runner, qhall)
    with pytest.raises(Invalid) as raised:
        runner.run(rate_ticket, number, "5", reason="  ", actor=actor(db, "C001"))
    assert raised.value.key == "rating.reason_required"
    assert count(db, Rating) == 0 and count(db, Rectification) == 0
    row = runner.run(rate_ticket, number, "不满意", reason="等候时间太长", actor=actor(db, "C001"))
    with db.read() as s:
        expected = due_date(s, clock.today(), 15)
    assert row.bad and row.rectification_due == expected
    (rect,) = runner.run(list_rectifications, actor=actor(db, "S001"))
    assert rect.status == "open" and rect.reason == "等候时间太长" and not rect.overdue
    with pytest.raises(Invalid):
        runner.run(close_rectification, rect.id, " ", actor=actor(db, "S001"))
    with pytest.raises(PermissionDenied):
        runner.run(close_rectification, rect.id, "已回访", actor=actor(db, "C001"))
    closed = runner.run(close_rectification, rect.id, "已电话回访，群众表示理解", actor=actor(db, "S001"))
    assert closed.status == "closed" and closed.closed_by == "S001"
    with pytest.raises(Conflict):
        runner.run(close_rectification, rect.id, "again", actor=actor(db, "S001"))
    assert runner.run(list_rectifications, actor=actor(db, "S001")) == []


def test_a_rectification_past_its_due_day_is_overdue_by_the_clock(db, runner, clock, qhall):
    number = served(runner, qhall)
    row = runner.run(rate_ticket, number, "5", reason="推诿", actor=actor(db, "C001"))
    (rect,) = runner.run(list_rectifications, actor=actor(db, "S001"))
    assert not rect.overdue
    clock.set(datetime.combine(row.rectification_due, datetime.min.time()) + timedelta(days=1, hours=9))
    (rect,) = runner.run(list_rectifications, actor=actor(db, "S001"))
    assert rect.overdue
    closed = runner.run(close_rectification, rect.id, "已回访", actor=actor(db, "S001"))
    assert closed.overdue and closed.closed_on == clock.today()


def test_the_database_refuses_a_bad_rating_without_reason(db, runner, clock, qhall):
    from sqlalchemy.exc import IntegrityError

    from models import RatingLevel, RatingSource

    number = served(runner, qhall)
    with pytest.raises(IntegrityError):
        with db.write() as s:
            ticket_id = s.scalar(select(Ticket.id).where(Ticket.number == number))
            s.add(Rating(ticket_id=ticket_id, level=RatingLevel.very_dissatisfied, reason=" ",
                         source=RatingSource.clerk, rated_at=clock.now(), rated_on=clock.today()))
            s.flush()


def test_rating_a_case(db, runner, clock, qhall):
    number = accepted_case(runner)
    row = runner.run(rate_case, number, "2", actor=actor(db, "C001"))
    assert row.case == number and row.staff == "C001" and row.window == "01"
    with pytest.raises(Conflict):
        runner.run(rate_case, number, "3", actor=actor(db, "S001"))


def test_a_visit_must_be_named(db, runner, clock, qhall):
    with pytest.raises(Invalid) as raised:
        runner.run(add_rating, "1", actor=actor(db, "C001"))
    assert raised.value.key == "rating.visit_required"


def test_unserved_tickets_and_bad_levels_are_refused(db, runner, clock, qhall):
    with runner.transaction(None, write=True) as ctx:
        waiting = take_ticket(ctx, "SCJG")
    with pytest.raises(Invalid) as raised:
        runner.run(rate_ticket, waiting.number, "1", actor=actor(db, "C001"))
    assert raised.value.key == "rating.ticket_not_served"
    number = served(runner, qhall)
    with pytest.raises(Invalid):
        runner.run(rate_ticket, number, "6", actor=actor(db, "C001"))
    assert count(db, Rating) == 0


def test_pending_visit_for_the_rating_screen(db, runner, clock, qhall):
    clerk = actor(db, "C001")
    assert runner.run(pending_visit, "01", actor=clerk) is None
    number = served(runner, qhall, done=False)
    visit = runner.run(pending_visit, "01", actor=clerk)
    assert visit.ticket == number and visit.staff == "C001" and visit.window == "01"
    runner.run(add_rating, "1", ticket_id=visit.ticket_id, source="applicant", actor=clerk)
    assert runner.run(pending_visit, "01", actor=clerk) is None


def test_pending_visit_is_today_s_by_the_clock(db, runner, clock, qhall):
    clerk = actor(db, "C001")
    number = served(runner, qhall)
    assert runner.run(pending_visit, "01", actor=clerk).ticket == number
    clock.advance(days=1)  # tomorrow, yesterday's finished ticket is no longer asked about
    assert runner.run(pending_visit, "01", actor=clerk) is None


def test_summary_counts_unrated_visits_as_basic_after_the_default_days(db, runner, clock, qhall):
    rated, unrated, recent = served(runner, qhall), served(runner, qhall), served(runner, qhall)
    runner.run(rate_ticket, rated, "5", reason="态度差", actor=actor(db, "C001"))
    with db.write() as s:
        old = clock.today() - timedelta(days=8)
        s.execute(update(Ticket).where(Ticket.number.in_([rated, unrated])).values(day=old))
    month = (clock.today() - timedelta(days=8)).strftime("%Y-%m")
    summary = runner.run(rating_summary, month, actor=actor(db, "S001"))
    assert summary.defaulted == 1 and summary.counts["basic"] >= 1
    with db.write() as s:
        s.add(Setting(key="rating.default_after_days", value="30"))
    assert runner.run(rating_summary, month, actor=actor(db, "S001")).defaulted == 0


def test_metrics_feed_the_monthly_assessment(db, runner, clock, qhall):
    from console.assess.months import month_scores
    from console.assess.metrics import get_metric
    from tests.assess_helpers import ensure_rules

    ensure_rules(db)
    number = served(runner, qhall)
    runner.run(rate_ticket, number, "5", reason="推诿", actor=actor(db, "C001"))
    late_case = accepted_case(runner)
    open_case = accepted_case(runner)
    month = clock.today().replace(day=1)
    with db.write() as s:
        s.execute(update(Case).where(Case.number == late_case).values(
            late=True, completed_date=clock.today(), completed_at=clock.now()))
        s.execute(update(Case).where(Case.number == open_case).values(due_date=month))
    end = (month + timedelta(days=32)).replace(day=1)
    with db.read() as s:
        assert get_metric("bad_ratings")(s, month, end)
    result = runner.run(month_scores, month.strftime("%Y-%m"), actor=actor(db, "S001"))
    c001 = result.find("staff", "C001")
    rules = {ln.rule: (ln.count, ln.points) for ln in c001.lines}
    assert rules["BAD_RATING"] == (1, -2) and rules["OVERDUE"] == (1, -2)
    assert c001.handled == 2
    window = {ln.rule: ln.count for ln in result.find("window", "01").lines}
    assert window["BAD_RATING_W"] == 1 and window["OVERDUE_W"] == 1
    # the open case fell due this month and is not completed by its end: a red warning
    assert rules["RED_CARD"] == (1, -3)


def test_service_time_breach_metric(db, runner, clock, qhall):
    from console.assess.metrics import get_metric
    from console.queue.services import update_service

    runner.run(update_service, "SCJG", max_service_minutes=5, actor=actor(db, "A001"))
    number = served(runner, qhall)
    with db.write() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == number))
        ticket.closed_at = ticket.serving_at + timedelta(minutes=9)
    month = clock.today().replace(day=1)
    end = (month + timedelta(days=32)).replace(day=1)
    with db.read() as s:
        counts = get_metric("service_time_breaches")(s, month, end)
        window_id = s.scalar(select(Ticket.window_id).where(Ticket.number == number))
    assert counts[("window", window_id)] == 1 and sum(v for (k, _), v in counts.items() if k == "staff") == 1


def test_cli_rating_add_list_and_close(cli, db, runner, qhall):
    import json

    number = served(runner, qhall)
    no_reason = cli("rating", "add", "5", "--ticket", number, as_="C001")
    assert no_reason.exit_code == 4 and "reason" in no_reason.stderr
    result = cli("rating", "add", "5", "--ticket", number, "--reason", "推诿扯皮", "--json", as_="C001")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["rectification_due"]
    again = cli("rating", "add", "1", "--ticket", number, as_="C001")
    assert again.exit_code == 7 and "rated already" in again.stderr
    rects = json.loads(cli("rating", "rectifications", "--json", as_="S001").stdout)
    assert len(rects) == 1 and rects[0]["status"] == "open"
    closed = cli("rating", "close", str(rects[0]["id"]), "--callback", "已回访，满意", as_="S001")
    assert closed.exit_code == 0, closed.stderr
    assert json.loads(cli("rating", "rectifications", "--json", as_="S001").stdout) == []
    listed = json.loads(cli("rating", "list", "--bad", "--json", as_="C001").stdout)
    assert [r["ticket"] for r in listed] == [number]
    assert count(db, Rating) == 1


def test_rating_screen_records_a_bad_rating_with_a_quick_reason(db, runner, clock, qhall):
    import asyncio

    from textual.widgets import Static

    from screens.apps.boards import RatingApp

    number = served(runner, qhall)

    async def run():
        app = RatingApp(db, actor(db, "C001"), "01", poll_seconds=0.2, thanks_seconds=60, clock=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(40):
                await pilot.pause(0.05)
                if app.screen.visit is not None:
                    break
            visit_text = str(app.screen.query_one("#rating-visit", Static).render())
            await pilot.press("4")
            await pilot.pause()
            asking = app.screen.query_one("#rating-reasons").display
            await pilot.press("2")
            for _ in range(40):
                await pilot.pause(0.05)
                if "Thank" in str(app.screen.query_one("#rating-message", Static).render()):
                    break
            return visit_text, asking, str(app.screen.query_one("#rating-message", Static).render())

    visit_text, asking, message = asyncio.run(run())
    assert number in visit_text and asking and "dissatisfied" in message
    with db.read() as s:
        rating = s.scalar(select(Rating))
        assert rating.level.value == "dissatisfied" and rating.reason == "waited too long"
        assert rating.source.value == "applicant"
    assert count(db, Rectification) == 1
