"""Start-up times of ``hall``: the CLI, a batch listing and the console to a usable log-in screen.

Run: ``python benchmarks/bench_startup.py [--runs N] [--json]``.  Every figure is the median
(and p10–p90 spread) of N runs measured in this run, the processes compared taking turns,
and is printed beside its baseline: a bare program doing the same work.  ``--json`` prints
them as one JSON object on the last line.  The processes run with a bytecode cache of their
own (as an installed ``hall`` has compiled bytecode), whatever ``PYTHONDONTWRITEBYTECODE``
says, and with config, data and state folders of their own:

* floors: ``python -c pass``, ``python -c "import typer"``, ``python -c "import sqlalchemy.orm"``;
* ``hall --help`` (``python -m console --help``) beside a bare Typer app with the same
  options, the same commands and help texts and the same settings (no rich markup)
  printing its help;
* a batch listing, ``hall catalog list --json`` (``db status --json`` when there is no catalog
  command), on a temporary SQLite database holding the small test hall, beside a bare
  SQLAlchemy script doing the same read: the same schema check (``alembic_version``), the
  same rows (items joined to their departments, active ones, by department and code) and
  the same JSON printed;
* the console, headless, the way ``hall`` launches it: ``hall --db URL`` through the real
  entry point (``console.cli.main.run``; only the final ``App.run`` gets ``headless`` and an
  auto-pilot that reports the time).  Two marks: the **first frame** (the log-in screen
  shown; the schema check has not run yet: it runs in a worker after the first frame), and
  the **usable log-in screen** — the schema checked and the runner ready, so the PIN typed
  can be checked — which is the real launch.  The first frame is compared with a bare
  Textual app with the same widgets (Header, Input×2, Static, Footer); the usable screen with
  the same bare app that also, in a thread worker after its first frame, builds a SQLAlchemy
  engine and checks the schema the same way.  For comparison only, the console through the
  same entry point with the database factory called — engine built, schema checked —
  *before* the App starts (not how ``hall`` launches it);
* the same two apps in one warm process (imports done), started and stopped with
  ``run_test`` repeatedly: the cost of composing and mounting alone.

The aim is the console at no more than 1.3× the bare app.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from benchlib import band, figure, print_json  # noqa: E402

#: the bare Textual app; argv: [url] — with a URL, it also checks the schema in a worker
BARE_APP = '''
import sys, threading, time
from textual.app import App
from textual.widgets import Footer, Header, Input, Static

URL = sys.argv[1] if len(sys.argv) > 1 else None
checked = threading.Event()

class Bare(App):
    def compose(self):
        yield Header()
        yield Input(placeholder="employee number")
        yield Input(placeholder="PIN", password=True)
        yield Static("")
        yield Footer()

    def on_mount(self):
        if URL:
            self.run_worker(self.check_schema, thread=True)

    def check_schema(self):
        from sqlalchemy import create_engine, inspect, text
        engine = create_engine(URL)
        with engine.connect() as conn:
            assert inspect(conn).has_table("alembic_version")
            conn.execute(text("SELECT version_num FROM alembic_version")).all()
        checked.set()

async def ready(pilot):
    import asyncio
    print("FRAME", time.time(), flush=True)
    if URL:
        while not checked.is_set():
            await asyncio.sleep(0.002)
    print("READY", time.time(), flush=True)
    pilot.app.exit()

if not URL:
    checked.set()
Bare().run(headless=True, auto_pilot=ready, size=(80, 24))
'''

#: the console as `hall --db URL` launches it, through the real entry point; argv: [url, mode] —
#: mode "hall" (as it launches: the database factory handed to the App, run in its worker) or
#: "eager" (the same, but the factory called — engine built, schema checked — before the App)
HALL_APP = '''
import sys, time

url, mode = sys.argv[1], sys.argv[2]

def launch(db, settings=None):
    """screens.apps.launch.launch, headless, with an auto-pilot reporting the two marks."""
    from screens.apps.console import HallApp

    if mode == "eager" and callable(db) and not hasattr(db, "read"):
        db = db()

    async def ready(pilot):
        import asyncio
        assert type(pilot.app.screen).__name__ == "LoginScreen", pilot.app.screen
        print("FRAME", time.time(), flush=True)
        while not pilot.app._db_ready.is_set():
            await asyncio.sleep(0.002)
        if pilot.app._db_error is not None:
            print("ERROR", repr(pilot.app._db_error), file=sys.stderr, flush=True)
            sys.exit(1)
        print("READY", time.time(), flush=True)
        pilot.app.exit()

    HallApp(db, settings=settings).run(headless=True, auto_pilot=ready, size=(80, 24))

import screens.apps.launch
screens.apps.launch.launch = launch
sys.argv = ["hall", "--db", url]
from console.cli.main import run
run()
'''

#: a bare Typer app with hall's options, commands and settings (no rich markup, plain exceptions);
#: argv: [repr of the commands]
BARE_TYPER = '''
import sys
from typing import Optional
import typer

app = typer.Typer(add_completion=True, pretty_exceptions_enable=False, rich_markup_mode=None, help=(
    "Hall Console: queue, intake, cases, proxy service and assessment of a government service hall."))

@app.callback()
def main(
    db: Optional[str] = typer.Option(None, "--db", metavar="URL", help="Database URL or SQLite file (overrides HALL_DATABASE_URL)."),
    lang: Optional[str] = typer.Option(None, "--lang", metavar="LANG", help="Interface language: zh_CN or en (default: HALL_LANG, then the locale)."),
    verbose: int = typer.Option(0, "-v", "--verbose", count=True, help="Log more on standard error: -v info, -vv debug (the log file always has info)."),
    debug: bool = typer.Option(False, "--debug", help="Log everything, and show the traceback of an unexpected error."),
    version: bool = typer.Option(False, "--version", is_eager=True, help="Print the version and exit."),
) -> None:
    pass

def command(name, help_text):
    def run() -> None:
        pass
    app.command(name, help=help_text)(run)

for name, help_text in eval(sys.argv[1]):
    command(name, help_text)
app(args=["--help"], prog_name="hall")
'''

#: a bare SQLAlchemy script doing what `hall catalog list --json` does at the database; argv: [url]
BARE_LIST = '''
import json, sys
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.orm import Session

engine = create_engine(sys.argv[1])
with engine.connect() as conn:  # the schema check
    assert inspect(conn).has_table("alembic_version")
    conn.execute(text("SELECT version_num FROM alembic_version")).all()
with Session(engine) as session:
    rows = session.execute(text(
        "SELECT i.code, i.name, d.code, d.name, i.promised_days, i.fee_fen, i.catalog_year, i.retired_year "
        "FROM items i JOIN departments d ON i.department_id = d.id WHERE i.retired_year IS NULL "
        "ORDER BY d.code, i.code")).all()
keys = ("code", "name", "department_code", "department", "promised_days", "fee_fen", "catalog_year",
        "retired_year")
out = []
for row in rows:
    item = dict(zip(keys, row))
    item["fee_yuan"] = f"{item['fee_fen'] / 100:.2f}"
    item["active"] = item["retired_year"] is None
    out.append(item)
print(json.dumps(out, ensure_ascii=False, indent=2))
'''


#: the children's bytecode cache and folders (set by main)
PYCACHE: list[str] = []
FOLDERS: dict[str, str] = {}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    if PYCACHE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = PYCACHE[0]
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["HALL_LANG"] = "en"
    env.update(FOLDERS)
    env.pop("HALL_DATABASE_URL", None)
    return env


def _once(args: list[str], marks: bool) -> dict[str, float]:
    """Seconds from spawning ``args``: to its end (``{"end": s}``), or with ``marks`` to each
    ``FRAME``/``READY <wall clock>`` line it prints (``{"frame": s, "ready": s}``)."""
    if not marks:
        start = time.perf_counter()
        subprocess.run(args, check=True, env=_env(), cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return {"end": time.perf_counter() - start}
    start = time.time()
    proc = subprocess.run(args, env=_env(), cwd=ROOT, capture_output=True, text=True)
    found = {}
    for line in proc.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("FRAME", "READY"):
            found[parts[0].lower()] = float(parts[1]) - start
    if proc.returncode != 0 or set(found) != {"frame", "ready"}:
        raise RuntimeError(f"{args[:3]} never got ready (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return found


def interleaved(commands: dict[str, tuple[list[str], bool]], runs: int) -> dict[str, list[float]]:
    """Seconds of each command (``name`` or ``name.frame``/``name.ready``), run in turns.

    Taking turns spreads the machine's ups and downs evenly over the commands
    being compared.  Each command runs once first, unmeasured, to warm the file cache.
    """
    samples: dict[str, list[float]] = {}
    for args, marks in commands.values():
        _once(args, marks)
    for _ in range(runs):
        for name, (args, marks) in commands.items():
            for mark, seconds in _once(args, marks).items():
                samples.setdefault(name if mark == "end" else f"{name}.{mark}", []).append(seconds)
    return samples


def warm_in_process(db_url: str, runs: int, config_dir: str) -> dict[str, list[float]]:
    """Seconds to start an app to its first screen and stop it, in this (warm) process, in turns."""
    from textual.app import App
    from textual.widgets import Footer, Header, Input, Static

    from screens.apps.console import HallApp
    from models.engine import Database

    class Bare(App):
        def compose(self):
            yield Header()
            yield Input()
            yield Input(password=True)
            yield Static("")
            yield Footer()

    db = Database(db_url)

    async def once(factory) -> float:
        start = time.perf_counter()
        app = factory()
        async with app.run_test(size=(80, 24)):
            elapsed = time.perf_counter() - start
        return elapsed

    factories = {"warm_hall": lambda: HallApp(db, lang="en", config_dir=config_dir), "warm_bare": Bare}
    for factory in factories.values():
        asyncio.run(once(factory))  # the first run pays the imports
    samples: dict[str, list[float]] = {name: [] for name in factories}
    for _ in range(runs):
        for name, factory in factories.items():
            samples[name].append(asyncio.run(once(factory)))
    db.dispose()
    return samples


def make_database(folder: Path) -> str:
    from models.engine import Database
    from tests.factories import make_hall

    url = f"sqlite:///{folder / 'bench.db'}"
    db = Database(url)
    db.ensure_schema()
    make_hall(db)
    db.dispose()
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per measurement (median reported)")
    parser.add_argument("--json", action="store_true", help="print one JSON object of the figures (last line)")
    options = parser.parse_args()
    runs = options.runs
    py = sys.executable

    from console.cli.commandtable import COMMANDS

    commands = repr([(name, entry[2]) for name, entry in COMMANDS.items()])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        PYCACHE.append(str(folder / "pycache"))
        FOLDERS.update({f"HALL_{name.upper()}_DIR": str(folder / name) for name in ("config", "data", "state")})
        url = make_database(folder)
        if importlib.util.find_spec("console.cli.catalog") is not None:
            listing_name, listing = "hall catalog list --json", ["catalog", "list", "--json"]
            bare_list = ([py, "-c", BARE_LIST, url], False)
        else:  # pragma: no cover - older trees
            listing_name, listing = "hall db status --json", ["db", "status", "--json"]
            bare_list = ([py, "-c", BARE_LIST.split("with Session")[0], url], False)
        samples = interleaved({
            "pass": ([py, "-c", "pass"], False),
            "typer": ([py, "-c", "import typer"], False),
            "sqlalchemy_orm": ([py, "-c", "import sqlalchemy.orm"], False),
            "bare_typer_help": ([py, "-c", BARE_TYPER, commands], False),
            "help": ([py, "-m", "console", "--help"], False),
            "bare_list": bare_list,
            "list": ([py, "-m", "console", "--db", url, *listing], False),
        }, runs)
        samples.update(interleaved({
            "bare_app": ([py, "-c", BARE_APP], True),
            "bare_app_db": ([py, "-c", BARE_APP, url], True),
            "hall": ([py, "-c", HALL_APP, url, "hall"], True),
            "eager": ([py, "-c", HALL_APP, url, "eager"], True),
        }, runs))
        samples.update(warm_in_process(url, runs, str(folder / "config")))

    #: key → (label, samples, baseline key)
    rows: list[tuple[str, str, str, str | None]] = [
        ("pass", "python -c pass", "pass", None),
        ("typer", "python -c 'import typer'", "typer", "pass"),
        ("sqlalchemy_orm", "python -c 'import sqlalchemy.orm'", "sqlalchemy_orm", "pass"),
        ("bare_typer_help", "bare Typer app, same commands: --help", "bare_typer_help", None),
        ("help", "hall --help", "help", "bare_typer_help"),
        ("bare_list", "bare SQLAlchemy script, same read", "bare_list", None),
        ("list", listing_name, "list", "bare_list"),
        ("bare_app_frame", "bare Textual app: first frame", "bare_app.frame", None),
        ("hall_frame", "hall: first frame (log-in shown)", "hall.frame", "bare_app_frame"),
        ("bare_app_db_ready", "bare app + schema check: ready", "bare_app_db.ready", None),
        ("hall_ready", "hall: log-in usable (the real launch)", "hall.ready", "bare_app_db_ready"),
        ("eager_ready", "hall, db built before the App: usable", "eager.ready", "bare_app_db_ready"),
        ("warm_bare", "warm: bare app start+stop", "warm_bare", None),
        ("warm_hall", "warm: hall start+stop", "warm_hall", "warm_bare"),
    ]
    sample_of = {key: samples[source] for key, _label, source, _base in rows}
    figures = {key: figure(sample_of[key], sample_of[base] if base else None, base, label=label)
               for key, label, _source, base in rows}
    figures["list"]["ratio_to_sqlalchemy_orm_import"] = (figures["list"]["median"]
                                                         / figures["sqlalchemy_orm"]["median"])
    figures["help"]["ratio_to_typer_import"] = figures["help"]["median"] / figures["typer"]["median"]
    figures["hall_frame"]["ratio_to_bare_app_db_frame"] = (
        figures["hall_frame"]["median"] / figure(samples["bare_app_db.frame"])["median"])
    figures["aim"] = {"hall_ready_ratio_at_most": 1.3,
                      "met": bool(figures["hall_ready"]["ratio"] and figures["hall_ready"]["ratio"] <= 1.3)}
    if options.json:
        print_json({"runs": runs, "unit": "s", "figures": figures})
        return
    print(f"start-up, median of {runs} runs in turns ({sys.platform}, Python {sys.version.split()[0]})")
    print(f"{'measurement':42} {'seconds':>8} {'p10–p90':>13}  {'ratio':>6}  baseline")
    for key, label, _source, base in rows:
        f = figures[key]
        ratio = f"{f['ratio']:6.2f}" if f.get("ratio") is not None else "      "
        print(f"{label:42} {f['median']:8.3f} {band(f, '.3f'):>13}  {ratio}  {figures[base]['label'] if base else ''}")
    print(f"aim: the real launch at most 1.3× its bare app: {'met' if figures['aim']['met'] else 'NOT met'}")


if __name__ == "__main__":
    main()
