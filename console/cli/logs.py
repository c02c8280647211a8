"""The log of every ``hall`` process: a rotating file in the state directory, and the terminal on request.

``<state dir>/hall.log`` (``HALL_STATE_DIR``, default the platform's user state
directory) takes everything from ``INFO`` up — each log-in and refused log-in,
each command run, each unexpected error with its traceback — and rotates at
1 MB, keeping 5 old files (:class:`_RotatingFile`).  ``--debug`` adds ``DEBUG`` to the file.

Standard error shows what ``HALL_LOG_LEVEL`` (default ``WARNING``) lets through;
``-v`` lowers it to ``INFO``, ``-vv`` or ``--debug`` to ``DEBUG`` (``--debug``
also prints the traceback of an unexpected error instead of a one-line message).
A log file that cannot be opened (a read-only home) is reported once and skipped.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

LOG_NAME = "hall.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"

_installed: list[logging.Handler] = []


def log_path(state_dir: Path) -> Path:
    return Path(state_dir) / LOG_NAME


def setup_logging(state_dir: Path, *, level: str = "WARNING", verbose: int = 0, debug: bool = False) -> Path | None:
    """Send the ``hall`` loggers to the rotating file and to stderr; the file's path (``None`` if unusable).

    Called once per invocation (again in the same process, e.g. in tests, it replaces its handlers).
    """
    logger = logging.getLogger("hall")
    for name in list(logging.root.manager.loggerDict):  # a library's fileConfig may have disabled them
        if name == "hall" or name.startswith("hall."):
            logging.getLogger(name).disabled = False
    for handler in _installed:
        logger.removeHandler(handler)
        handler.close()
    _installed.clear()
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    terminal_level = logging.getLevelName(level.upper()) if isinstance(level, str) else level
    if verbose >= 2 or debug:
        terminal_level = logging.DEBUG
    elif verbose == 1:
        terminal_level = min(terminal_level, logging.INFO)
    stderr = _Stderr()
    stderr.setLevel(terminal_level)
    stderr.setFormatter(_Terse("%(levelname)s %(name)s: %(message)s", tracebacks=debug or verbose >= 2))
    logger.addHandler(stderr)
    _installed.append(stderr)
    path = log_path(state_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _RotatingFile(path)
    except OSError as error:
        logger.warning("no log file at %s: %s", path, error)
        return None
    handler.setLevel(logging.DEBUG if debug else logging.INFO)
    handler.setFormatter(logging.Formatter(FORMAT))
    logger.addHandler(handler)
    _installed.append(handler)
    return path


class _RotatingFile(logging.FileHandler):
    """The log file, rolled over to ``hall.log.1`` … ``hall.log.5`` before it would pass :data:`MAX_BYTES`.

    What ``logging.handlers.RotatingFileHandler`` does, without importing ``logging.handlers``
    (sockets, pickling, queues) into every ``hall`` process for it.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8", delay=False)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._should_roll_over(record):
                self._roll_over()
            super().emit(record)
        except Exception:  # noqa: BLE001 - logging never stops the command (as the stdlib's handlers)
            self.handleError(record)

    def _should_roll_over(self, record: logging.LogRecord) -> bool:
        if os.path.exists(self.baseFilename) and not os.path.isfile(self.baseFilename):
            return False
        if self.stream is None:
            self.stream = self._open()
        self.stream.seek(0, 2)
        return self.stream.tell() + len(f"{self.format(record)}\n".encode("utf-8")) >= MAX_BYTES

    def _roll_over(self) -> None:
        if self.stream:
            self.stream.close()
            self.stream = None
        for index in range(BACKUPS - 1, 0, -1):
            source, target = f"{self.baseFilename}.{index}", f"{self.baseFilename}.{index + 1}"
            if os.path.exists(source):
                os.replace(source, target)
        os.replace(self.baseFilename, f"{self.baseFilename}.1")
        self.stream = self._open()


class _Terse(logging.Formatter):
    """One line per record on the terminal: tracebacks only with ``--debug`` or ``-vv`` (the file has them)."""

    def __init__(self, fmt: str, *, tracebacks: bool) -> None:
        super().__init__(fmt)
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        if self.tracebacks or not record.exc_info:
            return super().format(record)
        return self._plain(record)

    def _plain(self, record: logging.LogRecord) -> str:
        copy = logging.makeLogRecord(record.__dict__)
        copy.exc_info = copy.exc_text = None
        return super().format(copy)


class _Stderr(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the moment (a full-screen App captures it while it runs)."""

    def __init__(self) -> None:
        super().__init__()

    @property  # type: ignore[override]
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass
