"""User key remapping: ``keymap.toml`` in the config directory.

The config directory is the App's: the ``config_dir`` given to
:class:`screens.apps.console.HallApp`, else its settings' (``Settings.config_dir``),
else :func:`console.core.settings.config_dir` (``HALL_CONFIG_DIR``, or the
platform's user config directory for ``hall-console``, ``~/.config/hall-console``
on Linux).  The file
maps binding ids to keys (several keys separated by commas)::

    [keymap]
    "app.logout" = "f12"
    "catalog.toggle_retired" = "ctrl+r,f5"

Every ``Binding`` in the console has an id (listed in the README, section
"Keys"); the mapping is applied with ``App.set_keymap``.  A broken file is
reported once as a warning and otherwise ignored.
"""

from __future__ import annotations

import os
from pathlib import Path

from console.core.i18n import t

KEYMAP_FILE = "keymap.toml"


def config_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The directory user configuration is read from: ``explicit`` (the App's), else the settings' default."""
    if explicit:
        return Path(explicit)
    from console.core.settings import config_dir as default_config_dir

    return default_config_dir()


def load_keymap(explicit_dir: str | os.PathLike | None = None) -> tuple[dict[str, str], str | None]:
    """``(keymap, problem)``: binding id → keys from ``keymap.toml``, and a message if it is broken."""
    path = config_dir(explicit_dir) / KEYMAP_FILE
    if not path.is_file():
        return {}, None
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, t("ui.keymap.broken", path=str(path), detail=str(error))
    table = data.get("keymap", data)
    keymap = {str(k): v.replace(" ", "") for k, v in table.items() if isinstance(v, str) and v.strip()}
    bad = sorted(str(k) for k, v in table.items() if not isinstance(v, str) or not v.strip())
    problem = t("ui.keymap.bad_entries", path=str(path), ids=", ".join(bad)) if bad else None
    return keymap, problem
