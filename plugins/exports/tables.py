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
    """``make(item, base)`` memoised by (content digest, base) for the items of the latest run; the
    same items asked for again (catalog.csv after catalog.json) get the same list back."""

    def __init__(self, make):
        self.make, self.memo, self.base, self.last = make, {}, None, (None, None)

    def __call__(self, items, base: str) -> list:
        if self.last[0] is items and base == self.base:
            return self.last[1]
        memo = self.memo if base == self.base else {}
        self.memo, self.base = {}, base
        out = []
        for item in items:
            key = item.content_digest
            value = memo.get(key)
            if value is None:
                value = self.make(item, base)
            self.memo[key] = value
            out.append(value)
        self.last = (items, out)
        return out


_line = io.StringIO()
_csv = csv.writer(_line, lineterminator="\r\n")


def csv_line(cells: list[str]) -> str:
    """One CSV record as ``csv.writer`` writes it (quoting, CRLF)."""
    _line.seek(0)
    _line.truncate()
    _csv.writerow(cells)
    return _line.getvalue()


def _encode(item, base: str) -> tuple[str, str]:
    """An item's line of catalog.json and its record of catalog.csv."""
    row = record(item, base)
    return json.dumps(row, ensure_ascii=False), csv_line([cell(v) for v in row.values()])


_encoded = _PerItem(_encode)


def label(key: str) -> str:
    return EXTRA_LABELS.get(key) or schema.label(key) or key


def _same(memo: dict | None, name: str, key) -> bytes | None:
    """The bytes made last time from ``key`` (``memo``: kept by a long-running preview), or None."""
    last = memo.get(name) if memo is not None else None
    return last[1] if last is not None and last[0] == key else None


def _keep(memo: dict | None, name: str, key, data: bytes) -> bytes:
    if memo is not None:
        memo[name] = (key, data)
    return data


def catalog_json(catalog, settings: dict, base: str, memo: dict | None = None) -> bytes:
    """The site, the field labels and every :func:`record`, one item per line (diffs stay readable and
    the C encoder does the work: indenting 20,000 items would take the pure-Python one).
    ``memo`` (a preview): the file is not joined and encoded again when no line changed (an edit of a
    body: ~100 MB at 100,000 items)."""
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
    lines = [line for line, _ in _encoded(items, base)]
    known = _same(memo, "json", (head, lines))
    if known is not None:
        return known
    text = head[:-len("]\n}")] + "\n  " + ",\n  ".join(lines) + "\n ]\n}\n"
    return _keep(memo, "json", (head, lines), text.encode("utf-8"))


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


def catalog_csv(catalog, base: str, memo: dict | None = None) -> bytes:
    items = catalog.items
    keys = list(record(items[0], base)) if items else ["index_no", "title"]
    lines = [csv_line([label(k) for k in keys])]
    lines += [line for _, line in _encoded(items, base)]
    known = _same(memo, "csv", lines)
    if known is not None:
        return known
    return _keep(memo, "csv", lines, "".join(lines).encode("utf-8-sig"))
