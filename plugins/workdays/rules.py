"""Catalog rules that count working days (they need the 调休 calendar, so they live beside it).

* A 政策解读 is released with its document ("三同步"); local rules allow at most 3 working days
  between them (e.g. Zhengzhou's). Later than that is a warning on the 解读, naming the days.
"""
from __future__ import annotations

from plugins.catalog import schema

INTERPRETATION_LAG = 3      # working days (WORKDAYS_INTERPRETATION_LAG overrides it)


def check_interpretation_lag(catalog, calendar, problems, limit: int = INTERPRETATION_LAG) -> None:
    if catalog is None or calendar is None:
        return
    for item in catalog.items:
        if not item.interprets_items:
            continue
        for document in item.interprets_items:
            if item.published <= document.published:
                continue                      # earlier than the document: the catalog rules report that
            days = calendar.workdays_between(document.published, item.published)
            if days > limit:
                problems.warn(item.source, item.lines.get("published", item.line), "published",
                              f"政策解读在被解读文件 {document.index_no}（{document.published.isoformat()} 发布）之后第 {days} 个"
                              f"工作日才发布，超过“三同步”要求的 {limit} 个工作日",
                              "政策解读应与文件同步起草、同步审签、同步发布；核对发布日期", schema.label("published"))
