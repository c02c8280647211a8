"""What a staff member does (permissions follow from it): an enum without SQLAlchemy.

Kept apart from :mod:`models.org` so that the permission table
(:mod:`console.core.permissions`) and every command that only checks a permission
import no ORM; :mod:`models.org` stores it and re-exports it.
"""

from __future__ import annotations

import enum


class Role(str, enum.Enum):
    """What a staff member does; permissions follow from it."""

    clerk = "clerk"
    proxy_agent = "proxy_agent"
    #: a village service room's agent (代办员): accepts on villagers' behalf, no window
    village_agent = "village_agent"
    supervisor = "supervisor"
    admin = "admin"
    #: the read-only identity of ``hall`` read commands run without ``--as``; never stored
    shell = "shell"
