"""Listings, home, 404 and the 繁体 mirror of the fixture site, built end to end (page size 2 forces paging)."""
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, build_site

SITE = ROOT / "tests" / "fixtures" / "site"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("listings"), SITE / "pelicanconf.py", CATALOG_PAGE_SIZE=2)


def soup(site: Path, url: str) -> BeautifulSoup:
    path = site / url if url.endswith(".html") else site / url / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def item_pages(site: Path) -> set[str]:
    return {p.parent.relative_to(site).as_posix() + "/" for p in (site / "gk").rglob("index.html")}


def rows(page) -> list[list[str]]:
    return [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])] for tr in page.select("table.gk-table--items tbody tr")]


def test_overview_has_a_row_per_column_with_counts(site):
    page = soup(site, "fdzdgknr")
    assert page.h1.get_text() == "法定主动公开内容"
    table = page.select_one("table.gk-table--columns")
    assert table.caption.get_text(strip=True) == "公开栏目"
    body = {tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")}
    assert list(body) == ["机构职能", "规章", "行政规范性文件", "政策解读", "办事指南", "财政预决算"]
    assert body["行政规范性文件"][1:] == ["1条", "1条"]
    assert body["规章"][1:] == ["1条", "0条"]
    assert page.select_one('a[href="/fdzdgknr/gfxwj/fzsx/"]') is not None
    assert [h.get_text(strip=True) for h in page.select("main h2")] == ["法定公开事项与栏目对照", "按发布机构", "按主题分类", "按年份", "按有效性"]
    # the law map (tests/fixtures/site/catalog/law-map.yml): every item of Arts. 20 and 21, with its columns or its note
    law = page.select_one("table.gk-table--law")
    cells = [[c.get_text(strip=True) for c in tr.find_all(("th", "td"))] for tr in law.tbody.find_all("tr")]
    assert len(cells) == 22 and cells[0][0] == "第二十条第（一）项"
    assert cells[0][2] == "规章（1条）、行政规范性文件（2条）、政策解读（1条）"
    assert cells[2] == ["第二十条第（三）项", "国民经济和社会发展规划、专项规划、区域规划及相关政策", "本机关不涉及：测试站点不设规划计划栏目"]
    assert cells[21][0] == "第二十一条（社会救助）"
    assert body["规章"][0] == "第二十条第（一）项"


def test_listing_table_has_caption_scoped_headers_and_a_date_on_every_row(site):
    page = soup(site, "fdzdgknr/fbjg/szf")
    table = page.select_one("table.gk-table--items")
    assert table.caption.get_text(strip=True) == "海澄市人民政府发布的信息（第1页，共3页）"
    assert [(th.get_text(), th["scope"]) for th in table.thead.find_all("th")] == [
        ("索引号", "col"), ("名称", "col"), ("文号", "col"), ("发布日期", "col")]
    for tr in table.tbody.find_all("tr"):
        assert tr.th["scope"] == "row"
        assert tr.find("time")["datetime"] == tr.find("time").get_text()
    assert rows(page)[0] == ["MB1C37504/2025-00002", "海澄市人民政府办公室主要职责", "—", "2025-03-01"]


def test_column_lists_current_items_and_the_void_sublist_holds_the_repealed_one(site):
    column = soup(site, "fdzdgknr/gfxwj")
    assert [r[1] for r in rows(column)] == ["海澄市政务数据共享管理办法"]
    link = column.select_one(".gk-sublists a")
    assert (link.get_text(), link["href"]) == ("废止和失效行政规范性文件", "/fdzdgknr/gfxwj/fzsx/")
    void = soup(site, "fdzdgknr/gfxwj/fzsx")
    assert rows(void) == [["MB1C37504/2023-00007", "海澄市政务信息资源共享暂行办法 已废止", "海政规〔2023〕2号", "2023-02-14"]]
    crumbs = [a.get_text() for a in void.select(".gk-breadcrumbs li")]
    assert crumbs == ["首页", "法定主动公开内容", "行政规范性文件", "废止和失效行政规范性文件"]


def test_pages_have_stable_urls_and_a_pager(site):
    assert (site / "fdzdgknr/fbjg/szf/index.html").exists()
    assert (site / "fdzdgknr/fbjg/szf/2/index.html").exists()
    assert (site / "fdzdgknr/fbjg/szf/3/index.html").exists()
    assert not (site / "fdzdgknr/fbjg/szf/4").exists()
    page2 = soup(site, "fdzdgknr/fbjg/szf/2")
    pager = page2.select_one("nav.gk-pager")
    assert pager["aria-label"] == "分页"
    assert pager.select_one('a[rel="prev"]')["href"] == "/fdzdgknr/fbjg/szf/"
    assert pager.select_one('a[rel="next"]')["href"] == "/fdzdgknr/fbjg/szf/3/"
    assert pager.select_one('[aria-current="page"]').get_text() == "2"
    assert "（第2页）" in page2.title.get_text()
    assert page2.select(".gk-breadcrumbs li")[-1].get_text() == "第2页"
    all_rows = [r for n in ("", "/2", "/3") for r in rows(soup(site, "fdzdgknr/fbjg/szf" + n))]
    assert len(all_rows) == 6 and len({r[0] for r in all_rows}) == 6
    dates = [r[3] for r in all_rows]
    assert dates == sorted(dates, reverse=True)


def test_facet_pages_show_counts_per_value(site):
    topics = soup(site, "fdzdgknr/ztfl")
    listed = topics.select_one("main ul.gk-facet").get_text(" ", strip=True)
    assert "综合政务 （3条）" in listed and "政务公开 （3条）" in listed
    assert "（0条）" not in topics.select_one("main").get_text()       # topics with items only, no rows of 0
    assert topics.select_one('a[href="/fdzdgknr/ztfl/t01-01/"]') is not None
    rest = topics.select_one("main details.gk-facet-rest")             # the rest of the taxonomy, collapsed
    assert rest.summary.get_text() == "暂无信息的主题（5个）"
    assert [(dt.get_text(), dd.get_text()) for dt, dd in zip(rest.find_all("dt"), rest.find_all("dd"))] == [
        ("综合政务", "其他"), ("财政、金融、审计", "审计"), ("科技、教育（整类暂无信息）", "科技、教育")]
    assert rest.find("a") is None                                      # no link to an empty listing
    years = soup(site, "fdzdgknr/nf")
    assert [a.get_text() for a in years.select(".gk-facet a")] == ["2025年", "2024年", "2023年"]
    validity = soup(site, "fdzdgknr/yxx/fzsx")
    assert [r[0] for r in rows(validity)] == ["MB1C37504/2023-00007"]


def test_listing_pages_set_column_meta(site):
    page = soup(site, "fdzdgknr/gz")
    meta = {m["name"]: m["content"] for m in page.find_all("meta", attrs={"name": True})}
    assert meta["ColumnName"] == "规章"
    assert meta["ColumnType"] == "政策文件"
    assert meta["SiteIDCode"] == "3502990001"
    assert soup(site, "fdzdgknr/fbjg/czj").find("meta", attrs={"name": "ColumnName"})["content"] == "发布机构：海澄市财政局"


def test_home_has_the_first_level_columns_and_dated_latest_items(site):
    page = soup(site, "")
    cards = [a["href"] for a in page.select(".gk-card a")]
    assert cards == ["/gkzn/", "/gkzd/", "/fdzdgknr/", "/ndbg/", "/ysqgk/"]
    latest = page.select(".gk-latest li")
    assert len(latest) == 7
    assert all(li.find("time") and li.find("a")["href"].startswith("/gk/") for li in latest)
    assert len(page.find_all("h1")) == 1


def test_404_offers_search_and_ways_in(site):
    page = soup(site, "404.html")
    assert page.h1.get_text() == "页面不存在"
    assert page.select_one('main form[role="search"]')["action"] == "/search/"
    hrefs = [a["href"] for a in page.select("main a")]
    assert "/" in hrefs and "/fdzdgknr/" in hrefs and "/fdzdgknr/yxx/fzsx/" in hrefs


def crawl(site: Path, start: str = "/") -> set[str]:
    """Every site-internal page reachable by following <a href> from the home page (no JavaScript)."""
    seen, todo = set(), [start]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        path = site / url.lstrip("/")
        path = path / "index.html" if url.endswith("/") else path
        if not path.exists() or path.suffix != ".html":
            continue
        for a in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all("a", href=True):
            target = urlsplit(urljoin(url, a["href"]))
            if not target.scheme and not target.netloc:
                todo.append(target.path)
    return seen


def test_the_whole_catalog_and_every_listing_page_is_reachable_by_links(site):
    reached = crawl(site)
    assert {"/" + u for u in item_pages(site)} <= reached
    listing_pages = {"/" + p.parent.relative_to(site).as_posix() + "/" for p in (site / "fdzdgknr").rglob("index.html")}
    assert listing_pages <= reached
    assert {"/zh-hant/", "/zh-hant/fdzdgknr/gz/"} <= reached


def test_every_page_has_breadcrumbs_except_home(site):
    for path in [*(site / "fdzdgknr").rglob("*.html"), *(site / "gk").rglob("*.html"), site / "404.html"]:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        crumbs = page.select(".gk-breadcrumbs li")
        assert crumbs and crumbs[0].a["href"] == "/", path
        assert crumbs[-1].select_one('[aria-current="page"]'), path


def test_hant_mirror_has_a_twin_for_every_page(site):
    simplified = {p.relative_to(site).as_posix() for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith(("zh-hant/", "theme/"))}
    twins = {p.relative_to(site / "zh-hant").as_posix() for p in (site / "zh-hant").rglob("*.html")}
    assert simplified == twins
    assert not any((site / "zh-hant").rglob("*.pdf")) and not (site / "zh-hant" / "theme").exists()


def test_langswitch_links_twins_both_ways_and_keeps_verbatim_metadata(site):
    hans = soup(site, "fdzdgknr/gfxwj/fzsx")
    hant = soup(site, "zh-hant/fdzdgknr/gfxwj/fzsx")
    assert hans.html["lang"] == "zh-CN" and hant.html["lang"] == "zh-Hant"
    assert hans.select_one("a.gk-langswitch")["href"] == "/zh-hant/fdzdgknr/gfxwj/fzsx/"
    assert hant.select_one("a.gk-langswitch")["href"] == "/fdzdgknr/gfxwj/fzsx/"
    assert hant.select_one("a.gk-langswitch").get_text() == "简体版"
    assert hant.h1.get_text() == "廢止和失效行政規範性文件"
    assert [s.get_text() for s in hant.select('[translate="no"].gk-verbatim')] == \
        [s.get_text() for s in hans.select('[translate="no"].gk-verbatim')] == ["MB1C37504/2023-00007", "海政规〔2023〕2号"]
    assert hant.select_one(".gk-breadcrumbs a")["href"] == "/zh-hant/"
    assert hant.select_one('link[rel="stylesheet"]')["href"] == "/theme/css/main.css"


def test_hant_item_keeps_attachment_urls_at_the_root(site):
    hant = soup(site, "zh-hant/gk/MB1C37539/2025-00002")
    link = hant.select_one(".gk-attachments a")
    assert link["href"] == "/gk/MB1C37539/2025-00002/2025年部门预算.pdf"
    assert (site / link["href"].lstrip("/")).exists()
    assert hant.select_one(".gk-meta a")["href"] == "/zh-hant/fdzdgknr/czyjs/"


def test_a_bad_hant_config_fails_the_build(tmp_path):
    from gongkai.sitebuild import build

    code, stats = build(SITE / "pelicanconf.py", tmp_path / "output", quiet=True, HANT_CONFIG="s2x")
    assert code == 1 and stats["errors"] >= 1
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("url,current", [
    ("", ("首页", "page")),
    ("fdzdgknr/nf/2024", ("法定主动公开内容", "true")),
    ("gk/MB1C37504/2024-00003", ("法定主动公开内容", "true")),
    ("gkzn", ("政府信息公开指南", "page")),
])
def test_main_navigation_marks_the_current_section(site, url, current):
    marked = [(a.get_text(), a["aria-current"]) for a in soup(site, url).select(".gk-nav a[aria-current]")]
    assert marked == [current]
