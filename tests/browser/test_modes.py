"""Every page type of the sample site in every display mode (normal, 长者模式, 高对比度), in headless Chromium:

* axe-core finds no WCAG 2.1 AA violation (search results with a facet selected and the request form in
  its error state included);
* the page's main heading starts on the first screen of a 1280 × 800 desktop and a 390 × 844 phone;
* nothing scrolls sideways at 320 px (long 网上办理 URLs and 文号 wrap instead);
* in 长者模式 everything that can be pressed is at least 44 × 44 CSS px, except a link inside a sentence
  (WCAG's inline exception; its line is ≥ 44 px high at that text size);
* text is set with a line height of at least 1.3 times its size;
* nothing is loaded from another origin (no advertising, tracking or CDN) and no dialog or pop-up window
  opens by itself.

The modes are the reader's stored toolbar preference (``gk-prefs``, theme/static/js/enhance.js) set
before each load, as the toolbar itself stores it. One browser page per mode is reused for every page
type. Page URLs are found in the built site (tests/conftest.py ``sample_site``), so the tests follow the
sample catalog as it changes. docs/accessibility-elderly.md maps the 适老化 checklist to these tests.
"""
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.browser.test_search import status
from tests.conftest import axe_violations

pytestmark = pytest.mark.browser
MODES = {
    "normal": None,
    "elder": {"fs": 2, "contrast": True, "elder": True},
    "contrast": {"fs": 0, "contrast": True, "elder": False},
}
DESKTOP, PHONE, NARROW = (1280, 800), (390, 844), (320, 640)
TARGET = 44


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


@pytest.fixture(scope="module")
def page_types(sample_site) -> dict:
    """kind -> site-relative URL, found in the built sample site."""
    items = sorted((sample_site / "gk").rglob("index.html"))

    def first_item(test):
        return next(_url(sample_site, p) for p in items if test(_soup(p)))

    def longest_online_url(path):
        dt = _soup(path).find("dt", string="网上办理")
        return len(dt.find_next_sibling("dd").get_text()) if dt else 0

    overview = _soup(sample_site / "fdzdgknr" / "index.html")
    columns = [(tr.th.a["href"], tr.find_all("td")[1].get_text()) for tr in overview.select(".gk-table--columns tbody tr")]
    facets = {key: _soup(sample_site / "fdzdgknr" / key / "index.html").select_one("main .gk-facet a")["href"]
              for key in ("fbjg", "ztfl", "nf", "yxx")}
    regulation = first_item(lambda s: s.select_one(".gk-headnote") is not None)
    return {
        "home": "/",
        "item-regulation": regulation,
        "item-service": _url(sample_site, max(items, key=longest_online_url)),
        "item-budget": first_item(lambda s: s.select_one(".gk-budget") is not None),
        "overview": "/fdzdgknr/",
        "column": next(href for href, current in columns if current != "0条"),
        "column-void": overview.select_one(".gk-table--columns a[href$='/fzsx/']")["href"],
        **{f"facet-{key}": f"/fdzdgknr/{key}/" for key in facets},
        **{f"listing-{key}": href for key, href in facets.items()},
        "search-empty": "/search/",
        "search-results": "/search/?q=数据共享",
        "search-facet": "/search/?q=数据共享&category=gfxwj",
        "search-none": "/search/?q=量子纠缠望远镜",
        "ysqgk": "/ysqgk/",
        "apply": "/ysqgk/apply/",
        "apply-errors": "/ysqgk/apply/",
        "apply-paper": "/ysqgk/form/",
        "ysqgk-query": "/ysqgk/query/",
        "ysqgk-stats": "/ysqgk/stats/",
        "ndbg": "/ndbg/",
        "ndbg-report": _soup(sample_site / "ndbg" / "index.html").select_one("main a[href^='/ndbg/2']")["href"],
        "gkzn": "/gkzn/",
        "gkzd": "/gkzd/",
        "bodies": "/jg/",
        "body": "/jg/czj/",
        "body-guide": "/jg/mzj/gkzn/",
        "ndbg-body-report": "/ndbg/czj/2025/",
        "listing-body-column": "/fdzdgknr/fbjg/czj/czyjs/",
        "404": "/404.html",
        "hant-item": "/zh-hant" + regulation,
        "hant-search": "/zh-hant/search/?q=政務數據",
    }


@pytest.fixture(scope="module")
def mode_pages(browser):
    """mode -> a page whose every load starts in that mode; errors thrown by page scripts are collected."""
    pages, contexts = {}, []
    for mode, prefs in MODES.items():
        context = browser.new_context(locale="zh-CN", viewport=dict(zip(("width", "height"), DESKTOP)), bypass_csp=True)
        if prefs:
            context.add_init_script(f"localStorage.setItem('gk-prefs', {json.dumps(json.dumps(prefs))})")
        pg = context.new_page()
        pg.js_errors, pg.foreign, pg.popups = [], [], []
        pg.on("pageerror", lambda exc, errors=pg.js_errors: errors.append(str(exc)))
        pg.on("request", lambda req, seen=pg.foreign: None if req.url.startswith(("http://127.0.0.1:", "data:")) else seen.append(req.url))
        pg.on("dialog", lambda dialog, seen=pg.popups: (seen.append(dialog.message), dialog.dismiss()))
        context.on("page", lambda new, seen=pg.popups: seen.append(new.url))
        pages[mode] = pg
        contexts.append(context)
    yield pages
    for context in contexts:
        context.close()


def show_errors(pg):
    """The request form after a wrong submission: error summary and messages beside the fields."""
    pg.check("#rf-applicant_type-citizen")
    pg.fill("#rf-name", "张三")
    pg.select_option("#rf-id_type", "resident_id")
    pg.fill("#rf-id_number", "110105194912310029")
    pg.fill("#rf-phone", "1381234567")
    pg.click(".js-rf-submit")
    pg.wait_for_selector(".js-rf-summary:not([hidden])")
    pg.evaluate("window.scrollTo(0, 0)")
    assert pg.locator(".js-rf-summary-list a").count() >= 3


HEADING_TOP = """() => {
    const h = document.querySelector('main h1');
    return {top: h.getBoundingClientRect().top, line: parseFloat(getComputedStyle(h).lineHeight), screen: innerHeight};
}"""

# Pressable things smaller than 44 × 44 px, except a link inside a sentence: an inline <a> whose nearest
# block also holds letters or digits of its own.
SMALL_TARGETS = """(min) => {
    const inSentence = (el) => {
        if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
        let block = el.parentElement;
        while (getComputedStyle(block).display === 'inline') block = block.parentElement;
        const own = block.cloneNode(true);
        own.querySelectorAll('a').forEach((a) => a.remove());
        return /[\\p{L}\\p{N}]/u.test(own.textContent);
    };
    return [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')]
        .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width && r.height && getComputedStyle(el).visibility !== 'hidden'
                && (r.width < min || r.height < min) && !inSentence(el);
        })
        .map((el) => {
            const r = el.getBoundingClientRect();
            return `${el.tagName.toLowerCase()} «${(el.textContent || el.name || '').trim().slice(0, 20)}» ${Math.round(r.width)}×${Math.round(r.height)}`;
        });
}"""


# Text blocks whose line height is under 1.3 times their font size (适老化: line spacing ≥ 1.3).
TIGHT_LINES = """() => [...document.querySelectorAll('main p, main li, main dd, main dt, main td, main th, main label, main legend')]
    .filter((el) => el.offsetHeight && el.textContent.trim())
    .map((el) => [el, getComputedStyle(el)])
    .filter(([el, cs]) => parseFloat(cs.lineHeight) / parseFloat(cs.fontSize) < 1.3)
    .map(([el, cs]) => `${el.tagName.toLowerCase()}.${el.className} ${cs.lineHeight}/${cs.fontSize}`)"""


def resize(pg, size):
    pg.set_viewport_size({"width": size[0], "height": size[1]})
    pg.evaluate("window.scrollTo(0, 0)")


KINDS = ["home", "item-regulation", "item-service", "item-budget", "overview", "column", "column-void",
         "facet-fbjg", "facet-ztfl", "facet-nf", "facet-yxx", "listing-fbjg", "listing-ztfl", "listing-nf", "listing-yxx",
         "search-empty", "search-results", "search-facet", "search-none", "ysqgk", "apply", "apply-errors",
         "apply-paper", "ysqgk-query", "ysqgk-stats", "ndbg", "ndbg-report", "gkzn", "gkzd", "bodies", "body", "body-guide", "ndbg-body-report",
         "listing-body-column", "404", "hant-item",
         "hant-search"]


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("kind", KINDS)
def test_page_type_in_mode(mode_pages, site_url, page_types, kind, mode):
    pg = mode_pages[mode]
    for seen in (pg.js_errors, pg.foreign, pg.popups):
        del seen[:]
    resize(pg, DESKTOP)
    pg.goto(site_url + page_types[kind])
    classes = pg.evaluate("document.documentElement.className").split()
    assert ("gk-elder" in classes) == (mode == "elder") and ("gk-contrast" in classes) == (mode != "normal")
    if kind.startswith(("search-results", "search-facet", "search-none", "hant-search")):
        status(pg)                               # the search is done
    if kind == "search-facet":
        assert pg.locator(".js-search-facet[data-facet=category] a[aria-current=true]").inner_text() == "行政规范性文件"
    if kind == "apply-errors":
        show_errors(pg)

    violations = axe_violations(pg)
    assert not violations, f"axe, {kind} in {mode}: " + json.dumps(violations, ensure_ascii=False, indent=1)
    assert pg.evaluate(TIGHT_LINES) == []

    for size in (DESKTOP, PHONE):
        resize(pg, size)
        h = pg.evaluate(HEADING_TOP)
        assert h["top"] + h["line"] <= h["screen"], f"{kind} in {mode}: <h1> at y={h['top']:.0f} on a {size} screen"
        if mode == "elder":
            assert pg.evaluate(SMALL_TARGETS, TARGET) == [], f"{kind} in {mode} at {size}"

    resize(pg, NARROW)
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW[0], f"{kind} in {mode} scrolls sideways at 320 px: {width} px wide"
    assert pg.js_errors == [] and pg.foreign == [] and pg.popups == []


def test_the_checks_catch_what_they_look_for(mode_pages, site_url):
    """Guards the checks above: a low heading, a small button and a wide element are all found."""
    pg = mode_pages["elder"]
    resize(pg, PHONE)
    pg.goto(site_url + "/gkzd/")
    pg.evaluate("""() => {
        document.querySelector('main').insertAdjacentHTML('afterbegin',
            '<div class="gk-test-tall"></div><button type="button" class="gk-test-small">小</button>' +
            '<p class="gk-test-wide">https://zwfw.haicheng.gov.cn/item/averyveryverylongpathwithoutanybreakpoint</p>');
        const tall = document.querySelector('.gk-test-tall');
        tall.style.height = '900px';
        const small = document.querySelector('.gk-test-small');
        small.style.cssText = 'min-height: 0; min-width: 0; width: 20px; height: 20px; padding: 0';
        document.querySelector('.gk-test-wide').style.whiteSpace = 'nowrap';
    }""")
    h = pg.evaluate(HEADING_TOP)
    assert h["top"] + h["line"] > h["screen"]
    assert any(t.startswith("button «小» 20×20") for t in pg.evaluate(SMALL_TARGETS, TARGET))
    resize(pg, NARROW)
    assert pg.evaluate("document.documentElement.scrollWidth") > NARROW[0]
