"""The hall display (叫号屏): what it shows, and a cheap way to learn that something changed.

A display runs :func:`display_state` (public: no log-in) whenever
:class:`ChangeWatcher` says the database changed, and otherwise does nothing:

* **SQLite** — a dedicated connection reads ``PRAGMA data_version`` every
  :data:`POLL_SECONDS`; the value changes whenever another connection commits.
  The pragma reads no table and takes no lock.
* **PostgreSQL** — a dedicated autocommit connection ``LISTEN``\\ s on
  :data:`console.queue.shared.NOTIFY_CHANNEL`; every queue writer ``NOTIFY``\\ s inside its
  transaction, so the signal arrives exactly when the change is committed.

Use it from a worker thread: ``while running: if watcher.wait(1.0): refresh()``.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import literal_column, select

from models.org import Window
from models.queue import QueueService, Ticket, TicketEvent

from console.core.context import Context
from console.core.runner import PUBLIC, use_case
from console.queue.shared import NOTIFY_CHANNEL, resolve_site_id

#: how often the SQLite watcher looks at ``PRAGMA data_version``
POLL_SECONDS = 0.2

T = Ticket.__table__
S = QueueService.__table__
E = TicketEvent.__table__


# --------------------------------------------------------------------------- what a display shows


@dataclass(frozen=True)
class DisplayWindow:
    """One window on the display: the number now called there (``None``: nobody)."""

    number: str
    name: str
    paused: bool
    current: str | None
    service: str | None
    called_at: datetime | None
    recalls: int


@dataclass(frozen=True)
class DisplayCall:
    """One recent call or recall: ticket number to window."""

    number: str
    window: str
    at: datetime
    recall: bool


@dataclass(frozen=True)
class DisplayWaiting:
    """Waiting count of one service, with its alarm."""

    code: str
    name: str
    prefix: str
    waiting: int
    alarm: bool


@dataclass(frozen=True)
class DisplayState:
    """Everything a hall display draws; equal states draw the same screen."""

    site: str
    site_name: str
    windows: tuple[DisplayWindow, ...]
    last_calls: tuple[DisplayCall, ...]
    waiting: tuple[DisplayWaiting, ...]

    def as_dict(self) -> dict:
        return asdict(self)


@use_case(PUBLIC)
def display_state(ctx: Context, *, site: str | None = None, last: int = 8) -> DisplayState:
    """The display's content for one site: current number per window, last calls, waiting counts.

    Public: it is what the hall's TV shows everybody.
    """
    from sqlalchemy import func

    from models.org import Site

    session = ctx.session
    site_id = resolve_site_id(session, site, actor=ctx.actor)
    site_row = session.execute(select(Site.code, Site.name).where(Site.id == site_id)).one()
    current = {
        r.window_id: r for r in session.execute(
            select(T.c.window_id, T.c.number, T.c.called_at, T.c.recalls, S.c.code)
            .join(S, S.c.id == T.c.service_id)
            .where(T.c.site_id == site_id,
                   T.c.status.in_([literal_column("'called'"), literal_column("'serving'")])))
    }
    windows = []
    for w in session.execute(select(Window.id, Window.number, Window.name, Window.status)
                             .where(Window.site_id == site_id, Window.active.is_(True)).order_by(Window.number)):
        cur = current.get(w.id)
        windows.append(DisplayWindow(
            number=w.number, name=w.name, paused=str(getattr(w.status, "value", w.status)) == "paused",
            current=cur.number if cur else None, service=cur.code if cur else None,
            called_at=cur.called_at if cur else None, recalls=cur.recalls if cur else 0,
        ))
    day_start = datetime.combine(ctx.today(), datetime.min.time())
    calls = session.execute(
        select(T.c.number, Window.number.label("window"), E.c.at, E.c.kind)
        .join(T, T.c.id == E.c.ticket_id).join(Window, Window.id == E.c.window_id)
        .where(E.c.site_id == site_id, E.c.at >= day_start,
               E.c.kind.in_([literal_column("'called'"), literal_column("'recalled'")]))
        .order_by(E.c.at.desc(), E.c.id.desc()).limit(last)
    ).all()
    waiting = dict(session.execute(
        select(T.c.service_id, func.count()).where(T.c.site_id == site_id, T.c.status == literal_column("'waiting'"))
        .group_by(T.c.service_id)).all())
    services = []
    for s in session.execute(select(S.c.id, S.c.code, S.c.name, S.c.prefix, S.c.alarm_waiting)
                             .where(S.c.site_id == site_id, S.c.active.is_(True)).order_by(S.c.code)):
        n = waiting.get(s.id, 0)
        services.append(DisplayWaiting(code=s.code, name=s.name, prefix=s.prefix, waiting=n,
                                       alarm=bool(s.alarm_waiting and n >= s.alarm_waiting)))
    return DisplayState(
        site=site_row.code, site_name=site_row.name, windows=tuple(windows),
        last_calls=tuple(DisplayCall(number=c.number, window=c.window, at=c.at,
                                     recall=str(getattr(c.kind, "value", c.kind)) == "recalled") for c in calls),
        waiting=tuple(services),
    )


# --------------------------------------------------------------------------- change detection


class ChangeWatcher:
    """Tells a display that the database changed; see :func:`watcher_for`."""

    def poll(self) -> bool:
        """True when something changed since the last look (never blocks)."""
        raise NotImplementedError

    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` seconds; True as soon as something changed."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the dedicated connection."""

    def __enter__(self) -> ChangeWatcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class SqliteWatcher(ChangeWatcher):
    """Polls ``PRAGMA data_version`` on its own connection (changes on every other connection's commit)."""

    def __init__(self, path: str, interval: float = POLL_SECONDS) -> None:
        import sqlite3

        self.interval = interval
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._last = self._version()

    def _version(self) -> int:
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def poll(self) -> bool:
        current = self._version()
        if current != self._last:
            self._last = current
            return True
        return False

    def wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            if self.poll():
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(self.interval, left))

    def close(self) -> None:
        self._conn.close()


class PostgresWatcher(ChangeWatcher):
    """LISTENs on the queue channel on its own autocommit connection."""

    def __init__(self, conninfo: str, channel: str = NOTIFY_CHANNEL) -> None:
        import psycopg

        self._conn = psycopg.connect(conninfo, autocommit=True)
        self._conn.execute(f"LISTEN {channel}")

    def _drain(self, timeout: float) -> bool:
        seen = False
        for _ in self._conn.notifies(timeout=timeout, stop_after=1):
            seen = True
        if seen:  # swallow the burst that came with it
            for _ in self._conn.notifies(timeout=0.0):
                pass
        return seen

    def poll(self) -> bool:
        return self._drain(0.0)

    def wait(self, timeout: float) -> bool:
        return self._drain(max(0.0, timeout))

    def close(self) -> None:
        self._conn.close()


def watcher_for(db, *, interval: float = POLL_SECONDS) -> ChangeWatcher:
    """The change watcher that suits ``db`` (a :class:`models.engine.Database`)."""
    url = db.engine.url
    if db.is_sqlite:
        return SqliteWatcher(url.database, interval)
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return PostgresWatcher(conninfo)
