"""``hall window``: the group defined in :mod:`console.cli.org`, exposed as ``app`` for registration."""

from console.cli.org import window_app as app

__all__ = ["app"]
