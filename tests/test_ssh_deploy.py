"""The README's SSH deployment: its sshd_config block passes ``sshd -t``, and the ForceCommand
wrapper sets the terminal up and runs only hall commands."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- sshd-config-begin -->\s*```\n(.*?)```\s*<!-- sshd-config-end -->", readme, re.S)
    assert found, "the README has no sshd_config block"
    return found.group(1)


def test_the_sshd_config_block_is_valid(tmp_path):
    sshd = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)
    if sshd is None:
        pytest.skip("no sshd installed (apt-get install openssh-server)")
    key = tmp_path / "host_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    config = tmp_path / "sshd_config"
    config.write_text(f"HostKey {key}\nPidFile {tmp_path / 'sshd.pid'}\nUsePAM no\n" + _block(), encoding="utf-8")
    Path("/run/sshd").mkdir(exist_ok=True) if os.geteuid() == 0 else None
    checked = subprocess.run([sshd, "-t", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert "ForceCommand /usr/local/bin/hall-login" in _block()


def _login(tmp_path, command: str | None, env: dict | None = None, cwd=None) -> list[str]:
    fake = tmp_path / "hall"
    fake.write_text('#!/bin/sh\necho "TERM=$TERM LANG=$LANG HALL_LANG=$HALL_LANG HALL_TERMINAL=$HALL_TERMINAL"\n'
                    'echo "ARGS=$*"\n', encoding="utf-8")
    fake.chmod(0o755)
    environment = {"PATH": os.environ["PATH"], "HALL_BIN": str(fake), "TERM": "dumb", **(env or {})}
    if command is not None:
        environment["SSH_ORIGINAL_COMMAND"] = command
    out = subprocess.run([str(ROOT / "deploy" / "hall-login")], capture_output=True, text=True, env=environment,
                         timeout=10, cwd=cwd)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def test_the_login_wrapper_opens_the_console_in_a_usable_terminal(tmp_path):
    lines = _login(tmp_path, None)
    assert lines[0].startswith("TERM=xterm-256color LANG=C.UTF-8 HALL_LANG=zh_CN HALL_TERMINAL=")
    assert lines[0].split("HALL_TERMINAL=")[1]  # the account's name
    assert lines[1] == "ARGS="


def test_the_login_wrapper_runs_hall_commands_only(tmp_path):
    assert _login(tmp_path, "hall status --json")[1] == "ARGS=status --json"
    assert _login(tmp_path, "rm -rf /tmp/x")[1] == "ARGS="  # not a hall command: the console
    assert _login(tmp_path, None, {"HALL_TERMINAL": "window03", "TERM": "screen"})[0].startswith(
        "TERM=screen LANG=C.UTF-8 HALL_LANG=zh_CN HALL_TERMINAL=window03")


def test_the_login_wrapper_never_expands_wildcards_against_the_accounts_files(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "secret.txt").write_text("x", encoding="utf-8")
    assert _login(tmp_path, "hall catalog list --search *", cwd=home)[1] == "ARGS=catalog list --search *"
