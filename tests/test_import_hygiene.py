"""``hall --help`` and batch commands do not import Textual (or, for --help, the ORM)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, sys
sys.argv = ["hall", *json.loads(sys.argv[1])]
from console.cli.main import app
try:
    app(prog_name="hall")
except SystemExit:
    pass
mods = [m for m in sys.modules if m == "textual" or m.startswith("textual.") or m.startswith("sqlalchemy.orm") or m == "sqlalchemy"]
sys.stderr.write("MODULES:" + json.dumps(sorted(mods)))
"""


def _modules(args, env_extra=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env_extra or {})}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True, env=env, cwd=ROOT,
        timeout=120,
    )
    marker = proc.stderr.rsplit("MODULES:", 1)
    assert len(marker) == 2, proc.stderr
    return set(json.loads(marker[1]))


def test_help_imports_neither_textual_nor_sqlalchemy():
    assert _modules(["--help"]) == set()


def test_a_batch_command_does_not_import_textual(db_url):
    mods = _modules(["--db", db_url, "db", "status", "--json"])
    assert "sqlalchemy" in mods  # it did reach the database
    assert not any(m == "textual" or m.startswith("textual.") for m in mods)
