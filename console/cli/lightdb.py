"""The light read connection of an invocation: public reads of a SQLite file without SQLAlchemy.

:func:`console.cli.common.run` runs a use case declared ``light=True`` on
:func:`light_runner`'s runner when there is one — ``hall calendar due`` then
imports neither SQLAlchemy nor a model — and on :func:`console.cli.common.runner`
otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from models.light import LightDatabase

    from console.core.runner import Runner

_light: dict[str, LightDatabase] = {}


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
            from console.core.errors import NotFound

            raise NotFound("trust.database_missing", path=str(path))
        from models.migrations import SCHEMA_HEADS

        db = LightDatabase(path)
        if not db.is_current(SCHEMA_HEADS):
            return None
        _light[url] = db
    from console.core.runner import Runner

    return Runner(db, clock=clock(), settings=settings())


def forget() -> None:
    """Forget the light databases (tests switch databases between invocations)."""
    _light.clear()
