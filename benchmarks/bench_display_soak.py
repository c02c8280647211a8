"""Hall display soak: the real ``hall display`` process for minutes against a stream of calls.

Run: ``python benchmarks/bench_display_soak.py [--minutes 3] [--calls-per-minute 30] [--json]``

The display runs in a pseudo-terminal (120×40) on a fresh demo hall (``hall demo``), as a
hall TV runs it.  For the first ``--idle`` seconds nothing happens; then a "clerk
terminal" (this process, through the runner) takes tickets and calls the next one at a
random window, ``--calls-per-minute`` a minute.  Throughout:

* **responsiveness** — every ``--probe`` seconds while the calls stream (and, for the
  baseline, for as long) the terminal is resized by one column;
  the time to the display's next output is its answer time.  A *stall* is an answer
  slower than 1 s (or none in 5 s).  This is what froze: the display stopped answering.
* **calls followed** — the time from a committed call to its number appearing in the
  display's output (the "last calls" column).
* **CPU** — the process's CPU (user + system) per wall second while idle and while calls
  stream; **RSS** — resident memory after warm-up and at the end (growth in %).
* **Ctrl+Q** — whether the process exits on it, and how fast.

The baseline, in the same run and the same harness, is a bare Textual app showing a clock
label that changes every second: its answer time and idle CPU are what a terminal app
costs at all, so the ratios say what the display adds.  Medians and spread (p10–p90);
``--json`` prints one JSON object with every figure and ratio.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import random
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchlib import spread  # noqa: E402 - median and p10–p90, shared by every benchmark

COLUMNS, ROWS = 120, 40
STALL_SECONDS = 1.0
ANSWER_TIMEOUT = 5.0

BARE_APP = """
from textual.app import App
from textual.widgets import Static
import datetime

class Bare(App):
    BINDINGS = [("ctrl+q", "quit", "quit")]
    def compose(self):
        yield Static("", id="clock")
    def on_mount(self):
        self.set_interval(1.0, self.tick)
    def tick(self):
        self.query_one("#clock", Static).update(datetime.datetime.now().strftime("%H:%M:%S"))

Bare().run()
"""


class Watched:
    """What a harness reads off a screen it drives: output kept with timestamps, answers to a resize.

    A subclass sets ``columns``/``rows`` (``size``), ``_lock``, ``text``, ``last_output`` and
    gives ``_resize(columns, rows)``.
    """

    size: tuple[int, int] = (COLUMNS, ROWS)

    def probe(self) -> float | None:
        """Resize by one column; seconds to the next output (None: no answer in time)."""
        with self._lock:
            self.text = ""
        start = time.monotonic()
        width, height = self.size
        self.columns = width + 1 if self.columns == width else width
        self._resize(self.columns, height)
        while time.monotonic() - start < ANSWER_TIMEOUT:
            with self._lock:
                if self.last_output > start:
                    return self.last_output - start
            time.sleep(0.005)
        return None

    def wait_for(self, needle: str, timeout: float = ANSWER_TIMEOUT) -> float | None:
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            with self._lock:
                if needle in self.text:
                    return time.monotonic() - start
            time.sleep(0.01)
        return None


class Terminal(Watched):
    """A process in a pseudo-terminal; a thread reads everything it writes, with timestamps."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.columns = COLUMNS
        pid, fd = pty.fork()
        if pid == 0:  # the child: the program, on the terminal
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        self._resize(COLUMNS, ROWS)
        self._lock = threading.Lock()
        self.last_output = time.monotonic()
        self.text = ""  # decoded output, the last 200,000 characters
        self.closed = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _resize(self, columns: int, rows: int) -> None:
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        os.kill(self.pid, signal.SIGWINCH)

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            with self._lock:
                self.last_output = time.monotonic()
                self.text = (self.text + chunk.decode("utf-8", "replace"))[-200_000:]
        self.closed.set()


    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def quit(self) -> float | None:
        """Ctrl+Q; seconds until the process exited (None: it did not in 10 s, then killed)."""
        start = time.monotonic()
        os.write(self.fd, b"\x11")
        while time.monotonic() - start < 10:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return time.monotonic() - start
            time.sleep(0.02)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        return None


def run_terminal(argv, env, *, idle: float, busy: float, probe_every: float, on_busy=None) -> dict:
    """Run ``argv``: warm-up, an idle phase, then a busy phase (``on_busy(term)`` in a thread)."""
    term = Terminal(argv, env)
    time.sleep(8.0)  # start-up and first frame
    rss_start = term.rss_mib()
    probes: list[float | None] = []
    cpu0, t0 = term.cpu_seconds(), time.monotonic()
    time.sleep(idle)  # idle: nothing touches the terminal or the database
    cpu_idle = (term.cpu_seconds() - cpu0) / (time.monotonic() - t0)
    follow: list[float | None] = []
    stop = threading.Event()
    worker = None
    if on_busy is not None:
        worker = threading.Thread(target=on_busy, args=(term, follow, stop), daemon=True)
    cpu1, t1 = term.cpu_seconds(), time.monotonic()
    if worker:
        worker.start()
    while time.monotonic() - t1 < busy:
        time.sleep(probe_every)
        probes.append(term.probe())
    stop.set()
    if worker:
        worker.join()
    cpu_busy = (term.cpu_seconds() - cpu1) / (time.monotonic() - t1)
    rss_end = term.rss_mib()
    answered = [p for p in probes if p is not None]
    quit_seconds = term.quit()
    return {
        "answer_s": spread(answered),
        "stalls": sum(1 for p in probes if p is None or p > STALL_SECONDS),
        "probes": len(probes),
        "cpu_idle_pct": 100 * cpu_idle,
        "cpu_busy_pct": 100 * cpu_busy,
        "rss_start_mib": rss_start,
        "rss_end_mib": rss_end,
        "rss_growth_pct": 100 * (rss_end - rss_start) / rss_start if rss_start else None,
        "calls": len(follow),
        "calls_shown": sum(1 for f in follow if f is not None),
        "call_to_screen_s": spread([f for f in follow if f is not None]),
        "ctrl_q_quit": quit_seconds is not None,
        "ctrl_q_s": quit_seconds,
    }


def caller(db_url: str, per_minute: float, seed: int):
    """The clerk terminals: take a ticket and call the next one at a random window, ``per_minute`` a minute."""
    from console.core.clock import OffsetClock
    from console.core.runner import Runner
    from console.queue.tickets import take_ticket
    from console.queue.window import call_next
    from models.engine import Database

    def busy(term: Terminal, follow: list, stop: threading.Event) -> None:
        rng = random.Random(seed)
        db = Database(db_url)
        runner = Runner(db, clock=OffsetClock.starting_at(os.environ["HALL_NOW"]))
        pairs = _windows(runner)
        admin = _admin(runner)
        pause = 60.0 / per_minute
        while not stop.is_set():
            code, window = rng.choice(pairs)
            with runner.transaction(write=True) as ctx:
                take_ticket(ctx, code)
            number = runner.run(call_next, window, actor=admin).number
            if number:
                follow.append(term.wait_for(number))  # the number alone: a terminal gets only the cells that changed
            stop.wait(max(0.0, pause - (follow[-1] or 0) if follow else pause))
        db.dispose()

    return busy


def _windows(runner) -> list[tuple[str, str]]:
    from console.queue.services import list_services

    services = runner.run(list_services)
    return [(s.code, w) for s in services for w in (s.windows or ())]


def _admin(runner):
    from sqlalchemy import select

    from console.core.auth import Actor
    from models import Role, Staff

    with runner.db.read() as s:
        return Actor.of(s.scalars(select(Staff).where(Staff.role == Role.admin)).first())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=3.0, help="busy minutes (calls streaming)")
    parser.add_argument("--idle", type=float, default=60.0, help="idle seconds before the calls")
    parser.add_argument("--calls-per-minute", type=float, default=30.0)
    parser.add_argument("--probe", type=float, default=5.0, help="seconds between resize probes")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print one JSON object of the figures")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-display-soak-"))
    db_file = work / "demo.db"
    env = {**os.environ, "HALL_NOW": os.environ.get("HALL_NOW", "2026-12-01 10:00:00"),
           "HALL_LANG": "en", "TERM": "xterm-256color", "HALL_STATE_DIR": str(work / "state"),
           "HALL_CONFIG_DIR": str(work / "config"), "HALL_DATA_DIR": str(work / "data")}
    env.pop("HALL_DATABASE_URL", None)
    hall = [sys.executable, "-c", "from console.cli.main import run; run()"]
    subprocess.run([*hall, "demo", "--no-open", "--path", str(db_file)], env=env, check=True,
                   stdout=subprocess.DEVNULL, cwd=ROOT)
    url = f"sqlite:///{db_file}"
    env["HALL_DATABASE_URL"] = url
    os.environ["HALL_NOW"] = env["HALL_NOW"]

    display = run_terminal([*hall, "display"], env, idle=args.idle, busy=args.minutes * 60,
                           probe_every=args.probe, on_busy=caller(url, args.calls_per_minute, args.seed))
    result = {"display": display}
    if not args.no_baseline:
        bare = run_terminal([sys.executable, "-c", BARE_APP], env, idle=args.idle, busy=min(60.0, args.minutes * 60),
                            probe_every=args.probe)
        result["bare_textual"] = bare
        med = lambda r: r["answer_s"]["median"]  # noqa: E731
        result["answer_ratio"] = med(display) / med(bare) if med(display) and med(bare) else None
        result["idle_cpu_ratio"] = (display["cpu_idle_pct"] / bare["cpu_idle_pct"]
                                    if bare["cpu_idle_pct"] else None)
    result["aims"] = {
        "no_stall_over_1s": display["stalls"] == 0,
        "rss_growth_under_10pct": (display["rss_growth_pct"] or 0) < 10,
        "idle_cpu_under_2pct": display["cpu_idle_pct"] < 2,
        "all_calls_shown": display["calls_shown"] == display["calls"],
        "ctrl_q": display["ctrl_q_quit"],
    }
    if args.json:
        print(json.dumps(result, default=float))
        return
    _table(result)


def _table(result: dict) -> None:
    rows = [("", "hall display", "bare Textual")]
    d, b = result["display"], result.get("bare_textual")

    def ms(s):
        return f"{1000 * s['median']:.0f} ms ({1000 * s['p10']:.0f}–{1000 * s['p90']:.0f})" if s["n"] else "-"

    rows.append(("answer to a resize, median (p10–p90)", ms(d["answer_s"]), ms(b["answer_s"]) if b else "-"))
    rows.append(("stalls > 1 s / probes", f"{d['stalls']} / {d['probes']}",
                 f"{b['stalls']} / {b['probes']}" if b else "-"))
    rows.append(("CPU idle", f"{d['cpu_idle_pct']:.2f}%", f"{b['cpu_idle_pct']:.2f}%" if b else "-"))
    rows.append(("CPU with calls streaming", f"{d['cpu_busy_pct']:.2f}%", "-"))
    rows.append(("RSS start → end", f"{d['rss_start_mib']:.0f} → {d['rss_end_mib']:.0f} MiB "
                 f"({d['rss_growth_pct']:+.1f}%)", f"{b['rss_start_mib']:.0f} → {b['rss_end_mib']:.0f} MiB" if b else "-"))
    rows.append(("calls shown / made", f"{d['calls_shown']} / {d['calls']}", "-"))
    rows.append(("call → on screen, median (p10–p90)", ms(d["call_to_screen_s"]), "-"))
    rows.append(("Ctrl+Q quits", f"{d['ctrl_q_quit']} ({d['ctrl_q_s'] or 0:.2f} s)",
                 f"{b['ctrl_q_quit']}" if b else "-"))
    width = max(len(r[0]) for r in rows)
    for r in rows:
        print(f"{r[0]:<{width}}  {r[1]:<34}  {r[2]}")
    if "answer_ratio" in result:
        print(f"ratios: answer {result['answer_ratio']:.2f}×, idle CPU {result['idle_cpu_ratio'] or 0:.2f}×")
    print("aims:", ", ".join(f"{k} {'met' if v else 'NOT met'}" for k, v in result["aims"].items()))


if __name__ == "__main__":
    main()
