"""Catalog.arranged: the preview's catalog made from the last one (plugins/catalog/load.py _kept_catalog)."""
import dataclasses
import datetime as dt

from plugins.catalog.model import Catalog, Item
from plugins.catalog.taxonomy import Category, Publisher, Taxonomy

GZ, GFXWJ = Category("gz", "规章"), Category("gfxwj", "行政规范性文件")
SZF, CZJ = Publisher("szf", "市政府", "MB1C37504"), Publisher("czj", "财政局", "MB1C37539")
TAX = Taxonomy([GZ, GFXWJ], [SZF, CZJ], {})


def item(n: int, category: Category, publisher: Publisher) -> Item:
    number = f"{publisher.code}/2024-{n:05d}"
    return Item(source=f"catalog/{n}.md", line=1, lines={}, index_no=number, title=f"文件{n}", category=category,
                publisher=publisher, published=dt.date(2024, 1, n), url=f"gk/{number}/", save_as=f"gk/{number}/index.html")


def test_groupings_are_carried_over_with_the_new_items_in_place_and_made_again_when_one_moves():
    last = Catalog([item(n, GZ if n % 2 else GFXWJ, SZF if n % 3 else CZJ) for n in range(1, 13)], TAX)
    before = {key: list(group) for key, group in last.groups.items()}
    last.in_column("gz")                                           # both groupings made
    old = last.items[4]
    new = dataclasses.replace(old, title="改过的标题")
    items = [new if i is old else i for i in last.items]
    kept = Catalog.arranged(items, TAX, {i.index_no: i for i in items}, sorted(items, key=lambda i: i.source),
                            last, [(old, new)])
    fresh = Catalog(list(items), TAX)
    assert {k: [i.title for i in g] for k, g in kept.groups.items()} == {k: [i.title for i in g] for k, g in fresh.groups.items()}
    assert [i.title for i in kept.in_column(old.category.key)] == [i.title for i in fresh.in_column(old.category.key)]
    assert "groups" in kept.__dict__ and last.groups == before         # carried, the last catalog's lists untouched
    moved = dataclasses.replace(old, category=GFXWJ if old.category is GZ else GZ)
    items = [moved if i is old else i for i in last.items]
    again = Catalog.arranged(items, TAX, {i.index_no: i for i in items}, sorted(items, key=lambda i: i.source),
                             last, [(old, moved)])
    assert "groups" not in again.__dict__                              # made again when asked for
    assert {k: [i.index_no for i in g] for k, g in again.groups.items()} == \
        {k: [i.index_no for i in g] for k, g in Catalog(list(items), TAX).groups.items()}
