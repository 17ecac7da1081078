"""A body's 公开指南 (条例第十二条) and landing page as plain data, assembled from what the site really has.

Nothing here is written by hand: the columns come from the law map and the catalog (with counts), the
arrangement from the listings the site builds, the 索引号 rule from the settings, the application
channels from :mod:`plugins.request_form.channels` (online only with an endpoint, the 查询码 only with
the lookup), the office, reading rooms and remedies from the body's profile. Editors add free text
around these parts (``guide:`` in the profile); they cannot make the guide promise something else.
"""
from __future__ import annotations

import collections
import dataclasses
import re

from plugins.catalog import lawmap

DUE = {"政府": "每年3月31日前", "部门": "每年1月31日前"}
_PLACEHOLDER = re.compile(r"\{(\w+)(?::[^}]*)?\}")
INDEX_PARTS = {"code": "发布机构的组织机构代码（或统一社会信用代码）", "year": "年份", "month": "月份"}


@dataclasses.dataclass
class Column:
    label: str
    url: str | None        # None when the body has no item in it
    count: int


@dataclasses.dataclass
class ScopeRow:
    label: str             # 第二十条第（五）项
    text: str              # what the law lists
    columns: list          # [Column] with items
    note: str = ""         # 本机关不涉及: the reason


def counts(catalog) -> tuple[collections.Counter, collections.Counter]:
    """(items per category key, items per (publisher key, category key))."""
    by_cat, by_pub = collections.Counter(), collections.Counter()
    for (category, publisher), items in (catalog.groups.items() if catalog is not None else ()):
        by_cat[category] += len(items)
        by_pub[(publisher, category)] += len(items)
    return by_cat, by_pub


def column_url(category, publisher_key: str = "") -> str:
    """The listing of a column, or of one body's items in it (plugins/listings)."""
    from plugins.listings.build import ROOT, publisher_column_url

    return publisher_column_url(publisher_key, category.key) if publisher_key else f"{ROOT}{category.key}/"


def scope(law_map, by_cat, by_pub, publisher_key: str = "") -> tuple[list[ScopeRow], str]:
    """Each item of the law with the columns that carry it (of one body when ``publisher_key``), or its
    note; and the items that have no published information (of that body), cited compactly."""
    rows, empty = [], []
    for entry in law_map.entries if law_map is not None else []:
        if entry.not_applicable:
            rows.append(ScopeRow(entry.label, entry.text, [], entry.not_applicable))
            continue
        columns = []
        for category in entry.columns:
            n = by_pub[(publisher_key, category.key)] if publisher_key else by_cat[category.key]
            if n:
                columns.append(Column(category.label, column_url(category, publisher_key), n))
        if columns:
            rows.append(ScopeRow(entry.label, entry.text, columns))
        else:
            empty.append(entry)
    return rows, lawmap.cite(empty)


def categories(taxonomy, by_cat, by_pub, publisher_key: str = "") -> list[Column]:
    """The columns in their taxonomy order, with items (of one body when ``publisher_key``)."""
    out = []
    for category in taxonomy.categories if taxonomy is not None else []:
        n = by_pub[(publisher_key, category.key)] if publisher_key else by_cat[category.key]
        if n:
            out.append(Column(category.label, column_url(category, publisher_key), n))
    return out


def index_rule(template: str) -> str:
    """How an 索引号 is made, from the ``make new`` template: 由…、年份和五位流水号组成."""
    parts = []
    for match in _PLACEHOLDER.finditer(template or ""):
        name, spec = match.group(1), match.group(0)
        if name == "serial":
            width = re.search(r":0?(\d+)d", spec)
            parts.append(f"{'零一二三四五六七八九十'[int(width.group(1))]}位流水号" if width and int(width.group(1)) <= 10 else "流水号")
        elif name == "code" and "{code}/" not in template:
            parts.append("发布机构的单位代码")      # e.g. the 10-digit unit code of the unit-dash preset
        elif name in INDEX_PARTS:
            parts.append(INDEX_PARTS[name])
    if not parts:
        return "每条政府信息都有唯一的索引号"
    joined = "、".join(parts[:-1]) + ("和" if len(parts) > 1 else "") + parts[-1]
    return f"每条政府信息都有唯一的索引号，由{joined}组成"


def site_features(settings: dict) -> dict:
    """What the platform offers besides browsing, as configured."""
    plugins = settings.get("PLUGINS") or []
    return {"domain": settings.get("SITE_DOMAIN") or "", "name": settings.get("SITENAME") or "",
            "search": "plugins.search_index" in plugins, "hant": "plugins.hant" in plugins,
            "feeds": bool(settings.get("EXPORTS_FEEDS")) and "plugins.exports" in plugins}


def example_index_no(catalog, publisher_key: str = "") -> str:
    """The 索引号 of the newest item (of the body), as a real example."""
    for item in catalog.items if catalog is not None else []:
        if not publisher_key or item.publisher.key == publisher_key:
            return item.index_no
    return ""


def build(body, profile, *, platform, law_map, catalog, settings: dict, channels, reports: list,
          others: list, facets: list, texts: dict, index_template: str) -> dict:
    """Everything one guide page shows. ``reports``: [(title, url)] of the body, newest first; ``others``:
    [(name, guide url)] of the other bodies (shown on the platform's guide); ``facets``: [(label, url)] of
    the listings' ways of browsing; ``texts``: the profile's free text as sanitized HTML."""
    is_platform = platform is not None and body.key == platform.key
    publisher_key = "" if is_platform else body.key
    by_cat, by_pub = counts(catalog)
    rows, empty = scope(law_map, by_cat, by_pub, publisher_key)
    taxonomy = catalog.taxonomy if catalog is not None else None
    return {
        "title": f"{body.name}政府信息公开指南",
        "body": body, "is_platform": is_platform, "profile": profile,
        "updated": profile.updated,
        "scope": rows, "scope_empty": empty,
        "article21": bool(law_map is not None and law_map.article21_applies),
        "categories": categories(taxonomy, by_cat, by_pub, publisher_key),
        # the body's own columns (its landing page): the platform's guide covers every body's
        "own_scope": scope(law_map, by_cat, by_pub, body.key)[0] if is_platform else rows,
        "own_categories": categories(taxonomy, by_cat, by_pub, body.key) if is_platform else None,
        "facets": facets,
        "index_rule": index_rule(index_template), "index_example": example_index_no(catalog, publisher_key),
        "site": site_features(settings),
        "reading_rooms": profile.reading_rooms,
        "channels": channels, "office": profile.office,
        "reports": reports, "due": DUE[body.type],
        "complaint": profile.complaint, "review": profile.review,
        "others": others, "texts": texts,
    }


def fingerprint(guide: dict) -> list:
    """The plain data of a guide page (its fingerprint)."""
    return [guide["title"], str(guide["updated"]), [dataclasses.astuple(r) for r in guide["scope"]], guide["scope_empty"],
            [dataclasses.astuple(r) for r in guide["own_scope"]], [dataclasses.astuple(c) for c in guide["own_categories"] or []],
            [dataclasses.astuple(c) for c in guide["categories"]], guide["facets"], guide["index_rule"],
            guide["index_example"], guide["site"], guide["reading_rooms"], dataclasses.asdict(guide["channels"]),
            guide["office"], guide["reports"], guide["complaint"], guide["review"], guide["others"],
            {k: str(v) for k, v in guide["texts"].items()}, guide["article21"], guide["due"], guide["is_platform"]]
