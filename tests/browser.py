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
