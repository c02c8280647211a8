"""The light read connection of an invocation: reads of a SQLite file without SQLAlchemy.

:func:`console.cli.common.run` runs a use case declared ``light=True`` on
:func:`light_runner`'s runner when there is one — ``hall calendar due``, ``hall queue
status`` then import neither SQLAlchemy nor a model — and on
:func:`console.cli.common.runner` otherwise (:func:`runner_for`).  So does the look-up
of a ``hall login`` session (:func:`console.cli.session.session_actor`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from models.light import LightDatabase

    from console.core.runner import Runner

_light: dict[str, LightDatabase] = {}


def runner_for(fn: Callable[..., Any]) -> Runner:
    """The runner for the use case ``fn``: a light read's on :func:`light_runner` when there is one,
    else :func:`console.cli.common.runner`'s."""
    from console.core.runner import spec_of

    if spec_of(fn).light:
        chosen = light_runner()
        if chosen is not None:
            return chosen
    from console.cli.common import runner

    return runner()


def light_runner() -> Runner | None:
    """A runner on a light read connection to this invocation's SQLite database, if it is current.

    ``None`` (use :func:`console.cli.common.runner`) for PostgreSQL, a URL with options, or a
    file whose schema is not the current one (:func:`console.cli.common.database` upgrades
    it); a missing file is :class:`~console.core.errors.NotFound`, as there.
    """
    from console.cli.common import clock, settings
    from models.light import LightDatabase, sqlite_file

    url = settings().default_database_url
    db = _light.get(url)
    if db is None:
        path = sqlite_file(url)
        if path is None:
            return None
        if not path.is_file():
            from console.cli.missing import database_missing

            raise database_missing(path)
        from models.migrations import SCHEMA_HEADS

        db = LightDatabase(path)
        if not db.is_current(SCHEMA_HEADS):
            db.dispose()
            return None
        _light[url] = db
    from console.core.runner import Runner

    return Runner(db, clock=clock(), settings=settings())


def found_current(url: str) -> bool:
    """Whether this invocation found the SQLite database ``url`` at the current schema already (a light
    read did): then :func:`console.cli.common.database` need not ask again."""
    return url in _light


def forget() -> None:
    """Forget the light databases (tests switch databases between invocations)."""
    for db in _light.values():
        db.dispose()
    _light.clear()
