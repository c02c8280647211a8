"""Every help text of the command line has a Chinese translation, and zh help shows it."""

import os
import subprocess
import sys
from pathlib import Path

from console.cli.helptext import help_zh, iter_help, normalize, translated_command

ROOT = Path(__file__).resolve().parents[1]


def test_every_help_text_is_translated():
    known = {normalize(k) for k in help_zh()}
    command = translated_command("en")
    missing = sorted({normalize(text) for _p, _o, _a, text in iter_help(command)} - known)
    assert missing == []


def test_chinese_help_on_the_command_line():
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HALL_LANG": "en"}
    out = subprocess.run([sys.executable, "-m", "console", "--lang", "zh_CN", "--help"], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=60)
    assert out.returncode == 0
    assert "政务服务大厅控制台" in out.stdout
    out = subprocess.run([sys.executable, "-m", "console", "--help"], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=60)
    assert "Hall Console" in out.stdout
