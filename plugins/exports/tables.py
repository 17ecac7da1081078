"""The machine-readable catalog: catalog.json and catalog.csv (UTF-8 with BOM so Excel opens it)."""
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


def records(catalog, base: str) -> list[dict]:
    """``Item.to_dict()`` of every item (newest first), with ``url`` made absolute."""
    rows = []
    for item in catalog.items:
        row = item.to_dict()
        row["url"] = base + row["url"]
        for att in row.get("attachments", []):
            att["url"] = base + att["url"]
        rows.append(row)
    return rows


def label(key: str) -> str:
    return EXTRA_LABELS.get(key) or schema.label(key) or key


def catalog_json(catalog, settings: dict, base: str) -> bytes:
    rows = records(catalog, base)
    keys = list(rows[0]) if rows else []
    doc = {
        "site": settings.get("SITENAME", ""),
        "publisher": (settings.get("AGENCY") or {}).get("name", ""),
        "url": base,
        "count": len(rows),
        "fields": {k: label(k) for k in keys},
        "items": rows,
    }
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


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


def catalog_csv(catalog, base: str) -> bytes:
    rows = records(catalog, base)
    keys = list(rows[0]) if rows else ["index_no", "title"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([label(k) for k in keys])
    for row in rows:
        writer.writerow([cell(row.get(k)) for k in keys])
    return buf.getvalue().encode("utf-8-sig")
