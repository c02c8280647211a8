"""Run every benchmark of ``benchmarks/`` at a small size and print one table.

Run: ``python benchmarks/run_all.py [--only NAME ...] [--json]``

Each benchmark runs as its own process (``python benchmarks/bench_X.py`` with the small
arguments below).  A benchmark that takes ``--json`` is run with it and its figures go into
the table (every ratio it reports, flattened to ``key path = value``); one that does not yet
is run as is and its last printed lines are shown.  A benchmark that fails is reported as
failed, with the end of its error output, and the others still run.  ``--json`` prints one
JSON object: benchmark name → its JSON (or its text lines / error).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: benchmark → the small arguments it runs with here
SMALL: dict[str, list[str]] = {
    "bench_window": ["--keys", "10", "--waiting", "50"],
    "bench_commands": ["--runs", "3"],
    "bench_display_soak": ["--minutes", "0.5", "--idle", "20", "--probe", "3", "--no-baseline"],
    "bench_display": ["--calls", "10", "--no-postgres"],
    "bench_queue": ["--calls", "200", "--engines", "sqlite"],
    "bench_startup": ["--runs", "3"],
    "bench_cases": ["--cases", "2000"],
    "bench_case_lists": ["--cases", "5000", "--repeat", "3"],
    "bench_catalog": ["--rounds", "3"],
    "bench_demo": ["--repeat", "1", "--cases", "2000", "--no-whole"],
    "bench_assess": ["--repeat", "1"],
    "bench_supervision": ["--cases", "500", "--rounds", "2"],
    "bench_proxy": [],
    "bench_i18n": ["--runs", "3", "--loops", "3"],
    "bench_login": ["--rounds", "4"],
    "bench_ui_block": ["--cases", "20000", "--rounds", "1"],
}


def takes_json(path: Path) -> bool:
    return '"--json"' in path.read_text(encoding="utf-8")


def flatten(data, prefix: str = "") -> dict[str, object]:
    """``{"a": {"b": 1}}`` → ``{"a.b": 1}`` (lists are kept whole)."""
    if isinstance(data, dict):
        out: dict[str, object] = {}
        for key, value in data.items():
            out.update(flatten(value, f"{prefix}{key}."))
        return out
    return {prefix[:-1]: data}


def run_one(name: str, extra: list[str]) -> dict:
    path = HERE / f"{name}.py"
    argv = [sys.executable, str(path), *extra]
    json_mode = takes_json(path)
    if json_mode:
        argv.append("--json")
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, cwd=HERE.parent)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        return {"ok": False, "seconds": seconds, "error": done.stderr.strip().splitlines()[-5:]}
    if json_mode:
        try:
            return {"ok": True, "seconds": seconds, "json": json.loads(done.stdout.strip().splitlines()[-1])}
        except (ValueError, IndexError):
            return {"ok": False, "seconds": seconds, "error": ["no JSON object on the last line"]}
    return {"ok": True, "seconds": seconds, "text": done.stdout.strip().splitlines()[-8:]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", help="benchmark names (e.g. bench_window)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if args.only:
        names = [n for n in names if n in args.only]
    results = {}
    for name in names:
        print(f"running {name} …", file=sys.stderr, flush=True)
        results[name] = run_one(name, SMALL.get(name, []))
    if args.json:
        print(json.dumps(results, default=str))
        return
    for name, r in results.items():
        head = f"{name} ({r['seconds']:.0f} s)"
        if not r["ok"]:
            print(f"{head}: FAILED")
            for line in r["error"]:
                print(f"    {line}")
            continue
        if "json" in r:
            figures = {k: v for k, v in flatten(r["json"]).items()
                       if "ratio" in k or k.endswith(".median") or k.endswith("met") or "aim" in k}
            print(f"{head}: {len(figures)} figures")
            for key, value in figures.items():
                shown = f"{value:.4g}" if isinstance(value, float) else value
                print(f"    {key:<60} {shown}")
        else:
            print(f"{head}: (no --json yet) last lines:")
            for line in r["text"]:
                print(f"    {line}")


if __name__ == "__main__":
    main()
