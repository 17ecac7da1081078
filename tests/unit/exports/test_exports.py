"""catalog.json / catalog.csv, Atom feeds (validated against RFC 4287's rules), sitemap.xml and robots.txt."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import pytest

from plugins._shared.diagnostics import Problems
from plugins.catalog.load import Settings, load_catalog
from plugins.exports import feeds, sitemap, tables
from plugins.exports.generator import export_files, sitemap_entries
from plugins.exports.urls import at_host_root, base_url
from tests.conftest import ROOT
from tests.unit.publish.checks.helpers import item_text, make_catalog

FIXTURE = ROOT / "tests" / "fixtures" / "site"
BASE = "https://www.haicheng.gov.cn/"
A = "{http://www.w3.org/2005/Atom}"
SETTINGS = {"SITENAME": "海澄市人民政府信息公开", "SITEURL": "https://www.haicheng.gov.cn", "TIMEZONE": "Asia/Shanghai",
            "AGENCY": {"name": "海澄市人民政府办公室"}, "EXPORTS_FEEDS": True, "PLUGINS": []}


@pytest.fixture(scope="module")
def catalog():
    problems = Problems()
    cat = load_catalog(Settings(root=FIXTURE, catalog_dir=FIXTURE / "catalog"), problems)
    assert not problems.errors
    return cat


def rfc3339(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    assert value.tzinfo is not None, f"{text}: RFC 3339 needs a time zone"
    return value


def assert_valid_atom(data: bytes) -> ET.Element:
    """The RFC 4287 rules a generator can break (§4.1.1 feed, §4.1.2 entry, §3.3 dates, §4.2.7 links)."""
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(data)
    assert root.tag == A + "feed"
    for tag in ("id", "title", "updated"):
        assert len(root.findall(A + tag)) == 1, f"feed needs exactly one atom:{tag}"
    rfc3339(root.find(A + "updated").text)
    assert root.find(A + "id").text.startswith("https://")
    links = root.findall(A + "link")
    assert all(link.get("href", "").startswith("https://") for link in links)
    assert [link.get("type") for link in links if link.get("rel") == "self"] == ["application/atom+xml"]
    alternates = [(link.get("type"), link.get("hreflang")) for link in links if link.get("rel", "alternate") == "alternate"]
    assert len(alternates) == len(set(alternates)), "at most one alternate link per type and hreflang"
    entries = root.findall(A + "entry")
    feed_has_author = root.find(A + "author") is not None
    ids = []
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(A + tag)) == 1, f"entry needs exactly one atom:{tag}"
        assert feed_has_author or entry.find(A + "author") is not None
        for author in entry.findall(A + "author") + root.findall(A + "author"):
            assert author.find(A + "name") is not None and author.find(A + "name").text
        content = entry.find(A + "content")
        assert content is not None or entry.find(f"{A}link[@rel='alternate']") is not None
        if content is not None and content.get("src") is None:
            assert content.get("type") in ("text", "html", "xhtml")
        if content is None or content.get("src"):
            assert entry.find(A + "summary") is not None
        assert rfc3339(entry.find(A + "published").text) <= rfc3339(entry.find(A + "updated").text)
        ids.append(entry.find(A + "id").text)
    assert len(ids) == len(set(ids)), "entry ids are unique"
    if entries:
        newest = max(rfc3339(e.find(A + "updated").text) for e in entries)
        assert rfc3339(root.find(A + "updated").text) == newest
    return root


def test_catalog_json_has_every_item_and_field(catalog):
    doc = json.loads(tables.catalog_json(catalog, SETTINGS, BASE))
    assert doc["count"] == len(catalog.items) == len(doc["items"]) == 7
    first = catalog.items[0]
    assert list(doc["items"][0]) == list(first.to_dict())
    assert doc["fields"]["index_no"] == "索引号" and doc["fields"]["validity_dates"] == "有效性日期"
    budget = next(i for i in doc["items"] if i["attachments"])
    assert budget["url"].startswith(BASE + "gk/") and budget["attachments"][0]["url"].startswith(BASE + "gk/")


def test_catalog_json_has_one_item_per_line_and_follows_edits_and_the_site_url(catalog):
    def plain(cat, base):
        rows = tables.records(cat, base)
        return {"site": SETTINGS["SITENAME"], "publisher": "海澄市人民政府办公室", "url": base, "count": len(rows),
                "fields": {k: tables.label(k) for k in (rows[0] if rows else [])}, "items": rows}

    data = tables.catalog_json(catalog, SETTINGS, BASE).decode("utf-8")
    assert json.loads(data) == plain(catalog, BASE)
    lines = data.splitlines()
    start = lines.index(' "items": [')
    assert lines[-2:] == [" ]", "}"] and len(lines[start + 1:-2]) == len(catalog.items)
    assert all(line.startswith('  {"index_no": ') for line in lines[start + 1:-2])
    items = list(catalog.items)
    items[2] = dataclasses.replace(items[2], title="改过的标题\n第二行", summary='含"引号"')   # a re-read file
    edited = dataclasses.replace(catalog, items=items)
    for base in (BASE, "/"):
        assert json.loads(tables.catalog_json(edited, SETTINGS, base)) == plain(edited, base)
    empty = dataclasses.replace(catalog, items=[])
    assert json.loads(tables.catalog_json(empty, SETTINGS, BASE)) == plain(empty, BASE)
    csv_rows = list(csv.reader(io.StringIO(tables.catalog_csv(edited, BASE).decode("utf-8-sig"))))
    assert csv_rows[3][1] == "改过的标题\n第二行"


def test_a_preview_reuses_unchanged_exports_and_remakes_edited_ones(catalog):
    """With a preview's memo, unchanged files are not joined and encoded again (the same bytes object
    comes back), and an edit of an exported field gives what a build without the memo gives."""
    memo: dict = {}
    first = tables.catalog_json(catalog, SETTINGS, BASE, memo), tables.catalog_csv(catalog, BASE, memo)
    body_only = list(catalog.items)
    body_only[1] = dataclasses.replace(body_only[1], body=body_only[1].body + "\n\n新增一段正文。")   # not exported
    same = dataclasses.replace(catalog, items=body_only)
    assert tables.catalog_json(same, SETTINGS, BASE, memo) is first[0]
    assert tables.catalog_csv(same, BASE, memo) is first[1]
    items = list(catalog.items)
    items[1] = dataclasses.replace(items[1], title="改过的标题")
    edited = dataclasses.replace(catalog, items=items)
    assert tables.catalog_json(edited, SETTINGS, BASE, memo) == tables.catalog_json(edited, SETTINGS, BASE)
    assert tables.catalog_csv(edited, BASE, memo) == tables.catalog_csv(edited, BASE)
    assert "改过的标题".encode() in tables.catalog_csv(edited, BASE, memo)


def test_catalog_csv_opens_in_excel_and_has_one_row_per_item(catalog):
    data = tables.catalog_csv(catalog, BASE)
    assert data.startswith(b"\xef\xbb\xbf")                       # UTF-8 BOM: Excel detects the encoding
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:6] == ["索引号", "名称", "信息类别", "类别代码", "发布机构", "发布日期"]
    assert len(rows) == 1 + len(catalog.items) and all(len(r) == len(rows[0]) for r in rows)
    by_index = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    rule = by_index["MB1C37504/2024-00003"]
    assert rule["主题词"] == "公共数据；共享；开放" and rule["成文日期"] == "2024-05-08"
    assert rule["网址"] == BASE + "gk/MB1C37504/2024-00003/"


def test_csv_cells_cannot_run_as_formulas(root):
    cat = make_catalog(root, {"gz/a.md": item_text("2025-00001", "2025-03-01").replace(
        "title: 测试文件2025-00001", "title: \"=HYPERLINK(\\\"http://x\\\")\"")})
    rows = list(csv.reader(io.StringIO(tables.catalog_csv(cat, BASE).decode("utf-8-sig"))))
    assert rows[1][1] == "'=HYPERLINK(\"http://x\")"
    assert tables.cell(["a", "b"]) == "a；b" and tables.cell({"repealed": "2025-01-01"}) == "repealed=2025-01-01"


@pytest.fixture
def root(tmp_path):
    return tmp_path


def test_feeds_are_valid_atom_and_deterministic(catalog):
    files = feeds.feed_plan(catalog, SETTINGS, BASE, "feeds/", limit=50)
    assert sorted(files) == ["feeds/all.atom.xml", "feeds/bszn.atom.xml", "feeds/czyjs.atom.xml", "feeds/gfxwj.atom.xml",
                             "feeds/gz.atom.xml", "feeds/jgzn.atom.xml", "feeds/zcjd.atom.xml"]
    root = assert_valid_atom(files["feeds/all.atom.xml"])
    entries = root.findall(A + "entry")
    assert len(entries) == 7 and entries[0].find(A + "id").text == BASE + catalog.items[0].url
    assert root.find(A + "updated").text == catalog.items[0].published.isoformat() + "T00:00:00+08:00"
    gz = assert_valid_atom(files["feeds/gz.atom.xml"])
    assert [e.find(A + "category").get("label") for e in gz.findall(A + "entry")] == ["规章"]
    assert gz.find(f"{A}link[@rel='alternate']").get("href") == BASE + "fdzdgknr/gz/"
    assert feeds.feed_plan(catalog, SETTINGS, BASE, "feeds/", limit=50) == files
    assert len(ET.fromstring(feeds.feed_plan(catalog, SETTINGS, BASE, "feeds/", limit=2)["feeds/all.atom.xml"])
               .findall(A + "entry")) == 2


def test_broken_atom_is_caught_by_the_rules():
    bad = b'<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'
    with pytest.raises(AssertionError, match="exactly one atom:id"):
        assert_valid_atom(bad)


def test_feeds_off_by_default(catalog):
    assert sorted(export_files(catalog, {**SETTINGS, "EXPORTS_FEEDS": False})) == ["catalog.csv", "catalog.json"]


def test_sitemap_lists_pages_with_absolute_urls_and_their_mirror(tmp_path, catalog):
    out = tmp_path / "output"
    for path in ("index.html", "404.html", "fdzdgknr/gz/index.html", "gk/MB1C37504/2024-00003/index.html",
                 "checks/index.html", "theme/x.html", "zh-hant/index.html", "feeds/all.atom.xml"):
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text("<html></html>")
    settings = {**SETTINGS, "PLUGINS": ["plugins.catalog", "plugins.hant"], "HANT_PREFIX": "zh-hant"}
    entries = sitemap_entries(out, settings, catalog)
    assert entries == [
        (BASE, None), (BASE + "fdzdgknr/gz/", None), (BASE + "gk/MB1C37504/2024-00003/", "2024-05-20"),
        (BASE + "zh-hant/", None), (BASE + "zh-hant/fdzdgknr/gz/", None),
        (BASE + "zh-hant/gk/MB1C37504/2024-00003/", "2024-05-20")]
    root = ET.fromstring(sitemap.sitemap_files(entries, BASE, 50000)["sitemap.xml"])
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    assert root.tag == ns + "urlset" and [u.find(ns + "loc").text for u in root] == [e[0] for e in entries]
    assert root[2].find(ns + "lastmod").text == "2024-05-20" and root[0].find(ns + "lastmod") is None


def test_urlset_is_what_elementtree_writes():
    def with_elementtree(entries):
        root = ET.Element("urlset", xmlns=sitemap.NS)
        for loc, lastmod in entries:
            url = ET.SubElement(root, "url")
            ET.SubElement(url, "loc").text = loc
            if lastmod:
                ET.SubElement(url, "lastmod").text = lastmod
        ET.indent(root, space=" ")
        return sitemap.XML_DECLARATION + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"

    entries = [(BASE, "2025-03-01"), (BASE + "gk/A/2025-00001/", None),
               (BASE + "search/?q=a&b=<c>\"'", "2025-01-02"), (BASE + "中文/路径/", "2024-12-31")]
    for case in (entries, entries[:1], entries[1:2], []):
        assert sitemap.urlset(case) == with_elementtree(case)


def test_large_sitemaps_are_split_under_an_index():
    entries = [(f"{BASE}p{n}/", None) for n in range(5)]
    files = sitemap.sitemap_files(entries, BASE, max_urls=2)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag.endswith("sitemapindex") and [s[0].text for s in index] == [BASE + f"sitemap-{n}.xml" for n in (1, 2, 3)]
    assert len(ET.fromstring(files["sitemap-3.xml"])) == 1


def test_robots_and_base_url():
    assert sitemap.robots_txt(BASE, ["/checks/"]) == (
        "User-agent: *\nDisallow: /checks/\n\nSitemap: https://www.haicheng.gov.cn/sitemap.xml\n")
    assert base_url({"SITEURL": "", "SITE_DOMAIN": "www.haicheng.gov.cn"}) == BASE
    assert base_url({"SITEURL": "https://a.gov.cn/xxgk/"}) == "https://a.gov.cn/xxgk/"
    assert base_url({"SITEURL": "", "EXPORTS_BASE_URL": "https://b.gov.cn"}) == "https://b.gov.cn/"
    assert at_host_root(BASE) and not at_host_root("https://a.gov.cn/xxgk/")
