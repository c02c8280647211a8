"""Operable: the rotating log file (commands, log-ins, unexpected errors with their traceback),
-v/--verbose and --debug, --version, shell completion, the constraints file and bounded 0.x deps."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _log(tmp_path) -> str:
    return (tmp_path / "state" / "hall.log").read_text(encoding="utf-8")


def test_log_file_has_commands_and_log_ins(cli, hall, tmp_path):
    env = {"HALL_STATE_DIR": str(tmp_path / "state")}
    assert cli("staff", "list", as_="A001", env=env).exit_code == 0
    assert cli("staff", "list", as_="A001", pin="000000", env=env).exit_code == 6
    text = _log(tmp_path)
    assert "INFO hall.cli" in text and "staff list" in text
    assert "log-in A001 (admin, command line)" in text
    assert "log-in refused: A001" in text
    assert "000000" not in text


def test_an_unexpected_error_is_logged_with_its_traceback(cli, hall, tmp_path, monkeypatch):
    import console.catalog.browse as browse
    from console.core.runner import spec_of, use_case

    def broken(ctx, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(browse, "list_items", use_case(spec_of(browse.list_items).permission)(broken))
    env = {"HALL_STATE_DIR": str(tmp_path / "state")}
    result = cli("catalog", "list", env=env)
    assert result.exit_code == 1
    assert "traceback is in the log" in result.stderr and "hall.log" in result.stderr
    assert "Traceback" not in result.stderr
    text = _log(tmp_path)
    assert "Traceback (most recent call last)" in text and "RuntimeError: disk on fire" in text
    debug = cli("--debug", "catalog", "list", env=env)
    assert debug.exit_code == 1 and isinstance(debug.exception, RuntimeError)


def test_verbose_shows_info_on_stderr(cli, hall, tmp_path):
    env = {"HALL_STATE_DIR": str(tmp_path / "state")}
    quiet = cli("calendar", "due", "2026-03-03", "5", env=env)
    assert quiet.exit_code == 0 and "INFO" not in quiet.stderr
    loud = cli("-v", "calendar", "due", "2026-03-03", "5", env=env)
    assert loud.exit_code == 0 and "INFO hall.cli" in loud.stderr


def test_the_log_rotates(tmp_path):
    import logging

    from console.cli import logs

    path = logs.setup_logging(tmp_path)
    log = logging.getLogger("hall.test")
    for _ in range(logs.MAX_BYTES // 100 * 2):
        log.info("x" * 90)
    assert path.exists() and (tmp_path / "hall.log.1").exists()
    assert path.stat().st_size <= logs.MAX_BYTES


def _hall(*args, env=None):
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "HALL_LANG": "en", **(env or {})}
    return subprocess.run([sys.executable, "-m", "console", *args], capture_output=True, text=True,
                          env=environment, cwd=ROOT, timeout=60)


def test_version():
    from importlib.metadata import version

    out = _hall("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"hall-console {version('hall-console')}"


def test_shell_completion(tmp_path):
    out = _hall(env={"_HALL_COMPLETE": "complete_bash", "COMP_WORDS": "hall rep", "COMP_CWORD": "1",
                     "HALL_STATE_DIR": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert "report" in out.stdout.split()
    shown = _hall("--show-completion", "bash", env={"HALL_STATE_DIR": str(tmp_path)})
    assert "_HALL_COMPLETE" in shown.stdout


def test_constraints_pin_every_dependency_and_0x_dependencies_are_bounded():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, pinned = line.partition("==")
            pins[name.lower().replace("_", "-")] = pinned
    requirements = project["dependencies"] + project["optional-dependencies"]["test"]
    for requirement in requirements:
        name = re.split(r"[\[<>=!~ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        assert name in pins, f"{name} is not pinned in constraints.txt"
        lower = re.search(r">=\s*([\d.]+)", requirement)
        if lower and lower.group(1).startswith("0."):
            assert "<" in requirement, f"{requirement}: a 0.x dependency needs an upper bound"
