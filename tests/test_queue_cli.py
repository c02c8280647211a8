"""``hall queue …`` and ``hall ticket …``: JSON shapes, exit codes, no log-in at the kiosk."""

from __future__ import annotations

import json

from tests.queue_fixtures import qhall  # noqa: F401 - fixture


def _json(result):
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_services_json(cli, qhall):
    rows = _json(cli("queue", "services", "--json"))
    by_code = {r["code"]: r for r in rows}
    assert by_code["SCJG"]["windows"] == ["01", "03"]
    assert by_code["SCJG"]["prefix"] == "A" and by_code["MZ"]["name"] == "民政业务"


def test_service_add_and_link_need_queue_manage(cli, qhall):
    denied = cli("queue", "service-add", "GT", "--name", "绿色通道", "--prefix", "G", as_="C001")
    assert denied.exit_code == 5
    added = cli("queue", "service-add", "GT", "--name", "绿色通道", "--prefix", "G", "--cap", "20",
                "--window", "03", "--json", as_="A001")
    assert _json(added)["windows"] == ["03"]
    assert cli("queue", "link", "--service", "GT", "--window", "01", as_="A001").exit_code == 0
    assert cli("queue", "link", "--service", "GT", "--window", "01", as_="A001").exit_code == 7
    bad = cli("queue", "service-add", "X", "--name", "x", "--prefix", "toolong", as_="A001")
    assert bad.exit_code == 4
    rows = {r["code"]: r for r in _json(cli("queue", "services", "--json"))}
    assert rows["GT"]["windows"] == ["01", "03"] and rows["GT"]["daily_cap"] == 20


def test_ticket_take_needs_no_log_in(cli, qhall):
    first = _json(cli("ticket", "take", "--service", "SCJG", "--json"))
    assert first["number"] == "A001" and first["service"] == "SCJG"
    assert (first["ahead"], first["expected_wait_minutes"]) == (0, 0)
    second = _json(cli("ticket", "take", "--service", "SCJG", "--json"))
    assert second["ahead"] == 1 and second["expected_wait_minutes"] > 0
    assert cli("ticket", "take", "--service", "NOPE").exit_code == 3
    assert cli("ticket", "take", "--service", "SCJG", "--priority", "vip").exit_code == 4
    text = cli("ticket", "take", "--service", "MZ", lang="zh_CN")
    assert text.exit_code == 0 and "B001" in text.stdout and "前面" in text.stdout


def test_window_verbs(cli, qhall):
    for _ in range(3):
        cli("ticket", "take", "--service", "SCJG")
    called = _json(cli("queue", "call", "--window", "01", "--json", as_="C001"))
    assert called["number"] == "A001" and called["window"] == "01"
    assert cli("queue", "recall", "--window", "01", as_="C001").exit_code == 0
    assert cli("queue", "serve", "--window", "01", as_="C001").exit_code == 0
    moved = _json(cli("queue", "transfer", "--window", "01", "--to-window", "03", "--json", as_="C001"))
    assert moved["to_window"] == "03" and moved["status"] == "waiting"
    assert cli("queue", "finish", "--window", "01", as_="C001").exit_code == 7  # nothing called there now
    assert _json(cli("queue", "call", "--json", as_="C001"))["number"] == "A002"  # clerk's own window
    assert cli("queue", "no-show", as_="C001").exit_code == 0
    out_of_order = cli("queue", "call", "--window", "03", "--number", "A003", "--reason", "urgent", as_="A001")
    assert out_of_order.exit_code == 0 and "A003" in out_of_order.stdout
    assert cli("queue", "finish", "--window", "03", "--hand-on", as_="A001").exit_code == 0
    assert _json(cli("queue", "call", "--window", "03", "--json", as_="A001"))["number"] == "A001"
    assert cli("queue", "pause", "--window", "01", as_="C001").exit_code == 0
    assert cli("queue", "call", "--window", "01", as_="C001").exit_code == 7
    assert cli("queue", "resume", "--window", "01", as_="C001").exit_code == 0
    empty = _json(cli("queue", "call", "--window", "01", "--json", as_="C001"))
    assert empty["number"] is None
    assert cli("queue", "call", "--window", "01").exit_code == 6  # a change needs --as


def test_status_stats_waiting_and_close_day(cli, qhall):
    cli("ticket", "take", "--service", "SCJG")
    cli("ticket", "take", "--service", "MZ")
    cli("ticket", "take", "--service", "MZ")
    cli("queue", "call", "--window", "02", as_="C002")
    status = _json(cli("queue", "status", "--json", as_="S001"))
    services = {s["code"]: s for s in status["services"]}
    assert services["SCJG"]["waiting"] == 1 and services["MZ"]["waiting"] == 1
    windows = {w["number"]: w for w in status["windows"]}
    assert windows["02"]["current"] == "B001" and windows["01"]["current"] is None
    waiting = _json(cli("queue", "waiting", "--window", "01", "--json", as_="S001"))
    assert [t["number"] for t in waiting] == ["A001"]
    by_window = _json(cli("queue", "stats", "--by", "window", "--json", as_="S001"))
    assert {r["key"]: r["called"] for r in by_window} == {"02": 1}
    by_service = {r["key"]: r for r in _json(cli("queue", "stats", "--by", "service", "--json", as_="S001"))}
    assert by_service["MZ"]["taken"] == 2 and by_service["SCJG"]["taken"] == 1
    assert cli("queue", "stats", "--by", "nothing", as_="S001").exit_code == 4
    assert cli("queue", "stats", "--date", "yesterday", as_="S001").exit_code == 4
    assert cli("queue", "status", as_="S001").exit_code == 0
    closed = _json(cli("queue", "close-day", "--json", as_="A001"))
    assert closed["closed"] == 2
    assert _json(cli("ticket", "show", "A001", "--json", as_="S001"))["status"] == "not_served"


def test_queue_reads_need_a_log_in_but_the_services_and_a_ticket_do_not(cli, qhall):
    from console.core.exitcodes import ExitCode

    for command in (("queue", "status", "--json"), ("queue", "waiting", "--window", "01", "--json"),
                    ("queue", "stats", "--json"), ("ticket", "show", "A001", "--json")):
        refused = cli(*command)
        assert refused.exit_code == ExitCode.AUTH, command
        assert refused.stdout == "", command
        assert "log in first" in refused.stderr, command
    taken = _json(cli("ticket", "take", "--service", "SCJG", "--json"))  # the kiosk: nobody logged in
    assert taken["number"] == "A001"
    services = _json(cli("queue", "services", "--json"))  # the services and their hours are public
    assert {r["code"] for r in services} == {"SCJG", "MZ", "RS"}
    assert "SCJG" in cli("queue", "services").stdout
    assert cli("queue", "call", "--window", "01", "--json").stdout == ""  # nor does a change print anything
