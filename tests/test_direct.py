"""Call next on a driver connection (models.direct, models.prepared), SQLite's writers' line
(models.writers) and the pooled connection's ping — the same outcomes as through a session (both engines)."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import exc, insert, select

from console.core.errors import Conflict
from console.core.runner import use_case
from console.queue.shared import TicketInfo, resolve_window
from console.queue.tickets import take_ticket
from console.queue.window import CallResult, call_next, current_ticket, pause
from models import Ticket, TicketEvent, direct
from models.prepared import Prepared
from models.queue import EventKind, TicketStatus
from tests.queue_fixtures import qhall  # noqa: F401 - fixture


def _statuses(db) -> dict[str, str]:
    with db.read() as s:
        return {t.number: t.status.value for t in s.scalars(select(Ticket))}


def test_a_call_through_the_runner_opens_no_session(db, runner, qhall, monkeypatch):
    runner.run(take_ticket, "SCJG")
    runner.run(take_ticket, "SCJG")

    def no_session():
        raise AssertionError("call_next opened an ORM session")

    monkeypatch.setattr(db, "_makers", no_session)  # every read and write session is made there
    first = runner.run(call_next, actor=qhall["c001"])
    by_number = runner.run(call_next, "01", actor=qhall["c001"])
    assert isinstance(first, CallResult) and isinstance(first.ticket, TicketInfo)
    assert (first.number, by_number.number, by_number.closed_number, by_number.closed_status) == (
        "A001", "A002", "A001", "finished")


def test_what_a_call_writes_reads_back_as_the_orm_writes_it(db, runner, clock, qhall):
    runner.run(take_ticket, "SCJG")
    runner.run(take_ticket, "SCJG")
    runner.run(call_next, actor=qhall["c001"])
    called = runner.run(call_next, actor=qhall["c001"]).ticket
    with db.read() as s:
        tickets = {t.number: (t.status, t.closed_at, t.called_at) for t in s.scalars(select(Ticket))}
        kinds = [e.kind for e in s.scalars(select(TicketEvent).order_by(TicketEvent.id))]
    assert tickets["A001"][:2] == (TicketStatus.finished, clock.now())
    assert tickets["A002"][0] is TicketStatus.called and tickets["A002"][2] == clock.now()
    assert kinds == [EventKind.waiting, EventKind.waiting, EventKind.called, EventKind.finished, EventKind.called]
    assert (called.status, called.priority, called.called_at, called.waited_minutes) == (
        "called", "none", clock.now(), 0.0)
    if db.is_sqlite:  # the stored text as SQLAlchemy's own writes store it (a session wrote taken_at)
        with db.engine.connect() as conn:
            taken, at = conn.exec_driver_sql(
                "SELECT taken_at, called_at FROM queue_tickets WHERE number = 'A002'").one()
        assert len(taken) == len(at) == len("2026-03-03 14:30:00.000000") and at == taken


def test_run_by_another_use_case_it_shares_that_transaction_and_its_fate(db, runner, qhall):
    runner.run(take_ticket, "SCJG")
    with runner.transaction(qhall["c001"], write=True) as ctx:
        result = call_next(ctx)
        assert isinstance(result, CallResult) and result.number == "A001"  # the result, not a promise of one
        assert current_ticket(ctx).number == "A001"  # seen by the session's own reads
    assert _statuses(db) == {"A001": "called"}
    runner.run(take_ticket, "SCJG")
    with pytest.raises(RuntimeError), runner.transaction(qhall["c001"], write=True) as ctx:
        assert call_next(ctx).number == "A002"
        raise RuntimeError("the outer use case fails")
    assert _statuses(db) == {"A001": "called", "A002": "waiting"}  # the call went with it


def test_a_refused_call_writes_nothing_not_even_the_closing_of_the_last(db, runner, qhall):
    runner.run(take_ticket, "SCJG")
    runner.run(take_ticket, "SCJG")
    runner.run(call_next, actor=qhall["c001"])
    with db.read() as s:
        ref = resolve_window(s, actor=qhall["c001"])  # resolved before the window paused
    runner.run(pause, actor=qhall["c001"])
    with pytest.raises(Conflict):
        runner.run(call_next, ref, actor=qhall["c001"])
    assert _statuses(db) == {"A001": "called", "A002": "waiting"}
    with db.read() as s:
        assert [e.kind for e in s.scalars(select(TicketEvent))].count(EventKind.finished) == 0


def test_driver_errors_are_raised_as_sqlalchemy_errors_and_roll_back(db, qhall):
    bad = Prepared(insert(TicketEvent.__table__).inline().values(
        site_id=qhall["center_id"], ticket_id=999_999, kind=EventKind.called, note=""))
    with pytest.raises(exc.IntegrityError), db.direct() as session:
        direct.run(session, bad)
    with db.direct() as session:  # the connection is usable again, nothing was kept
        assert direct.scalar(session, Prepared(select(TicketEvent.__table__.c.id).limit(1))) is None


def test_prepared_rows_and_parameters_match_a_session(db, runner, qhall):
    runner.run(take_ticket, "SCJG", priority="elderly")
    T = Ticket.__table__
    stmt = select(T.c.id, T.c.number, T.c.status, T.c.priority, T.c.taken_at, T.c.day, T.c.slot_at).where(
        T.c.status == TicketStatus.waiting, T.c.taken_at <= runner.clock.now())
    with db.read() as s:
        expected = s.execute(stmt).one()
        got = direct.rows(s, Prepared(stmt))
    assert len(got) == 1 and got[0]._fields == ("id", "number", "status", "priority", "taken_at", "day", "slot_at")
    assert got[0].status == "waiting" and got[0].priority == "elderly"  # an enum reads as its stored text
    assert tuple(got[0]) == tuple(v.value if hasattr(v, "value") else v for v in expected)


def test_a_direct_use_case_is_an_unaudited_write():
    with pytest.raises(TypeError):
        use_case("queue.operate", direct=True, unaudited="x")(lambda ctx: None)
    with pytest.raises(TypeError):
        use_case("queue.operate", write=True, audit="queue.window_paused", direct=True)(lambda ctx: None)


def test_ticket_info_from_a_row_names_every_field_right():
    from collections import namedtuple

    from console.queue.claim import RETURNING, info_from_row

    Row = namedtuple("Row", [c.key for c in RETURNING])
    values = {c.key: f"<{c.key}>" for c in RETURNING}
    values.update(recalls=2, version=5, called_at=None, id_number="110105194912310021")
    info = info_from_row(Row(**values), ("SCJG", "市场监管"), "01").as_dict()
    assert info == {
        "id": "<id>", "number": "<number>", "service": "SCJG", "service_name": "市场监管", "status": "<status>",
        "priority": "<priority>", "window": "01", "taken_at": "<taken_at>", "waiting_since": "<waiting_since>",
        "called_at": None, "serving_at": "<serving_at>", "recalls": 2, "version": 5, "appointment_at": "<slot_at>",
        "id_number": "110***********0021", "over_target": None, "waited_minutes": None}


# --------------------------------------------------------------------------- the writers' line (SQLite)


def _hold_line(folder, held, go):
    from models.writers import WriterLine

    line = WriterLine(Path(folder))
    assert line.enter(10)
    held.set()
    go.wait(30)
    line.leave()


def test_sqlite_writers_wait_in_one_line_per_folder(db, backend, tmp_path):
    if backend != "sqlite":
        pytest.skip("the line is SQLite's")
    from models.writers import WriterLine, line_for

    folder = Path(db.engine.url.database).parent
    ctx = mp.get_context("fork")
    held, go = ctx.Event(), ctx.Event()
    other = ctx.Process(target=_hold_line, args=(str(folder), held, go))
    other.start()
    try:
        assert held.wait(30)
        waiting = WriterLine(folder)
        assert waiting.enter(0.2) is False  # another process's turn: this one does not get in
        assert waiting.fd is None  # and leaves the line to SQLite's own lock from then on
        go.set()
        other.join(30)
        assert WriterLine(folder).enter(5) is True
    finally:
        go.set()
        other.join(30)
    assert line_for(tmp_path / "no such folder" / "hall.db") is None  # no line: writes go as before


def test_calls_leave_no_file_beside_the_database(db, runner, qhall, backend):
    if backend != "sqlite":
        pytest.skip("SQLite's files")
    runner.run(take_ticket, "SCJG")
    runner.run(call_next, actor=qhall["c001"])
    db.dispose()
    database = Path(db.engine.url.database)
    assert {p.name for p in database.parent.iterdir()} <= {database.name, f"{database.name}-wal",
                                                            f"{database.name}-shm"}


# --------------------------------------------------------------------------- the ping


def test_a_direct_checkout_pings_only_a_rested_connection_others_always(db_url, monkeypatch):
    from models import engine as engines

    eng = engines.make_engine(db_url)
    if eng.dialect.name == "sqlite":
        engines._install_ping(eng)  # SQLite keeps no server connection to lose; the rule is the same
    pings = []
    real = type(eng.dialect).do_ping
    monkeypatch.setattr(type(eng.dialect), "do_ping", lambda self, conn: pings.append(1) or real(self, conn))
    try:
        for _ in range(3):
            with eng.connect() as conn:  # a session's check-out: pinged every time, as pool_pre_ping did
                conn.exec_driver_sql("SELECT 1")
        assert len(pings) == 3
        for _ in range(3):
            engines.checkout_direct(eng).close()  # given back moments ago: used as it is
        assert len(pings) == 3
        monkeypatch.setattr(engines, "PING_AFTER_IDLE_S", 0.0)
        engines.checkout_direct(eng).close()
        assert len(pings) == 4
    finally:
        eng.dispose()


def test_a_call_on_a_connection_the_server_dropped_runs_again_on_a_new_one(db, runner, qhall, backend,
                                                                            monkeypatch):
    if backend != "postgresql":
        pytest.skip("a server connection")
    from sqlalchemy import create_engine

    retried = []
    real = direct.nothing_done
    monkeypatch.setattr(direct, "nothing_done", lambda error: retried.append(real(error)) or retried[-1])
    for _ in range(3):
        runner.run(take_ticket, "SCJG")
    assert runner.run(call_next, actor=qhall["c001"]).number == "A001"
    with db.engine.connect() as conn:  # the one pooled connection, given back just now
        pid = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    admin = create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            assert conn.exec_driver_sql(f"SELECT pg_terminate_backend({int(pid)})").scalar()
    finally:
        admin.dispose()
    result = runner.run(call_next, actor=qhall["c001"])  # no ping (returned moments ago), yet no error
    assert retried == [True]  # its first statement found the connection gone; it ran again on a new one
    assert (result.number, result.closed_number) == ("A002", "A001")
    assert _statuses(db) == {"A001": "finished", "A002": "called", "A003": "waiting"}


def test_a_dead_pooled_connection_is_replaced_before_use(db_url, monkeypatch):
    from models import engine as engines

    eng = engines.make_engine(db_url)
    if eng.dialect.name == "sqlite":
        engines._install_ping(eng)
    monkeypatch.setattr(engines, "PING_AFTER_IDLE_S", 0.0)
    failures = [True]
    real = type(eng.dialect).do_ping

    def ping(self, conn):
        if failures:
            failures.pop()
            raise self.loaded_dbapi.OperationalError("server closed the connection")
        return real(self, conn)

    connects = []
    sa_event.listen(eng, "connect", lambda *_: connects.append(1))
    try:
        with eng.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        monkeypatch.setattr(type(eng.dialect), "do_ping", ping)
        with eng.connect() as conn:
            assert conn.exec_driver_sql("SELECT 1").scalar() == 1
        assert len(connects) == 2
    finally:
        eng.dispose()
