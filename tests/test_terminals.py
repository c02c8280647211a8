"""``hall terminal bind WINDOW``: the desk's window is the one called, whoever logs in there; a clerk
who may not serve it is refused."""

from __future__ import annotations

import pytest

from console.core.errors import PermissionDenied
from console.queue.tickets import take_ticket
from console.queue.window import call_next
from console.status.terminals import bind_terminal, desk_actor, list_bindings, unbind_terminal
from tests.factories import actor
from tests.queue_fixtures import qhall  # noqa: F401 - fixture


def test_a_bound_terminal_calls_for_its_window(runner, qhall, db):
    admin, c001 = actor(db, "A001"), qhall["c001"]  # C001 (市场监管) sits at window 01
    runner.run(bind_terminal, "desk-03", "03", actor=admin)
    at_desk = runner.run(desk_actor, "desk-03", actor=c001)
    assert at_desk.window_id != c001.window_id
    runner.run(take_ticket, "SCJG")
    called = runner.run(call_next, actor=at_desk)
    assert called.window == "03"
    assert runner.run(desk_actor, "elsewhere", actor=c001) == c001  # an unbound terminal: own window
    assert [(b.terminal, b.window, b.bound_by) for b in runner.run(list_bindings, actor=admin)] == [
        ("desk-03", "03", "A001")]
    runner.run(unbind_terminal, "desk-03", actor=admin)
    assert runner.run(desk_actor, "desk-03", actor=c001) == c001


def test_a_clerk_who_may_not_serve_the_window_is_refused(runner, qhall, db):
    runner.run(bind_terminal, "desk-02", "02", actor=actor(db, "A001"))  # 民政 and 人社
    with pytest.raises(PermissionDenied):
        runner.run(desk_actor, "desk-02", actor=qhall["c001"])  # 市场监管
    assert runner.run(desk_actor, "desk-02", actor=qhall["c002"]).window_id == qhall["c002"].window_id


def test_the_command_line_binds_and_acts_at_the_desk(cli, qhall, runner):
    env = {"HALL_TERMINAL": "desk-02"}
    assert cli("terminal", "name", env=env).stdout.strip() == "desk-02"
    bound = cli("terminal", "bind", "02", as_="A001", env=env)
    assert bound.exit_code == 0, bound.output
    assert cli("terminal", "bind", "02", as_="C001", env=env).exit_code == 5  # only administrators bind
    runner.run(take_ticket, "SCJG")
    refused = cli("queue", "call", as_="C001", env=env)
    assert refused.exit_code == 5 and "window 02" in refused.stderr
    assert cli("queue", "call", as_="C001").exit_code == 0  # elsewhere: their own window


def test_the_console_at_a_bound_terminal_names_and_calls_its_window(db, qhall, runner, clock, tmp_path,
                                                                    monkeypatch):
    """Log-in at a bound desk: the header names the desk's window, `n` calls for it; a clerk who may
    not serve it is logged out again with the reason."""
    from datetime import datetime

    from console.org.session_info import session_info
    from tests.test_tui_intake import make_intake_app
    from tests.test_tui_status import until
    from tests.tuihelp import texts

    admin, c001 = actor(db, "A001"), qhall["c001"]
    runner.run(bind_terminal, "desk-03", "03", actor=admin)
    at_desk = runner.run(desk_actor, "desk-03", actor=c001)
    assert runner.run(session_info, actor=at_desk).window_number == "03"
    assert runner.run(session_info, actor=c001).window_number == "01"  # the staff record's
    monkeypatch.setenv("HALL_TERMINAL", "desk-03")
    runner.run(take_ticket, "SCJG")
    app = make_intake_app(db, tmp_path, clock, at=datetime(2026, 3, 2, 9, 30))

    async def scenario():
        async with app.run_test(size=(80, 24)) as pilot:
            app.logged_in(c001, None)
            await until(pilot, lambda: app.actor.window_id == at_desk.window_id
                        and app.session_info is not None and app.session_info.window_number == "03")
            await until(pilot, lambda: "03" in texts(app.screen, "#header-place"))
            assert texts(app.screen, "#header-place").endswith("window 03")
            await pilot.press("q")
            await until(pilot, lambda: type(app.screen).__name__ == "QueueWindowScreen")
            assert type(app.screen).__name__ == "QueueWindowScreen"
            await pilot.press("n")
            await until(pilot, lambda: "A001" in texts(app.screen, "#queue-current-detail")
                        + texts(app.screen, "#queue-message"))
            assert "03" in texts(app.screen, "#queue-window-line")
            await pilot.press("f10")
            await until(pilot, lambda: app.actor is None)
            monkeypatch.setenv("HALL_TERMINAL", "desk-02")
            runner.run(bind_terminal, "desk-02", "02", actor=admin)  # 民政 and 人社: not C001's
            app.logged_in(c001, None)
            await until(pilot, lambda: app.actor is None and type(app.screen).__name__ == "LoginScreen")
            assert app.actor is None

    import asyncio

    asyncio.run(scenario())
    from console.queue.views import window_view

    assert runner.run(window_view, actor=at_desk).current.number == "A001"


def test_a_session_acts_at_the_desk_it_is_used_at(cli, qhall, runner):
    """A clerk's ``hall login`` session, opened at an unbound terminal, is used at a desk bound to a
    window the clerk may not serve: refused there as a log-in there would be; elsewhere, their own."""
    from tests.factories import PIN

    assert cli("login", "--as", "C001", env={"HALL_PIN": PIN}).exit_code == 0
    assert cli("terminal", "bind", "02", as_="A001", env={"HALL_TERMINAL": "desk-02"}).exit_code == 0
    runner.run(take_ticket, "SCJG")
    refused = cli("queue", "call", env={"HALL_TERMINAL": "desk-02"})
    assert refused.exit_code == 5 and "window 02" in refused.stderr
    called = cli("queue", "call", "--json")
    assert called.exit_code == 0, called.output
    assert '"window": "01"' in called.stdout


def test_logging_in_with_the_keyboard_at_a_bound_desk(db, qhall, runner, clock, tmp_path, monkeypatch):
    """Typed at the log-in screen: one worker logs in, finds the desk's window and the header's
    names, so home's header names window 03 at once; at a desk the clerk may not serve, the
    log-in screen says why and nobody is logged in."""
    from tests.test_tui_intake import make_intake_app
    from tests.tuihelp import log_in, texts, until
    from datetime import datetime

    admin = actor(db, "A001")
    runner.run(bind_terminal, "desk-03", "03", actor=admin)
    runner.run(bind_terminal, "desk-02", "02", actor=admin)  # 民政 and 人社: not C001's
    app = make_intake_app(db, tmp_path, clock, at=datetime(2026, 3, 2, 9, 30))
    names = []
    started = app.run_use_case

    def recording(owner, fn, *args, **kwargs):
        names.append(fn.__name__)
        return started(owner, fn, *args, **kwargs)

    app.run_use_case = recording

    async def scenario():
        async with app.run_test(size=(80, 24)) as pilot:
            monkeypatch.setenv("HALL_TERMINAL", "desk-03")
            await log_in(pilot, "C001")
            await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
            assert names == ["log_in_at_desk"]  # home read nothing more: the log-in brought it
            assert app.actor.window_id != qhall["c001"].window_id
            assert app.session_info.window_number == "03"
            assert texts(app.screen, "#header-place").endswith("window 03")
            await pilot.press("f10")
            await until(pilot, lambda: app.actor is None)
            monkeypatch.setenv("HALL_TERMINAL", "desk-02")
            await log_in(pilot, "C001")
            await until(pilot, lambda: "window 02" in texts(app.screen, "#login-error"))
            assert type(app.screen).__name__ == "LoginScreen" and app.actor is None
            assert "desk-02" in texts(app.screen, "#login-error")
            assert app.screen.query_one("#pin").value == ""

    import asyncio

    asyncio.run(scenario())
