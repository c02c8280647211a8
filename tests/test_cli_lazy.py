"""``hall`` builds only the command invoked; the table it lists the others from agrees with them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from click.testing import CliRunner

from console.cli.commandtable import COMMANDS
from console.cli.helptext import help_zh, normalize, translated_command
from console.cli.lazy import LazyCommands, build_command

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_table_says_what_the_command_says(name):
    command = build_command(name)
    _module, _attribute, english, chinese = COMMANDS[name]
    assert command.name == name
    assert normalize(command.help) == normalize(english)
    assert help_zh()[english] == chinese
    assert not command.hidden


def test_the_root_has_the_tables_commands_and_no_others():
    command = translated_command("en")
    assert list(command.commands) == list(COMMANDS)
    assert set(dict(command.commands.items())) == set(COMMANDS)


def _root():
    from console.cli.main import app

    return typer.main.get_command(app)


def test_invoking_a_command_builds_that_command_alone(monkeypatch):
    monkeypatch.setenv("HALL_LANG", "en")
    root = _root()
    result = CliRunner().invoke(root, ["check", "phone", "13800138000"], prog_name="hall")
    assert result.exit_code == 0, result.output
    assert isinstance(root.commands, LazyCommands)
    assert [name for name in COMMANDS if root.commands.is_built(name)] == ["check"]


def test_help_lists_every_command_without_building_any(monkeypatch):
    monkeypatch.setenv("HALL_LANG", "en")
    root = _root()
    result = CliRunner().invoke(root, ["--help"], prog_name="hall")
    assert result.exit_code == 0
    assert [name for name in COMMANDS if root.commands.is_built(name)] == []
    listed = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == list(COMMANDS)
    assert "  check       Check one resident ID, credit code or phone number." in result.output


def test_chinese_help_lists_the_tables_chinese():
    root = translated_command("zh_CN")
    result = CliRunner().invoke(root, ["--lang", "zh_CN", "--help"], prog_name="hall")
    assert "校验一个身份证号码、统一社会信用代码或电话号码。" in result.output
    assert [name for name in COMMANDS if root.commands.is_built(name)] == []
    result = CliRunner().invoke(root, ["--lang", "zh_CN", "check", "--help"], prog_name="hall")
    assert "校验居民身份证号码" in result.output  # the sub-command, built on demand, is translated too


def test_a_mistyped_command_is_suggested_from_the_table():
    result = CliRunner().invoke(_root(), ["chek", "id", "1"], prog_name="hall", env={"HALL_LANG": "en"})
    assert result.exit_code == 2
    assert "Did you mean 'check'?" in result.output


def _complete(words: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HALL_LANG": "en", "_HALL_COMPLETE": "complete_zsh",
           "_TYPER_COMPLETE_ARGS": words}
    done = subprocess.run([sys.executable, "-c", "from console.cli.main import run; run()"], env=env,
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    return done.stdout


def test_shell_completion_of_commands_and_sub_commands():
    top = _complete("hall ca")
    assert '"calendar":"Working-day calendar\\\\: import, show, due..."' in top
    assert '"case":' in top and '"catalog":' in top and '"check"' not in top
    assert '"due":"Print the due date' in _complete("hall calendar d")


def test_a_groups_commands_are_built_when_used(monkeypatch):
    monkeypatch.setenv("HALL_LANG", "en")
    root = _root()
    result = CliRunner().invoke(root, ["queue", "pause", "--help"], prog_name="hall")
    assert result.exit_code == 0, result.output
    queue = root.commands["queue"]
    assert isinstance(queue.commands, LazyCommands)
    assert [name for name in queue.commands if queue.commands.is_built(name)] == ["pause"]
    status = queue.commands["status"]  # a report built on demand still takes --format and -o
    assert {"--format", "-o", "--json"} <= {opt for param in status.params for opt in param.opts}
    assert "--format" not in {opt for param in queue.commands["pause"].params for opt in param.opts}
    listed = CliRunner().invoke(root, ["queue", "--help"], prog_name="hall").output
    assert listed.index("  services ") < listed.index("  pause ") < listed.index("  stats ")  # Typer's order
    nested = CliRunner().invoke(root, ["assess", "entry", "--help"], prog_name="hall")
    assert nested.exit_code == 0 and "Record a supervisor entry" in nested.output
    assert "Did you mean 'status'" in CliRunner().invoke(root, ["queue", "statu"], prog_name="hall").output


def test_a_groups_commands_built_on_demand_are_translated():
    root = translated_command("zh_CN")
    result = CliRunner().invoke(root, ["--lang", "zh_CN", "queue", "status", "--help"], prog_name="hall")
    assert "大厅当前排队" in result.output and "--format" in result.output
    queue = root.commands["queue"]
    assert [name for name in queue.commands if queue.commands.is_built(name)] == ["status"]
