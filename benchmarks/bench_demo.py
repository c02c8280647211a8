"""How long ``hall demo`` takes at full scale, beside baselines measured in the same run.

Run: ``python benchmarks/bench_demo.py [--repeat N] [--at "YYYY-MM-DD HH:MM"]``

The build stands on a fixed clock (``--at``, default a working Tuesday afternoon
with the hall open), as ``hall demo`` stands on the moment it starts.

Rows (best of N, seconds, and the ratio to the baseline "empty schema"):

* empty schema — migrate a fresh SQLite file (what every new database costs);
* argon2 hash — hashing the demo PIN once (the build does it exactly once);
* plan — drawing the whole hall in Python (no database);
* build — plan + bulk inserts + the extensions into the migrated file, in one transaction;
* schema + build — what ``hall demo`` does in-process;
* hall demo (process) — ``hall demo --no-open`` as a fresh process, imports included.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--at", default="2026-12-01 15:08:00", help="the moment of the build")
    args = parser.parse_args()

    from console.core.auth import hash_pin
    from console.core.clock import FixedClock
    from console.demo.build import DEMO_PIN, make_plan
    from console.demo.target import build_into
    from models.engine import Database

    clock = FixedClock(args.at)

    work = Path(tempfile.mkdtemp(prefix="bench_demo_"))
    counter = iter(range(10_000))

    def fresh() -> Database:
        return Database(f"sqlite:///{work / f'd{next(counter)}.db'}")

    def schema() -> None:
        db = fresh()
        db.ensure_schema()
        db.dispose()

    pin_hash = hash_pin(DEMO_PIN)
    make_plan(random.Random(0))  # warm the pinyin dictionary once, as any real run pays it once

    def build_only() -> None:
        db = fresh()
        db.ensure_schema()
        started = time.perf_counter()
        build_into(db, clock=clock, pin_hash=pin_hash)
        build_only.elapsed = min(getattr(build_only, "elapsed", 1e9), time.perf_counter() - started)
        db.dispose()

    def schema_and_build() -> None:
        db = fresh()
        db.ensure_schema()
        build_into(db, clock=clock)
        db.dispose()

    def process() -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "HALL_LANG": "en", "HALL_NOW": args.at}
        subprocess.run([sys.executable, "-m", "console", "demo", "--no-open", "--path", str(work / "p.db")],
                       check=True, capture_output=True, env=env, cwd=ROOT)

    rows = [("empty schema (baseline)", best(schema, args.repeat))]
    rows.append(("argon2 hash of the demo PIN", best(lambda: hash_pin(DEMO_PIN), args.repeat)))
    rows.append(("plan (pure Python)", best(lambda: make_plan(random.Random(2004)), args.repeat)))
    best(build_only, args.repeat)
    rows.append(("build (inserts, PIN hashed already)", build_only.elapsed))
    rows.append(("schema + build (hall demo in-process)", best(schema_and_build, args.repeat)))
    rows.append(("hall demo --no-open (fresh process)", best(process, max(1, args.repeat - 1))))

    base = rows[0][1]
    width = max(len(name) for name, _ in rows)
    print(f"{'step':<{width}}  {'seconds':>8}  {'× baseline':>10}")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:>8.3f}  {seconds / base:>10.2f}")


if __name__ == "__main__":
    main()
