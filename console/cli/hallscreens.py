"""``hall kiosk`` and ``hall display``: the public full-screen apps (no log-in).

Textual and the database are imported inside the commands, so ``hall --help``
stays cheap.  A wrong ``--site`` fails before the screen opens (the public read
the screen starts with runs once here, as nobody).
"""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import DB_OPTION, clock, runner, settings

SITE_OPTION = typer.Option(None, "--site", metavar="CODE",
                           help="Site code (default: the hall's only center).")


def kiosk(site: Optional[str] = SITE_OPTION, db: Optional[str] = DB_OPTION) -> None:
    """Open the full-screen ticket kiosk: pick a service, get a number (no log-in)."""
    from screens.apps.kiosk import KioskApp
    from console.queue.views import kiosk_menu

    hall = runner()
    hall.run(kiosk_menu, site=site)  # a wrong --site fails here, before the screen opens
    KioskApp(hall.db, site=site, clock=clock(), settings=settings()).run()


def display(site: Optional[str] = SITE_OPTION, db: Optional[str] = DB_OPTION,
            voice: bool = typer.Option(False, "--voice",
                                       help="Announce each call by voice (espeak-ng): Chinese, and English too with --lang en.")) -> None:
    """Open the full-screen hall display: numbers called, last calls, waiting counts (read-only)."""
    from screens.apps.display import DisplayApp
    from console.queue.watch import display_state

    hall = runner()
    hall.run(display_state, site=site)
    DisplayApp(hall.db, site=site, clock=clock(), settings=settings(), voice=voice).run()
