"""The translation catalogs: every user-facing string in zh_CN and en, as gettext catalogs.

Messages live in ``locale/<lang>/LC_MESSAGES/hall.po`` beside this module, one catalog per
language (``en`` holds the source text), msgid = the message key, msgstr = the text with
``str.format`` placeholders; each is compiled to the ``hall.mo`` beside it, which is what runs.
``t(key, **kw)`` returns the string in the current language with its parameters filled.
The Chinese of the command line's help texts is ``locale/zh_CN/LC_MESSAGES/help.po`` (msgid =
the English help text, white space folded: :func:`help_table`).  Catalogs are read with the
standard :mod:`gettext` on first use, never at import time.

Adding or changing a message: edit both ``hall.po`` files, then compile with
``python -m console.core.i18n.convert`` (see :mod:`console.core.i18n.convert`, which also folds
a dict module ``messages/<domain>.py`` of ``MESSAGES = {key: (english, chinese)}`` into the
catalogs; until then such a module is still read, and a test fails).
"""

from __future__ import annotations

import importlib
import os
from functools import cache
from pathlib import Path

LANGUAGES = ("zh_CN", "en")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "hall"
HELP_DOMAIN = "help"

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


def _read(lang: str, domain: str = DOMAIN) -> dict[str, str]:
    """The compiled catalog ``locale/<lang>/LC_MESSAGES/<domain>.mo``: msgid → msgstr (a fresh dict)."""
    import gettext

    translations = gettext.translation(domain, LOCALE_DIR, languages=[lang])
    # GNUTranslations parses the whole .mo into this dict; reading it directly keeps t() one lookup
    return {msgid: text for msgid, text in translations._catalog.items() if msgid and isinstance(msgid, str)}


def _legacy_modules() -> list[object]:
    """Dict modules not yet folded into the catalogs (e.g. after a merge); a test fails while any is left."""
    from console.core.i18n import messages

    names = sorted({name[:-3] for folder in messages.__path__ for name in os.listdir(folder)
                    if name.endswith(".py") and name != "__init__.py"})
    return [importlib.import_module(f"{messages.__name__}.{name}") for name in names]


@cache
def _legacy() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for module in _legacy_modules():
        for key, pair in getattr(module, "MESSAGES", {}).items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} defined twice ({module.__name__})")
            merged[key] = pair
    return merged


@cache
def _texts(lang: str) -> dict[str, str]:
    """key → text in ``lang``; a key the Chinese catalog lacks falls back to its English."""
    texts = _read("en")
    if lang == "zh_CN":
        texts = {**texts, **_read("zh_CN")}
    column = 1 if lang == "zh_CN" else 0
    for key, pair in _legacy().items():  # a module left after a merge is the newer text
        texts[key] = pair[column] or pair[0]
    return texts


@cache
def catalog() -> dict[str, tuple[str, str]]:
    """Every message, keyed by message key: ``(english, chinese)`` (``""`` where a language lacks it)."""
    english, chinese = _read("en"), _read("zh_CN")
    merged = {key: (text, chinese.get(key, "")) for key, text in english.items()}
    merged.update((key, ("", text)) for key, text in chinese.items() if key not in english)
    merged.update(_legacy())
    return merged


def t(key: str, /, **params: object) -> str:
    """The message ``key`` in the current language, formatted with ``params``.

    An unknown key returns the key itself so that a missing entry is visible but
    never crashes a screen; the catalog test makes sure none is missing.
    """
    text = _texts(get_language()).get(key)
    if text is None:
        return key
    if params:
        try:
            return _plurals(text.format(**params)) if "(s)" in text else text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def t_lang(lang: str, key: str, /, **params: object) -> str:
    """The message ``key`` in ``lang`` regardless of the current language."""
    text = _texts(normalize_language(lang)).get(key)
    if text is None:
        return key
    if not params:
        return text
    return _plurals(text.format(**params)) if "(s)" in text else text.format(**params)


def _plurals(text: str) -> str:
    """English ``3 material(s)`` → ``3 materials``, ``1 new item(s)`` → ``1 new item``: the number
    counted stands before the word (a ``(s)`` without a number before it is left as written)."""
    import re

    def one(match: re.Match) -> str:
        count = match.group(1).replace(",", "")
        return match.group(0)[:-3] + ("" if count == "1" else "s")

    return re.sub(r"\b(\d[\d,]*)((?: [a-z-]+)*? [a-z]+)\(s\)", one, text)


def normalize_help(text: str) -> str:
    """Help texts compare with their white space folded (the msgids of the help catalog are so)."""
    return " ".join(text.split())


@cache
def help_table() -> dict[str, str]:
    """English help text (folded) → Chinese, from the help catalog and any help table not yet folded in."""
    table = _read("zh_CN", HELP_DOMAIN)
    legacy: dict[str, str] = {}
    for module in _legacy_modules():
        legacy.update(getattr(module, "HELP_ZH", {}))
    for name in sorted(os.listdir(__path__[0])):
        if name.startswith("help_zh") and name.endswith(".py"):
            try:
                legacy.update(getattr(importlib.import_module(f"{__name__}.{name[:-3]}"), "HELP_ZH", {}))
            except ImportError:  # a table importing one already folded in
                continue
    table.update((normalize_help(english), chinese) for english, chinese in legacy.items())
    return table
