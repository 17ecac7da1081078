"""办理进度查询 in headless Chromium on the sample site: the right code shows the status, dates and deadline;
a wrong code, a wrong 受理编号 and malformed input all give the same neutral message; each lookup requests one
shard file and nothing else; with JavaScript off the page says how to ask instead; axe-core finds nothing."""
import pytest

from tests.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser
DEMO_NO, DEMO_CODE = "HC-YSQ-2026-00271", "4Z8K-FEZ6-XS9D"          # docs/ysqgk.md
NEUTRAL = "没有找到与所填受理编号和查询码对应的申请。请核对后重新输入；仍然查不到的，请在办公时间拨打 0596-6812345 查询。"


def ask(page, site_url, no, code, requests):
    page.fill("#q-no", no)
    page.fill("#q-code", code)
    requests.clear()
    page.click(".js-q-submit")
    page.wait_for_function("document.querySelector('.js-q-busy').hidden && document.querySelector('.js-q-submit').disabled === false"
                           " && (!document.querySelector('.js-q-none').hidden || !document.querySelector('.js-q-result').hidden"
                           " || !document.querySelector('.js-q-failed').hidden)", timeout=30000)


@pytest.fixture
def query(page, site_url):
    requests = []
    page.goto(f"{site_url}/ysqgk/query/")
    page.on("request", lambda r: requests.append(r.url))
    page.wait_for_selector(".js-q-form", state="visible")
    return page, requests


def test_right_code_shows_the_case(query, site_url):
    page, requests = query
    ask(page, site_url, " hc-ysq-2026-00271 ", DEMO_CODE.lower().replace("-", " "), requests)
    assert page.inner_text(".js-q-status") == "已登记"
    rows = page.eval_on_selector_all(".js-q-result .gk-q__row:not([hidden])", "els => els.map(e => e.innerText.replace(/\\s+/g, ' '))")
    assert rows == ["办理状态 已登记", "收到申请日期 2026年11月9日（星期一）", "法定答复期限 2026年12月7日（星期一）"]
    assert len(requests) == 1 and requests[0].startswith(f"{site_url}/ysqgk/query/s/") and requests[0].endswith(".json")
    assert page.is_hidden(".js-q-none") and page.js_errors == []
    assert_no_axe_violations(page, "result")


@pytest.mark.parametrize("no, code", [(DEMO_NO, "4Z8K-FEZ6-XS9E"), ("HC-YSQ-2026-00270", DEMO_CODE),
                                      ("HC-YSQ-2099-99999", DEMO_CODE), ("<script>", "!!"), ("x", "0OIL1")])
def test_anything_else_gives_the_same_neutral_message(query, site_url, no, code):
    page, requests = query
    ask(page, site_url, no, code, requests)
    assert page.inner_text(".js-q-none") == NEUTRAL
    assert page.is_hidden(".js-q-result") and page.is_hidden(".js-q-failed")
    assert len(requests) == 1 and "/ysqgk/query/s/" in requests[0]


def test_empty_fields_are_field_errors(query, site_url):
    page, requests = query
    requests.clear()
    page.click(".js-q-submit")
    assert page.is_visible("#q-no-error") and page.is_visible("#q-code-error")
    assert page.get_attribute("#q-no", "aria-invalid") == "true" and requests == []
    assert_no_axe_violations(page, "errors")


def test_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{site_url}/ysqgk/query/")
    assert page.is_hidden(".js-q") and page.is_visible(".js-q-nojs")
    assert "本页查询需要浏览器启用 JavaScript。" in page.inner_text(".js-q-nojs")
    assert "0596-6812345" in page.inner_text(".js-q-nojs")
    context.close()
