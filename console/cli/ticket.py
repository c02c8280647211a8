"""``hall ticket``: the group's commands live beside ``hall queue`` in :mod:`console.cli.queue`."""

from console.cli.queue import ticket_app as app

__all__ = ["app"]
