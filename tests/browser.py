"""Headless Chromium for the tests: print a page to PDF and count its pages, take a screenshot.

Debian's ``chromium`` (``.ci/run`` installs it when missing).  Tests that need it call
:func:`chromium`, which skips the test only when no browser can be found.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium() -> str:
    for name in NAMES:
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no Chromium installed (.ci/run installs Debian's chromium)")


def _run(args: list[str], tmp_path: Path) -> None:
    profile = tmp_path / "chromium-profile"
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def pdf_of(html: str, tmp_path: Path, name: str = "page") -> Path:
    """Print ``html`` as the browser would print it (its own ``@page``, no header or footer)."""
    source = tmp_path / f"{name}.html"
    source.write_text(html, encoding="utf-8")
    target = tmp_path / f"{name}.pdf"
    _run(["--no-pdf-header-footer", f"--print-to-pdf={target}", source.as_uri()], tmp_path)
    return target


def page_count(pdf: Path) -> int:
    """Pages of a PDF: the page objects (Chromium writes them uncompressed)."""
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    assert pages, "no pages found in the PDF"
    return pages


def page_size_mm(pdf: Path) -> tuple[float, float]:
    """Width and height of the first page in millimetres (from its MediaBox)."""
    box = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf.read_bytes())
    assert box, "no MediaBox"
    x0, y0, x1, y1 = (float(v) for v in box.groups())
    return round((x1 - x0) * 25.4 / 72, 1), round((y1 - y0) * 25.4 / 72, 1)


def screenshot(url: str, tmp_path: Path, size: tuple[int, int] = (1280, 720), wait_ms: int = 4000) -> Path:
    """A PNG of ``url`` at ``size`` after ``wait_ms`` of running its scripts."""
    target = tmp_path / "screenshot.png"
    _run([f"--window-size={size[0]},{size[1]}", f"--virtual-time-budget={wait_ms}", f"--screenshot={target}",
          url], tmp_path)
    return target


def live_screenshot(url: str, tmp_path: Path, *, size: tuple[int, int] = (1280, 720), ready_class: str = "-first-byte",
                    timeout: float = 30.0) -> tuple[Path, str]:
    """A PNG of ``url`` once its page says it is ready (``ready_class`` on ``<body>``: textual-serve's
    terminal got the app's first bytes), taken in real time through the DevTools protocol.

    Returns the PNG and the body's classes at that moment.
    """
    import asyncio
    import base64
    import json
    import socket
    import time
    import urllib.request

    import aiohttp

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         f"--remote-debugging-port={port}", f"--user-data-dir={tmp_path / 'cdp-profile'}",
         f"--window-size={size[0]},{size[1]}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    target = tmp_path / "screenshot.png"

    async def drive() -> str:
        deadline = time.monotonic() + timeout
        page = None
        while page is None and time.monotonic() < deadline:
            try:
                targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=2).read())
                page = next(t for t in targets if t["type"] == "page")
            except (OSError, StopIteration, ValueError):
                await asyncio.sleep(0.1)
        assert page is not None, "Chromium did not start"
        async with aiohttp.ClientSession() as session, session.ws_connect(
                page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            counter = 0

            async def call(method, **params):
                nonlocal counter
                counter += 1
                await ws.send_json({"id": counter, "method": method, "params": params})
                while True:
                    message = await ws.receive_json()
                    if message.get("id") == counter:
                        return message.get("result", {})

            await call("Emulation.setDeviceMetricsOverride", width=size[0], height=size[1], deviceScaleFactor=1,
                       mobile=False)
            await call("Page.navigate", url=url)
            classes = ""
            while time.monotonic() < deadline:
                result = await call("Runtime.evaluate", expression="document.body && document.body.className",
                                    returnByValue=True)
                classes = result.get("result", {}).get("value") or ""
                if ready_class in classes.split():
                    await asyncio.sleep(2.0)  # let the first frames paint
                    break
                await asyncio.sleep(0.2)
            shot = await call("Page.captureScreenshot", format="png")
            target.write_bytes(base64.b64decode(shot["data"]))
            return classes

    try:
        classes = asyncio.run(drive())
    finally:
        process.terminate()
        process.wait(timeout=10)
    return target, classes


def png_size(path: Path) -> tuple[int, int]:
    import struct

    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])
