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
