"""Queue services, numbering, ordering, window actions, daily close (both engines)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from console.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from console.queue.shared import KIOSK_ACTOR
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
from models.base import now
from tests.queue_fixtures import qhall  # noqa: F401 - fixture

ID_1 = "11010519491231002X"
ID_2 = "110102198001010025"


def take(db, service="SCJG", **kw):
    with db.write() as s:
        return take_ticket(s, KIOSK_ACTOR, service, **kw)


def call(db, actor, window=None):
    with db.write() as s:
        return call_next(s, actor, window)


def statuses(db):
    with db.read() as s:
        return {t.number: t.status.value for t in s.scalars(select(Ticket))}


# --------------------------------------------------------------------------- configuration


def test_services_are_listed_with_their_windows(db, qhall):
    with db.read() as s:
        rows = {r.code: r for r in list_services(s, qhall["c001"])}
    assert set(rows) == {"SCJG", "MZ", "RS"}
    assert rows["SCJG"].windows == ("01", "03") and rows["SCJG"].prefix == "A"
    assert rows["MZ"].windows == ("02",) and rows["SCJG"].next_service == "MZ"
    assert rows["SCJG"].max_wait_minutes == 15 and rows["SCJG"].recall_limit == 3


def test_prefix_and_code_are_unique_per_site_and_checked(db, qhall):
    admin = qhall["admin"]
    with pytest.raises(Conflict):
        with db.write() as s:
            add_service(s, admin, "X", "x", "A")
    with pytest.raises(Conflict):
        with db.write() as s:
            add_service(s, admin, "MZ", "x", "Z")
    with pytest.raises(Invalid):
        with db.write() as s:
            add_service(s, admin, "X", "x", "A1")
    with pytest.raises(Invalid):
        with db.write() as s:
            add_service(s, admin, "X", "x", "X", daily_cap=1000)
    # another site may reuse the prefix
    with db.write() as s:
        info = add_service(s, admin, "MZ", "乡镇民政", "A", site="410185101")
        link_window(s, admin, "MZ", "01", site="410185101")
    assert info.site == "410185101"


def test_managing_needs_queue_manage(db, qhall):
    with pytest.raises(PermissionDenied):
        with db.write() as s:
            add_service(s, qhall["c001"], "X", "x", "X")
    with pytest.raises(PermissionDenied):
        with db.write() as s:
            close_day(s, qhall["c001"])


def test_configuration_changes_are_audited(db, qhall):
    with db.write() as s:
        update_service(s, qhall["admin"], "SCJG", daily_cap=50)
    with db.read() as s:
        actions = set(s.scalars(select(AuditEvent.action)))
    assert {"queue.service_added", "queue.window_linked", "queue.service_changed"} <= actions


# --------------------------------------------------------------------------- numbering


def test_numbers_count_per_service_and_restart_next_day(db, qhall):
    assert [take(db).number for _ in range(3)] == ["A001", "A002", "A003"]
    assert take(db, "MZ").number == "B001"
    tomorrow = now() + timedelta(days=1)
    assert take(db, at=tomorrow).number == "A001"
    assert take(db).number == "A004"


def test_numbers_are_per_site(db, qhall):
    with db.write() as s:
        add_service(s, qhall["admin"], "MZ", "乡镇民政", "A", site="410185101")
        town = take_ticket(s, KIOSK_ACTOR, "MZ", site="410185101")
    assert town.number == "A001"
    assert take(db).number == "A001"


def test_daily_cap_refuses_and_writes_nothing(db, qhall):
    with db.write() as s:
        update_service(s, qhall["admin"], "RS", daily_cap=2)
    take(db, "RS"), take(db, "RS")
    with pytest.raises(Conflict) as err:
        take(db, "RS")
    assert err.value.key == "queue.cap_reached"
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Ticket)) == 2
    assert take(db, "RS", at=now() + timedelta(days=1)).number == "C001"


def test_opening_hours(db, qhall):
    from datetime import time

    with db.write() as s:
        update_service(s, qhall["admin"], "MZ", opens_at=time(8, 30), closes_at=time(17, 30))
    day = now().date()
    with pytest.raises(Conflict):
        take(db, "MZ", at=datetime.combine(day, time(8, 0)))
    with pytest.raises(Conflict):
        take(db, "MZ", at=datetime.combine(day, time(17, 30)))
    assert take(db, "MZ", at=datetime.combine(day, time(9, 0))).number == "B001"


def test_one_waiting_ticket_per_id_number_and_service(db, qhall):
    take(db, id_number=ID_1)
    with pytest.raises(Conflict) as err:
        take(db, id_number=ID_1.lower())
    assert err.value.key == "queue.already_waiting"
    take(db, "MZ", id_number=ID_1)  # another service is fine
    call(db, qhall["c001"])  # the SCJG ticket is no longer waiting
    assert take(db, id_number=ID_1).number == "A002"
    with pytest.raises(Invalid):
        take(db, id_number="110105194912310021")


def test_the_database_itself_refuses_a_second_waiting_ticket_per_id(db, qhall):
    from sqlalchemy.exc import IntegrityError

    first = take(db, id_number=ID_2)
    with pytest.raises(IntegrityError):
        with db.write() as s:
            row = s.get(Ticket, first.id)
            s.add(Ticket(site_id=row.site_id, issued_service_id=row.service_id, service_id=row.service_id,
                         day=row.day, seq=99, number="A099", sort_at=row.sort_at, taken_at=row.taken_at,
                         waiting_since=row.waiting_since, id_number=ID_2))
            s.flush()


def test_kiosk_takes_tickets_but_the_read_only_shell_does_not(db, qhall):
    from console.core.auth import SHELL_ACTOR

    assert take(db).number == "A001"
    with pytest.raises(PermissionDenied):
        with db.write() as s:
            take_ticket(s, SHELL_ACTOR, "SCJG")
    with db.write() as s:  # a clerk may issue one for an applicant
        assert take_ticket(s, qhall["c001"], "SCJG").number == "A002"
    with pytest.raises(NotFound):
        take(db, "NOPE")
    with pytest.raises(Invalid):
        take(db, priority="vip")


def test_ahead_and_expected_wait(db, qhall):
    first = take(db)
    assert (first.ahead, first.expected_wait_minutes) == (0, 0)
    take(db)
    third = take(db)
    assert third.ahead == 2
    # no history: default 5 min per applicant, two windows serve SCJG
    assert third.expected_wait_minutes == 5
    elderly = take(db, priority="elderly")
    assert elderly.ahead == 0


# --------------------------------------------------------------------------- ordering


def test_priority_before_ordinary_then_by_time(db, qhall):
    take(db), take(db)
    take(db, priority="military")
    take(db, priority="green_channel")
    order = [call(db, qhall["c001"]).number for _ in range(4)]
    assert order == ["A003", "A004", "A001", "A002"]
    assert call(db, qhall["c001"]).number is None


def test_appointments_go_ahead_of_walk_ins_from_their_slot_time(db, qhall):
    at = now()
    end_of_day = datetime.combine(at.date(), datetime.max.time()).replace(microsecond=0)
    take(db)  # A001 walk-in
    take(db, appointment_at=min(at + timedelta(minutes=30), end_of_day))  # A002, slot later today
    take(db, appointment_at=at - timedelta(seconds=1) if at.time() > datetime.min.time() else at)  # A003 due
    order = [call(db, qhall["c001"]).number for _ in range(3)]
    # the due appointment first, then the walk-in, and the early appointment rather than an idle window
    assert order == ["A003", "A001", "A002"]


def test_transfer_keeps_the_original_time_and_goes_ahead_of_ordinary(db, qhall):
    for _ in range(3):
        take(db, "MZ")  # B001..B003 ordinary, waiting at window 02
    take(db)  # A001 at window 01
    assert call(db, qhall["c001"]).number == "A001"
    with db.write() as s:
        moved = transfer(s, qhall["c001"], to_service="MZ")
    assert (moved.status, moved.to_service) == ("waiting", "MZ")
    order = [call(db, qhall["c002"]).number for _ in range(2)]
    assert order == ["A001", "B001"]


def test_transfer_to_a_window_is_called_only_there(db, qhall):
    take(db), take(db)
    assert call(db, qhall["c001"]).number == "A001"
    with db.write() as s:
        transfer(s, qhall["c001"], to_window="03")
    assert call(db, qhall["c001"]).number == "A002"  # window 01 does not get it
    assert call(db, qhall["c001"]).number is None
    assert call(db, qhall["admin"], "03").number == "A001"


def test_hand_on_to_the_next_linked_business_without_queuing_again(db, qhall):
    take(db, "MZ")  # B001 waits at 02
    take(db)
    call(db, qhall["c001"])
    with db.write() as s:
        start_serving(s, qhall["c001"])
        result = hand_on(s, qhall["c001"])
    assert result.to_service == "MZ"
    assert call(db, qhall["c002"]).number == "A001"
    with db.read() as s:
        kinds = [e.kind.value for e in s.scalars(select(TicketEvent).where(TicketEvent.ticket_id == 2)
                                                     .order_by(TicketEvent.id))]
    assert kinds == ["waiting", "called", "serving", "finished", "transferred", "called"]


# --------------------------------------------------------------------------- window actions


def test_call_next_closes_the_previous_ticket(db, qhall):
    take(db), take(db)
    first = call(db, qhall["c001"])
    assert first.closed_number is None and first.ticket.version == 2
    second = call(db, qhall["c001"])
    assert (second.closed_number, second.closed_status) == ("A001", "finished")
    empty = call(db, qhall["c001"])
    assert empty.number is None and empty.closed_number == "A002"
    assert statuses(db) == {"A001": "finished", "A002": "finished"}


def test_recall_turns_into_no_show_after_the_limit(db, qhall):
    take(db)
    call(db, qhall["c001"])
    for n in (1, 2, 3):
        with db.write() as s:
            r = recall(s, qhall["c001"])
        assert (r.recalls, r.auto_no_show, r.status) == (n, False, "called")
    with db.write() as s:
        r = recall(s, qhall["c001"])
    assert r.auto_no_show and r.status == "no_show"
    with db.read() as s:
        assert current_ticket(s, qhall["c001"]) is None


def test_next_call_after_all_recalls_records_a_no_show(db, qhall):
    take(db), take(db)
    call(db, qhall["c001"])
    for _ in range(3):
        with db.write() as s:
            recall(s, qhall["c001"])
    assert call(db, qhall["c001"]).closed_status == "no_show"


def test_no_show_serve_finish_and_wrong_states(db, qhall):
    take(db), take(db)
    call(db, qhall["c001"])
    with db.write() as s:
        assert no_show(s, qhall["c001"]).status == "no_show"
    with pytest.raises(Conflict):
        with db.write() as s:
            finish(s, qhall["c001"])
    call(db, qhall["c001"])
    with db.write() as s:
        assert start_serving(s, qhall["c001"]).status == "serving"
    with pytest.raises(Conflict):
        with db.write() as s:
            recall(s, qhall["c001"])
    with db.write() as s:
        assert finish(s, qhall["c001"]).status == "finished"
    assert statuses(db) == {"A001": "no_show", "A002": "finished"}


def test_call_a_number_out_of_order_needs_a_reason_and_is_audited(db, qhall):
    take(db), take(db), take(db)
    with pytest.raises(Invalid):
        with db.write() as s:
            call_number(s, qhall["c001"], "A003", "")
    with db.write() as s:
        result = call_number(s, qhall["c001"], "a003", "行动不便")
    assert result.number == "A003"
    with pytest.raises(Conflict):
        with db.write() as s:
            call_number(s, qhall["c001"], "A003", "again")
    with pytest.raises(Invalid):  # window 02 does not serve SCJG
        with db.write() as s:
            call_number(s, qhall["c002"], "A002", "x")
    with db.read() as s:
        audited = s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("queue.call%"))).all()
    assert audited == ["queue.called_out_of_order"]


def test_plain_calls_are_not_audited(db, qhall):
    with db.read() as s:
        before = s.scalar(select(func.count()).select_from(AuditEvent))
    take(db)
    call(db, qhall["c001"])
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == before
        staff = s.scalar(select(TicketEvent.staff_id).where(TicketEvent.kind == "called"))
    assert staff == qhall["c001"].id


def test_paused_window_does_not_call(db, qhall):
    take(db)
    with db.write() as s:
        pause(s, qhall["c001"])
    with pytest.raises(Conflict):
        call(db, qhall["c001"])
    with pytest.raises(Conflict):
        with db.write() as s:
            pause(s, qhall["c001"])
    with db.write() as s:
        resume(s, qhall["c001"])
    assert call(db, qhall["c001"]).number == "A001"


def test_window_queue_lists_in_calling_order(db, qhall):
    take(db), take(db, priority="disabled"), take(db, "MZ")
    with db.read() as s:
        assert [t.number for t in window_queue(s, qhall["c001"])] == ["A002", "A001"]
        assert [t.number for t in window_queue(s, qhall["c002"])] == ["B001"]


def test_two_clerks_on_one_ticket_one_wins_the_other_gets_conflict(db, qhall):
    """Recall against transfer on the same ticket at the same moment, from the state both saw."""
    import threading

    take(db)
    call(db, qhall["c001"])
    with db.read() as s:
        seen = current_ticket(s, qhall["c001"])
    barrier = threading.Barrier(2)
    outcome = {}

    def act(name, fn, **kw):
        try:
            barrier.wait(5)
            with db.write() as s:
                fn(s, qhall["admin"], "01", ticket=seen.id, expected_version=seen.version, **kw)
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


def test_acting_on_a_ticket_that_changed_since_it_was_shown(db, qhall):
    take(db)
    call(db, qhall["c001"])
    with db.read() as s:
        seen = current_ticket(s, qhall["c001"])
    with db.write() as s:
        recall(s, qhall["c001"])
    with pytest.raises(Conflict) as err:
        with db.write() as s:
            transfer(s, qhall["c001"], to_service="MZ", expected_version=seen.version)
    assert "A001" in err.value.message


# --------------------------------------------------------------------------- daily close


def test_close_day_closes_waiting_tickets_and_deletes_nothing(db, qhall):
    for _ in range(3):
        take(db)
    call(db, qhall["c001"])
    with db.write() as s:
        result = close_day(s, qhall["admin"])
    assert (result.closed, result.numbers) == (2, ("A002", "A003"))
    assert statuses(db) == {"A001": "called", "A002": "not_served", "A003": "not_served"}
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(TicketEvent).where(TicketEvent.kind == "not_served")) == 2
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "queue.day_closed")) == 1
    assert call(db, qhall["c001"]).number is None
    assert take(db, at=now() + timedelta(days=1)).number == "A001"
    with pytest.raises(Invalid):
        with db.write() as s:
            close_day(s, qhall["admin"], day=now().date() + timedelta(days=1))


def test_a_window_resolved_earlier_cannot_call_once_paused_or_unlinked(db, qhall):
    from console.queue.shared import resolve_window

    take(db)
    with db.read() as s:
        ref = resolve_window(s, qhall["c001"])  # as the clerk's screen does when it opens
    with db.write() as s:
        pause(s, qhall["c001"])
    with pytest.raises(Conflict):
        call(db, qhall["c001"], ref)
    with db.write() as s:
        resume(s, qhall["c001"])
        link_window(s, qhall["admin"], "SCJG", "01", unlink=True)
    assert call(db, qhall["c001"], ref).number is None  # no longer serves SCJG
    assert statuses(db) == {"A001": "waiting"}
    with db.write() as s:
        link_window(s, qhall["admin"], "SCJG", "01")
    assert call(db, qhall["c001"], ref).number == "A001"
