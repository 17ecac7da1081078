"""Annual-report pages in Chromium: axe-core finds nothing, and on a 320 px phone the wide tables scroll
inside their own focusable region instead of widening the page (WCAG 1.4.10)."""
import json

import pytest

from tests.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/ndbg/", "/ndbg/2025/", "/ndbg/2020/", "/ndbg/2018/"])
@pytest.mark.parametrize("width", [1280, 320])
def test_no_axe_violations(page, site_url, path, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + path)
    assert_no_axe_violations(page, f"{path} at {width}px")
    assert page.js_errors == []


@pytest.mark.parametrize("prefs", [{"fs": 2, "contrast": True, "elder": True}, {"fs": 0, "contrast": True, "elder": False}])
@pytest.mark.parametrize("path", ["/ndbg/", "/ndbg/2025/"])
def test_no_axe_violations_in_elder_and_contrast_modes(page, site_url, path, prefs):
    """长者模式 / 高对比度 (theme/static/js/enhance.js reads them from localStorage before the first paint)."""
    page.add_init_script(f"localStorage.setItem('gk-prefs', {json.dumps(json.dumps(prefs))})")
    page.goto(site_url + path)
    assert "gk-contrast" in page.evaluate("document.documentElement.className")
    assert_no_axe_violations(page, f"{path} {prefs}")


def test_wide_tables_scroll_in_a_keyboard_region_on_a_phone(page, site_url):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site_url + "/ndbg/2025/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    region = page.locator("div.gk-report-table[aria-labelledby='t3-caption']")
    sizes = region.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert sizes[0] > sizes[1], "表三 should be wider than the phone and scroll inside its region"
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-labelledby')") == "t3-caption"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # keyboard scrolling is animated (smooth scrolling): wait until the region has moved
    page.wait_for_function("() => document.querySelector(\"div[aria-labelledby='t3-caption']\").scrollLeft > 0",
                           timeout=5000)


def test_print_layout_hides_site_chrome(page, site_url):
    page.goto(site_url + "/ndbg/2025/")
    page.emulate_media(media="print")
    assert page.locator(".gk-report__actions").is_hidden()
    assert page.locator("header.gk-header").is_hidden()
    assert page.locator("#t3").is_visible()
    overflow = page.evaluate("() => { const r = document.querySelector('#t4').getBoundingClientRect();"
                             " return r.right <= document.documentElement.clientWidth + 1; }")
    assert overflow, "表四 must fit the printed page width"
