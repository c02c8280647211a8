"""Bar charts as inline SVG for the HTML reports: no script, no external file, prints as drawn."""

from __future__ import annotations

import html
from collections.abc import Sequence

#: fill colours of the series, in order (print well in grey too)
COLOURS = ("#1f5fa8", "#e08a1e", "#3a9b45", "#b3362d")


def bar_chart_svg(labels: Sequence[str], series: dict[str, Sequence[float]], title: str = "",
                  width: int = 720, height: int = 300) -> str:
    """Grouped bars of ``series`` (name → one value per label) over ``labels``, with axis, ticks and legend."""
    left, right, top, bottom = 56, 12, 34 if title else 14, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((float(v) for values in series.values() for v in values), default=0.0) or 1.0
    step = _nice_step(peak)
    ceiling = step * max(1, -(-peak // step))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(title)}" '
           'font-family="sans-serif" font-size="11">']
    if title:
        out.append(f'<text x="{width / 2:.0f}" y="18" text-anchor="middle" font-size="13" '
                   f'font-weight="bold">{html.escape(title)}</text>')
    ticks = int(ceiling // step)
    for i in range(ticks + 1):
        value = step * i
        y = top + plot_h - plot_h * value / ceiling
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_number(value)}</text>')
    groups = max(1, len(labels))
    slot = plot_w / groups
    names = list(series)
    bar = slot * 0.8 / max(1, len(names))
    for g, label in enumerate(labels):
        x0 = left + slot * g + slot * 0.1
        for s, name in enumerate(names):
            value = float(series[name][g])
            h = plot_h * value / ceiling
            out.append(f'<rect class="bar" x="{x0 + bar * s:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" '
                       f'height="{h:.1f}" fill="{COLOURS[s % len(COLOURS)]}"><title>{html.escape(label)} '
                       f'{html.escape(name)}: {_number(value)}</title></rect>')
        cx = left + slot * (g + 0.5)
        out.append(f'<text x="{cx:.1f}" y="{top + plot_h + 14}" text-anchor="end" '
                   f'transform="rotate(-35 {cx:.1f} {top + plot_h + 14})">{html.escape(_short(label))}</text>')
    out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#333"/>')
    for s, name in enumerate(names):
        x = left + 8 + s * 120
        out.append(f'<rect x="{x}" y="{height - 14}" width="10" height="10" fill="{COLOURS[s % len(COLOURS)]}"/>')
        out.append(f'<text x="{x + 14}" y="{height - 5}">{html.escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _nice_step(peak: float) -> float:
    raw = peak / 5
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _short(label: str, limit: int = 14) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"
