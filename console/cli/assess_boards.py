"""``hall stars`` and ``hall rate``: the assessment's two full-screen boards.

The star board is public: it opens with nobody logged in.  The rating screen
runs as the window's clerk (``--as``, permission ``rating.record``), checked —
with the window — before the screen opens.  Textual is imported only here,
inside the commands.
"""

from __future__ import annotations

from typing import Optional

import typer

from console.cli.common import AS_OPTION, DB_OPTION, actor_for, clock, database, runner, settings


def stars_board(
    year: Optional[int] = typer.Option(None, "--year", help="Year of the stars (default: the latest confirmed quarter's)."),
    db: Optional[str] = DB_OPTION,
) -> None:
    """The star board: a full-screen TV display of stars, red flags and model staff."""
    from screens.apps.boards import StarBoardApp

    StarBoardApp(database(), year=year, clock=clock(), settings=settings()).run()


def rate(
    window: str = typer.Option(..., "--window", metavar="WINDOW", help="The window the rating screen stands at."),
    as_: Optional[str] = AS_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """The rating screen for the applicant at a window (a small second terminal)."""
    from console.assess.ratings import pending_visit
    from screens.apps.boards import RatingApp

    actor = actor_for(pending_visit)  # the clerk and rating.record, before the screen opens
    runner().run(pending_visit, window, actor=actor)  # an unknown window fails here
    RatingApp(database(), actor, window, clock=clock(), settings=settings()).run()
