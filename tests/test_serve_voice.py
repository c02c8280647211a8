"""The public screens in a browser (``hall serve``) and by voice (``hall display --voice``)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import wave
from datetime import datetime
from pathlib import Path

import pytest

from console.queue.voice import Announcer, announcement, espeak, say
from console.queue.watch import DisplayCall, DisplayState
from console.queue.window import call_next
from tests.queue_fixtures import qhall  # noqa: F401 - fixture
from tests.queue_fixtures import screen_clock as clock  # noqa: F401 - fixture
from tests.test_tui_queue import take
from tests.tuihelp import run

ROOT = Path(__file__).resolve().parents[1]


def _state(*calls) -> DisplayState:
    return DisplayState(site="410185", site_name="center", windows=(), waiting=(),
                        last_calls=tuple(DisplayCall(n, w, datetime(2026, 3, 2, 9, m), False) for n, w, m in calls))


def test_the_announcer_speaks_each_new_call_once():
    spoken = []
    announcer = Announcer("zh_CN", speak=spoken.append)
    announcer.observe(_state(("A001", "01", 0)))  # already on screen when the display starts: silent
    announcer.observe(_state(("A001", "01", 0)))
    announcer.observe(_state(("A002", "03", 1), ("A001", "01", 0)))
    announcer.observe(_state(("A002", "03", 1), ("A001", "01", 0)))
    assert spoken == [[("cmn", "请A 0 0 2号到03号窗口")]]
    english = Announcer("en", speak=spoken.append)
    english.observe(_state())
    english.observe(_state(("B001", "02", 2)))
    assert spoken[-1] == [("cmn", "请B 0 0 1号到02号窗口"), ("en", "Number B 0 0 1, please go to window 02")]


def test_the_announcement_is_spoken_into_a_wav(tmp_path):
    if espeak() is None:
        pytest.skip("espeak-ng is not installed (.ci/run installs it)")
    target = tmp_path / "call.wav"
    assert say(announcement("A001", "03", "en"), wav=target)
    for path in (target, target.with_suffix(".2.wav")):
        with wave.open(str(path)) as sound:
            seconds = sound.getnframes() / sound.getframerate()
            frames = sound.readframes(sound.getnframes())
        assert 1.0 < seconds < 10.0
        samples = memoryview(frames).cast("h")
        assert max(abs(s) for s in samples) > 1000  # speech, not silence


def test_the_display_announces_calls_made_elsewhere(db, runner, clock, qhall):
    from screens.apps.display import DisplayApp
    from tests.test_tui_display import _until

    take(runner, "SCJG", "SCJG")
    spoken = []

    async def scenario():
        app = DisplayApp(db, lang="zh_CN", clock=clock, stars=lambda ctx, site_id: {},
                         announcer=Announcer("zh_CN", speak=spoken.append))
        async with app.run_test(size=(80, 24)) as pilot:
            await _until(pilot, lambda: app.screen.view is not None)
            runner.run(call_next, actor=qhall["c001"])
            await _until(pilot, lambda: bool(spoken))
            assert spoken == [[("cmn", "请A 0 0 1号到01号窗口")]]

    run(scenario())


def test_the_waiting_list_fits_a_tv(db, runner, clock, qhall):
    """Services nobody waits for give way when the side column has too few rows."""
    from screens.apps.display import DisplayApp
    from tests.test_tui_display import _until

    take(runner, "MZ")

    async def scenario():
        app = DisplayApp(db, lang="en", clock=clock, stars=lambda ctx, site_id: {})
        async with app.run_test(size=(80, 6)) as pilot:
            await _until(pilot, lambda: app.screen.view is not None)
            assert [w.code for w in app.screen.view.state.waiting] == ["MZ"]
        app = DisplayApp(db, lang="en", clock=clock, stars=lambda ctx, site_id: {})
        async with app.run_test(size=(160, 45)) as pilot:
            await _until(pilot, lambda: app.screen.view is not None)
            assert [w.code for w in app.screen.view.state.waiting] == ["MZ", "RS", "SCJG"]
            side = app.screen.query_one("#display-side")
            assert side.outer_size.width == 34
            waiting = app.screen.query_one("#display-waiting")
            assert waiting.region.bottom <= app.screen.size.height

    run(scenario())


def test_only_public_screens_are_served(cli):
    result = cli("serve", "console")
    assert result.exit_code == 4 and "display, kiosk, stars" in result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.browser
def test_the_display_served_to_a_browser(db_url, qhall, runner, tmp_path):
    from tests.browser import live_screenshot, png_size

    take(runner, "SCJG")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HALL_LANG": "zh_CN", "HALL_STATE_DIR": str(tmp_path)}
    server = subprocess.Popen([sys.executable, "-m", "console", "--db", db_url, "serve", "display", "--port",
                               str(port)], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                page = urllib.request.urlopen(url, timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("hall serve did not answer")
        assert "data-session-websocket-url" in page and "hall display" in page
        shot, classes = live_screenshot(url, tmp_path)
        assert "-first-byte" in classes.split()  # the display process started and sent its screen
        assert png_size(shot) == (1280, 720)
        assert shot.stat().st_size > 15_000  # a drawn display, not the empty start page (about 11 kB)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert b"/ws" in output  # the browser's terminal connected to the served display
