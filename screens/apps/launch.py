"""Opening the Textual console (imports Textual only when called)."""

from __future__ import annotations


def launch(db, settings=None) -> None:
    """Run the console on ``db`` (or a factory of it) until the user quits."""
    from screens.apps.console import HallApp

    HallApp(db, settings=settings).run()
