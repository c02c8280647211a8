"""The settings of one Hall Console process, in one typed object.

Read once, in this order (later wins): the defaults, the file ``settings.toml`` in
the config directory, the environment (``HALL_*``), then command-line options
(``--db``, ``--lang``).  The result is handed to the use-case runner and the Apps;
nothing else reads ``HALL_*`` variables.

================  =====================  ==================================================
environment       ``settings.toml`` key  meaning
================  =====================  ==================================================
HALL_DATABASE_URL database_url           the database (default: ``hall.db`` in the data dir)
HALL_TZ           timezone               the hall's time zone (default Asia/Shanghai)
HALL_LANG         language               ``zh_CN`` or ``en`` (default: the locale)
HALL_POOL_SIZE    pool_size              PostgreSQL connections per process
HALL_LOG_LEVEL    log_level              DEBUG, INFO, WARNING (default), ERROR
HALL_CONFIG_DIR   —                      where ``settings.toml`` and ``keymap.toml`` live
HALL_DATA_DIR     data_dir               where the default database lives
HALL_STATE_DIR    state_dir              logs and session files
HALL_NOW          now                    start the hall clock at this moment (a training
                                         hall, a demo, a test in another process); it runs
                                         on from there
================  =====================  ==================================================

Secrets (``HALL_PIN``, ``HALL_NEW_PIN``) and who acts (``HALL_AS``) are not
settings: the command line reads them where it asks for them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from console.core.clock import DEFAULT_TIMEZONE, Clock, SystemClock
from console.core.errors import Invalid

APP_NAME = "hall-console"
SETTINGS_FILE = "settings.toml"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")

#: environment variable → field
ENVIRONMENT = {
    "HALL_DATABASE_URL": "database_url",
    "HALL_TZ": "timezone",
    "HALL_LANG": "language",
    "HALL_POOL_SIZE": "pool_size",
    "HALL_LOG_LEVEL": "log_level",
    "HALL_DATA_DIR": "data_dir",
    "HALL_STATE_DIR": "state_dir",
    "HALL_NOW": "now",
}


@dataclass(frozen=True)
class Settings:
    """Everything a process is configured with (see the module docstring for the sources)."""

    config_dir: Path
    data_dir: Path
    state_dir: Path
    database_url: str | None = None
    timezone: str = DEFAULT_TIMEZONE
    language: str | None = None
    pool_size: int = 1
    log_level: str = "WARNING"
    #: the moment the hall clock starts at (``YYYY-MM-DD HH:MM[:SS]``); ``None``: the real time
    now: str | None = None
    #: the file the settings were read from, when there was one
    source: Path | None = None

    @property
    def default_database_url(self) -> str:
        """``database_url``, else a SQLite file ``hall.db`` in the data directory."""
        return self.database_url or f"sqlite:///{self.data_dir / 'hall.db'}"

    def clock(self) -> Clock:
        """The hall clock: the real time in the hall's zone, or running on from ``now`` when set."""
        if self.now:
            from console.core.clock import OffsetClock

            return OffsetClock.starting_at(self.now, self.timezone)
        return SystemClock(self.timezone)

    def with_options(self, **values: Any) -> Settings:
        """A copy with the non-``None`` ``values`` (command-line options) put over it."""
        given = {k: v for k, v in values.items() if v is not None}
        return _checked(replace(self, **given), "command line") if given else self


def config_dir(env: Mapping[str, str] | None = None) -> Path:
    """``HALL_CONFIG_DIR``, else the platform's user config directory for hall-console."""
    env = os.environ if env is None else env
    if env.get("HALL_CONFIG_DIR"):
        return Path(env["HALL_CONFIG_DIR"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def load_settings(env: Mapping[str, str] | None = None, *, file: Path | None = None) -> Settings:
    """Defaults, then ``settings.toml`` (or ``file``), then the environment; checked.

    Raises :class:`~console.core.errors.Invalid` naming the setting and where it
    came from when a value is wrong (a broken file, a zone that does not exist,
    a pool size that is not a number).
    """
    env = os.environ if env is None else env
    cfg = config_dir(env)
    path = file or cfg / SETTINGS_FILE
    from_file = _read_file(path) if path.is_file() else None
    settings = Settings(config_dir=cfg, data_dir=_folder("data", from_file, env),
                        state_dir=_folder("state", from_file, env))
    if from_file is not None:
        settings = _checked(replace(settings, **from_file, source=path), str(path))
    from_env = {name: env[var] for var, name in ENVIRONMENT.items() if env.get(var)}
    if from_env:
        settings = _checked(replace(settings, **_coerce(from_env, "environment")), "environment")
    return settings


def _folder(kind: str, from_file: Mapping[str, Any] | None, env: Mapping[str, str]) -> Path:
    """The ``data`` or ``state`` folder: the environment's, the file's, else the platform's (only then
    is ``platformdirs`` imported)."""
    if env.get(f"HALL_{kind.upper()}_DIR"):
        return Path(env[f"HALL_{kind.upper()}_DIR"]).expanduser()
    if from_file and f"{kind}_dir" in from_file:
        return from_file[f"{kind}_dir"]
    import platformdirs

    return Path(getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False))


def _read_file(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise Invalid("errors.settings_file", field="settings", path=str(path), detail=str(error)) from None
    known = {f.name for f in fields(Settings)} - {"config_dir", "source"}
    section = data.get("hall", data)
    unknown = sorted(set(section) - known)
    if unknown:
        raise Invalid("errors.settings_unknown", field=unknown[0], path=str(path), name=unknown[0])
    return _coerce(section, str(path))


def _coerce(values: Mapping[str, Any], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name in ("data_dir", "state_dir"):
            out[name] = Path(str(value)).expanduser()
        elif name == "pool_size":
            try:
                out[name] = int(value)
            except (TypeError, ValueError):
                raise Invalid("errors.settings_value", field=name, name=name, value=value, where=where) from None
        else:
            out[name] = str(value)
    return out


def _checked(settings: Settings, where: str) -> Settings:
    if not 1 <= settings.pool_size <= 100:
        raise Invalid("errors.settings_value", field="pool_size", name="pool_size",
                      value=settings.pool_size, where=where)
    level = settings.log_level.upper()
    if level not in LOG_LEVELS:
        raise Invalid("errors.settings_value", field="log_level", name="log_level",
                      value=settings.log_level, where=where)
    if settings.now:
        from datetime import datetime

        try:
            datetime.fromisoformat(settings.now.strip())
        except ValueError:
            raise Invalid("errors.settings_value", field="now", name="now", value=settings.now, where=where) from None
    if settings.timezone != DEFAULT_TIMEZONE:  # the hall's own zone is not looked up for every command
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(settings.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise Invalid("errors.settings_value", field="timezone", name="timezone",
                          value=settings.timezone, where=where) from None
    return replace(settings, log_level=level)
