"""The cost of ``t()``: its first call in a fresh process, and a loop over every message.

Run: ``python benchmarks/bench_i18n.py [--runs N] [--loops N] [--json]``.

* first call: a fresh ``python`` imports :mod:`console.core.i18n` and calls ``t()`` once
  (the catalog is read then, never at import); the child reports the time of the import and
  of the first call.  Median of N processes.
* loop: every key of the catalog through ``t()`` (with its placeholders filled when it has
  some), in English and in Chinese, per call; beside the same loop over a plain Python dict
  ``{key: (english, chinese)}`` with the former dict-module ``t()`` logic — the floor
  (``ratio_t_to_dict_<lang>``).

Measured against the dict modules just before the catalogs replaced them (same machine, median
of 11 processes): first call 16 ms then, 4-5 ms (en) and 6-7 ms (zh_CN) now; a call in the loop
the same, ~350 ns, 1.1-1.2x the bare dict.
"""

from __future__ import annotations

import argparse
import json
import statistics
import string
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = """
import time
t0 = time.perf_counter()
from console.core import i18n
t1 = time.perf_counter()
i18n.set_language("{lang}")
i18n.t("errors.login_failed")
t2 = time.perf_counter()
i18n.t("errors.bad_date", value="x")
t3 = time.perf_counter()
print((t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e6)
"""


def first_call(runs: int, lang: str) -> dict[str, float]:
    rows = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", CHILD.format(lang=lang)], capture_output=True, text=True,
                             cwd=ROOT, check=True)
        rows.append([float(x) for x in out.stdout.split()])
    return {"import_ms": statistics.median(r[0] for r in rows),
            "first_call_ms": statistics.median(r[1] for r in rows),
            "second_call_us": statistics.median(r[2] for r in rows)}


def _params(text: str) -> dict[str, str]:
    return {name: "x" for _, name, _, _ in string.Formatter().parse(text) if name}


def loop(loops: int) -> dict[str, float]:
    from console.core import i18n

    pairs = dict(i18n.catalog())
    calls = [(key, _params(en)) for key, (en, _zh) in pairs.items()]
    current = {"lang": "en"}

    def old_t(key, /, **params):  # the former dict-module t()
        pair = pairs.get(key)
        if pair is None:
            return key
        text = pair[1] if current["lang"] == "zh_CN" else pair[0]
        if params:
            try:
                return text.format(**params)
            except (KeyError, IndexError, ValueError):
                return text
        return text

    result = {}
    for lang in ("en", "zh_CN"):
        i18n.set_language(lang)
        current["lang"] = lang
        for name, fn in (("t", i18n.t), ("dict", old_t)):
            best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                for _ in range(loops):
                    for key, params in calls:
                        fn(key, **params)
                best = min(best, time.perf_counter() - t0)
            result[f"{name}_{lang}_ns_per_call"] = best / (loops * len(calls)) * 1e9
        assert all(i18n.t(k, **p) == old_t(k, **p) for k, p in calls)
        result[f"ratio_t_to_dict_{lang}"] = result[f"t_{lang}_ns_per_call"] / result[f"dict_{lang}_ns_per_call"]
    result["messages"] = len(calls)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--loops", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = {"first_en": first_call(args.runs, "en"), "first_zh_CN": first_call(args.runs, "zh_CN"),
               "loop": loop(args.loops)}
    if args.json:
        print(json.dumps(figures))
        return
    for group, values in figures.items():
        for name, value in values.items():
            print(f"{group:12} {name:24} {value:10.2f}")


if __name__ == "__main__":
    main()
