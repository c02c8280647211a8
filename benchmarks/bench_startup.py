"""Start-up times of ``hall``: the CLI, a batch listing and the console to its log-in screen.

Run: ``python benchmarks/bench_startup.py [--runs N] [--json]``.  Every figure is the median
(and p10–p90 spread) of N runs measured in this run, and is printed beside its baseline;
``--json`` prints them as one JSON object.  The processes run with a bytecode cache of
their own (as an installed ``hall`` has compiled bytecode), whatever ``PYTHONDONTWRITEBYTECODE``
says:

* ``python -c pass`` and ``python -c "import typer"``: the floor of any Python CLI;
* ``hall --help`` (``python -m console --help``) and a batch listing
  (``catalog list --json`` when that command exists, else ``db status --json``)
  on a temporary SQLite database holding the small test hall;
* the console until its log-in screen is ready, headless, beside a bare Textual
  app with the same widgets (Header, Input×2, Static, Footer) measured the same
  way: a fresh process, from spawn to the first screen being ready (the child
  reports the wall-clock time when its screen is ready).  ``hall`` is measured
  twice: the way ``hall`` launches it today (``console.cli.common.database()``,
  which builds the engine and checks the schema before the App starts) and
  with a lazy database (a factory run in the App's schema-check worker, so no
  SQLAlchemy before the first frame);
* the same two apps in one warm process (imports done), started and stopped
  with ``run_test`` repeatedly: the cost of composing and mounting alone.

The aim is the console at no more than 1.3× the bare app.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BARE_APP = '''
import sys, time
from textual.app import App
from textual.widgets import Footer, Header, Input, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Input(placeholder="employee number")
        yield Input(placeholder="PIN", password=True)
        yield Static("")
        yield Footer()

async def ready(pilot):
    print("READY", time.time(), flush=True)
    pilot.app.exit()

Bare().run(headless=True, auto_pilot=ready, size=(80, 24))
'''

HALL_APP = '''
import sys, time
url, mode = sys.argv[1], sys.argv[2]
from screens.apps.console import HallApp
if mode == "eager":      # as `hall` launches it today: console.cli.common.database()
    from console.cli.common import STATE, database
    STATE.db_url = url
    db = database()
else:                    # lazy: the engine is built in the App's schema-check worker
    def db():
        from models.engine import Database
        return Database(url)

async def ready(pilot):
    assert type(pilot.app.screen).__name__ == "LoginScreen", pilot.app.screen
    print("READY", time.time(), flush=True)
    pilot.app.exit()

HallApp(db, lang="en", config_dir=sys.argv[3]).run(headless=True, auto_pilot=ready, size=(80, 24))
'''


#: the children's bytecode cache (set by main)
PYCACHE: list[str] = []


def _env() -> dict[str, str]:
    env = dict(os.environ)
    if PYCACHE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = PYCACHE[0]
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("HALL_LANG", "en")
    env.pop("HALL_DATABASE_URL", None)
    return env


def _once(args: list[str], until_ready: bool) -> float:
    """Seconds from spawning ``args`` to its end, or until it prints ``READY <wall clock>``."""
    if not until_ready:
        start = time.perf_counter()
        subprocess.run(args, check=True, env=_env(), cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return time.perf_counter() - start
    start = time.time()
    proc = subprocess.run(args, env=_env(), cwd=ROOT, capture_output=True, text=True)
    marks = [line for line in proc.stdout.splitlines() if line.startswith("READY")]
    if not marks:
        raise RuntimeError(f"{args[:3]} never got ready:\n{proc.stderr[-2000:]}")
    return float(marks[-1].split()[1]) - start


def spread(values: list[float]) -> dict:
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {"median": statistics.median(values), "p10": pick(0.1), "p90": pick(0.9), "n": len(values)}


#: the spread of every measurement of this run, by name
SPREADS: dict[str, dict] = {}


def interleaved(commands: dict[str, tuple[list[str], bool]], runs: int) -> dict[str, float]:
    """Median seconds of each command, run in turns (round 1 of all, round 2 of all, …).

    Taking turns spreads the machine's ups and downs evenly over the commands
    being compared.  Each command runs once first, unmeasured, to warm the file cache.
    """
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for name, (args, ready) in commands.items():
        _once(args, ready)
    for _ in range(runs):
        for name, (args, ready) in commands.items():
            samples[name].append(_once(args, ready))
    SPREADS.update({name: spread(values) for name, values in samples.items()})
    return {name: statistics.median(values) for name, values in samples.items()}


def warm_in_process(db_url: str, runs: int, config_dir: str) -> tuple[float, float]:
    """Median seconds to start an app to its first screen and stop it, in this (warm) process."""
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

    def median(factory) -> float:
        asyncio.run(once(factory))  # first run pays the imports
        return statistics.median(asyncio.run(once(factory)) for _ in range(runs))

    hall = median(lambda: HallApp(db, lang="en", config_dir=config_dir))
    bare = median(Bare)
    db.dispose()
    return hall, bare


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
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    runs = options.runs
    py = sys.executable

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        PYCACHE.append(str(folder / "pycache"))
        url = make_database(folder)
        config_dir = str(folder / "config")
        if importlib.util.find_spec("console.cli.catalog") is not None:
            listing_name, listing = "hall catalog list --json", ["catalog", "list", "--json"]
        else:
            listing_name, listing = "hall db status --json", ["db", "status", "--json"]

        rows: list[tuple[str, float, str, float]] = []
        cli = interleaved({
            "pass": ([py, "-c", "pass"], False),
            "typer": ([py, "-c", "import typer"], False),
            "help": ([py, "-m", "console", "--help"], False),
            "list": ([py, "-m", "console", "--db", url, *listing], False),
        }, runs)
        rows += [
            ("python -c pass", cli["pass"], "", 0.0),
            ("python -c 'import typer'", cli["typer"], "python -c pass", cli["pass"]),
            ("hall --help", cli["help"], "import typer", cli["typer"]),
            (listing_name, cli["list"], "import typer", cli["typer"]),
        ]
        tui = interleaved({
            "bare": ([py, "-c", BARE_APP], True),
            "eager": ([py, "-c", HALL_APP, url, "eager", config_dir], True),
            "lazy": ([py, "-c", HALL_APP, url, "lazy", config_dir], True),
        }, runs)
        rows += [
            ("bare Textual app to first screen", tui["bare"], "", 0.0),
            ("hall to log-in screen (db built first)", tui["eager"], "bare Textual app", tui["bare"]),
            ("hall to log-in screen (lazy db)", tui["lazy"], "bare Textual app", tui["bare"]),
        ]
        warm_hall, warm_bare = warm_in_process(url, runs, config_dir)
        rows += [
            ("warm: bare app start+stop", warm_bare, "", 0.0),
            ("warm: hall start+stop", warm_hall, "warm bare app", warm_bare),
        ]

    keys = {"python -c pass": "pass", "python -c 'import typer'": "typer", "hall --help": "help",
            listing_name: "list", "bare Textual app to first screen": "bare",
            "hall to log-in screen (db built first)": "eager", "hall to log-in screen (lazy db)": "lazy"}
    if options.json:
        import json

        print(json.dumps({"runs": runs, "figures": {
            name: {"seconds": value, "spread": SPREADS.get(keys.get(name, "")), "baseline": base_name or None,
                   "ratio": value / base if base else None}
            for name, value, base_name, base in rows}}))
        return
    print(f"start-up, median of {runs} runs ({sys.platform}, Python {sys.version.split()[0]})")
    print(f"{'measurement':42} {'seconds':>8} {'p10–p90':>13}  {'ratio':>6}  baseline")
    for name, value, base_name, base in rows:
        ratio = f"{value / base:6.2f}" if base else "      "
        s = SPREADS.get(keys.get(name, ""))
        band = f"{s['p10']:.3f}–{s['p90']:.3f}" if s else ""
        print(f"{name:42} {value:8.3f} {band:>13}  {ratio}  {base_name}")


if __name__ == "__main__":
    main()
