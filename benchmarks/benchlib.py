"""What the benchmarks share: timing in turns, median and spread, ratios, one JSON line.

Not a benchmark itself (``run_all.py`` runs ``bench_*.py`` only).

* :func:`spread` — median, p10, p90, min, max and count of a list of timings: every
  figure a benchmark prints is a median with its spread, never the minimum alone;
* :func:`interleaved` — time several functions in turns (round 1 of each, round 2 of
  each, …), so that the machine's ups and downs fall on all of them alike;
* :func:`capture` and :func:`replay` — the SQL a call sends, recorded from the
  engine, and the same statements with the same parameters sent again through the raw
  driver (the DBAPI connection, no ORM, no Python work between them): a baseline that
  does exactly the same database work as the path measured;
* :func:`figure` and :func:`print_json` — one figure (median, spread, baseline and its
  ratio) and the one JSON object on the last line of standard output.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any


def spread(values: list[float]) -> dict[str, Any]:
    """``{"n", "median", "p10", "p90", "min", "max"}`` of ``values`` (``None`` figures when empty)."""
    if not values:
        return {"n": 0, "median": None, "p10": None, "p90": None, "min": None, "max": None}
    ordered = sorted(values)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    return {"n": len(values), "median": statistics.median(values), "p10": pick(0.1), "p90": pick(0.9),
            "min": ordered[0], "max": ordered[-1]}


def ratio(ours: float | None, base: float | None) -> float | None:
    """``ours / base``, or ``None`` when either is missing or the base is zero."""
    if ours is None or not base:
        return None
    return ours / base


def timed(fn: Callable[[], Any], rounds: int, *, scale: float = 1000.0) -> list[float]:
    """``rounds`` timings of ``fn()`` (milliseconds by default)."""
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * scale)
    return out


def interleaved(fns: dict[str, Callable[[], Any]], rounds: int, *, warmup: int = 1,
                between: Callable[[], Any] | None = None, scale: float = 1000.0) -> dict[str, list[float]]:
    """Timings of each of ``fns`` (milliseconds by default), run in turns for ``rounds`` rounds.

    Each runs ``warmup`` times first, unmeasured.  ``between`` (unmeasured) runs after every
    call, to put the database back as it was (a write measured several times).
    """
    for _ in range(warmup):
        for fn in fns.values():
            fn()
            if between is not None:
                between()
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - start) * scale)
            if between is not None:
                between()
    return samples


def figure(values: list[float], base: list[float] | None = None, base_name: str | None = None,
           **extra: Any) -> dict[str, Any]:
    """A figure: the spread of ``values``, and its baseline's name and median ratio (when given)."""
    out = spread(values)
    if base is not None:
        out["baseline"] = base_name
        out["ratio"] = ratio(out["median"], statistics.median(base) if base else None)
    out.update(extra)
    return out


def finite(data: Any) -> Any:
    """``data`` with NaN and infinities as ``None`` (JSON has no NaN)."""
    if isinstance(data, dict):
        return {key: finite(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [finite(value) for value in data]
    if isinstance(data, float) and not math.isfinite(data):
        return None
    return data


def print_json(data: dict) -> None:
    """The benchmark's figures as one JSON object on one line (the last line of standard output)."""
    print(json.dumps(finite(data), default=str, ensure_ascii=False), flush=True)


def band(f: dict[str, Any], fmt: str = ".2f") -> str:
    """``p10–p90`` of a figure, for the text tables."""
    if f.get("p10") is None:
        return "—"
    return f"{f['p10']:{fmt}}–{f['p90']:{fmt}}"


# -- the same SQL through the raw driver -------------------------------------------------------


@contextmanager
def capture(engine):
    """Record every statement ``engine`` sends inside the ``with`` block: a list of
    ``(sql, parameters, executemany)``, exactly as handed to the DBAPI cursor."""
    from sqlalchemy import event

    statements: list[tuple[str, Any, bool]] = []

    def record(_conn, _cursor, statement, parameters, _context, executemany):
        # an "insertmanyvalues" batch is flagged executemany but sent with cursor.execute:
        # one flat row of parameters, not a list of rows
        many = bool(executemany and parameters and isinstance(parameters[0], (tuple, list, dict)))
        statements.append((statement, parameters, many))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def replay(engine, statements: list[tuple[str, Any, bool]], *, commit: bool = False,
           before: Callable[[Any, str], Any] | None = None) -> int:
    """Send ``statements`` again through a raw DBAPI connection of ``engine`` (the same
    connection settings, no ORM), fetching every row; commit or roll back at the end.

    ``before(cursor, sql)`` runs before each statement (work the path does on the raw
    connection itself, which the engine never sees).  Returns the number of rows fetched.
    """
    raw = engine.raw_connection()
    try:
        dbapi = raw.driver_connection
        cursor = dbapi.cursor()
        rows = 0
        for sql, parameters, many in statements:
            if before is not None:
                before(cursor, sql)
            if many:
                cursor.executemany(sql, parameters)
            elif parameters:
                cursor.execute(sql, parameters)
            else:
                cursor.execute(sql)
            if cursor.description is not None:
                rows += len(cursor.fetchall())
        if commit:
            dbapi.commit()
        else:
            dbapi.rollback()
        cursor.close()
        return rows
    finally:
        raw.close()


def full_strength_pins(db, pin: str = "123456") -> None:
    """Every staff member's PIN hashed as the console hashes it (``console.core.auth.hash_pin``).

    The test hall's factories store the lightest argon2 hashes (the suite logs in thousands of
    times); a benchmark that times a log-in must verify what a real hall stores.
    """
    from sqlalchemy import update

    from console.core.auth import hash_pin
    from models import Staff

    with db.write() as session:
        session.execute(update(Staff).values(pin_hash=hash_pin(pin)))
