"""Which terminal this process runs on, and how it names itself to PostgreSQL.

``hall <terminal> <staff>`` in ``pg_stat_activity.application_name`` tells an
administrator which desk holds which connection.  The terminal is
``HALL_TERMINAL`` when set (a desk's fixed name), else the tty (``pts/3``), else
the host name.
"""

from __future__ import annotations

import os
import socket
import sys


def terminal_name() -> str:
    """``HALL_TERMINAL``, else this process's tty (``pts/3``), else the host name."""
    named = os.environ.get("HALL_TERMINAL")
    if named:
        return named
    for stream in (sys.stdin, sys.stdout):
        try:
            return os.ttyname(stream.fileno()).removeprefix("/dev/")
        except (OSError, AttributeError, ValueError):
            continue
    return socket.gethostname()


def application_name(staff: str | None = None) -> str:
    """``hall <terminal> [<staff>]``, at most 63 characters (PostgreSQL's limit)."""
    return " ".join(part for part in ("hall", terminal_name(), staff) if part)[:63]
