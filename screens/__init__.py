"""Textual screens, dialogs and widgets of Hall Console.

Nothing here imports SQLAlchemy: screens call the service functions of
``console/`` inside thread workers (see :mod:`screens.shell.base`).  Screens are
imported lazily through :mod:`screens.shell.registry`, so that start-up only loads
the log-in screen.
"""
