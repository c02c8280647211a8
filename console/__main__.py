"""``python -m console`` runs the ``hall`` command line."""

from console.cli.main import run

run()
