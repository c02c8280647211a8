"""``hall kiosk`` and ``hall display``: the public full-screen apps (no log-in).

Textual and the database are imported inside the commands, so ``hall --help``
stays cheap.
"""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import DB_OPTION, database, use_db

SITE_OPTION = typer.Option(None, "--site", metavar="CODE",
                           help="Site code (default: the hall's only center).")


def kiosk(site: Optional[str] = SITE_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Open the full-screen ticket kiosk: pick a service, get a number (no log-in)."""
    from screens.apps.kiosk import KioskApp
    from console.queue.shared import KIOSK_ACTOR, resolve_site_id

    use_db(db)
    handle = database()
    with handle.read() as session:  # a wrong --site fails here, before the screen opens
        resolve_site_id(session, KIOSK_ACTOR, site)
    KioskApp(handle, site=site).run()


def display(site: Optional[str] = SITE_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Open the full-screen hall display: numbers called, last calls, waiting counts (read-only)."""
    from screens.apps.display import DisplayApp
    from console.queue.shared import KIOSK_ACTOR, resolve_site_id

    use_db(db)
    handle = database()
    with handle.read() as session:
        resolve_site_id(session, KIOSK_ACTOR, site)
    DisplayApp(handle, site=site).run()
