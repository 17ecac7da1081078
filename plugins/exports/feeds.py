"""Atom 1.0 feeds (RFC 4287) of catalog items, written with ElementTree.

Pelican's feed writer only knows articles; catalog items are not articles. Every timestamp comes
from the items (never the build time), so the same catalog gives byte-identical feeds. Entry ids are
the items' absolute URLs, which derive from the never-changing 索引号.
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", ATOM)


def _q(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def timestamp(day: dt.date, tz: str = "Asia/Shanghai") -> str:
    """RFC 3339 midnight of ``day`` in ``tz``: 2025-03-01T00:00:00+08:00."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(tz)).isoformat()


def entry_html(item) -> str:
    """Short HTML content: the catalogue fields a reader needs to identify the document."""
    from html import escape

    rows = [("索引号", item.index_no), ("文号", item.doc_no), ("发布机构", item.publisher.name),
            ("成文日期", item.written.isoformat() if item.written else ""),
            ("发布日期", item.published.isoformat()), ("有效性", item.status)]
    cells = "".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in rows if v)
    summary = f"<p>{escape(item.summary)}</p>" if item.summary else ""
    return f"<dl>{cells}</dl>{summary}"


def atom_feed(*, title: str, feed_url: str, page_url: str, author: str, items: list, base: str,
              subtitle: str = "", lang: str = "zh-CN", tz: str = "Asia/Shanghai") -> bytes:
    """An Atom feed document of ``items`` (newest first). ``base`` is the absolute site URL ending in '/'."""
    feed = ET.Element(_q("feed"), {XML_LANG: lang})
    ET.SubElement(feed, _q("id")).text = feed_url
    ET.SubElement(feed, _q("title")).text = title
    if subtitle:
        ET.SubElement(feed, _q("subtitle")).text = subtitle
    ET.SubElement(feed, _q("link"), rel="self", type="application/atom+xml", href=feed_url)
    ET.SubElement(feed, _q("link"), rel="alternate", type="text/html", href=page_url)
    newest = max((i.published for i in items), default=None)
    ET.SubElement(feed, _q("updated")).text = timestamp(newest or dt.date(1970, 1, 1), tz)
    ET.SubElement(ET.SubElement(feed, _q("author")), _q("name")).text = author
    ET.SubElement(feed, _q("generator")).text = "Gongkai"
    for item in items:
        url = base + item.url
        entry = ET.SubElement(feed, _q("entry"))
        ET.SubElement(entry, _q("id")).text = url
        ET.SubElement(entry, _q("title")).text = item.title
        ET.SubElement(entry, _q("link"), rel="alternate", type="text/html", href=url)
        stamp = timestamp(item.published, tz)
        ET.SubElement(entry, _q("published")).text = stamp
        ET.SubElement(entry, _q("updated")).text = stamp
        ET.SubElement(ET.SubElement(entry, _q("author")), _q("name")).text = item.publisher.name
        ET.SubElement(entry, _q("category"), term=item.category.key, label=item.category.label,
                      scheme=base + "fdzdgknr/")
        ET.SubElement(entry, _q("summary"), type="text").text = item.summary or item.title
        ET.SubElement(entry, _q("content"), type="html").text = entry_html(item)
    ET.indent(feed, space=" ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(feed, encoding="unicode").encode("utf-8") + b"\n"


def _basis(catalog, cat) -> str:
    """The items of the law a column carries (catalog/law-map.yml), else the taxonomy's ``article``."""
    law_map = getattr(catalog, "law_map", None)
    return law_map.basis(cat) if law_map is not None else cat.article


def feed_plan(catalog, settings: dict, base: str, feed_dir: str, limit: int) -> dict[str, bytes]:
    """``{save_as: bytes}`` for the whole-catalog feed and one feed per column that has items."""
    site = settings.get("SITENAME", "")
    author = (settings.get("AGENCY") or {}).get("name") or site
    tz = settings.get("TIMEZONE") or "Asia/Shanghai"
    lang = settings.get("DEFAULT_LANG") or "zh-CN"
    files = {f"{feed_dir}all.atom.xml": atom_feed(
        title=f"{site}：最新公开", feed_url=f"{base}{feed_dir}all.atom.xml", page_url=base + "fdzdgknr/",
        author=author, items=catalog.items[:limit], base=base, subtitle="法定主动公开内容（全部栏目）", lang=lang, tz=tz)}
    for cat in catalog.taxonomy.categories:
        items = catalog.in_column(cat.key)
        if not items:
            continue
        name = f"{feed_dir}{cat.key}.atom.xml"
        files[name] = atom_feed(
            title=f"{site}：{cat.label}", feed_url=base + name, page_url=f"{base}fdzdgknr/{cat.key}/",
            author=author, items=items[:limit], base=base, subtitle=cat.description or _basis(catalog, cat), lang=lang, tz=tz)
    return files
