"""What is already in catalog/: every item's 索引号, path and raw fields, read with the catalog's own reader.

Files that do not parse still reserve their 索引号 and path (found with a line scan, as
``gongkai new`` does), so an import never reuses a number or overwrites a broken file.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from plugins._shared.diagnostics import Problems, relpath
from plugins.catalog.load import item_files
from plugins.catalog.reader import read_item

from .values import clean_text, doc_no_key

_INDEX_LINE = re.compile(r"^index_no:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", re.M)


@dataclasses.dataclass
class ExistingItem:
    path: Path
    rel: str
    index_no: str
    data: dict            # plain nested dict/list/str, as the reader sees it
    body: str
    markdown: bool        # .md (front matter + body) or pure YAML
    parsed: bool = True


@dataclasses.dataclass
class ExistingCatalog:
    by_index: dict[str, ExistingItem]
    by_match: dict[tuple, list[ExistingItem]]   # match key -> items, in 索引号 order
    paths: set[Path]

    def numbers(self) -> list[str]:
        return list(self.by_index)


def plain(node):
    """LineDict/list tree → plain dicts and lists (for comparing and re-emitting)."""
    if isinstance(node, dict):
        return {k: plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node


def match_key(title: str, doc_no: str, published: str) -> tuple:
    """How a row without 索引号 finds the item an earlier import created: title + 文号 (or + date)."""
    title = clean_text(title)
    return ("doc", title, doc_no_key(doc_no)) if doc_no else ("date", title, str(published))


def parse_text(text: bytes, rel: str) -> tuple[dict, str] | None:
    """(plain data, body) of an item file's bytes (``rel`` ends in .md or .yml), or None when it does not parse."""
    raw = read_item(text, rel, Problems())
    if raw is None:
        return None
    data = plain(raw.data)
    data.pop("body", None)
    return data, raw.body


def scan(catalog_dir: Path, root: Path) -> ExistingCatalog:
    by_index: dict[str, ExistingItem] = {}
    by_match: dict[tuple, list[ExistingItem]] = {}
    paths = set()
    for path in item_files(catalog_dir):
        paths.add(path)
        rel = relpath(path, root)
        raw = path.read_bytes()
        markdown = path.suffix == ".md"
        parsed = parse_text(raw, rel)
        if parsed is None or not isinstance(parsed[0].get("index_no"), str):
            m = _INDEX_LINE.search(raw.decode("utf-8", errors="replace"))
            if m:
                by_index.setdefault(m.group(1).strip(), ExistingItem(path, rel, m.group(1).strip(), {}, "",
                                                                     markdown, parsed=False))
            continue
        data, body = parsed
        item = ExistingItem(path, rel, data["index_no"].strip(), data, body, markdown)
        by_index.setdefault(item.index_no, item)
        if isinstance(data.get("title"), str):
            key = match_key(data["title"], str(data.get("doc_no") or ""), str(data.get("published") or ""))
            by_match.setdefault(key, []).append(item)
    for items in by_match.values():
        items.sort(key=lambda i: i.index_no)
    return ExistingCatalog(by_index, by_match, paths)

