"""Where the demo is built: one transaction on one moment, into a file that appears only when complete.

* :func:`build_into` reads the clock **once** — the moment of the build — and runs
  :func:`~console.demo.build.build_demo` in one runner transaction on a clock
  standing at that moment, so every extension sees the same "now" however long
  the build takes; a failure rolls everything back.
* :func:`build_file` builds a SQLite file in a temporary file beside the target and
  moves it into place only when the build succeeded: a failed build leaves no
  file behind (and an old file at the target stays as it was).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from models.engine import Database

    from console.core.clock import Clock
    from console.core.settings import Settings
    from console.demo.build import DemoResult

#: what SQLite may keep beside a database file
SIDECARS = ("-wal", "-shm", "-journal")


def build_into(db: Database, *, clock: Clock, seed: int | None = None, cases: int = 0,
               pin_hash: str | None = None, settings: Settings | None = None) -> DemoResult:
    """Build the demo hall into the empty database ``db`` at the moment ``clock`` reads now."""
    from console.core.clock import FixedClock
    from console.core.runner import Runner
    from console.demo.build import DEFAULT_SEED, build_demo

    moment = FixedClock(clock.now(), clock.timezone)  # the one read of the clock
    runner = Runner(db, clock=moment, settings=settings)
    result = runner.run(build_demo, seed=DEFAULT_SEED if seed is None else seed, cases=cases, pin_hash=pin_hash)
    db.analyze()  # the planner's statistics for what was just written (the case lists need them)
    return result


def build_file(path: Path, *, clock: Clock, seed: int | None = None, cases: int = 0,
               pin_hash: str | None = None, settings: Settings | None = None) -> DemoResult:
    """Build the demo hall as the SQLite file ``path`` (replacing it only once the build succeeded)."""
    from models.engine import Database

    from console.core.files import private_dir

    path = Path(path)
    private_dir(path.parent)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.building")
    try:
        db = Database(f"sqlite:///{temporary}", scratch=True)  # nobody opens it before it is moved into place
        try:
            db.ensure_schema()
            result = build_into(db, clock=clock, seed=seed, cases=cases, pin_hash=pin_hash, settings=settings)
        finally:
            db.dispose()
        _checkpoint(temporary)
        remove_sqlite_file(path, main=False)  # the old file's journal must not meet the new file
        os.replace(temporary, path)
    except BaseException:
        remove_sqlite_file(temporary)
        raise
    return result


def _checkpoint(path: Path) -> None:
    """Fold a write-ahead log left beside ``path`` into the file itself."""
    if not any(path.with_name(path.name + s).exists() for s in SIDECARS):
        return
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        connection.close()


def remove_sqlite_file(path: Path, *, main: bool = True) -> bool:
    """Delete a SQLite file (unless not ``main``) and what SQLite keeps beside it; True when the file existed."""
    existed = path.exists()
    for suffix in (("",) if main else ()) + SIDECARS:
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            candidate.unlink()
    return existed
