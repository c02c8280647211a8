"""Served hall display soak: ``hall serve display`` for minutes, a browser's websocket on it, a stream of calls.

Run: ``python benchmarks/bench_serve_soak.py [--minutes 5] [--calls-per-minute 30] [--json]``

The hall TV in a browser: ``hall serve display`` (textual-serve) on a fresh demo hall, and
one client speaking the browser page's websocket protocol (``/ws``, ``["resize", …]``
envelopes in, terminal output frames back) at 160×45.  After ``--idle`` seconds of
nothing, a "clerk terminal" (this process, through the runner) takes tickets and calls the
next one at a random window, ``--calls-per-minute`` a minute (the same caller as
``bench_display_soak.py``).  Throughout:

* **responsiveness** — every ``--probe`` seconds the page is resized by one column; the
  time to the next output frame is the answer time; a *stall* is an answer slower than
  1 s (or none in 5 s);
* **calls followed** — from a committed call to its number in the page's output;
* **CPU and RSS** of the whole served tree (the web server and the display process it
  runs for the page): CPU per wall second idle and busy, RSS after warm-up and at the end.

The baseline, same run and same harness, is the same ``hall display`` process in a
pseudo-terminal (``bench_display_soak.py``'s harness): the ratios say what serving it to a
browser adds (answer time, call to screen, CPU busy and idle, RSS).  Medians and spread (p10–p90);
``--json`` prints one JSON object, on the last line of standard output.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_display_soak import Watched, caller, run_terminal, spread  # noqa: E402

COLUMNS, ROWS = 160, 45


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _cpu(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total / os.sysconf("SC_CLK_TCK")


def _rss(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


class Page(Watched):
    """The browser page of a served screen: its websocket in a thread of its own, output kept with timestamps."""

    size = (COLUMNS, ROWS)

    def __init__(self, port: int) -> None:
        self.url = f"ws://127.0.0.1:{port}/ws?width={COLUMNS}&height={ROWS}"
        self.columns = COLUMNS
        self._lock = threading.Lock()
        self.text = ""
        self.last_output = time.monotonic()
        self.frames = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._ws = None
        threading.Thread(target=self._run, daemon=True).start()
        if not self._ready.wait(30):
            raise RuntimeError("the served page did not connect")

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._main())

    async def _main(self) -> None:
        import aiohttp

        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(self.url, max_msg_size=0) as ws:
                self._ws = ws
                self._ready.set()
                async for message in ws:
                    if message.type == aiohttp.WSMsgType.BINARY:
                        with self._lock:
                            self.last_output = time.monotonic()
                            self.frames += 1
                            self.text = (self.text + message.data.decode("utf-8", "replace"))[-200_000:]
                    elif message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                        break

    def _send(self, envelope: list) -> None:
        asyncio.run_coroutine_threadsafe(self._ws.send_json(envelope), self._loop).result(5)

    def _resize(self, columns: int, rows: int) -> None:
        self._send(["resize", {"width": columns, "height": rows}])

    def close(self) -> None:
        if self._ws is not None:
            asyncio.run_coroutine_threadsafe(self._ws.close(), self._loop).result(10)


def run_served(hall: str, env: dict, *, idle: float, busy: float, probe_every: float, on_busy) -> dict:
    port = _free_port()
    server = subprocess.Popen([hall, "serve", "display", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        page = Page(port)
        time.sleep(10.0)  # the display process starts and paints its first frame
        served_on_connect = len(_tree(server.pid)) > 1
        rss_start = _rss(_tree(server.pid))
        cpu0, t0 = _cpu(_tree(server.pid)), time.monotonic()
        time.sleep(idle)
        cpu_idle = (_cpu(_tree(server.pid)) - cpu0) / (time.monotonic() - t0)
        follow: list[float | None] = []
        stop = threading.Event()
        worker = threading.Thread(target=on_busy, args=(page, follow, stop), daemon=True)
        probes: list[float | None] = []
        cpu1, t1 = _cpu(_tree(server.pid)), time.monotonic()
        rss_peak = rss_start
        worker.start()
        while time.monotonic() - t1 < busy:
            time.sleep(probe_every)
            probes.append(page.probe())
            rss_peak = max(rss_peak, _rss(_tree(server.pid)))
        stop.set()
        worker.join()
        cpu_busy = (_cpu(_tree(server.pid)) - cpu1) / (time.monotonic() - t1)
        rss_end = _rss(_tree(server.pid))
        tree_before_close = len(_tree(server.pid))
        page.close()
        time.sleep(3.0)
        tree_after_close = len(_tree(server.pid))  # the page's display process ends with its page
        answered = [p for p in probes if p is not None]
        return {
            "display_process_started": served_on_connect,
            "answer_s": spread(answered),
            "stalls": sum(1 for p in probes if p is None or p > 1.0),
            "probes": len(probes),
            "cpu_idle_pct": 100 * cpu_idle,
            "cpu_busy_pct": 100 * cpu_busy,
            "rss_start_mib": rss_start,
            "rss_peak_mib": rss_peak,
            "rss_end_mib": rss_end,
            "rss_growth_pct": 100 * (rss_end - rss_start) / rss_start if rss_start else None,
            "calls": len(follow),
            "calls_shown": sum(1 for f in follow if f is not None),
            "call_to_screen_s": spread([f for f in follow if f is not None]),
            "processes_with_page": tree_before_close,
            "processes_after_page_closed": tree_after_close,
        }
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def _ratio(ours: float | None, base: float | None) -> float | None:
    return ours / base if ours is not None and base else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="busy minutes (calls streaming)")
    parser.add_argument("--idle", type=float, default=60.0, help="idle seconds before the calls")
    parser.add_argument("--calls-per-minute", type=float, default=30.0)
    parser.add_argument("--probe", type=float, default=5.0, help="seconds between resize probes")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print one JSON object of the figures")
    args = parser.parse_args()

    hall = str(Path(sys.executable).with_name("hall"))
    work = Path(tempfile.mkdtemp(prefix="hall-serve-soak-"))
    env = {**os.environ, "HALL_NOW": os.environ.get("HALL_NOW", "2026-12-01 10:00:00"), "HALL_LANG": "zh_CN",
           "HALL_CONFIG_DIR": str(work / "config"), "HALL_DATA_DIR": str(work / "data"),
           "HALL_STATE_DIR": str(work / "state"), "TERM": "xterm-256color"}
    os.environ["HALL_NOW"] = env["HALL_NOW"]
    db_file = work / "hall.db"
    subprocess.run([hall, "demo", "--no-open", "--path", str(db_file)], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    env["HALL_DATABASE_URL"] = f"sqlite:///{db_file}"
    busy = args.minutes * 60
    on_busy = caller(env["HALL_DATABASE_URL"], args.calls_per_minute, args.seed)
    served = run_served(hall, env, idle=args.idle, busy=busy, probe_every=args.probe, on_busy=on_busy)
    figures = {"served": served, "minutes": args.minutes, "idle_s": args.idle}
    if not args.no_baseline:
        terminal = run_terminal([hall, "display"], env, idle=args.idle, busy=busy, probe_every=args.probe,
                                on_busy=caller(env["HALL_DATABASE_URL"], args.calls_per_minute, args.seed + 1))
        figures["terminal"] = terminal
        figures["answer_ratio"] = _ratio(served["answer_s"]["median"], terminal["answer_s"]["median"])
        figures["answer_p90_ratio"] = _ratio(served["answer_s"]["p90"], terminal["answer_s"]["p90"])
        figures["call_to_screen_ratio"] = _ratio(served["call_to_screen_s"]["median"],
                                                 terminal["call_to_screen_s"]["median"])
        figures["cpu_busy_ratio"] = _ratio(served["cpu_busy_pct"], terminal["cpu_busy_pct"])
        figures["cpu_idle_ratio"] = _ratio(served["cpu_idle_pct"], terminal["cpu_idle_pct"])
        figures["rss_ratio"] = _ratio(served["rss_end_mib"], terminal["rss_end_mib"])
    if args.json:  # one JSON object, on one line: the last of stdout
        print(json.dumps(figures, default=float))
        return
    for name in ("served", "terminal"):
        if name not in figures:
            continue
        f = figures[name]
        print(f"{name:9} answer median {f['answer_s']['median']:.3f}s p90 {f['answer_s']['p90']:.3f}s"
              f"  stalls {f['stalls']}/{f['probes']}  cpu idle {f['cpu_idle_pct']:.1f}% busy {f['cpu_busy_pct']:.1f}%"
              f"  rss {f['rss_start_mib']:.0f}→{f['rss_end_mib']:.0f} MiB ({f['rss_growth_pct']:+.1f}%)"
              f"  calls shown {f['calls_shown']}/{f['calls']}")
    if "answer_ratio" in figures:
        shown = {k: "—" if figures[k] is None else f"{figures[k]:.2f}×"
                 for k in ("answer_ratio", "call_to_screen_ratio", "cpu_busy_ratio", "rss_ratio")}
        print(f"served/terminal: answer {shown['answer_ratio']}, call to screen {shown['call_to_screen_ratio']}, "
              f"cpu busy {shown['cpu_busy_ratio']}, rss {shown['rss_ratio']}")
    print(f"page closed: {served['processes_with_page']} → {served['processes_after_page_closed']} processes")


if __name__ == "__main__":
    main()
