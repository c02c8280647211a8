"""Queue services, numbering, ordering, window actions, daily close (both engines)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from console.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from console.queue.services import add_service, close_day, link_window, list_services, update_service
from console.queue.tickets import take_ticket
from console.queue.window import (
    call_next,
    call_number,
    current_ticket,
    finish,
    hand_on,
    no_show,
    pause,
    recall,
    resume,
    start_serving,
    transfer,
    window_queue,
)
from models import AuditEvent, Ticket, TicketEvent
from tests.factories import actor
from tests.queue_fixtures import qhall  # noqa: F401 - fixture

ID_1 = "11010519491231002X"
ID_2 = "110102198001010025"


def take(runner, service="SCJG", **kw):
    """A ticket taken at the kiosk: nobody logged in."""
    return runner.run(take_ticket, service, **kw)


def call(runner, who, window=None):
    return runner.run(call_next, window, actor=who)


def statuses(db):
    with db.read() as s:
        return {t.number: t.status.value for t in s.scalars(select(Ticket))}


# --------------------------------------------------------------------------- configuration


def test_services_are_listed_with_their_windows(runner, qhall):
    rows = {r.code: r for r in runner.run(list_services, actor=qhall["c001"])}
    assert set(rows) == {"SCJG", "MZ", "RS"}
    assert rows["SCJG"].windows == ("01", "03") and rows["SCJG"].prefix == "A"
    assert rows["MZ"].windows == ("02",) and rows["SCJG"].next_service == "MZ"
    assert rows["SCJG"].max_wait_minutes == 15 and rows["SCJG"].recall_limit == 3


def test_prefix_and_code_are_unique_per_site_and_checked(runner, qhall):
    admin = qhall["admin"]
    with pytest.raises(Conflict):
        runner.run(add_service, "X", "x", "A", actor=admin)
    with pytest.raises(Conflict):
        runner.run(add_service, "MZ", "x", "Z", actor=admin)
    with pytest.raises(Invalid):
        runner.run(add_service, "X", "x", "A1", actor=admin)
    with pytest.raises(Invalid):
        runner.run(add_service, "X", "x", "X", daily_cap=1000, actor=admin)
    # another site may reuse the prefix
    info = runner.run(add_service, "MZ", "乡镇民政", "A", site="410185101", actor=admin)
    runner.run(link_window, "MZ", "01", site="410185101", actor=admin)
    assert info.site == "410185101"


def test_managing_needs_queue_manage(runner, qhall):
    with pytest.raises(PermissionDenied):
        runner.run(add_service, "X", "x", "X", actor=qhall["c001"])
    with pytest.raises(PermissionDenied):
        runner.run(close_day, actor=qhall["c001"])


def test_configuration_changes_are_audited(db, runner, qhall):
    runner.run(update_service, "SCJG", daily_cap=50, actor=qhall["admin"])
    with db.read() as s:
        actions = set(s.scalars(select(AuditEvent.action)))
    assert {"queue.service_added", "queue.window_linked", "queue.service_changed"} <= actions


# --------------------------------------------------------------------------- numbering


def test_numbers_count_per_service_and_restart_next_day(runner, clock, qhall):
    assert [take(runner).number for _ in range(3)] == ["A001", "A002", "A003"]
    assert take(runner, "MZ").number == "B001"
    tomorrow = clock.now() + timedelta(days=1)
    assert take(runner, at=tomorrow).number == "A001"
    assert take(runner).number == "A004"


def test_numbers_are_per_site(runner, qhall):
    runner.run(add_service, "MZ", "乡镇民政", "A", site="410185101", actor=qhall["admin"])
    town = runner.run(take_ticket, "MZ", site="410185101")
    assert town.number == "A001"
    assert take(runner).number == "A001"


def test_daily_cap_refuses_and_writes_nothing(db, runner, clock, qhall):
    runner.run(update_service, "RS", daily_cap=2, actor=qhall["admin"])
    take(runner, "RS"), take(runner, "RS")
    with pytest.raises(Conflict) as err:
        take(runner, "RS")
    assert err.value.key == "queue.cap_reached"
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Ticket)) == 2
    assert take(runner, "RS", at=clock.now() + timedelta(days=1)).number == "C001"


def test_opening_hours(runner, clock, qhall):
    from datetime import time

    runner.run(update_service, "MZ", opens_at=time(8, 30), closes_at=time(17, 30), actor=qhall["admin"])
    day = clock.now().date()
    with pytest.raises(Conflict):
        take(runner, "MZ", at=datetime.combine(day, time(8, 0)))
    with pytest.raises(Conflict):
        take(runner, "MZ", at=datetime.combine(day, time(17, 30)))
    assert take(runner, "MZ", at=datetime.combine(day, time(9, 0))).number == "B001"


def test_one_waiting_ticket_per_id_number_per_site_and_day(runner, qhall):
    take(runner, id_number=ID_1)
    with pytest.raises(Conflict) as err:
        take(runner, id_number=ID_1.lower())
    assert err.value.key == "law.already_waiting_here" and err.value.params["number"] == "A001"
    with pytest.raises(Conflict):
        take(runner, "MZ", id_number=ID_1)  # another service at the same site the same day: still one
    call(runner, qhall["c001"])  # the SCJG ticket is no longer waiting
    assert take(runner, id_number=ID_1).number == "A002"
    with pytest.raises(Invalid):
        take(runner, id_number="110105194912310021")


def test_the_database_itself_refuses_a_second_waiting_ticket_per_id(db, runner, qhall):
    from sqlalchemy.exc import IntegrityError

    first = take(runner, id_number=ID_2)
    with pytest.raises(IntegrityError):
        with db.write() as s:
            row = s.get(Ticket, first.id)
            s.add(Ticket(site_id=row.site_id, issued_service_id=row.service_id, service_id=row.service_id,
                         day=row.day, seq=99, number="A099", sort_at=row.sort_at, taken_at=row.taken_at,
                         waiting_since=row.waiting_since, id_number=ID_2))
            s.flush()


def test_kiosk_takes_tickets_but_staff_without_queue_operate_do_not(db, runner, qhall):
    assert take(runner).number == "A001"
    with pytest.raises(PermissionDenied):  # a supervisor sees the queue but issues no tickets
        runner.run(take_ticket, "SCJG", actor=actor(db, "S001"))
    # a clerk may issue one for an applicant
    assert runner.run(take_ticket, "SCJG", actor=qhall["c001"]).number == "A002"
    with pytest.raises(NotFound):
        take(runner, "NOPE")
    with pytest.raises(Invalid):
        take(runner, priority="vip")


def test_ahead_and_expected_wait(runner, qhall):
    first = take(runner)
    assert (first.ahead, first.expected_wait_minutes) == (0, 0)
    take(runner)
    third = take(runner)
    assert third.ahead == 2
    # no history: default 5 min per applicant, two windows serve SCJG
    assert third.expected_wait_minutes == 5
    elderly = take(runner, priority="elderly")
    assert elderly.ahead == 0


# --------------------------------------------------------------------------- ordering


def test_priority_before_ordinary_then_by_time(runner, qhall):
    take(runner), take(runner)
    take(runner, priority="military")
    take(runner, priority="green_channel")
    order = [call(runner, qhall["c001"]).number for _ in range(4)]
    assert order == ["A003", "A004", "A001", "A002"]
    assert call(runner, qhall["c001"]).number is None


def test_appointments_go_ahead_of_walk_ins_from_their_slot_time(runner, clock, qhall):
    at = clock.now()
    end_of_day = datetime.combine(at.date(), datetime.max.time()).replace(microsecond=0)
    take(runner)  # A001 walk-in
    take(runner, appointment_at=min(at + timedelta(minutes=30), end_of_day))  # A002, slot later today
    take(runner, appointment_at=at - timedelta(seconds=1) if at.time() > datetime.min.time() else at)  # A003 due
    order = [call(runner, qhall["c001"]).number for _ in range(3)]
    # the due appointment first, then the walk-in, and the early appointment rather than an idle window
    assert order == ["A003", "A001", "A002"]


def test_transfer_keeps_the_original_time_and_goes_ahead_of_ordinary(runner, qhall):
    for _ in range(3):
        take(runner, "MZ")  # B001..B003 ordinary, waiting at window 02
    take(runner)  # A001 at window 01
    assert call(runner, qhall["c001"]).number == "A001"
    moved = runner.run(transfer, to_service="MZ", actor=qhall["c001"])
    assert (moved.status, moved.to_service) == ("waiting", "MZ")
    order = [call(runner, qhall["c002"]).number for _ in range(2)]
    assert order == ["A001", "B001"]


def test_transfer_to_a_window_is_called_only_there(runner, qhall):
    take(runner), take(runner)
    assert call(runner, qhall["c001"]).number == "A001"
    runner.run(transfer, to_window="03", actor=qhall["c001"])
    assert call(runner, qhall["c001"]).number == "A002"  # window 01 does not get it
    assert call(runner, qhall["c001"]).number is None
    assert call(runner, qhall["admin"], "03").number == "A001"


def test_hand_on_to_the_next_linked_business_without_queuing_again(db, runner, qhall):
    take(runner, "MZ")  # B001 waits at 02
    take(runner)
    call(runner, qhall["c001"])
    runner.run(start_serving, actor=qhall["c001"])
    result = runner.run(hand_on, actor=qhall["c001"])
    assert result.to_service == "MZ"
    assert call(runner, qhall["c002"]).number == "A001"
    with db.read() as s:
        kinds = [e.kind.value for e in s.scalars(select(TicketEvent).where(TicketEvent.ticket_id == 2)
                                                     .order_by(TicketEvent.id))]
    assert kinds == ["waiting", "called", "serving", "finished", "transferred", "called"]


def test_hand_on_without_a_linked_business_says_which_business_and_what_to_do(runner, qhall):
    from console.core.errors import Invalid
    from console.core.i18n import set_language, t

    take(runner, "MZ")
    called = call(runner, qhall["c002"])
    with pytest.raises(Invalid) as refused:
        runner.run(hand_on, actor=qhall["c002"])
    assert refused.value.params["service"].startswith("MZ ") and refused.value.params["number"] == called.number
    text = t(refused.value.key, **refused.value.params)
    assert "MZ" in text and "transfer ticket " + called.number in text
    set_language("zh_CN")
    assert "请改为转移号票 " + called.number in t(refused.value.key, **refused.value.params)
    assert runner.run(current_ticket, actor=qhall["c002"]).number == called.number  # nothing changed


# --------------------------------------------------------------------------- window actions


def test_call_next_closes_the_previous_ticket(db, runner, qhall):
    take(runner), take(runner)
    first = call(runner, qhall["c001"])
    assert first.closed_number is None and first.ticket.version == 2
    second = call(runner, qhall["c001"])
    assert (second.closed_number, second.closed_status) == ("A001", "finished")
    empty = call(runner, qhall["c001"])
    assert empty.number is None and empty.closed_number == "A002"
    assert statuses(db) == {"A001": "finished", "A002": "finished"}


def test_recall_turns_into_no_show_after_the_limit(runner, qhall):
    take(runner)
    call(runner, qhall["c001"])
    for n in (1, 2, 3):
        r = runner.run(recall, actor=qhall["c001"])
        assert (r.recalls, r.auto_no_show, r.status) == (n, False, "called")
    r = runner.run(recall, actor=qhall["c001"])
    assert r.auto_no_show and r.status == "no_show"
    assert runner.run(current_ticket, actor=qhall["c001"]) is None


def test_next_call_after_all_recalls_records_a_no_show(runner, qhall):
    take(runner), take(runner)
    call(runner, qhall["c001"])
    for _ in range(3):
        runner.run(recall, actor=qhall["c001"])
    assert call(runner, qhall["c001"]).closed_status == "no_show"


def test_no_show_serve_finish_and_wrong_states(db, runner, qhall):
    take(runner), take(runner)
    call(runner, qhall["c001"])
    assert runner.run(no_show, actor=qhall["c001"]).status == "no_show"
    with pytest.raises(Conflict):
        runner.run(finish, actor=qhall["c001"])
    call(runner, qhall["c001"])
    assert runner.run(start_serving, actor=qhall["c001"]).status == "serving"
    with pytest.raises(Conflict):
        runner.run(recall, actor=qhall["c001"])
    assert runner.run(finish, actor=qhall["c001"]).status == "finished"
    assert statuses(db) == {"A001": "no_show", "A002": "finished"}


def test_call_a_number_out_of_order_needs_a_reason_and_is_audited(db, runner, qhall):
    take(runner), take(runner), take(runner)
    with pytest.raises(Invalid):
        runner.run(call_number, "A003", "", actor=qhall["c001"])
    result = runner.run(call_number, "a003", "行动不便", actor=qhall["c001"])
    assert result.number == "A003"
    with pytest.raises(Conflict):
        runner.run(call_number, "A003", "again", actor=qhall["c001"])
    with pytest.raises(Invalid):  # window 02 does not serve SCJG
        runner.run(call_number, "A002", "x", actor=qhall["c002"])
    with db.read() as s:
        audited = s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("queue.call%"))).all()
    assert audited == ["queue.called_out_of_order"]


def test_plain_calls_are_not_audited(db, runner, qhall):
    with db.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEvent))
    take(runner)
    call(runner, qhall["c001"])
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == before
        staff = s.scalar(select(TicketEvent.staff_id).where(TicketEvent.kind == "called"))
    assert staff == qhall["c001"].id


def test_paused_window_does_not_call(runner, qhall):
    take(runner)
    runner.run(pause, actor=qhall["c001"])
    with pytest.raises(Conflict):
        call(runner, qhall["c001"])
    with pytest.raises(Conflict):
        runner.run(pause, actor=qhall["c001"])
    runner.run(resume, actor=qhall["c001"])
    assert call(runner, qhall["c001"]).number == "A001"


def test_window_queue_lists_in_calling_order(runner, qhall):
    take(runner), take(runner, priority="disabled"), take(runner, "MZ")
    assert [t.number for t in runner.run(window_queue, actor=qhall["c001"])] == ["A002", "A001"]
    assert [t.number for t in runner.run(window_queue, actor=qhall["c002"])] == ["B001"]


def test_two_clerks_on_one_ticket_one_wins_the_other_gets_conflict(db, runner, qhall):
    """Recall against transfer on the same ticket at the same moment, from the state both saw."""
    import threading

    take(runner)
    call(runner, qhall["c001"])
    seen = runner.run(current_ticket, actor=qhall["c001"])
    barrier = threading.Barrier(2)
    outcome = {}

    def act(name, fn, **kw):
        try:
            barrier.wait(5)
            runner.run(fn, "01", ticket=seen.id, expected_version=seen.version, actor=qhall["admin"], **kw)
            outcome[name] = "ok"
        except Conflict as error:
            outcome[name] = error.key

    threads = [threading.Thread(target=act, args=("recall", recall)),
               threading.Thread(target=act, args=("transfer", transfer), kwargs={"to_service": "MZ"})]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert sorted(outcome.values()) == ["ok", "queue.ticket_changed"]
    with db.read() as s:
        ticket = s.get(Ticket, seen.id)
        state = (ticket.status.value, ticket.recalls, ticket.service.code, ticket.version)
        events = s.scalars(select(TicketEvent.kind).where(TicketEvent.ticket_id == seen.id)).all()
    if outcome["recall"] == "ok":
        assert state == ("called", 1, "SCJG", seen.version + 1)
    else:
        assert state == ("waiting", 0, "MZ", seen.version + 1)
    assert len(events) == 3  # waiting, called, and the winner's


def test_acting_on_a_ticket_that_changed_since_it_was_shown(runner, qhall):
    take(runner)
    call(runner, qhall["c001"])
    seen = runner.run(current_ticket, actor=qhall["c001"])
    runner.run(recall, actor=qhall["c001"])
    with pytest.raises(Conflict) as err:
        runner.run(transfer, to_service="MZ", expected_version=seen.version, actor=qhall["c001"])
    assert "A001" in err.value.message


# --------------------------------------------------------------------------- daily close


def test_close_day_closes_waiting_tickets_and_deletes_nothing(db, runner, clock, qhall):
    for _ in range(3):
        take(runner)
    call(runner, qhall["c001"])
    result = runner.run(close_day, actor=qhall["admin"])
    assert (result.closed, result.numbers) == (2, ("A002", "A003"))
    assert statuses(db) == {"A001": "called", "A002": "not_served", "A003": "not_served"}
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(TicketEvent).where(TicketEvent.kind == "not_served")) == 2
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "queue.day_closed")) == 1
    assert call(runner, qhall["c001"]).number is None
    assert take(runner, at=clock.now() + timedelta(days=1)).number == "A001"
    with pytest.raises(Invalid):
        runner.run(close_day, day=clock.now().date() + timedelta(days=1), actor=qhall["admin"])


def test_a_window_resolved_earlier_cannot_call_once_paused_or_unlinked(db, runner, qhall):
    from console.queue.shared import resolve_window

    take(runner)
    with db.read() as s:
        ref = resolve_window(s, actor=qhall["c001"])  # as the clerk's screen does when it opens
    runner.run(pause, actor=qhall["c001"])
    with pytest.raises(Conflict):
        call(runner, qhall["c001"], ref)
    runner.run(resume, actor=qhall["c001"])
    runner.run(link_window, "SCJG", "01", unlink=True, actor=qhall["admin"])
    assert call(runner, qhall["c001"], ref).number is None  # no longer serves SCJG
    assert statuses(db) == {"A001": "waiting"}
    runner.run(link_window, "SCJG", "01", actor=qhall["admin"])
    assert call(runner, qhall["c001"], ref).number == "A001"
