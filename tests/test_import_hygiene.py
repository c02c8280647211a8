"""What a ``hall`` process imports: ``--help`` and the public checks neither Textual nor the ORM nor a model.

Each probe runs ``hall`` the way its script does (:func:`console.cli.main.run`) in a fresh
process and lists the modules it ended with.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, sys
sys.argv = ["hall", *json.loads(sys.argv[1])]
from console.cli.main import run
try:
    run()
except SystemExit:
    pass
sys.stderr.write("MODULES:" + json.dumps(sorted(sys.modules)))
"""

#: what a cheap command must not import
HEAVY = ("textual", "sqlalchemy", "sqlalchemy.orm", "models.cases", "models.org", "models.base", "pydantic",
         "stdnum", "alembic", "click")


def _modules(args, env_extra=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HALL_LANG": "en", **(env_extra or {})}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True, env=env, cwd=ROOT,
        timeout=120,
    )
    marker = proc.stderr.rsplit("MODULES:", 1)
    assert len(marker) == 2, proc.stderr
    return proc.stdout, set(json.loads(marker[1]))


def _heavy(mods):
    return sorted(m for m in HEAVY if m in mods)


def test_help_imports_no_command_module_nor_the_orm():
    out, mods = _modules(["--help"])
    assert "check       Check one resident ID" in out
    assert _heavy(mods) == []
    assert not any(m.startswith("console.cli.") and m not in {
        "console.cli.main", "console.cli.common", "console.cli.clicktext", "console.cli.lazy",
        "console.cli.commandtable", "console.cli.params", "console.cli.helptext"} for m in mods), \
        sorted(m for m in mods if m.startswith("console.cli."))


def test_check_id_imports_neither_the_orm_nor_a_model():
    out, mods = _modules(["check", "id", "11010519491231002X"])
    assert "born 1949-12-31" in out
    assert _heavy(mods) == []
    assert "console.cli.check" in mods and "console.cli.case" not in mods


def test_calendar_due_reads_sqlite_without_the_orm(db_url, backend):
    out, mods = _modules(["--db", db_url, "calendar", "due", "2026-03-02", "5", "--json"])
    assert json.loads(out)["due"] == "2026-03-09"
    if backend == "sqlite":
        assert _heavy(mods) == []
        assert "models.light" in mods
    else:  # PostgreSQL is read through the engine (its driver costs what the ORM does)
        assert "sqlalchemy.orm" in mods


def test_a_batch_command_does_not_import_textual(db_url):
    _out, mods = _modules(["--db", db_url, "db", "status", "--json"])
    assert "sqlalchemy" in mods  # it did reach the database
    assert not any(m == "textual" or m.startswith("textual.") for m in mods)
