"""Tiny in-memory catalogs for the annual-report tests (no files, no Pelican)."""
import datetime as dt

from plugins.catalog.model import Catalog, Item
from plugins.catalog.taxonomy import Category, Publisher, Taxonomy

REG = Category("gz", "规章", kind="regulation")
NORM = Category("gfxwj", "行政规范性文件", kind="normative")
OTHER = Category("tjxx", "统计信息")
PUB = Publisher("szf", "测试市人民政府", "MB1C37504")


def item(n: int, category: Category, published: str, validity=None, supersedes=()) -> Item:
    number = f"MB1C37504/{published[:4]}-{n:05d}"
    return Item(source=f"catalog/{category.key}/{n}.md", line=2, lines={"validity": 9}, index_no=number,
                title=f"文件{n}", category=category, publisher=PUB, published=dt.date.fromisoformat(published),
                url=f"gk/{n}/", save_as=f"gk/{n}/index.html", validity=validity or {"status": "有效"},
                supersedes=list(supersedes))


def catalog(items, categories=(REG, NORM, OTHER)) -> Catalog:
    cat = Catalog(list(items), Taxonomy(list(categories), [PUB], {}))
    cat.link()
    return cat


def sample() -> Catalog:
    """2024: 规章 1 issued (2 in force); 规范性文件 2 issued, 1 lapsed on 2025-01-01 (3 in force at 2024's end)."""
    D = dt.date
    return catalog([
        item(1, REG, "2023-05-01"),
        item(2, REG, "2024-06-01"),
        item(3, NORM, "2023-03-01", {"status": "失效", "expires": D(2024, 12, 31)}),
        item(4, NORM, "2024-02-01"),
        item(5, NORM, "2024-09-01", {"status": "废止", "repealed": D(2025, 7, 1)}),
        item(6, OTHER, "2024-01-05"),
    ])
