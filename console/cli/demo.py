"""``hall demo``: build the demo hall (placeholder while the builder is written)."""

from __future__ import annotations

import typer


def demo() -> None:
    """Build the demo hall."""
    typer.echo("demo")
