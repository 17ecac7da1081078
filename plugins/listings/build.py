"""Describe every 法定主动公开内容 listing (columns and facets) from the catalog, as plain data.

Everything is grouped in one pass over ``catalog.items`` (already sorted newest first,
:class:`Groups`), so a large catalog is neither re-sorted per page nor walked once per facet.
"""
from __future__ import annotations

import dataclasses

ROOT = "fdzdgknr/"
ROOT_LABEL = "法定主动公开内容"
HOME = ("首页", "")
VOID_LABEL = "废止和失效"
CURRENT_KEY, VOID_KEY = "xxyx", "fzsx"
FACETS = {  # key -> (URL segment label, heading)
    "fbjg": "按发布机构",
    "ztfl": "按主题分类",
    "nf": "按年份",
    "yxx": "按有效性",
}
CAPTIONS = {  # listing kind -> caption of its table ({} = the listing's title)
    "column": "{}目录",                     # 行政规范性文件目录
    "column-void": "{}目录",                # 废止和失效行政规范性文件目录
    "publisher": "{}发布的信息",            # 海澄市人民政府发布的信息
    "publisher-column": "{}目录",           # 海澄市财政局财政预决算目录
    "topic": "主题分类“{}”的信息",
    "year": "{}发布的信息",                 # 2025年发布的信息
    "validity": "{}的信息",                 # 现行有效的信息
}


@dataclasses.dataclass
class Link:
    """A facet value or sub-list: label, URL of its listing (None when it has no items), count."""
    label: str
    url: str | None
    count: int
    children: list = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Listing:
    """One paginated table of items."""
    url: str                     # site-relative directory URL of page 1
    title: str                   # the page's h1
    items: list                  # newest first
    crumbs: list                 # [(label, url)] from 首页 to this listing
    kind: str                    # column | column-void | publisher | publisher-column | topic | year | validity
    page_meta: dict
    description: str = ""
    sublists: list = dataclasses.field(default_factory=list)   # [Link]

    @property
    def caption(self) -> str:
        """The caption of its table: what the rows are, never the title twice (行政规范性文件目录)."""
        return CAPTIONS[self.kind].format(self.title)


@dataclasses.dataclass
class ColumnRow:
    category: object
    url: str
    current: int
    void: int
    void_url: str | None
    basis: str = ""              # the items of the law it carries (catalog/law-map.yml)


@dataclasses.dataclass
class LawRow:
    """One item of 条例第二十条/第二十一条 on the overview: the columns that carry it, or why none does."""
    article: int                 # 20 | 21
    label: str                   # 第二十条第（五）项
    text: str                    # what the law lists
    columns: list                # [ColumnRow]
    note: str = ""               # 本机关不涉及: the reason


@dataclasses.dataclass
class Facet:
    key: str
    label: str                   # 按发布机构
    url: str
    values: list                 # [Link]
    crumbs: list


@dataclasses.dataclass
class Listings:
    total: int
    columns: list                # [ColumnRow]
    facets: list                 # [Facet]
    listings: list               # [Listing]
    crumbs: list                 # of the overview page
    law: list = dataclasses.field(default_factory=list)     # [LawRow], from catalog.law_map
    other: list = dataclasses.field(default_factory=list)   # [ColumnRow] of columns outside the law

    @property
    def article21(self) -> bool:
        """The map lists 条例第二十一条 (设区的市级、县级)."""
        return any(row.article == 21 for row in self.law)

    def facet(self, key: str) -> Facet:
        return next(f for f in self.facets if f.key == key)


def _meta(name: str, column_type: str = "信息公开目录", description: str = "") -> dict:
    return {"column_name": name, "column_type": column_type,
            "column_description": description or name, "column_keywords": name}


@dataclasses.dataclass
class Groups:
    """The items of every listing, grouped in one pass over the catalog (each list newest first)."""
    current: dict = dataclasses.field(default_factory=dict)      # category key -> current items
    void: dict = dataclasses.field(default_factory=dict)         # category key -> 废止/失效 items
    publisher: dict = dataclasses.field(default_factory=dict)    # publisher key -> items
    publisher_column: dict = dataclasses.field(default_factory=dict)   # (publisher key, category key) -> items
    top: dict = dataclasses.field(default_factory=dict)          # top-level topic -> items
    sub: dict = dataclasses.field(default_factory=dict)          # (top, sub) -> items
    year: dict = dataclasses.field(default_factory=dict)         # year -> items
    all_current: list = dataclasses.field(default_factory=list)
    all_void: list = dataclasses.field(default_factory=list)

    @classmethod
    def of(cls, items) -> Groups:
        groups = cls()
        current, void, publisher, publisher_column = groups.current, groups.void, groups.publisher, groups.publisher_column
        top, sub, year = groups.top, groups.sub, groups.year
        for item in items:
            cat, pub = item.category.key, item.publisher.key
            if item.is_current:
                current.setdefault(cat, []).append(item)
                groups.all_current.append(item)
            else:
                void.setdefault(cat, []).append(item)
                groups.all_void.append(item)
            publisher.setdefault(pub, []).append(item)
            publisher_column.setdefault((pub, cat), []).append(item)
            year.setdefault(item.published.year, []).append(item)
            topics = item.topics
            if len(topics) == 1:
                first, second = topics[0]
                top.setdefault(first, []).append(item)
                if second:
                    sub.setdefault((first, second), []).append(item)
            elif topics:
                for key in dict.fromkeys(t for t, _ in topics):   # an item counts once per key
                    top.setdefault(key, []).append(item)
                for key in dict.fromkeys((t, s) for t, s in topics if s):
                    sub.setdefault(key, []).append(item)
        return groups


    def swapped(self, swaps: list[tuple]) -> Groups | None:
        """These groups with each (old, new) item pair's new item in the old one's places, or None when
        a pair differs in what it is grouped by (a preview edit of a body or a title: no regrouping)."""
        if any(_grouped_by(old) != _grouped_by(new) for old, new in swaps):
            return None
        out = dataclasses.replace(self, **{f.name: dict(getattr(self, f.name)) for f in dataclasses.fields(self)
                                           if isinstance(getattr(self, f.name), dict)},
                                  all_current=self.all_current, all_void=self.all_void)
        for old, new in swaps:
            cat, pub, current, year, topics = _grouped_by(old)
            places = [((out.current if current else out.void), cat), (out.publisher, pub),
                      (out.publisher_column, (pub, cat)), (out.year, year)]
            places += [(out.top, top) for top in dict.fromkeys(t for t, _ in topics)]
            places += [(out.sub, pair) for pair in dict.fromkeys((t, s) for t, s in topics if s)]
            for table, key in places:
                table[key] = _replaced(table[key], old, new)
            if current:
                out.all_current = _replaced(out.all_current, old, new)
            else:
                out.all_void = _replaced(out.all_void, old, new)
        return out


def _grouped_by(item) -> tuple:
    return item.category.key, item.publisher.key, item.is_current, item.published.year, tuple(item.topics)


def _replaced(items: list, old, new) -> list:
    """A copy of ``items`` with ``new`` where ``old`` was (the last build's lists are never changed)."""
    out = list(items)
    out[next(n for n, member in enumerate(out) if member is old)] = new
    return out


def build_listings(catalog, groups: Groups | None = None) -> Listings:
    """Columns per category (current + 废止和失效), and facets by publisher, topic, year, validity.
    ``groups``: the catalog's items grouped (:class:`Groups`), when the caller has them."""
    items, tax = catalog.items, catalog.taxonomy
    law_map = getattr(catalog, "law_map", None)
    root_crumbs = [HOME, (ROOT_LABEL, ROOT)]
    listings: list[Listing] = []
    columns: list[ColumnRow] = []
    groups = groups or Groups.of(items)

    for cat in tax.categories:
        current = groups.current.get(cat.key, [])
        void = groups.void.get(cat.key, [])
        url = f"{ROOT}{cat.key}/"
        void_url = f"{url}{VOID_KEY}/" if void else None
        crumbs = root_crumbs + [(cat.label, url)]
        basis = law_map.basis(cat) if law_map is not None else cat.article
        desc = cat.description or (f"依据《政府信息公开条例》{basis}主动公开。" if basis else "")
        col = Listing(url, cat.label, current, crumbs, "column",
                      _meta(cat.label, cat.column_type, desc), desc)
        if void:
            void_title = f"{VOID_LABEL}{cat.label}"
            col.sublists = [Link(void_title, void_url, len(void))]
            listings.append(col)
            listings.append(Listing(void_url, void_title, void, crumbs + [(void_title, void_url)],
                                    "column-void", _meta(void_title, cat.column_type),
                                    f"以下文件已废止或失效，仅供查阅；现行文件见“{cat.label}”栏目。",
                                    [Link(cat.label, url, len(current))]))
        else:
            listings.append(col)
        columns.append(ColumnRow(cat, url, len(current), len(void), void_url, basis))

    facets = [
        _publisher_facet(groups, tax, root_crumbs, listings),
        _topic_facet(groups, tax, root_crumbs, listings),
        _year_facet(groups, root_crumbs, listings),
        _validity_facet(groups, root_crumbs, listings),
    ]
    by_key = {c.category.key: c for c in columns}
    law = [LawRow(e.article, e.label, e.text, [by_key[c.key] for c in e.columns if c.key in by_key], e.not_applicable)
           for e in (law_map.entries if law_map is not None else [])]
    other = [by_key[c.key] for c in (law_map.other if law_map is not None else []) if c.key in by_key]
    return Listings(len(items), columns, facets, listings, root_crumbs, law, other)


def _facet(key: str, root_crumbs: list) -> tuple[str, list]:
    url = f"{ROOT}{key}/"
    return url, root_crumbs + [(FACETS[key], url)]


def publisher_column_url(publisher_key: str, category_key: str) -> str:
    """One publisher's items of one column: ``fdzdgknr/fbjg/<publisher>/<category>/``."""
    return f"{ROOT}fbjg/{publisher_key}/{category_key}/"


def _publisher_facet(groups: Groups, tax, root_crumbs, listings) -> Facet:
    """按发布机构: a listing per publisher, and per publisher and column (a body's own catalogue)."""
    url, crumbs = _facet("fbjg", root_crumbs)
    values = []
    for pub in tax.publishers:
        found = groups.publisher.get(pub.key, [])
        link = Link(pub.name, f"{url}{pub.key}/" if found else None, len(found))
        if found:
            pub_crumbs = crumbs + [(pub.name, link.url)]
            sublists = []
            for cat in tax.categories:
                in_cat = groups.publisher_column.get((pub.key, cat.key), [])
                if not in_cat:
                    continue
                sub_url = publisher_column_url(pub.key, cat.key)
                sublists.append(Link(cat.label, sub_url, len(in_cat)))
                listings.append(Listing(sub_url, f"{pub.name}{cat.label}", in_cat, pub_crumbs + [(cat.label, sub_url)],
                                        "publisher-column", _meta(f"发布机构：{pub.name}（{cat.label}）", cat.column_type)))
            listings.append(Listing(link.url, pub.name, found, pub_crumbs, "publisher",
                                    _meta(f"发布机构：{pub.name}"), sublists=sublists))
        values.append(link)
    return Facet("fbjg", FACETS["fbjg"], url, values, crumbs)


def _topic_facet(groups: Groups, tax, root_crumbs, listings) -> Facet:
    url, crumbs = _facet("ztfl", root_crumbs)
    tops, subs = groups.top, groups.sub
    values = []
    for top, sub_names in tax.topics.items():
        found = tops.get(top, [])
        top_url = f"{url}{tax.topic_key(top)}/" if found else None
        link = Link(top, top_url, len(found))
        top_crumbs = crumbs + [(top, top_url)]
        for sub in sub_names:
            sub_found = subs.get((top, sub), [])
            sub_url = f"{url}{tax.topic_key(top, sub)}/" if sub_found else None
            link.children.append(Link(sub, sub_url, len(sub_found)))
            if sub_found:
                listings.append(Listing(sub_url, f"{top}\\{sub}", sub_found, top_crumbs + [(sub, sub_url)], "topic",
                                        _meta(f"主题分类：{top}\\{sub}")))
        if found:
            listings.append(Listing(top_url, top, found, top_crumbs, "topic", _meta(f"主题分类：{top}"),
                                    sublists=[c for c in link.children if c.count]))
        values.append(link)
    return Facet("ztfl", FACETS["ztfl"], url, values, crumbs)


def _year_facet(groups: Groups, root_crumbs, listings) -> Facet:
    url, crumbs = _facet("nf", root_crumbs)
    groups = groups.year
    values = []
    for year in sorted(groups, reverse=True):
        link = Link(f"{year}年", f"{url}{year}/", len(groups[year]))
        listings.append(Listing(link.url, f"{year}年", groups[year], crumbs + [(link.label, link.url)], "year",
                                _meta(f"{year}年发布")))
        values.append(link)
    return Facet("nf", FACETS["nf"], url, values, crumbs)


def _validity_facet(groups: Groups, root_crumbs, listings) -> Facet:
    url, crumbs = _facet("yxx", root_crumbs)
    current, void = groups.all_current, groups.all_void
    values = []
    for key, label, found, desc in (
        (CURRENT_KEY, "现行有效", current, ""),
        (VOID_KEY, VOID_LABEL, void, "以下文件已废止或失效，仅供查阅。"),
    ):
        link = Link(label, f"{url}{key}/" if found else None, len(found))
        if found:
            listings.append(Listing(link.url, label, found, crumbs + [(label, link.url)], "validity",
                                    _meta(f"有效性：{label}"), desc))
        values.append(link)
    return Facet("yxx", FACETS["yxx"], url, values, crumbs)
