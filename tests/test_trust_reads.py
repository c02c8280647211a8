"""No anonymous reads: every command outside the public scope refuses nobody, printing nothing.

The tree of ``hall`` commands is walked, so a command added later without a
log-in fails here.  The public scope is what the hall publishes anyway.
"""

from __future__ import annotations

import json

import pytest
import typer

from console.core.exitcodes import ExitCode

#: what the hall publishes anyway (runs without a log-in)
PUBLIC_COMMANDS = {
    "catalog list", "catalog show", "catalog guide", "queue services", "calendar show", "calendar due",
    "calendar workdays", "check id", "check uscc", "check phone", "ticket take",
    # an item's statutory limits and main materials, read (changing them needs catalog.manage)
    "catalog rules",
    # public screens (opened or served, not printed), building a new hall, this terminal's own name
    "kiosk", "display", "stars", "serve", "demo", "logout", "terminal name",
    # the schema itself (the operating-system owner of the database brings it up to date or back)
    "db upgrade", "db status", "db check", "db downgrade",
    # a new hall's center and first administrator: the database's owner, only while it has no staff
    "db init",
}

#: a well-formed value for each required parameter, by name, so that nothing but the log-in is missing
SAMPLES = {
    "date_from": "2026-03-01", "date_to": "2026-03-03", "start": "2026-03-03", "end": "2026-03-10",
    "on": "2026-03-03", "month": "2026-03", "quarter": "2026Q1", "year": "2026", "year_a": "2026",
    "year_b": "2026", "days": "1", "amount": "1", "points": "1", "level": "5", "window": "01",
    "rectification": "1", "session_id": "1", "prefix": "Z", "received": "1", "role": "clerk", "target": "staff", "category": "business",
}


def _leaves(command, path=()):
    subs = getattr(command, "commands", None)
    if subs is None:
        yield " ".join(path), command
        return
    for name, sub in subs.items():
        yield from _leaves(sub, (*path, name))


def _commands():
    from console.cli.main import app

    return dict(_leaves(typer.main.get_command(app)))


def _args(command, tmp_path):
    args = []
    for param in command.params:
        if not param.required:
            continue
        if param.name in ("file", "target"):
            path = tmp_path / "in.csv"
            path.write_text("x\n", encoding="utf-8")
            value = str(tmp_path / "out.csv") if param.name == "target" and param.param_type_name == "argument" \
                else str(path)
        else:
            value = SAMPLES.get(param.name, "X1")
        if param.param_type_name == "argument":
            args.append(value)
        else:
            args += [param.opts[0], value]
    return args


#: options a command checks for before anything else
EXTRA = {"rating add": ["--ticket", "A001"]}

NON_PUBLIC = sorted(set(_commands()) - PUBLIC_COMMANDS)


def test_the_public_scope_is_all_there():
    assert PUBLIC_COMMANDS <= set(_commands())


@pytest.mark.parametrize("name", NON_PUBLIC)
def test_every_non_public_command_refuses_nobody_and_prints_nothing(cli, hall, tmp_path, name):
    command = _commands()[name]
    result = cli(*name.split(), *_args(command, tmp_path), *EXTRA.get(name, []))
    assert result.exit_code == ExitCode.AUTH, (name, result.exit_code, result.output)
    assert result.stdout == ""
    assert "--as" in result.stderr
    assert not (tmp_path / "out.csv").exists()


#: the reads the issue names: refused for nobody; for a clerk refused, or narrowed to their own cases
NAMED_READS = [
    (("audit", "list"), ExitCode.PERMISSION),
    (("audit", "verify"), ExitCode.PERMISSION),
    (("case", "list"), ExitCode.OK),
    (("case", "show", "NOPE"), ExitCode.NOT_FOUND),
    (("case", "export", "--from", "2026-03-01", "--to", "2026-03-03"), ExitCode.OK),
    (("staff", "list", "--json"), ExitCode.PERMISSION),
    (("db", "backup", "copy.db"), ExitCode.PERMISSION),
]


@pytest.mark.parametrize("args,clerk_gets", NAMED_READS, ids=[" ".join(a[:2]) for a, _ in NAMED_READS])
def test_the_reads_named_in_the_issue(cli, hall, args, clerk_gets, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    anonymous = cli(*args)
    assert anonymous.exit_code == ExitCode.AUTH and anonymous.stdout == "", anonymous.output
    clerk = cli(*args, as_="C001")
    assert clerk.exit_code == clerk_gets, clerk.output
    if clerk_gets == ExitCode.PERMISSION:
        assert clerk.stdout == ""
        assert "Role." not in clerk.stderr and "clerk" in clerk.stderr
    assert not (tmp_path / "copy.db").exists()


def test_a_refusal_speaks_the_users_language(cli, hall):
    refused = cli("audit", "list", as_="C001", lang="zh_CN")
    assert "窗口工作人员" in refused.stderr and "审计记录" in refused.stderr, refused.stderr


def test_an_administrator_backs_up_into_a_private_file(cli, hall, backend, tmp_path):
    target = tmp_path / "new" / "copy.db"
    result = cli("db", "backup", str(target), as_="A001")
    if backend != "sqlite":
        assert result.exit_code == ExitCode.INVALID
        return
    assert result.exit_code == 0, result.output
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.parent.stat().st_mode & 0o777 == 0o700
    import sqlite3

    with sqlite3.connect(target) as copy:
        assert copy.execute("select count(*) from staff").fetchone()[0] == 5


def test_staff_list_as_json_for_an_administrator_only(cli, hall):
    rows = json.loads(cli("staff", "list", "--json", as_="A001").stdout)
    assert {r["employee_no"] for r in rows} >= {"A001", "C001"}
    assert cli("staff", "list", "--json", as_="C001").stdout == ""
