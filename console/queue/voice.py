"""Calls announced by voice (语音叫号): "请 A001 号到 03 号窗口" through espeak-ng, when it is installed.

:class:`Announcer` watches what the hall display shows and speaks each new call or
recall once (not the calls already on screen when it starts), in Chinese, and in
English too when the display runs in English.  Speaking runs in its own process
started from a background thread, so the screen never waits for it.  Without
espeak-ng the announcer stays silent and says so once in the log.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from pathlib import Path

log = logging.getLogger("hall.voice")

#: espeak-ng voices: Mandarin and English
VOICES = {"zh_CN": "cmn", "en": "en"}
#: what is said, in the voice's own language whatever the screen's (not interface messages)
CALL_TEXT = {"zh_CN": "请{number}号到{window}号窗口", "en": "Number {number}, please go to window {window}"}


def espeak() -> str | None:
    """The espeak-ng program, if installed."""
    return shutil.which("espeak-ng") or shutil.which("espeak")


def spoken_number(number: str) -> str:
    """``A001`` as it is read out: the letter, then each digit (``A 0 0 1``)."""
    return " ".join(number)


def announcement(number: str, window: str, lang: str) -> list[tuple[str, str]]:
    """``[(voice, text)]`` for a call: Chinese always, English as well when ``lang`` is English."""
    said = {"number": spoken_number(number), "window": window}
    parts = [(VOICES["zh_CN"], CALL_TEXT["zh_CN"].format(**said))]
    if lang == "en":
        parts.append((VOICES["en"], CALL_TEXT["en"].format(**said)))
    return parts


def say(parts: list[tuple[str, str]], *, wav: Path | None = None, program: str | None = None) -> bool:
    """Speak ``parts`` one after the other (or write them to one WAV file each: ``wav``, ``wav.2``…).
    False when espeak-ng is missing or failed."""
    program = program or espeak()
    if program is None:
        return False
    ok = True
    for index, (voice, text) in enumerate(parts):
        args = [program, "-v", voice, "-s", "150"]
        if wav is not None:
            target = wav if index == 0 else wav.with_suffix(f".{index + 1}.wav")
            args += ["-w", str(target)]
        try:
            subprocess.run([*args, text], check=True, capture_output=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as error:
            log.warning("voice: %s failed: %s", program, error)
            ok = False
    return ok


class Announcer:
    """Speaks each new call shown on the display (:class:`console.queue.watch.DisplayState`)."""

    def __init__(self, lang: str, *, speak=None) -> None:
        self.lang = lang
        self._speak = speak or self._speak_in_background
        self._seen: tuple | None = None
        self._started = False
        if speak is None and espeak() is None:
            log.warning("voice: espeak-ng is not installed; calls are not announced")

    def observe(self, state) -> None:
        """Look at what the display shows now; announce the newest call if it is new."""
        newest = state.last_calls[0] if state.last_calls else None
        key = (newest.number, newest.window, newest.at) if newest else None
        if not self._started:
            self._started, self._seen = True, key
            return
        if newest is not None and key != self._seen:
            self._seen = key
            self._speak(announcement(newest.number, newest.window, self.lang))

    @staticmethod
    def _speak_in_background(parts) -> None:
        threading.Thread(target=say, args=(parts,), name="voice", daemon=True).start()
