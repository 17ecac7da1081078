"""Typed catalog items and the catalog that links them."""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import operator
from typing import Any

from .taxonomy import Category, Publisher, Taxonomy


@dataclasses.dataclass
class Attachment:
    title: str
    source: str          # repo-relative path of the file
    name: str            # file name in the output
    url: str             # site-relative URL
    size: int = 0
    ext: str = ""        # PDF, DOCX … (upper case, for display)


LINKED = ("interpreted_by", "superseded_by", "interprets_items", "supersedes_items")   # set by Catalog.link()


@dataclasses.dataclass
class Item:
    source: str                       # repo-relative path of the item file
    line: int                         # line of the first front-matter key
    lines: dict                       # key -> line, for messages
    index_no: str
    title: str
    category: Category
    publisher: Publisher
    published: dt.date
    url: str                          # site-relative, e.g. gk/MB1C37512/2025-00001/
    save_as: str                      # gk/MB1C37512/2025-00001/index.html
    doc_no: str = ""
    written: dt.date | None = None
    topics: list = dataclasses.field(default_factory=list)        # [(top, sub)]
    keywords: list = dataclasses.field(default_factory=list)
    summary: str = ""
    validity: dict = dataclasses.field(default_factory=dict)   # {} when the item states none
    genre: str = ""
    source_info: str = ""
    scope: str = "全部公开"
    attachments: list = dataclasses.field(default_factory=list)   # [Attachment]
    interprets: list = dataclasses.field(default_factory=list)    # [index_no]
    supersedes: list = dataclasses.field(default_factory=list)    # [index_no]
    headnote: dict = dataclasses.field(default_factory=dict)
    service: dict = dataclasses.field(default_factory=dict)
    budget: dict = dataclasses.field(default_factory=dict)
    pii_reviewed: bool = False
    pii_reason: str = ""
    body: str = ""                    # Markdown source
    body_line: int = 1                # line in the file where the body starts
    body_links: list = dataclasses.field(default_factory=list)   # [(line, site path)] into the catalog (rules.py)
    # filled in by Catalog.link()
    interpreted_by: list = dataclasses.field(default_factory=list)   # [Item]
    superseded_by: list = dataclasses.field(default_factory=list)    # [Item]
    interprets_items: list = dataclasses.field(default_factory=list)
    supersedes_items: list = dataclasses.field(default_factory=list)
    body_html: str = ""

    @property
    def status(self) -> str:
        return self.validity.get("status", "有效")

    @property
    def is_current(self) -> bool:
        return self.status == "有效"

    @property
    def year(self) -> int:
        return self.published.year

    def detached(self, links: bool = True) -> Item:
        """The item as a forked worker should read it: this object here; a copy of its own for a
        :class:`LeanItem`, whose objects live in the parent (``links``: with its relations to others)."""
        return self

    @functools.cached_property
    def content_digest(self) -> str:
        """Digest of everything the item's file gives it: fields, body, rendered body and blocks.

        Computed once per Item object, after the body is rendered; an item whose file changes is
        read into a new object (see cache.py), so the digest never goes stale. Pages, the search
        index and the exports compare it between runs instead of re-serialising every item.
        """
        from plugins._shared.output import digest

        return digest({f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in LINKED})

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-friendly record of every metadata field (exports, search, reports)."""
        return {
            "index_no": self.index_no,
            "title": self.title,
            "category": self.category.label,
            "category_key": self.category.key,
            "publisher": self.publisher.name,
            "published": self.published.isoformat(),
            "doc_no": self.doc_no,
            "written": self.written.isoformat() if self.written else "",
            "topics": ["/".join(t for t in pair if t) for pair in self.topics],
            "keywords": list(self.keywords),
            "summary": self.summary,
            "validity": self.validity.get("status", ""),
            "validity_dates": {k: (v.isoformat() if isinstance(v, dt.date) else v)
                               for k, v in self.validity.items() if k != "status"},
            "genre": self.genre,
            "source": self.source_info,
            "scope": self.scope,
            "attachments": [{"title": a.title, "url": a.url, "size": a.size, "type": a.ext}
                            for a in self.attachments],
            "interprets": list(self.interprets),
            "supersedes": list(self.supersedes),
            "url": self.url,
            "source_file": self.source,
        }


class LeanItem(Item):
    """An item of a large catalog whose body and rendered body live in the build cache, not in memory.

    ``body`` and ``body_html`` are ~6.5 KB of the ~12 KB an item holds. A full build of a large catalog
    keeps them out of this process and reads them back, a batch at a time, where they are used: the
    page writers and the search index process. Both are forked, and a forked process that read them
    from the parent's objects would copy them (CPython writes a reference count into every object it
    reads). ``_bodies`` is a :class:`plugins.catalog.cache.StoredBodies`, ``_body_key`` the item's key in it.
    ``lines`` (~1 KB, needed only for a message) is read from the store too.
    """

    @property
    def lines(self) -> dict:
        return self._bodies.lines(self._body_key)

    def detached(self, links: bool = True) -> Item:
        return self._bodies.detached(self, links)

    @property
    def body(self) -> str:
        return self._bodies.get(self._body_key)[0]

    @property
    def body_html(self) -> str:
        return self._bodies.get(self._body_key)[1]


@dataclasses.dataclass
class Catalog:
    items: list[Item]
    taxonomy: Taxonomy
    law_map: Any = None       # plugins.catalog.lawmap.LawMap, set by lawmap.attach (build and make check)

    def __post_init__(self):
        self.items.sort(key=lambda i: (-i.published.toordinal(), i.index_no))
        self.by_index = {i.index_no: i for i in self.items}

    @classmethod
    def arranged(cls, items: list[Item], taxonomy: Taxonomy, by_index: dict, in_files_order: list[Item],
                 last: Catalog | None = None, swaps: list[tuple[Item, Item]] = ()) -> Catalog:
        """A catalog whose items are already in catalog order, with their index and file order (the
        preview, from its last catalog: see plugins/catalog/load.py ``_kept_catalog``). ``last``: the
        catalog whose items ``swaps`` (old, new) replace; its groupings are carried over when made."""
        catalog = cls.__new__(cls)
        catalog.items, catalog.taxonomy, catalog.law_map, catalog.by_index = items, taxonomy, None, by_index
        catalog.__dict__["in_files_order"] = in_files_order
        for name, key in (("groups", _group_key), ("_columns", _column_key)):
            kept = last.__dict__.get(name) if last is not None else None
            swapped = _swapped(kept, key, swaps) if kept is not None else None
            if swapped is not None:
                catalog.__dict__[name] = swapped
        return catalog

    @functools.cached_property
    def in_files_order(self) -> list[Item]:
        """The items in the order of their files: the order they were read in, and so the order of
        their objects in memory (what forked workers should go through them in: see LeanItem)."""
        return sorted(self.items, key=operator.attrgetter("source"))

    def link(self) -> None:
        """Resolve relations both ways (documents ↔ 政策解读, old ↔ new)."""
        for item in self.in_files_order:  # items may come from the rebuild cache: reset derived links first
            # (new lists, never cleared in place: a list may be shared with a copy; only where there are
            # links — most items have none, and a preview at 100,000 items links them at every rebuild)
            if item.interpreted_by or item.superseded_by or item.interprets_items or item.supersedes_items:
                item.interpreted_by, item.superseded_by = [], []
                item.interprets_items, item.supersedes_items = [], []
        for item in self.items:
            if not (item.interprets or item.supersedes):
                continue
            item.interprets_items = [self.by_index[n] for n in item.interprets
                                     if n in self.by_index and n != item.index_no]
            item.supersedes_items = [self.by_index[n] for n in item.supersedes
                                     if n in self.by_index and n != item.index_no]
            for target in item.interprets_items:
                target.interpreted_by = [*target.interpreted_by, item]
            for target in item.supersedes_items:
                target.superseded_by = [*target.superseded_by, item]

    @functools.cached_property
    def groups(self) -> dict[tuple[str, str], list[Item]]:
        """Items by (category key, publisher key), each list in catalog order; computed once.

        Per-body figures (年报 tables, 公开指南 counts) read these instead of scanning every item once
        per body and kind (at 20,000 items and 11 bodies, ~1 s of each preview rebuild)."""
        return _grouped(self.items, _group_key)

    @functools.cached_property
    def _columns(self) -> dict[str, list[Item]]:
        return _grouped(self.items, _column_key)

    def in_column(self, key: str) -> list[Item]:
        """The items of the category ``key``, in catalog order (by key: items from the cache may hold
        older Category objects)."""
        return self._columns.get(key, [])


def _group_key(item: Item) -> tuple[str, str]:
    return item.category.key, item.publisher.key


def _column_key(item: Item) -> str:
    return item.category.key


def _swapped(grouped: dict, key, swaps) -> dict | None:
    """``grouped`` (lists in catalog order) with each old item replaced by its new one in place, or None
    when one moves to another group (then the grouping is made again)."""
    out = dict(grouped)
    for old, new in swaps:
        if key(old) != key(new):
            return None
        group = out[key(old)]
        if group is grouped[key(old)]:
            group = out[key(old)] = list(group)       # never change the last catalog's lists
        group[next(n for n, member in enumerate(group) if member is old)] = new
    return out


def _grouped(items: list[Item], key) -> dict:
    found: dict = {}
    for item in items:
        found.setdefault(key(item), []).append(item)
    return found
