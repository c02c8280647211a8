"""The ``hall`` command line (Typer).  Modules here import no Textual and no ORM at import time."""
