"""Run every benchmark of ``benchmarks/`` at a small size and print one table.

Run: ``python benchmarks/run_all.py [--only NAME ...] [--json]``

Each benchmark runs as its own process (``python benchmarks/bench_X.py`` with the small
arguments below).  A benchmark that takes ``--json`` is run with it and its figures go into
the table (every ratio it reports, flattened to ``key path = value``); one that does not yet
is run as is and its last printed lines are shown.  A benchmark that fails (an error, no
JSON object on its last line, or more than ``--timeout`` seconds) is reported as failed,
with the end of its error output, and the others still run; the exit status is 1 when
any failed.  ``--json`` prints one JSON object: benchmark name → its JSON (or its text
lines / error).
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
    "bench_display_soak": ["--minutes", "0.25", "--idle", "10", "--probe", "3"],
    "bench_display": ["--calls", "10", "--no-postgres"],
    "bench_queue": ["--calls", "200", "--engines", "sqlite"],
    "bench_startup": ["--runs", "3"],
    "bench_cases": ["--cases", "2000", "--accepts", "60", "--import-rounds", "2", "--repeat", "5"],
    "bench_case_lists": ["--cases", "5000", "--repeat", "3"],
    "bench_catalog": ["--rounds", "3"],
    "bench_demo": ["--repeat", "1", "--cases", "2000", "--no-whole"],
    "bench_assess": ["--cases", "20000", "--entries", "3000", "--repeat", "3"],
    "bench_supervision": ["--cases", "500", "--rounds", "20"],
    "bench_proxy": ["100", "--rounds", "5"],
    "bench_i18n": ["--runs", "3", "--loops", "3"],
    "bench_login": ["--rounds", "4"],
    "bench_ui_block": ["--cases", "3000", "--rounds", "1"],
    "bench_login_contention": ["--seconds", "3"],
    "bench_serve_soak": ["--minutes", "0.15", "--idle", "2", "--probe", "2"],
}

#: seconds after which a benchmark is stopped and reported as failed
TIMEOUT = 900


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


def run_one(name: str, extra: list[str], timeout: float = TIMEOUT) -> dict:
    path = HERE / f"{name}.py"
    argv = [sys.executable, str(path), *extra]
    json_mode = takes_json(path)
    if json_mode:
        argv.append("--json")
    start = time.perf_counter()
    try:
        done = subprocess.run(argv, capture_output=True, text=True, cwd=HERE.parent, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"ok": False, "seconds": time.perf_counter() - start, "error": [f"timed out after {timeout:.0f} s"]}
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        return {"ok": False, "seconds": seconds, "error": done.stderr.strip().splitlines()[-5:]}
    if json_mode:
        lines = done.stdout.strip().splitlines()
        try:
            data = json.loads(lines[-1])
        except (ValueError, IndexError):
            last = lines[-1][:80] if lines else "(no output)"
            return {"ok": False, "seconds": seconds, "error": ["no JSON object on the last line:", last]}
        if not isinstance(data, dict):
            return {"ok": False, "seconds": seconds, "error": ["the last line is JSON but not an object"]}
        return {"ok": True, "seconds": seconds, "json": data}
    return {"ok": True, "seconds": seconds, "text": done.stdout.strip().splitlines()[-8:]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", help="benchmark names (e.g. bench_window)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds allowed to each benchmark")
    args = parser.parse_args()
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if args.only:
        names = [n for n in names if n in args.only]
    results = {}
    for name in names:
        print(f"running {name} …", file=sys.stderr, flush=True)
        results[name] = run_one(name, SMALL.get(name, []), args.timeout)
    failed = [name for name, r in results.items() if not r["ok"]]
    if args.json:
        print(json.dumps(results, default=str))
        return 1 if failed else 0
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
            ratios = sum(1 for k in flatten(r["json"]) if "ratio" in k)
            print(f"{head}: {len(figures)} figures" + ("" if ratios else "  (NO RATIO: no baseline compared)"))
            flat = flatten(r["json"])
            for key, value in figures.items():
                shown = f"{value:.4g}" if isinstance(value, float) else value
                if key.endswith(".median"):  # the spread beside the median, when the benchmark gives it
                    low, high = flat.get(key[:-6] + "p10"), flat.get(key[:-6] + "p90")
                    if isinstance(low, (int, float)) and isinstance(high, (int, float)):
                        shown = f"{shown}  (p10–p90 {low:.4g}–{high:.4g})"
                print(f"    {key:<60} {shown}")
        else:
            print(f"{head}: (no --json yet) last lines:")
            for line in r["text"]:
                print(f"    {line}")
    total = sum(r["seconds"] for r in results.values())
    print(f"{len(results) - len(failed)} of {len(results)} benchmarks ran in {total:.0f} s"
          + (f"; FAILED: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
