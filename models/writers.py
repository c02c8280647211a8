"""SQLite's writers wait in a line the kernel keeps, not in SQLite's busy sleeps.

SQLite lets one writer in at a time.  The others retry through its busy handler, which
sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 ms between tries: with many windows
calling at once, a writer that lost a few tries sleeps tens of milliseconds while the
write lock is mostly free, and the unluckiest wait a second.  A *line*
(:class:`WriterLine`) is an exclusive ``flock`` on the database's folder, taken before
``BEGIN IMMEDIATE`` and let go after ``COMMIT``: a waiting writer sleeps in the kernel and
is woken the moment the one before it is done.

SQLite's own lock stays the authority: a writer outside the line (another program, a
session's write, a process whose line could not be opened) still waits on the busy
timeout, and nothing depends on the line but speed.  The folder is locked, not a file
of its own, so no file is ever made or left beside a database (the writers of other
databases in the same folder wait in the same line — a hall has one).  Waiting in line
is bounded by the busy timeout; a line that timed out is given up by the process.
"""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path


class _Ask:
    """One wait handed to the line's helper thread."""

    __slots__ = ("done", "guard", "granted", "abandoned")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.guard = threading.Lock()
        self.granted = False
        self.abandoned = False


class WriterLine:
    """The line of one folder's SQLite writers, in one process.

    The threads of the process queue on a lock of their own first, so one at a time
    holds the folder's ``flock`` (a lock belongs to an open file, not to a thread).
    A writer that finds the line taken hands the blocking ``flock`` to a helper thread
    and waits for it with the busy timeout as its bound.
    """

    def __init__(self, folder: Path) -> None:
        self.fd: int | None = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        self._threads = threading.Lock()
        self._asks: list[_Ask] = []
        self._wake = threading.Condition()
        self._helper: threading.Thread | None = None

    def enter(self, timeout: float) -> bool:
        """Wait for this writer's turn, at most ``timeout`` seconds; ``False``: go without the line."""
        fd = self.fd
        if fd is None or not self._threads.acquire(timeout=timeout):
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            pass
        except OSError:
            return self._give_up()
        ask = _Ask()
        with self._wake:
            if self._helper is None:
                self._helper = threading.Thread(target=self._help, name="hall-writer-line", daemon=True)
                self._helper.start()
            self._asks.append(ask)
            self._wake.notify()
        if ask.done.wait(timeout):
            return True
        with ask.guard:
            if ask.granted:
                return True
            ask.abandoned = True
        return self._give_up()

    def leave(self) -> None:
        """This writer is done (committed or rolled back): the next one in line goes."""
        try:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def _give_up(self) -> bool:
        """A line that failed or timed out is not used again by this process (SQLite's lock still holds)."""
        self.fd = None
        self._threads.release()
        return False

    def _help(self) -> None:
        while True:
            with self._wake:
                while not self._asks:
                    self._wake.wait()
                ask = self._asks.pop(0)
            fd = self.fd
            try:
                if fd is not None:
                    fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError:
                fd = None
            with ask.guard:
                if ask.abandoned or fd is None:
                    if fd is not None:
                        fcntl.flock(fd, fcntl.LOCK_UN)
                    continue
                ask.granted = True
            ask.done.set()


#: the lines of this process by folder (made again in a forked child: a lock and its file are per process)
_LINES: dict[str, WriterLine | None] = {}
_PID = os.getpid()
_MADE = threading.Lock()


def line_for(database: str | Path) -> WriterLine | None:
    """The line of the SQLite file ``database``'s folder (``None``: the folder cannot be opened)."""
    global _PID
    folder = str(Path(database).resolve().parent)
    if _PID != os.getpid():
        _LINES.clear()
        _PID = os.getpid()
    try:
        return _LINES[folder]
    except KeyError:
        pass
    with _MADE:
        if folder not in _LINES:
            try:
                _LINES[folder] = WriterLine(Path(folder))
            except OSError:
                _LINES[folder] = None
        return _LINES[folder]
