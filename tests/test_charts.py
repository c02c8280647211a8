"""Charts: the HTML report's inline SVG, the figures by site level, and the reports screen."""

from __future__ import annotations

import re
from datetime import date

from console.core.svgchart import bar_chart_svg
from console.status.reports import chart_report
from tests.factories import actor
from tests.test_reports import cases  # noqa: F401 - fixture
from tests.tuihelp import run, settle, texts


def test_svg_bars_are_as_tall_as_their_values():
    svg = bar_chart_svg(["一月", "二月"], {"accepted": [10, 5], "completed": [8, 0]}, title="cases")
    heights = [float(h) for h in re.findall(r'class="bar"[^>]* height="([\d.]+)"', svg)]
    # by month, then by series: 10, 8 (一月), 5, 0 (二月)
    assert len(heights) == 4 and heights[0] == 2 * heights[2] and heights[3] == 0
    assert abs(heights[1] - heights[0] * 0.8) < 0.15
    assert svg.startswith("<svg") and "一月" in svg and "<script" not in svg


def test_html_report_has_an_inline_svg_chart(cli, cases, tmp_path):
    target = tmp_path / "r.html"
    result = cli("report", "cases", "--from", "2025-09-01", "--to", "2025-10-31", "--by", "month",
                 "--format", "html", "-o", str(target), as_="S001")
    assert result.exit_code == 0, result.output
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page and "@page { size: A4" in page
    svg = page[page.index("<svg"):page.index("</svg>")]
    bars = re.findall(r'<rect class="bar"[^>]*><title>([^<]*)</title>', svg)
    assert bars == ["2025-09 Accepted: 3", "2025-09 Completed: 2", "2025-10 Accepted: 1", "2025-10 Completed: 0"]
    assert "<td class=\"num\">3</td>" in page


def test_report_by_site_level(db, cases, runner):
    report = runner.run(chart_report, date(2025, 9, 1), date(2025, 10, 31), "level", actor=actor(db, "S001"))
    assert [(r.key, r.accepted) for r in report.rows] == [("center", 4)]
    assert report.total.accepted == 4


def test_the_reports_screen_charts_the_year(db, cases, runner, clock, tmp_path):
    from datetime import datetime

    from tests.test_tui_intake import make_intake_app

    app = make_intake_app(db, tmp_path, clock, at=datetime(2025, 11, 3, 9, 0))

    async def scenario():
        async with app.run_test(size=(80, 24)) as pilot:
            app.logged_in(actor(db, "S001"), None)
            await settle(pilot)
            await pilot.press("r")
            await settle(pilot)
            screen = app.screen
            assert type(screen).__name__ == "ReportsScreen"
            chart = screen.query_one("#reports-chart")
            assert chart.labels == ["09", "10"]
            assert chart.series == {"Accepted": [3.0, 1.0], "Completed": [2.0, 0.0]}
            assert "accepted 4, completed 2 (50.0%)" in texts(screen, "#reports-summary")
            await pilot.press("d")
            await settle(pilot)
            assert screen.report.by == "department" and len(chart.labels) == 2
            await pilot.press("left_square_bracket")
            await settle(pilot)
            assert screen.report.date_from == date(2024, 1, 1) and chart.labels == []

    run(scenario())
