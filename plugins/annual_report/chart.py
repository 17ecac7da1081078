"""Inline SVG bar charts of the main series across years — no JavaScript.

The SVG is ``role="img"`` named by its ``<title>`` and described by its ``<desc>`` (which states
every value in words); the page also prints the same figures as a data table, so nothing
depends on seeing the chart or telling the colours apart (WCAG 1.1.1, 1.4.1). Bar colours have
at least 3:1 contrast against white (WCAG 1.4.11), and every bar carries its value as text.
"""
from __future__ import annotations

import math
from html import escape

COLORS = ("#1d4e89", "#2e6b30", "#9a4a00")   # ≥ 6:1 on white
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 44, 36


def axis(value: float) -> tuple[int, int]:
    """(axis maximum, tick step): whole-number steps of 1, 2 or 5 × 10^n, about four ticks."""
    if value <= 0:
        return 4, 1
    raw = value / 4
    exp = 10 ** max(0, math.floor(math.log10(raw))) if raw >= 1 else 1
    step = next(s * exp for s in (1, 2, 5, 10) if s * exp >= raw)
    return int(step * math.ceil(value / step)), int(step)


def bar_chart(chart_id: str, title: str, years: list[int], series: list[tuple[str, str, dict]]) -> str:
    """Grouped bars: one group per year, one bar per series ``(id, label, {year: value})``."""
    top, step = axis(max([v for _, _, vals in series for v in vals.values() if v is not None] or [0]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group_w = plot_w / max(len(years), 1)
    bar_w = min(28.0, group_w * 0.8 / max(len(series), 1))
    words = []
    for year in years:
        parts = [f"{label}{vals[year]}" for _, label, vals in series if vals.get(year) is not None]
        words.append(f"{year}年：" + "，".join(parts))
    desc = "；".join(words) + "。" if words else "暂无数据。"
    out = [f'<svg class="gk-chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
           f'xmlns="http://www.w3.org/2000/svg" data-max="{top}">',
           f'<title id="{chart_id}-title">{escape(title)}</title>',
           f'<desc id="{chart_id}-desc">{escape(desc)}</desc>']
    for i, (_sid, label, _vals) in enumerate(series):    # legend
        x = LEFT + i * 130
        out.append(f'<rect x="{x}" y="10" width="14" height="14" fill="{COLORS[i % len(COLORS)]}"/>'
                   f'<text x="{x + 20}" y="22" class="gk-chart__legend">{escape(label)}</text>')
    for k in range(top // step + 1):                      # y axis grid and labels
        value = k * step
        y = TOP + plot_h - plot_h * value / top
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="gk-chart__grid"/>'
                   f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="gk-chart__axis">{value}</text>')
    for g, year in enumerate(years):
        x0 = LEFT + g * group_w + (group_w - bar_w * len(series)) / 2
        for i, (sid, _label, vals) in enumerate(series):
            value = vals.get(year)
            if value is None:
                continue
            h = plot_h * value / top
            x, y = x0 + i * bar_w, TOP + plot_h - h
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
                       f'fill="{COLORS[i % len(COLORS)]}" data-series="{sid}" data-year="{year}" data-value="{value}"/>'
                       f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
                       f'class="gk-chart__value">{value}</text>')
        out.append(f'<text x="{LEFT + g * group_w + group_w / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle" '
                   f'class="gk-chart__axis">{year}年</text>')
    out.append("</svg>")
    return "".join(out)
