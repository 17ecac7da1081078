"""The machine-readable catalog: catalog.json and catalog.csv (UTF-8 with BOM so Excel opens it).

Each item's JSON text and CSV cells are kept per item (by its content digest and the site URL), so a
rebuild in a long-running process re-encodes only the items that changed.
"""
from __future__ import annotations

import csv
import io
import json

from plugins.catalog import schema

# Headers of the keys that Item.to_dict() adds beyond the schema's fields.
EXTRA_LABELS = {
    "category_key": "类别代码", "validity_dates": "有效性日期", "source": "信息来源", "url": "网址",
    "source_file": "源文件", "link": "网址",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def record(item, base: str) -> dict:
    """``Item.to_dict()`` with ``url`` (and attachment URLs) made absolute."""
    row = item.to_dict()
    row["url"] = base + row["url"]
    for att in row.get("attachments", []):
        att["url"] = base + att["url"]
    return row


def records(catalog, base: str) -> list[dict]:
    """:func:`record` of every item (newest first)."""
    return [record(item, base) for item in catalog.items]


class _PerItem:
    """``make(item, base)`` memoised by (content digest, base) for the items of the latest run."""

    def __init__(self, make):
        self.make, self.memo = make, {}

    def __call__(self, items, base: str) -> list:
        memo, self.memo = self.memo, {}
        out = []
        for item in items:
            key = (item.content_digest, base)
            value = memo.get(key)
            if value is None:
                value = self.make(item, base)
            self.memo[key] = value
            out.append(value)
        return out


def _encode(item, base: str) -> tuple[str, list[str]]:
    """An item's line of catalog.json and its cells of catalog.csv."""
    row = record(item, base)
    return json.dumps(row, ensure_ascii=False), [cell(v) for v in row.values()]


_encoded = _PerItem(_encode)


def label(key: str) -> str:
    return EXTRA_LABELS.get(key) or schema.label(key) or key


def catalog_json(catalog, settings: dict, base: str) -> bytes:
    """The site, the field labels and every :func:`record`, one item per line (diffs stay readable and
    the C encoder does the work: indenting 20,000 items would take the pure-Python one)."""
    items = catalog.items
    keys = list(record(items[0], base)) if items else []
    doc = {
        "site": settings.get("SITENAME", ""),
        "publisher": (settings.get("AGENCY") or {}).get("name", ""),
        "url": base,
        "count": len(items),
        "fields": {k: label(k) for k in keys},
        "items": [],
    }
    head = json.dumps(doc, ensure_ascii=False, indent=1)
    if not items:
        return (head + "\n").encode("utf-8")
    assert head.endswith('"items": []\n}')
    lines = ",\n  ".join(line for line, _ in _encoded(items, base))
    return (head[:-len("]\n}")] + "\n  " + lines + "\n ]\n}\n").encode("utf-8")


def cell(value) -> str:
    """One CSV cell: lists joined with '；', attachments as 名称（网址）, spreadsheet formulas defused."""
    if type(value) is str:
        text = value
    elif isinstance(value, list):
        text = "；".join(cell(v) for v in value)
    elif isinstance(value, dict):
        if "title" in value and "url" in value:
            text = f"{value['title']}（{value['url']}）"
        else:
            text = "；".join(f"{k}={v}" for k, v in value.items())
    elif value is None:
        text = ""
    elif isinstance(value, bool):
        text = "是" if value else "否"
    else:
        text = str(value)
    # A cell starting with = + - @ would run as a formula in Excel (CSV injection): prefix a quote.
    return "'" + text if text.startswith(FORMULA_START) else text


def catalog_csv(catalog, base: str) -> bytes:
    items = catalog.items
    keys = list(record(items[0], base)) if items else ["index_no", "title"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([label(k) for k in keys])
    writer.writerows(cells for _, cells in _encoded(items, base))
    return buf.getvalue().encode("utf-8-sig")
