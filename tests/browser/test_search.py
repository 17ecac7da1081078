"""The search page in Chromium over the built sample site: typing, facets, history, 繁体, no JS, axe."""
import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser


def status(page):
    """The status line once the search in progress (aria-busy, set with every URL change) is done."""
    page.wait_for_selector("[data-module=gk-search]:not([aria-busy])", state="attached")
    page.wait_for_function("() => /共找到|没有找到|共找到|沒有找到/.test(document.querySelector('.js-search-status').textContent)")
    return page.locator(".js-search-status").inner_text()


def count(page) -> int:
    return int(re.search(r"(\d+)", status(page)).group(1))


def params(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_type_a_query_filter_by_facet_and_go_back(page, site_url):
    page.goto(site_url + "/")
    page.fill("#gk-q", "数据共享")
    page.press("#gk-q", "Enter")                       # the header form: a plain GET to /search/
    page.wait_for_url("**/search/?q=*")
    total = count(page)
    assert total >= 3
    assert page.locator(".gk-result").count() == min(total, 10)
    assert page.locator(".gk-result__title mark").first.inner_text() in ("数据共享", "数据", "共享")
    assert page.locator("#gk-search-q").input_value() == "数据共享"

    facet = page.locator(".js-search-facet[data-facet=category] a[data-value=gfxwj]")
    facet.focus()
    page.keyboard.press("Enter")                        # keyboard only
    page.wait_for_function("() => location.search.includes('category=gfxwj')")
    filtered = count(page)
    assert 0 < filtered < total
    assert params(page) == {"q": "数据共享", "category": "gfxwj"}
    assert page.locator(".js-search-facet[data-facet=category] a[aria-current=true]").inner_text() == "行政规范性文件"
    assert page.evaluate("document.activeElement.dataset.value") == "gfxwj"   # focus stays on the facet
    assert all("行政规范性文件" in t for t in page.locator(".gk-result__meta").all_inner_texts())
    assert_no_axe_violations(page, "search results with a facet")

    page.go_back()
    page.wait_for_function("() => !location.search.includes('category=')")
    assert count(page) == total
    page.go_forward()
    page.wait_for_function("() => location.search.includes('category=gfxwj')")
    assert count(page) == filtered
    assert not page.js_errors


def test_sort_by_date_and_pages_are_in_the_url(page, site_url):
    page.goto(site_url + "/search/?q=海澄市")
    total = count(page)
    assert total > 10
    page.click(".js-search-sort a[data-value=date]")
    page.wait_for_function("() => location.search.includes('sort=date')")
    assert count(page) == total
    dates = [re.search(r"\d{4}-\d{2}-\d{2}", t).group(0) for t in page.locator(".gk-result__meta").all_inner_texts()]
    assert dates == sorted(dates, reverse=True)
    page.click(".js-search-pager a[rel=next]")
    page.wait_for_function("() => location.search.includes('page=2')")
    assert "第 2 页" in status(page)
    assert page.evaluate("document.activeElement.id") == "gk-search-results-h"
    shared = page.url
    page.goto(shared)                                   # a shared link shows the same page
    assert "第 2 页" in status(page) and params(page)["sort"] == "date"


def test_no_results_suggest_columns_and_request(page, site_url):
    page.goto(site_url + "/search/?q=" + "量子纠缠望远镜")
    assert "没有找到" in status(page)
    none = page.locator(".js-search-none")
    assert none.is_visible()
    hrefs = none.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert "/fdzdgknr/" in hrefs and "/ysqgk/apply/" in hrefs
    assert not page.locator(".js-search-body").is_visible()
    assert_no_axe_violations(page, "no results")


def test_no_results_under_a_filter_keep_the_facets_to_widen(page, site_url):
    page.goto(site_url + "/search/?q=数据共享&status=fz")
    assert "没有找到" in status(page)
    widen = page.locator(".js-search-facet[data-facet=status] a[data-value='']")
    assert widen.is_visible()
    widen.click()
    page.wait_for_function("() => !location.search.includes('status=')")
    assert count(page) >= 3
    assert_no_axe_violations(page, "widened")


def test_exact_doc_number_and_index_number(page, site_url):
    page.goto(site_url + "/search/?q=" + "海政办规（2025）1号")
    assert count(page) >= 1
    assert "海政办规〔2025〕1号" in page.locator(".gk-result").first.inner_text()
    page.fill("#gk-search-q", "MB1C37512/2025-00009")
    page.press("#gk-search-q", "Enter")
    assert count(page) == 1
    assert "MB1C37512/2025-00009" in page.locator(".gk-result").first.inner_text()


def test_traditional_mirror_finds_the_same_items_in_traditional(page, site_url):
    page.goto(site_url + "/search/?q=政务数据")
    simplified = count(page)
    page.goto(site_url + "/zh-hant/search/?q=政務數據")
    assert count(page) == simplified
    assert "條結果" in status(page)
    first = page.locator(".gk-result__title a").first
    assert first.get_attribute("href").startswith("/zh-hant/gk/")
    assert "數據" in first.inner_text() and first.locator("mark").count() >= 1
    assert_no_axe_violations(page, "繁体 results")


def test_without_javascript_the_page_says_so(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        pg = context.new_page()
        pg.goto(site_url + "/search/?q=数据")
        notice = pg.locator(".gk-search__nojs")
        assert notice.is_visible() and "JavaScript" in notice.inner_text()
        assert pg.locator(".gk-search__nojs a[href='/fdzdgknr/']").count() == 1
        assert not pg.locator(".js-search-body").is_visible()     # axe needs JavaScript: see the test below
    finally:
        context.close()


def test_empty_search_page_is_accessible(page, site_url):
    page.goto(site_url + "/search/")
    page.wait_for_load_state("load")
    assert not page.locator(".gk-search__nojs").is_visible()
    assert page.locator(".js-search-status").inner_text() == ""
    page.press("#gk-search-q", "Enter")
    page.wait_for_function("() => document.querySelector('.js-search-status').textContent === '请输入检索词。'")
    assert_no_axe_violations(page, "empty search page")


@pytest.mark.parametrize("typed,doc_no", [("海政办规（2025）1号", "海政办规〔2025〕1号"),
                                          ("海澄市人民政府令第15号", "海澄市人民政府令第15号")])
def test_doc_number_query_is_exact_and_gives_no_single_character_advice(page, site_url, typed, doc_no):
    page.goto(site_url + "/search/?q=" + typed)
    text = status(page)
    assert text.startswith("共找到 ") and text.endswith(" 条结果（按索引号、文号精确查找）")
    assert page.locator(".js-search-status .gk-search__note").count() == 0      # 号 belongs to the 文号
    assert doc_no in page.locator(".gk-result").first.inner_text()


def test_advice_is_a_line_of_its_own_below_the_count(page, site_url):
    page.goto(site_url + "/search/?q=税")
    assert status(page).split("\n") == [
        "没有找到与“税”相关的信息。",
        "单个汉字只能找到单独出现的该字；输入两个或更多汉字组成的词语，可以找到更多结果。"]
    note = page.locator(".js-search-status .gk-search__note")
    assert note.evaluate("n => getComputedStyle(n).display") == "block"


def test_script_switch_keeps_the_query_filters_and_page(page, site_url):
    page.goto(site_url + "/search/?q=数据共享")
    status(page)
    assert page.get_attribute("a.gk-langswitch", "href") == "/zh-hant/search/?q=%E6%95%B0%E6%8D%AE%E5%85%B1%E4%BA%AB"
    page.locator(".js-search-facet[data-facet=category] a[data-value=gfxwj]").click()
    page.wait_for_function("() => document.querySelector('a.gk-langswitch').getAttribute('href').includes('category=gfxwj')")
    filtered = count(page)
    page.click("a.gk-langswitch")
    page.wait_for_url("**/zh-hant/search/?q=*")
    assert params(page) == {"q": "数据共享", "category": "gfxwj"}
    assert count(page) == filtered and "條結果" in status(page)
    back = page.get_attribute("a.gk-langswitch", "href")
    assert back.startswith("/search/?q=") and "category=gfxwj" in back
    page.click("a.gk-langswitch")
    page.wait_for_url("**/search/?q=*")
    assert "/zh-hant/" not in page.url and count(page) == filtered
