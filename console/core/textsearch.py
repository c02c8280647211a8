"""Search keys for Chinese names: pinyin initials (``gsdj`` finds 工商登记)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def pinyin_initials(text: str) -> str:
    """Lower-case pinyin initials of the Han characters in ``text``; other letters and digits kept.

    ``工商登记`` → ``gsdj``; ``ICP备案`` → ``icpba``.
    """
    from pypinyin import Style, lazy_pinyin

    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda chars: list(chars))
    return "".join(ch.lower() for part in letters for ch in part if ch.isalnum() and ch.isascii())
