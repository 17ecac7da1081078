"""The theme in headless Chromium: keyboard-only use of the toolbar and a listing, 长者模式's folded header,
read-aloud, printing, the 简/繁 switch, listing tables and pages without JavaScript.

Every page type in every mode (axe, first-screen heading, 320 px, target sizes) is in test_modes.py;
pagination is exercised on the fixture site built with two rows per page.
"""
import json

import pytest

from tests.conftest import ROOT, axe_violations, build_site, serve

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
    # Nothing is hidden: every row of the listing and every menu entry is still displayed.
    assert page.evaluate("[...document.querySelectorAll('.gk-table--items tbody tr')].every(r => r.offsetHeight > 0)")
    assert page.locator(".gk-nav li a").evaluate_all("as => as.every(a => a.offsetHeight >= 44)")
    # On a wide screen the menu stays open; the 阅读辅助 panel folds behind its button.
    assert page.is_hidden(".gk-nav__toggle") and page.is_hidden(".js-toolbar-controls")
    assert page.get_attribute(".gk-toolbar__toggle", "aria-expanded") == "false"


def test_elder_mode_folds_the_header_on_a_phone_and_unfolds_it_by_keyboard(browser, fixture_url):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    ctx.add_init_script("localStorage.setItem('gk-prefs', JSON.stringify({fs: 2, contrast: true, elder: true}))")
    pg = ctx.new_page()
    pg.goto(fixture_url + "/gk/MB1C37504/2024-00003/")
    assert pg.is_visible(".js-toolbar-elder") and pg.is_visible("a.gk-langswitch")
    assert pg.is_hidden(".js-toolbar-controls") and pg.is_hidden("#gk-nav-list")
    assert pg.evaluate("document.querySelector('main h1').getBoundingClientRect().top") < 844 - 100
    menu = pg.locator(".gk-nav__toggle")
    menu.focus()
    pg.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true" and pg.is_visible("#gk-nav-list")
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.textContent") == "首页"
    pg.keyboard.press("Escape")                 # closes the menu and returns to its button
    assert menu.get_attribute("aria-expanded") == "false" and pg.is_hidden("#gk-nav-list")
    assert pg.evaluate("document.activeElement.classList.contains('gk-nav__toggle')")
    tools = pg.locator(".gk-toolbar__toggle")
    tools.click()
    assert tools.get_attribute("aria-expanded") == "true" and pg.is_visible(".js-toolbar-fs[data-level='3']")
    pg.click(".js-toolbar-fs[data-level='3']")
    assert "gk-fs-3" in pg.evaluate("document.documentElement.className")
    pg.click(".js-toolbar-elder")               # leaving 长者模式 is one press, and the menu is a plain list again
    assert pg.is_visible("#gk-nav-list") and pg.is_hidden(".gk-nav__toggle")
    ctx.close()


def test_doc_and_index_numbers_never_break_inside_a_listing_cell(page, fixture_url, site_url):
    """索引号 and 文号 are read as a unit: one line each in the table layout (they used to wrap mid-number)."""
    lines = """() => [...document.querySelectorAll('.gk-table--items .gk-verbatim')].map(e => {
        const r = document.createRange(); r.selectNodeContents(e);
        return [e.textContent, new Set([...r.getClientRects()].map(x => Math.round(x.top))).size];
    })"""
    for url in (site_url + "/fdzdgknr/gz/", site_url + "/fdzdgknr/yxx/xxyx/", fixture_url + "/fdzdgknr/gfxwj/fzsx/"):
        for width in (1280, 900):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(url)
            found = page.evaluate(lines)
            assert found and [f for f in found if f[1] != 1] == [], (url, width)
    page.goto(site_url + "/fdzdgknr/gz/")
    assert any("令第" in text for text, _ in page.evaluate(lines))


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
    assert pg.is_hidden(".gk-nav__toggle") and pg.is_visible("#gk-nav-list")   # nothing is folded without JavaScript
    ctx.close()
