"""build_listings over a hand-made catalog: columns, 废止和失效 sub-lists, facets and counts."""
import datetime as dt

import pytest

from plugins.catalog.model import Catalog, Item
from plugins.catalog.taxonomy import Category, Publisher, Taxonomy
from plugins.listings.build import build_listings

GZ = Category("gz", "规章", article="第二十条第（一）项", column_type="政策文件")
GFXWJ = Category("gfxwj", "行政规范性文件", column_type="政策文件")
EMPTY = Category("jgzn", "机构职能", column_type="机构职能")
SZF = Publisher("szf", "海澄市人民政府", "MB1C37504")
CZJ = Publisher("czj", "海澄市财政局", "MB1C37539")
IDLE = Publisher("idle", "海澄市无文件局", "")
TAX = Taxonomy([GZ, GFXWJ, EMPTY], [SZF, CZJ, IDLE],
               {"综合政务": ["政务公开", "其他"], "财政、金融、审计": ["财政", "审计"], "科技、教育": ["科技"]})


def item(n, category, publisher, date, topics=(), status="有效"):
    index_no = f"{publisher.code or 'X'}/{date[:4]}-{n:05d}"
    return Item(source=f"catalog/{n}.md", line=1, lines={}, index_no=index_no, title=f"文件{n}",
                category=category, publisher=publisher, published=dt.date.fromisoformat(date),
                url=f"gk/{index_no}/", save_as=f"gk/{index_no}/index.html", topics=list(topics),
                validity={"status": status})


@pytest.fixture
def listings():
    items = [
        item(1, GZ, SZF, "2024-05-20", [("综合政务", "政务公开")]),
        item(2, GZ, SZF, "2023-01-01", [("综合政务", "政务公开")], status="废止"),
        item(3, GFXWJ, CZJ, "2025-02-10", [("财政、金融、审计", "财政"), ("财政、金融、审计", "审计")]),
        item(4, GFXWJ, SZF, "2024-12-20", [("综合政务", "")]),
        item(5, GFXWJ, CZJ, "2022-06-30", [], status="失效"),
    ]
    return build_listings(Catalog(items, TAX))


def by_url(listings):
    return {lst.url: lst for lst in listings.listings}


def titles(listing):
    return [i.title for i in listing.items]


def test_column_lists_current_items_newest_first_and_links_its_void_sublist(listings):
    pages = by_url(listings)
    gz = pages["fdzdgknr/gz/"]
    assert titles(gz) == ["文件1"]
    assert [(lst.label, lst.url, lst.count) for lst in gz.sublists] == [("废止和失效规章", "fdzdgknr/gz/fzsx/", 1)]
    void = pages["fdzdgknr/gz/fzsx/"]
    assert titles(void) == ["文件2"]
    assert void.crumbs[-2:] == [("规章", "fdzdgknr/gz/"), ("废止和失效规章", "fdzdgknr/gz/fzsx/")]
    assert titles(pages["fdzdgknr/gfxwj/"]) == ["文件3", "文件4"]
    assert titles(pages["fdzdgknr/gfxwj/fzsx/"]) == ["文件5"]


def test_column_rows_count_current_and_void_and_empty_columns_have_no_void_page(listings):
    rows = {r.category.key: (r.current, r.void, r.void_url) for r in listings.columns}
    assert rows == {"gz": (1, 1, "fdzdgknr/gz/fzsx/"), "gfxwj": (2, 1, "fdzdgknr/gfxwj/fzsx/"), "jgzn": (0, 0, None)}
    pages = by_url(listings)
    assert titles(pages["fdzdgknr/jgzn/"]) == []      # the column page exists (with an empty-state message)
    assert "fdzdgknr/jgzn/fzsx/" not in pages


def test_column_page_meta_comes_from_the_category(listings):
    gz = by_url(listings)["fdzdgknr/gz/"]
    assert gz.page_meta["column_name"] == "规章"
    assert gz.page_meta["column_type"] == "政策文件"
    assert "第二十条第（一）项" in gz.description


def test_publisher_facet_counts_every_publisher_and_links_only_those_with_items(listings):
    facet = listings.facet("fbjg")
    assert [(v.label, v.url, v.count) for v in facet.values] == [
        ("海澄市人民政府", "fdzdgknr/fbjg/szf/", 3), ("海澄市财政局", "fdzdgknr/fbjg/czj/", 2), ("海澄市无文件局", None, 0)]
    assert titles(by_url(listings)["fdzdgknr/fbjg/czj/"]) == ["文件3", "文件5"]   # void items included, newest first


def test_topic_facet_has_two_levels_and_counts_an_item_once_per_level(listings):
    facet = listings.facet("ztfl")
    tops = {v.label: v for v in facet.values}
    assert (tops["综合政务"].url, tops["综合政务"].count) == ("fdzdgknr/ztfl/t01/", 3)
    assert [(c.label, c.url, c.count) for c in tops["综合政务"].children] == [
        ("政务公开", "fdzdgknr/ztfl/t01-01/", 2), ("其他", None, 0)]
    assert tops["财政、金融、审计"].count == 1      # item 3 has two sub-topics of the same top level
    assert [c.count for c in tops["财政、金融、审计"].children] == [1, 1]
    assert (tops["科技、教育"].url, tops["科技、教育"].count) == (None, 0)
    pages = by_url(listings)
    assert titles(pages["fdzdgknr/ztfl/t01/"]) == ["文件4", "文件1", "文件2"]
    assert [lst.label for lst in pages["fdzdgknr/ztfl/t01/"].sublists] == ["政务公开"]
    assert pages["fdzdgknr/ztfl/t02-02/"].crumbs[-2:] == [("财政、金融、审计", "fdzdgknr/ztfl/t02/"),
                                                          ("审计", "fdzdgknr/ztfl/t02-02/")]


def test_year_facet_is_newest_first(listings):
    facet = listings.facet("nf")
    assert [(v.label, v.count) for v in facet.values] == [("2025年", 1), ("2024年", 2), ("2023年", 1), ("2022年", 1)]
    assert titles(by_url(listings)["fdzdgknr/nf/2024/"]) == ["文件4", "文件1"]


def test_validity_facet_splits_current_from_repealed_and_lapsed(listings):
    facet = listings.facet("yxx")
    assert [(v.label, v.url, v.count) for v in facet.values] == [
        ("现行有效", "fdzdgknr/yxx/xxyx/", 3), ("废止和失效", "fdzdgknr/yxx/fzsx/", 2)]
    assert titles(by_url(listings)["fdzdgknr/yxx/fzsx/"]) == ["文件2", "文件5"]


def test_every_item_is_in_its_column_or_its_void_sublist(listings):
    pages = by_url(listings)
    reachable = {i.index_no for lst in listings.listings if lst.kind in ("column", "column-void") for i in lst.items}
    assert len(reachable) == listings.total == 5
    assert len(pages) == len(listings.listings)   # no URL is built twice


def test_empty_catalog_still_has_every_column_and_facet():
    listings = build_listings(Catalog([], TAX))
    assert listings.total == 0
    assert [r.current for r in listings.columns] == [0, 0, 0]
    assert [f.key for f in listings.facets] == ["fbjg", "ztfl", "nf", "yxx"]
    assert all(not lst.items for lst in listings.listings)


def test_every_listing_caption_says_what_its_rows_are_without_repeating_words(listings):
    captions = {lst.url: lst.caption for lst in listings.listings}
    assert captions["fdzdgknr/gfxwj/"] == "行政规范性文件目录"
    assert captions["fdzdgknr/gfxwj/fzsx/"] == "废止和失效行政规范性文件目录"
    assert captions["fdzdgknr/gz/"] == "规章目录"
    assert captions["fdzdgknr/fbjg/szf/"] == "海澄市人民政府发布的信息"
    assert captions["fdzdgknr/ztfl/t01-01/"] == "主题分类“综合政务\\政务公开”的信息"
    assert captions["fdzdgknr/nf/2024/"] == "2024年发布的信息"
    assert captions["fdzdgknr/yxx/fzsx/"] == "废止和失效的信息"
    assert not [c for c in captions.values() if "文件文件" in c]


def test_groups_keep_catalog_order_and_count_an_item_once_per_key():
    from plugins.listings.build import Groups

    gz, gfxwj = Category("gz", "规章"), Category("gfxwj", "行政规范性文件")
    szf, czj = Publisher("szf", "市政府"), Publisher("czj", "财政局")
    items = [item(1, gz, szf, "2025-03-01", topics=[("财政、金融、审计", "财政"), ("财政、金融、审计", "审计")]),
             item(2, gz, czj, "2024-05-01", topics=[("财政、金融、审计", "财政")], status="废止"),
             item(3, gfxwj, szf, "2024-01-01")]
    groups = Groups.of(items)
    assert [i.index_no for i in groups.top["财政、金融、审计"]] == [items[0].index_no, items[1].index_no]
    assert [i.index_no for i in groups.sub[("财政、金融、审计", "财政")]] == [items[0].index_no, items[1].index_no]
    assert groups.current == {"gz": [items[0]], "gfxwj": [items[2]]} and groups.void == {"gz": [items[1]]}
    assert groups.publisher_column[("szf", "gz")] == [items[0]] and groups.year[2024] == [items[1], items[2]]
    assert groups.all_current == [items[0], items[2]] and groups.all_void == [items[1]]
