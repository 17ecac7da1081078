"""Checks over the catalog itself: 栏目不更新, Art. 26 (20 working days); 首页不更新 is in vetoes.py.

Personal data in items and attachments is checked by the catalog itself (plugins/catalog/privacy.py),
in make check and every build.
"""
from __future__ import annotations

import datetime as dt

from plugins.catalog import schema

from .pages import category_lines, taxonomy_path
from .site import Site


def check_stale(site: Site, today: dt.date) -> list[str]:
    """Columns whose newest item is older than their period; returns the stale category labels."""
    if site.catalog is None:
        return []
    lines = category_lines(site)
    overrides = site.cfg["stale_days"]
    stale = []
    for cat in site.catalog.taxonomy.categories:
        items = site.catalog.in_column(cat.key)
        days = int(overrides.get(cat.key, cat.stale_days) or 0)
        if not items or days <= 0:
            continue
        newest = max(i.published for i in items)
        age = (today - newest).days
        if age > days:
            stale.append(cat.label)
            site.report("stale_columns", taxonomy_path(site), lines.get(cat.key, 0), "stale_days",
                        f"栏目不更新：“{cat.label}”最新一条发布于 {newest.isoformat()}，至 {today.isoformat()} 已 {age} 天未更新"
                        f"（要求 {days} 天内有更新）",
                        "发布该栏目的新信息；若该栏目确实更新较少，在 taxonomy.yml 中调整 stale_days", "栏目更新")
    site.stats["stale_columns"] = stale
    return stale


def check_art26(site: Site, calendar) -> int:
    """Items published more than N working days after their 成文日期 (条例第二十六条)."""
    if site.catalog is None or calendar is None:
        return 0
    limit = int(site.cfg["art26_workdays"])
    late = 0
    for item in site.catalog.items:
        if not item.written or item.written > item.published:
            continue
        days = calendar.workdays_between(item.written, item.published)
        if days <= limit:
            continue
        late += 1
        note = ""
        uncovered = calendar.uncovered_years(item.written, item.published)
        if uncovered:
            note = f"（{'、'.join(map(str, uncovered))} 年没有节假日安排文件，按周一至周五计算）"
        site.report("art26", item.source, item.lines.get("published", item.line), "published",
                    f"成文日期 {item.written.isoformat()} 至发布日期 {item.published.isoformat()} 相隔 {days} 个工作日，"
                    f"超过《政府信息公开条例》第二十六条规定的 {limit} 个工作日{note}",
                    "核对 written 和 published 是否填写正确；确属逾期公开的，请在年度报告中说明并改进", schema.label("published"))
    site.stats["art26_late"] = late
    return late
