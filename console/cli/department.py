"""``hall department``: the group defined in :mod:`console.cli.org`, exposed as ``app`` for registration."""

from console.cli.org import department_app as app

__all__ = ["app"]
