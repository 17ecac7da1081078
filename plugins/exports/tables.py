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


ITEMS_INDENT = "  "    # depth of an item inside {"items": [...]} with indent=1


def _item_json(item, base: str) -> str:
    text = json.dumps(record(item, base), ensure_ascii=False, indent=1)
    return text.replace("\n", "\n" + ITEMS_INDENT)   # JSON strings hold no raw newline


def label(key: str) -> str:
    return EXTRA_LABELS.get(key) or schema.label(key) or key


_json_items = _PerItem(_item_json)


def catalog_json(catalog, settings: dict, base: str) -> bytes:
    """The document ``json.dumps(..., indent=1)`` gives for the header and every :func:`record`, built
    from per-item texts (tests check it is the same)."""
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
    head = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False)
    if not items:
        return (head + "\n").encode("utf-8")
    assert head.endswith('"items": []\n}')
    body = ",\n  ".join(_json_items(items, base))
    return (head[:-len("]\n}")] + "\n  " + body + "\n ]\n}\n").encode("utf-8")


def cell(value) -> str:
    """One CSV cell: lists joined with '；', attachments as 名称（网址）, spreadsheet formulas defused."""
    if isinstance(value, list):
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


def _csv_cells(item, base: str) -> list[str]:
    row = record(item, base)
    return [cell(v) for v in row.values()]


_csv_rows = _PerItem(_csv_cells)


def catalog_csv(catalog, base: str) -> bytes:
    items = catalog.items
    keys = list(record(items[0], base)) if items else ["index_no", "title"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([label(k) for k in keys])
    writer.writerows(_csv_rows(items, base))
    return buf.getvalue().encode("utf-8-sig")
