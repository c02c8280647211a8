"""What a ``hall`` process imports: ``--help`` and the public checks neither Textual nor the ORM nor a model;
the queue's reads (in a ``hall login`` session too) no ORM on SQLite and no model on PostgreSQL; a write only
the models it reaches, never argon2 in a session.

Each probe runs ``hall`` the way its script does (:func:`console.cli.main.run`) in a fresh
process and lists the modules it ended with (``sys.modules``: ``-X importtime`` misses what
``importlib.import_module`` loads, as the models are).  No timing is asserted here; the times are
``benchmarks/bench_commands.py``'s.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import TEST_NOW
from tests.factories import PIN
from tests.queue_fixtures import qhall  # noqa: F401 - fixture

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
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HALL_LANG": "en", "HALL_NOW": TEST_NOW, **(env_extra or {})}
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
        assert "zoneinfo" not in mods  # it reads no time: the hall's clock is never made
    else:  # PostgreSQL is read through the engine (its driver costs what the ORM does)
        assert "sqlalchemy.orm" in mods


def test_a_batch_command_does_not_import_textual(db_url):
    _out, mods = _modules(["--db", db_url, "db", "status", "--json"])
    assert "sqlalchemy" in mods  # it did reach the database
    assert not any(m == "textual" or m.startswith("textual.") for m in mods)


#: the model modules no queue command reaches
NOT_QUEUE_MODELS = ("models.cases", "models.assess", "models.proxy", "models.calendar", "models.catalog",
                    "models.trust")


def _models(mods):
    """The model modules that define tables among ``mods`` (not the engine's, the light reads' and such)."""
    from models import MODEL_MODULES

    return sorted(m for m in mods if m in MODEL_MODULES)


def _login(db_url, employee_no):
    out, _mods = _modules(["--db", db_url, "login"], {"HALL_AS": employee_no, "HALL_PIN": PIN})
    assert "logged in as" in out, out


def test_queue_reads_need_neither_the_orm_on_sqlite_nor_a_model(db_url, backend, qhall):
    _login(db_url, "S001")
    for args in (["queue", "services", "--json"], ["queue", "status", "--json"], ["whoami"]):
        out, mods = _modules(["--db", db_url, *args])
        assert out.strip(), args
        if backend == "sqlite":  # the light connection: the session looked up and the queue read in plain SQL
            assert _heavy(mods) == [], (args, _heavy(mods))
            assert "models.light" in mods
        else:  # PostgreSQL through the engine, in the same SQL: not one model defined
            assert "sqlalchemy.orm" in mods
            assert _models(mods) == [], (args, _models(mods))
        assert "argon2" not in mods
    assert json.loads(_modules(["--db", db_url, "queue", "status", "--json"])[0])["site"] == "410185"


def test_an_orm_read_defines_only_the_models_it_reads(db_url, qhall):
    _login(db_url, "C001")
    out, mods = _modules(["--db", db_url, "queue", "waiting", "--json"])
    assert json.loads(out) == []
    assert _models(mods) == ["models.ops", "models.org", "models.queue"]  # ops: the desk's binding (none here)
    assert not any(m in mods for m in NOT_QUEUE_MODELS)


def test_a_write_in_a_session_needs_no_argon2_nor_alembic_nor_other_parts_models(db_url, backend, qhall):
    _login(db_url, "C001")
    for args, said in ((["queue", "pause"], "window 01 paused"), (["queue", "resume"], "window 01 resumed")):
        out, mods = _modules(["--db", db_url, *args])
        assert said in out
        # models.ops: the terminal's binding, which decides the window a kept session acts for at this desk
        assert _models(mods) == ["models.audit", "models.ops", "models.org", "models.queue"], _models(mods)
        assert not any(m in mods for m in ("argon2", "alembic", "textual", *NOT_QUEUE_MODELS))
        if backend == "sqlite":
            assert "sqlalchemy.dialects.postgresql" not in mods
