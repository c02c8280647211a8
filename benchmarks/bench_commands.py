"""CLI process cost: ``hall`` commands as fresh processes, beside bare-import baselines in the same run.

Run: ``python benchmarks/bench_commands.py [--runs 7] [--json] [--no-bytecode-cache]``

Each command is a new process (spawn to exit, wall and CPU — user + system of the child),
run ``--runs`` times, interleaved with its baseline so that machine load hits both alike:

* ``hall --help``, ``hall check id N``, ``hall calendar due DATE DAYS`` — against
  ``python -c "import typer"`` (the aim: ≤ 1.5×);
* ``hall queue services --json`` — a read command (public: no log-in) — and ``hall queue status --json``
  (a supervisor's read, in the session of a ``hall login`` made before) against
  ``python -c "import sqlalchemy.orm"`` (the aim: ≤ 1.5×);
* ``hall queue pause`` and ``hall queue resume`` — a clerk's writes at their window, in a session of
  ``hall login`` (no PIN, no argon2), one after the other in each round so that each succeeds — against
  ``python -c "import sqlalchemy.orm"`` (the aim: ≤ 1.7×).

Every process runs with compiled bytecode, as an installed ``hall`` does: the children get a
bytecode cache of their own (``PYTHONPYCACHEPREFIX`` in the temporary folder, written by one
unmeasured warm-up run of each command), whatever ``PYTHONDONTWRITEBYTECODE`` says;
``--no-bytecode-cache`` runs them in the environment as it is (sources compiled on every start
when it forbids bytecode).

The database is a temporary SQLite file holding the small test hall and its queue services.
Median and spread (p10–p90) of each; every ratio is median / baseline median, on CPU time
(wall on a shared machine mostly measures the other processes).  ``--json`` prints one JSON
object with every figure and ratio (and its aim, and whether it is met).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchlib import spread  # noqa: E402 - median and p10–p90, shared by every benchmark

HALL = [sys.executable, "-c", "from console.cli.main import run; run()"]


def measure(argv: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)  # microseconds (os.times() counts clock ticks)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{argv} failed: {done.stderr.decode()[-500:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def prepare(path: Path) -> str:
    from models.engine import Database
    from tests import factories
    from tests.queue_fixtures import make_services

    url = f"sqlite:///{path}"
    db = Database(url)
    db.ensure_schema()
    factories.make_hall(db)
    make_services(db)
    db.dispose()
    return url


#: (name, argv, baseline name, aim, whose session: ``hall login`` of this staff member made before)
CASES = [
    ("hall --help", [*HALL, "--help"], "import typer", 1.5, None),
    ("hall check id", [*HALL, "check", "id", "11010519491231002X"], "import typer", 1.5, None),
    ("hall calendar due", [*HALL, "calendar", "due", "2026-03-02", "5"], "import typer", 1.5, None),
    ("hall queue services --json", [*HALL, "queue", "services", "--json"], "import sqlalchemy.orm", 1.5, None),
    ("hall queue status --json", [*HALL, "queue", "status", "--json"], "import sqlalchemy.orm", 1.5, "S001"),
    ("hall queue pause (session)", [*HALL, "queue", "pause"], "import sqlalchemy.orm", 1.7, "C001"),
    ("hall queue resume (session)", [*HALL, "queue", "resume"], "import sqlalchemy.orm", 1.7, "C001"),
]
BASELINES = {
    "import typer": [sys.executable, "-c", "import typer"],
    "import sqlalchemy.orm": [sys.executable, "-c", "import sqlalchemy.orm"],
}


def log_in(env: dict, employee_no: str) -> dict:
    """The environment of ``employee_no``'s ``hall login`` session (a state folder of its own)."""
    from tests.factories import PIN

    own = {**env, "HALL_STATE_DIR": f"{env['HALL_STATE_DIR']}-{employee_no}"}
    login = subprocess.run([*HALL, "login"], env={**own, "HALL_AS": employee_no, "HALL_PIN": PIN}, cwd=ROOT,
                           capture_output=True, text=True)
    if login.returncode != 0:
        raise SystemExit(f"hall login failed: {login.stderr[-500:]}")
    return own


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="run the processes in the environment as it is (no bytecode cache of their own)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-commands-"))
    env = {**os.environ, "HALL_DATABASE_URL": prepare(work / "hall.db"), "HALL_LANG": "en",
           "HALL_STATE_DIR": str(work / "state"), "HALL_CONFIG_DIR": str(work / "config"),
           "HALL_DATA_DIR": str(work / "data"), "HALL_NOW": "2026-03-03 10:00:00"}
    if not args.no_bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    sessions = {who: log_in(env, who) for who in {c[4] for c in CASES} if who}
    runs = [*((name, argv, env) for name, argv in BASELINES.items()),
            *((name, argv, sessions[who] if who else env) for name, argv, _b, _a, who in CASES)]
    for _name, argv, run_env in runs:  # warm-up: bytecode, file cache
        measure(argv, run_env)
    samples: dict[str, dict[str, list[float]]] = {}
    for _ in range(args.runs):  # interleaved: each round runs everything once
        for name, argv, run_env in runs:
            wall, cpu = measure(argv, run_env)
            samples.setdefault(name, {"wall": [], "cpu": []})
            samples[name]["wall"].append(wall)
            samples[name]["cpu"].append(cpu)
    result: dict = {"runs": args.runs, "bytecode_cache": not args.no_bytecode_cache, "figures": {}, "ratios": {}}
    for name, s in samples.items():
        result["figures"][name] = {"wall_s": spread(s["wall"]), "cpu_s": spread(s["cpu"])}
    for name, _argv, base, aim, _who in CASES:
        ratio = result["figures"][name]["cpu_s"]["median"] / result["figures"][base]["cpu_s"]["median"]
        result["ratios"][f"{name} / {base}"] = {"cpu_ratio": ratio, "aim": aim, "met": ratio <= aim}
    if args.json:
        print(json.dumps(result))
        return

    def ms(s):
        return f"{1000 * s['median']:.0f} ms ({1000 * s['p10']:.0f}–{1000 * s['p90']:.0f})"

    print(f"{'process':<30} {'CPU median (p10–p90)':<24} wall median (p10–p90)")
    for name, f in result["figures"].items():
        print(f"{name:<30} {ms(f['cpu_s']):<24} {ms(f['wall_s'])}")
    for name, r in result["ratios"].items():
        print(f"{name:<54} {r['cpu_ratio']:.2f}× (aim ≤ {r['aim']}×: {'met' if r['met'] else 'NOT met'})")


if __name__ == "__main__":
    main()
