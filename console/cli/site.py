"""``hall site``: the group defined in :mod:`console.cli.org`, exposed as ``app`` for registration."""

from console.cli.org import site_app as app

__all__ = ["app"]
