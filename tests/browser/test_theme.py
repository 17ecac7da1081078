"""The theme in headless Chromium: axe-core (WCAG 2.1 AA) on every page type in normal, 长者模式 and
高对比度 modes, keyboard-only use of the toolbar and a listing, read-aloud, the 简/繁 switch, and 320 px.

Page types come from the sample site (tests/conftest.py ``site_url``) and are found by following its
links, so the tests follow the catalog as it grows; pagination is exercised on the fixture site built
with two rows per page.
"""
import json

import pytest

from tests.conftest import ROOT, assert_no_axe_violations, axe_violations, build_site, serve

pytestmark = pytest.mark.browser
MODES = {
    "normal": None,
    "elder": {"fs": 2, "contrast": True, "elder": True},
    "contrast": {"fs": 0, "contrast": True, "elder": False},
}


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory):
    """The fixture site (tests/fixtures/site) with two rows per listing page, on loopback."""
    out = build_site(tmp_path_factory.mktemp("theme"), ROOT / "tests/fixtures/site/pelicanconf.py", CATALOG_PAGE_SIZE=2)
    server, url = serve(out)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def page_types(site_url, browser):
    """One URL per page type of the sample site, found by following links from the home page."""
    ctx = browser.new_context()
    pg = ctx.new_page()
    pg.goto(site_url + "/fdzdgknr/")
    column = pg.evaluate("""() => [...document.querySelectorAll('.gk-table--columns tbody tr')]
        .filter(tr => tr.cells[2].textContent.trim() !== '0条')[0].querySelector('a').getAttribute('href')""")
    facet_index = pg.eval_on_selector("a[href$='/fdzdgknr/nf/']", "a => a.getAttribute('href')")
    facet = pg.eval_on_selector("#gk-facet-nf ~ ul a, .gk-section ul.gk-facet a[href*='/nf/']", "a => a.getAttribute('href')")
    pg.goto(site_url + facet)
    item = pg.eval_on_selector(".gk-table--items tbody a", "a => a.getAttribute('href')")
    ctx.close()
    return {"home": "/", "column": column, "facet-index": facet_index, "facet": facet, "item": item,
            "404": "/404.html", "hant-item": "/zh-hant" + item}


def set_mode(pg, mode):
    if MODES[mode]:
        pg.add_init_script(f"localStorage.setItem('gk-prefs', {json.dumps(json.dumps(MODES[mode]))})")


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("kind", ["home", "column", "facet-index", "facet", "item", "404", "hant-item"])
def test_axe_finds_no_violations(page, site_url, page_types, kind, mode):
    set_mode(page, mode)
    page.goto(site_url + page_types[kind])
    classes = page.evaluate("document.documentElement.className")
    assert ("gk-elder" in classes) == (mode == "elder") and ("gk-contrast" in classes) == (mode != "normal")
    if kind in ("column", "facet"):
        assert page.locator(".gk-table--items tbody tr").count() > 0
    assert_no_axe_violations(page, f"{kind} {mode}")
    assert page.js_errors == []


def test_axe_harness_reports_a_real_violation(page, site_url):
    """Guards the harness itself: a page with an unlabeled field and low contrast must fail."""
    page.goto(site_url + "/404.html")
    page.evaluate("""() => {
        const main = document.getElementById('main');
        main.insertAdjacentHTML('beforeend', '<input type=text><p style="color:#bbb;background:#fff">浅色文字</p>');
    }""")
    ids = {v["id"] for v in axe_violations(page)}
    assert {"label", "color-contrast"} <= ids


def focused(pg) -> str:
    return pg.evaluate("(() => { const e = document.activeElement; return (e.className || e.tagName) + '|' + e.textContent.trim(); })()")


def tab_to(pg, text, limit=40):
    for _ in range(limit):
        pg.keyboard.press("Tab")
        if focused(pg).endswith("|" + text):
            return
    raise AssertionError(f"Tab never reached {text!r}")


def test_keyboard_only_toolbar(page, fixture_url):
    page.goto(fixture_url + "/fdzdgknr/")
    page.keyboard.press("Tab")
    assert focused(page) == "gk-skip-link|跳到主要内容"
    tab_to(page, "特大")
    page.keyboard.press("Space")
    assert page.evaluate("document.documentElement.classList.contains('gk-fs-2')")
    assert page.get_attribute(".js-toolbar-fs[data-level='2']", "aria-pressed") == "true"
    assert page.get_attribute(".js-toolbar-fs[data-level='0']", "aria-pressed") == "false"
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == 24   # 18pt
    tab_to(page, "高对比度")
    page.keyboard.press("Enter")
    assert page.get_attribute(".js-toolbar-contrast", "aria-pressed") == "true"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    # Persisted across pages, and visible focus on a toolbar button in high contrast.
    page.goto(fixture_url + "/fdzdgknr/gz/")
    assert page.evaluate("document.documentElement.className").split() == ["gk-js", "gk-fs-2", "gk-contrast"]
    tab_to(page, "长者模式")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    assert page.get_attribute(".js-toolbar-elder", "aria-pressed") == "true"
    assert "gk-elder" in page.evaluate("document.documentElement.className")
    page.keyboard.press("Enter")   # leaving 长者模式 restores the earlier choices
    assert page.evaluate("document.documentElement.className").split() == ["gk-js", "gk-fs-2", "gk-contrast"]
    tab_to(page, "恢复默认")
    page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.className") == "gk-js"
    assert json.loads(page.evaluate("localStorage.getItem('gk-prefs')")) == {"fs": 0, "contrast": False, "elder": False, "before": None}
    assert page.js_errors == []


def test_elder_mode_combines_large_text_contrast_simple_layout_and_large_cursor(page, fixture_url):
    page.goto(fixture_url + "/fdzdgknr/gz/")
    page.click(".js-toolbar-elder")
    html = page.evaluate("document.documentElement.className").split()
    assert {"gk-elder", "gk-contrast", "gk-fs-2"} <= set(html)
    assert "cursor-large" in page.evaluate("getComputedStyle(document.body).cursor")
    assert page.evaluate("getComputedStyle(document.querySelector('.gk-nav ul')).display") == "block"
    # Nothing is hidden: every row of the listing is still displayed.
    assert page.evaluate("[...document.querySelectorAll('.gk-table--items tbody tr')].every(r => r.offsetHeight > 0)")


def test_keyboard_only_listing_pagination(page, fixture_url):
    page.goto(fixture_url + "/fdzdgknr/fbjg/szf/")
    tab_to(page, "下一页", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_url("**/fdzdgknr/fbjg/szf/2/")
    tab_to(page, page.text_content(".gk-table--items tbody a"), limit=80)
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url("**" + href)
    assert page.locator("h1").count() == 1


def test_skip_link_moves_focus_to_main(page, fixture_url):
    page.goto(fixture_url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_langswitch_lands_on_the_twin_page_and_back(page, fixture_url):
    page.goto(fixture_url + "/fdzdgknr/fbjg/szf/2/")
    page.click("a.gk-langswitch")
    page.wait_for_url("**/zh-hant/fdzdgknr/fbjg/szf/2/")
    assert page.get_attribute("html", "lang") == "zh-Hant"
    assert page.text_content("h1") == "海澄市人民政府"
    assert "發佈日期" in page.text_content("thead")
    page.click("a.gk-langswitch")
    page.wait_for_url("**/fdzdgknr/fbjg/szf/2/")
    assert "/zh-hant/" not in page.url and page.get_attribute("html", "lang") == "zh-CN"


def test_read_aloud_is_hidden_without_a_chinese_voice(page, fixture_url):
    page.add_init_script("speechSynthesis.getVoices = () => [{lang: 'en-US', name: 'x'}];")
    page.goto(fixture_url + "/gk/MB1C37504/2024-00003/")
    assert page.is_hidden(".js-toolbar-read")


def test_read_aloud_reads_the_article_in_zh_cn_and_stops(page, fixture_url):
    page.add_init_script("""
        window.spoken = [];
        window.cancelled = 0;
        window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
        speechSynthesis.getVoices = () => [{lang: 'en-US', name: 'English'}, {lang: 'zh-CN', name: 'Chinese'}];
        speechSynthesis.speak = u => window.spoken.push({text: u.text, lang: u.lang, voice: u.voice.name});
        speechSynthesis.cancel = () => { window.cancelled += 1; };
    """)
    page.goto(fixture_url + "/gk/MB1C37504/2024-00003/")
    button = page.locator(".js-toolbar-read")
    assert button.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true" and button.text_content() == "停止朗读"
    spoken = page.evaluate("window.spoken")
    assert spoken[0]["text"].startswith("海澄市公共数据管理办法")
    assert {(s["lang"], s["voice"]) for s in spoken} == {("zh-CN", "Chinese")}
    assert "索引号" not in "".join(s["text"] for s in spoken)      # the article, not the metadata table
    page.keyboard.press("Space")
    assert button.get_attribute("aria-pressed") == "false" and button.text_content() == "朗读全文"
    assert page.evaluate("window.cancelled") >= 2


def test_print_button_prints_item_with_metadata_and_url(page, fixture_url):
    page.goto(fixture_url + "/gk/MB1C37504/2024-00003/")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.click(".js-print")
    assert page.evaluate("window.printed") == 1
    page.emulate_media(media="print")
    def visible(sel):
        return page.evaluate(f"getComputedStyle(document.querySelector('{sel}')).display") != "none"
    assert visible(".gk-meta") and visible(".gk-body") and visible(".gk-print-url")
    assert not visible(".gk-header") and not visible(".gk-footer") and not visible(".gk-item__actions")
    assert page.text_content(".gk-print-url").endswith("/gk/MB1C37504/2024-00003/")


def test_no_javascript_still_shows_content_and_hides_controls_that_need_it(browser, fixture_url):
    ctx = browser.new_context(java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto(fixture_url + "/gk/MB1C37504/2024-00003/")
    assert pg.is_visible(".gk-body") and pg.is_visible("a.gk-langswitch")
    assert pg.is_hidden(".js-toolbar-controls") and pg.is_hidden(".js-print")
    ctx.close()


@pytest.mark.parametrize("path", ["/", "/fdzdgknr/", "/fdzdgknr/fbjg/szf/", "/gk/MB1C37504/2023-00007/",
                                  "/gk/MB1C37504/2025-00001/", "/zh-hant/gk/MB1C37539/2025-00002/"])
@pytest.mark.parametrize("mode", ["normal", "elder"])
def test_320px_viewport_has_no_horizontal_scroll(browser, fixture_url, tmp_path, path, mode):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 320, "height": 640})
    pg = ctx.new_page()
    set_mode(pg, mode)
    pg.goto(fixture_url + path)
    shot = tmp_path / f"{mode}-{path.strip('/').replace('/', '_') or 'home'}-320.png"
    pg.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 0
    assert pg.evaluate("document.documentElement.scrollWidth") <= 320
    ctx.close()
