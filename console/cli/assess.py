"""``hall assess``: rules, entries, monthly scores, freezing, quarterly awards, stars, reviews, on-site days.

The commands live in their own modules and are gathered here into one group:
:mod:`console.cli.assess_rules` (rules, ``entry``), :mod:`console.cli.assess_scores`
(months, quarters, stars), :mod:`console.cli.assess_reviews` (``review``, ``onsite``).
The full-screen boards ``hall stars`` and ``hall rate`` are in
:mod:`console.cli.assess_boards` (registered by :mod:`console.cli.main` from here).
"""

from __future__ import annotations

import typer

from console.cli import assess_reviews, assess_rules, assess_scores
from console.cli.assess_boards import rate, stars_board

__all__ = ["app", "rate", "stars_board"]

app = typer.Typer(no_args_is_help=True)
app.add_typer(assess_rules.app)
app.add_typer(assess_rules.entry_app, name="entry", help="Supervisor entries: lateness, absence, praise and the like.")
app.add_typer(assess_scores.app)
app.add_typer(assess_reviews.review_app, name="review", help="Weekly reviews of windows and staff.")
app.add_typer(assess_reviews.onsite_app, name="onsite", help="Department heads' on-site days.")
