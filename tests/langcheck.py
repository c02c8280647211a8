"""Is a user-visible text in the interface language?  Shared by the key, help and error checks.

Under zh_CN a text may still hold Latin letters that are not English: key names
(``F1``, ``Esc``, ``Ctrl+Q``), codes and numbers (``SCJG``, ``A001``, ``2026Q1``),
command and option names (``hall``, ``--as``), and a few names the hall writes in Latin
(``PIN``, ``SQLite``).  :func:`english_words` returns what is left: words of two or more
lower-case letters, which are English prose.  :func:`han` finds Chinese in English texts.
"""

from __future__ import annotations

import re

HAN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
#: Latin words allowed in Chinese text (key names, technical names; compared lower-cased)
ALLOWED = {
    "esc", "ctrl", "shift", "alt", "tab", "enter", "home", "end", "pgup", "pgdn", "del", "ins", "backspace",
    "pin", "sqlite", "postgresql", "json", "csv", "xlsx", "html", "md", "url", "toml", "utf", "gbk", "bom",
    "id", "zh_cn", "en", "hall", "pg_dump", "true", "false", "yes", "no", "ssh", "tv", "pdf", "txt",
}
_WORD = re.compile(r"(?<![\w\-/$=<\[{])([A-Za-z][a-z]+)(?![\w\-/=_])")
#: things that are names, not words: options, commands, env variables, paths, metavars, codes
_NAMES = re.compile(r"(--?[\w-]+|\bHALL_\w+|\b[A-Z][A-Z0-9_]+\b|`[^`]*`|\{[^}]*\}|\S+\.\w{2,4}\b|\S*/\S*"
                    r"|\b[a-z]+(?:[._][a-z]+)+\b|hall(?: [a-z-]+)+)")


def english_words(text: str, extra_allowed: set[str] = frozenset()) -> list[str]:
    """English words left in ``text`` (an empty list when it reads as Chinese)."""
    stripped = _NAMES.sub(" ", text)
    return [w for w in _WORD.findall(stripped) if w.lower() not in ALLOWED | extra_allowed]


def han(text: str) -> list[str]:
    """Chinese characters in ``text``."""
    return HAN.findall(text)
