"""Log-in: Enter on the PIN → the home screen painted, beside the PIN check alone.

Run: ``python benchmarks/bench_login.py [--rounds 15] [--json]``

The console (``HallApp``, headless, 80×24) runs on a temporary SQLite database of the small
test hall.  Each round types clerk C001's number and PIN on the log-in screen, posts Enter
(as the terminal would) and waits until the home screen has been painted — what the clerk
feels: the key, the log-in use case in a worker (the account read, argon2 verifying the PIN,
the log-in recorded, the desk's window and the header's names read), home filled in and
painted — then logs out (F10) for the next round.  Home is composed off the stack while the
log-in screen waits for the number and PIN, as it is for a clerk typing them (the rounds type
them after the log-in screen has been shown).  The baseline, in the same process and the same run, is the PIN check
alone: argon2 verifying the same PIN against the same stored hash, with the settings the
console uses.  Median and spread (p10–p90) of each; ``login_ratio`` = median Enter → home ÷
median PIN check (aim ≤ 1.3×).  ``--json`` prints one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from benchlib import full_strength_pins, spread  # noqa: E402 - shared by every benchmark

AIM = 1.3


async def console_log_ins(db, tmp: Path, rounds: int) -> list[float]:
    from bench_window import Paints, key_to_paint

    from tests.tuihelp import make_app, settle

    app = make_app(db, tmp)
    times = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        paints = Paints(app)
        for _ in range(rounds):
            await pilot.press(*"C001", "enter", *"123456")
            await pilot.pause(0.05)
            times.append(await key_to_paint(app, paints, "enter",
                                            lambda: type(app.screen).__name__ == "HomeScreen"))
            await settle(pilot)
            await pilot.press("f10")
            await settle(pilot)
            for _ in range(200):
                if type(app.screen).__name__ == "LoginScreen":
                    break
                await pilot.pause(0.01)
    return times


def pin_checks(db, rounds: int) -> list[float]:
    from sqlalchemy import select

    from console.core.auth import _verify
    from models import Staff

    with db.read() as session:
        stored = session.scalar(select(Staff.pin_hash).where(Staff.employee_no == "C001"))
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        assert _verify(stored, "123456")
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from console.core.i18n import set_language
    from models.engine import Database
    from tests import factories

    set_language("en")
    tmp = Path(tempfile.mkdtemp(prefix="bench-login-"))
    db = Database(f"sqlite:///{tmp / 'hall.db'}")
    db.ensure_schema()
    factories.make_hall(db)
    full_strength_pins(db)  # the factories' hashes are the lightest argon2 allows
    half = args.rounds // 2
    checks = pin_checks(db, half)
    console = asyncio.run(console_log_ins(db, tmp, args.rounds))
    checks += pin_checks(db, args.rounds - half)  # before and after: the same conditions
    db.dispose()
    result = {"enter_to_home_s": spread(console), "pin_check_s": spread(checks),
              "login_ratio": statistics.median(console) / statistics.median(checks), "aim_login_ratio": AIM}
    result["aim_met"] = result["login_ratio"] <= AIM
    if args.json:
        print(json.dumps(result))
        return

    def ms(s):
        return f"{1000 * s['median']:.1f} ms ({1000 * s['p10']:.1f}–{1000 * s['p90']:.1f})"

    print(f"{'console: Enter on the PIN → home painted':<42} {ms(result['enter_to_home_s'])}")
    print(f"{'the PIN check alone (argon2 verify)':<42} {ms(result['pin_check_s'])}")
    print(f"login_ratio {result['login_ratio']:.2f}× (aim ≤ {AIM}×: {'met' if result['aim_met'] else 'NOT met'})")


if __name__ == "__main__":
    main()
