"""Helpers of the console tests: a hermetic HallApp, settling workers, reading the screen."""

from __future__ import annotations

import asyncio
from datetime import datetime

from console.core.clock import FixedClock
from console.core.i18n import set_language

#: the clock of every console test and snapshot
FIXED_NOW = datetime(2026, 3, 2, 9, 30)


def make_app(db, tmp_path, lang: str = "en", **kwargs):
    """A HallApp on ``db`` with a fixed clock, an empty config dir and no cursor blink."""
    from screens.apps.console import HallApp

    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    return HallApp(db, lang=lang, config_dir=config, clock=FixedClock(FIXED_NOW), cursor_blink=False, **kwargs)


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers finish and their results reach the screen (results can start new workers).

    The endless change watchers (worker group ``watch``) are not waited for.
    """
    from textual.worker import WorkerFailed

    for _ in range(rounds):
        for worker in list(pilot.app.workers):
            if worker.group == "watch":
                continue
            try:
                await worker.wait()
            except WorkerFailed:
                pass  # the App's handler reports it; tests look at what it showed
            except Exception:  # noqa: BLE001 - not started or cancelled meanwhile
                pass
        await pilot.pause()


async def until(pilot, condition, *, timeout: float = 10.0, step: float = 0.02) -> None:
    """Let the app run until ``condition()`` holds (a worker finished, a watcher noticed a change).

    Bounded: after ``timeout`` seconds it returns and the test's assertions say what is missing.
    """
    import time

    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(step)
    await settle(pilot, rounds=1)


async def log_in(pilot, employee_no: str, pin: str = "123456") -> None:
    """Type the employee number and PIN with the keyboard and press Enter."""
    await pilot.press(*employee_no, "enter", *pin, "enter")
    await settle(pilot)


def texts(screen, selector: str = "Static") -> str:
    """The text of every widget matching ``selector`` on ``screen``, one per line."""
    parts = []
    for widget in screen.query(selector):
        content = widget.render()
        parts.append(str(getattr(content, "plain", content)))
    return "\n".join(parts)


def run(coro):
    """Run ``coro`` to the end and put the language back to English."""
    try:
        return asyncio.run(coro)
    finally:
        set_language("en")


def burst(app, keys) -> None:
    """Send ``keys`` (characters, or key names such as ``"enter"``) as one read of a fast terminal or
    a paste delivers them: every event queued before the App handles the first (``pilot.press``
    waits for the App to go idle after each key, which hides type-ahead races)."""
    from textual import events
    from textual.keys import _character_to_key

    for key in keys:
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        if len(key) == 1:
            char = key
        else:
            char = {"enter": "\r", "tab": "\t", "space": " "}.get(key)
        event = events.Key(name, char)
        event.set_sender(app)
        app._driver.send_message(event)
