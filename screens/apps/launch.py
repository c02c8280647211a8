"""Opening the Textual console (imports Textual only when called)."""

from __future__ import annotations


def launch(db) -> None:
    """Run the console on ``db`` until the user quits."""
    from screens.apps.console import HallApp

    HallApp(db).run()
