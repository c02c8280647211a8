"""The translation catalog: every user-facing string in zh_CN and en.

Messages live in ``console/i18n/messages/<domain>.py`` modules, each with a
``MESSAGES`` dict mapping a key to an ``(english, chinese)`` pair.  ``t(key, **kw)``
returns the string in the current language with ``str.format`` parameters filled.
The catalog is loaded on first use, never at import time.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from functools import cache

LANGUAGES = ("zh_CN", "en")

_current: str | None = None


def detect_language(explicit: str | None = None) -> str:
    """``explicit`` (``--lang``), else ``HALL_LANG``, else the locale: zh* → zh_CN, else en."""
    for value in (explicit, os.environ.get("HALL_LANG")):
        if value:
            return normalize_language(value)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def normalize_language(value: str) -> str:
    """Map ``zh``, ``zh_CN``, ``zh-CN.UTF-8``… to ``zh_CN`` and anything else to ``en``."""
    return "zh_CN" if value.strip().lower().startswith("zh") else "en"


def set_language(lang: str | None) -> str:
    """Choose the language for :func:`t`; ``None`` detects it."""
    global _current
    _current = detect_language(lang)
    return _current


def get_language() -> str:
    """The current language, detected on first use."""
    global _current
    if _current is None:
        _current = detect_language()
    return _current


@cache
def catalog() -> dict[str, tuple[str, str]]:
    """Every message of every domain module, keyed by message key."""
    from console.core.i18n import messages

    merged: dict[str, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(messages.__path__):
        module = importlib.import_module(f"{messages.__name__}.{info.name}")
        for key, pair in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} defined twice ({info.name})")
            merged[key] = pair
    return merged


@cache
def _domain(name: str) -> dict[str, tuple[str, str]]:
    """The messages of the domain module ``name`` alone (empty when there is none)."""
    from importlib.util import find_spec

    module_name = f"{__name__}.messages.{name}"
    if not name.isidentifier() or find_spec(module_name) is None:
        return {}
    return importlib.import_module(module_name).MESSAGES


def _pair(key: str) -> tuple[str, str] | None:
    """The message ``key``: from the domain module its first part names when that has it (a command
    that says one thing loads one module), else from the whole catalog.  The catalog test loads the
    whole catalog, which refuses a key defined twice, so both ways give the same message."""
    if catalog.cache_info().currsize == 0:
        pair = _domain(key.split(".", 1)[0]).get(key)
        if pair is not None:
            return pair
    return catalog().get(key)


def t(key: str, /, **params: object) -> str:
    """The message ``key`` in the current language, formatted with ``params``.

    An unknown key returns the key itself so that a missing entry is visible but
    never crashes a screen; the catalog test makes sure none is missing.
    """
    pair = _pair(key)
    if pair is None:
        return key
    text = pair[1] if get_language() == "zh_CN" else pair[0]
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def t_lang(lang: str, key: str, /, **params: object) -> str:
    """The message ``key`` in ``lang`` regardless of the current language."""
    pair = _pair(key)
    if pair is None:
        return key
    text = pair[1] if normalize_language(lang) == "zh_CN" else pair[0]
    return text.format(**params) if params else text
