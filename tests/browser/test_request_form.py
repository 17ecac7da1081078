"""依申请公开 in headless Chromium: the three submission paths, GOV.UK-style validation, the draft, the
deadline calculator, the pages with JavaScript off, and axe-core in every state.

Paths: the sample site (no endpoint) gives the printable 申请表 and e-mail; a site built with
``REQUEST_FORM={"endpoint": "http://127.0.0.1:PORT/apply", "allow_http_localhost": True}`` posts to a
tiny endpoint this module starts on loopback (``allow_http_localhost`` is the documented test-only
switch that lets plain http through for 127.0.0.1). That site is served with a strict
Content-Security-Policy (no 'unsafe-inline'), in a browser context that does not bypass CSP.
"""
import functools
import http.server
import json
import threading
import urllib.parse
from pathlib import Path

import jsonschema
import pytest

from plugins.request_form.schema import format_checker
from tests.conftest import assert_no_axe_violations, build_site

pytestmark = pytest.mark.browser
RECEIPT = "HC-YSQ-2025-000123"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self' http://127.0.0.1:*; form-action 'self'; base-uri 'none'; object-src 'none'")


class Endpoint(http.server.BaseHTTPRequestHandler):
    """The receiving system: records every JSON body; ``server.mode`` is ok, 500 or drop."""

    def log_message(self, *args):
        pass

    def _cors(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")

    def do_OPTIONS(self):
        self.send_response(204)
        self._cors()
        self.end_headers()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.received.append({"body": json.loads(body), "content_type": self.headers.get("Content-Type"),
                                     "path": self.path})
        if self.server.mode == "drop":
            self.close_connection = True
            return                      # no response at all: the browser sees a network error
        status, reply = (201, {"receipt_no": RECEIPT, "query_code": "Q7K2"}) if self.server.mode == "ok" else (500, {})
        data = json.dumps(reply).encode()
        self.send_response(status)
        self._cors()
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _StrictStatic(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()


def _start(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def endpoint():
    server = _start(http.server.ThreadingHTTPServer(("127.0.0.1", 0), Endpoint))
    server.received, server.mode = [], "ok"
    yield server
    server.shutdown()


@pytest.fixture(scope="module")
def endpoint_site(tmp_path_factory, endpoint):
    """The real settings with an endpoint on loopback, served with a strict CSP."""
    url = f"http://127.0.0.1:{endpoint.server_address[1]}/apply"
    out = build_site(tmp_path_factory.mktemp("rf"), REQUEST_FORM={"endpoint": url, "allow_http_localhost": True,
                                                                  "min_fill_seconds": 5})
    server = _start(http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_StrictStatic, directory=str(out))))
    yield {"url": f"http://127.0.0.1:{server.server_address[1]}", "output": out}
    server.shutdown()


def axe_by_evaluate(pg):
    """conftest's axe helper injects axe-core as a <script> element, which a strict CSP blocks (as it
    should) and a JS-disabled page never runs; load the same file through the DevTools protocol."""
    pg.add_script_tag = lambda path: pg.evaluate(Path(path).read_text(encoding="utf-8"))


@pytest.fixture
def strict_page(browser):
    """A page that enforces CSP (the shared ``page`` fixture bypasses it); CSP reports are collected."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.js_errors, pg.csp = [], []
    pg.on("pageerror", lambda exc: pg.js_errors.append(str(exc)))
    pg.on("console", lambda msg: pg.csp.append(msg.text) if "Content Security Policy" in msg.text else None)
    axe_by_evaluate(pg)
    yield pg
    context.close()


def fill_valid(pg):
    pg.check("#rf-applicant_type-citizen")
    pg.fill("#rf-name", "张三")
    pg.select_option("#rf-id_type", "resident_id")
    pg.fill("#rf-id_number", "11010519491231002x")
    pg.fill("#rf-phone", "0596 6812345")
    pg.fill("#rf-email", "zhang.san@example.com")
    pg.fill("#rf-address", "海澄市海滨大道1号")
    pg.fill("#rf-postcode", "363100")
    pg.fill("#rf-description", "2024年海澄市市级部门预算公开目录")
    pg.check("#rf-formats-paper")
    pg.check("#rf-formats-email")
    pg.check("#rf-delivery-post")
    pg.check("#rf-delivery-email")
    pg.check("#rf-declaration")


EXPECTED_BODY = {
    "applicant_type": "citizen", "name": "张三", "id_type": "resident_id", "id_number": "11010519491231002X",
    "phone": "05966812345", "email": "zhang.san@example.com", "address": "海澄市海滨大道1号", "postcode": "363100",
    "description": "2024年海澄市市级部门预算公开目录", "doc_title": "某某办法", "index_no": "MB1C37512/2025-00001",
    "formats": ["paper", "email"], "delivery": ["post", "email"], "declaration": True,
}
APPLY_WITH_ITEM = "/ysqgk/apply/?index_no=MB1C37512%2F2025-00001&title=%E6%9F%90%E6%9F%90%E5%8A%9E%E6%B3%95"


def visible(pg, selector):
    return pg.locator(selector).is_visible()


def no_personal_data_stored(pg):
    assert pg.evaluate("localStorage.getItem('gk-request-form-draft')") is None
    assert pg.evaluate("JSON.stringify(Object.keys(localStorage))").find("request") == -1
    assert "张三" not in pg.evaluate("document.cookie") and "张三" not in urllib.parse.unquote(pg.url)
    assert "1101051949" not in pg.url


class TestValidation:
    def test_wrong_input_error_summary_focus_and_input_kept(self, page, site_url):
        page.goto(site_url + "/ysqgk/apply/")
        assert_no_axe_violations(page, "empty form")
        page.check("#rf-applicant_type-citizen")
        page.fill("#rf-name", "张三")
        page.select_option("#rf-id_type", "resident_id")
        page.fill("#rf-id_number", "110105194912310029")          # check digit should be X
        page.fill("#rf-phone", "1381234567")                      # ten digits
        page.check("#rf-formats-paper")
        page.check("#rf-delivery-post")                           # needs address and postcode
        page.click(".js-rf-submit")

        assert visible(page, ".js-rf-summary")
        assert page.evaluate("document.activeElement.classList.contains('js-rf-summary')")
        assert page.title().startswith("错误：")
        messages = page.locator(".js-rf-summary-list a").all_inner_texts()
        assert messages == ["身份证号码最后一位（校验码）与前17位不符，请逐位核对", "手机号码应为11位数字，以1开头，如 13812345678",
                            "选择邮寄或快递时，请填写通信地址", "选择邮寄或快递时，请填写邮政编码", "请描述您需要的政府信息",
                            "请阅读并勾选声明"]
        hrefs = page.locator(".js-rf-summary-list a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert hrefs == ["#rf-id_number", "#rf-phone", "#rf-address", "#rf-postcode", "#rf-description", "#rf-declaration"]
        # the message beside the field, tied to it for screen readers
        error = page.locator("#rf-id_number-error")
        assert error.is_visible() and "校验码" in error.inner_text()
        assert page.get_attribute("#rf-id_number", "aria-invalid") == "true"
        assert "rf-id_number-error" in page.get_attribute("#rf-id_number", "aria-describedby")
        assert "rf-id_number-hint" in page.get_attribute("#rf-id_number", "aria-describedby")
        # nothing typed is lost
        assert page.input_value("#rf-name") == "张三"
        assert page.input_value("#rf-id_number") == "110105194912310029"
        assert page.input_value("#rf-phone") == "1381234567"
        assert page.is_checked("#rf-delivery-post")
        assert_no_axe_violations(page, "error summary")
        # a summary link moves focus to its field
        page.click(".js-rf-summary-list a[href='#rf-phone']")
        assert page.evaluate("document.activeElement.id") == "rf-phone"
        # fixing one field and submitting again leaves only the rest
        page.fill("#rf-phone", "13812345678")
        page.click(".js-rf-submit")
        assert "#rf-phone" not in page.locator(".js-rf-summary-list a").evaluate_all(
            "as => as.map(a => a.getAttribute('href'))")
        assert page.get_attribute("#rf-phone", "aria-invalid") is None
        assert page.js_errors == []

    def test_organisation_fields_and_credit_code(self, page, site_url):
        page.goto(site_url + "/ysqgk/apply/")
        assert not visible(page, "#rf-org_name") and not visible(page, "#rf-name")
        page.check("#rf-applicant_type-organisation")
        assert visible(page, "#rf-org_name") and not visible(page, "#rf-name")
        page.fill("#rf-credit_code", "914403001922038217")
        page.click(".js-rf-submit")
        links = page.locator(".js-rf-summary-list a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert links[:4] == ["#rf-org_name", "#rf-credit_code", "#rf-legal_rep", "#rf-contact_name"]
        assert page.inner_text("#rf-credit_code-error").endswith("统一社会信用代码最后一位（校验码）与前17位不符，请逐位核对")
        assert_no_axe_violations(page, "organisation errors")


def test_item_page_link_opens_the_form_with_index_no_and_title(page, site_url, sample_site):
    item = sorted((sample_site / "gk").glob("*/*/index.html"))[0].relative_to(sample_site).parent.as_posix()
    page.goto(f"{site_url}/{item}/")
    title = page.inner_text("h1")
    link = page.locator("a[href*='/ysqgk/apply/?index_no=']")
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(link.get_attribute("href")).query)
    link.click()
    page.wait_for_url("**/ysqgk/apply/**")
    assert page.input_value("#rf-index_no") == query["index_no"][0] and "/" in query["index_no"][0]
    assert page.input_value("#rf-doc_title") == title
    assert page.js_errors == []


def test_traditional_chinese_mirror_works(page, site_url):
    page.goto(site_url + "/zh-hant/ysqgk/apply/")
    page.click(".js-rf-submit")
    assert page.locator(".js-rf-summary-list a").first.inner_text() == "請選擇申請人類型"
    page.goto(site_url + "/zh-hant/ysqgk/")
    page.fill("#calc-date", "2025-09-26")
    page.click(".js-calc-form button[type=submit]")
    assert page.inner_text(".js-calc-due") == "2025年10月30日（星期四）"
    assert page.js_errors == []


class TestDraft:
    def test_prefill_from_item_link_and_draft_in_this_tab_only(self, page, site_url):
        page.goto(site_url + APPLY_WITH_ITEM)
        assert page.input_value("#rf-index_no") == "MB1C37512/2025-00001"
        assert page.input_value("#rf-doc_title") == "某某办法"
        page.check("#rf-applicant_type-citizen")
        page.fill("#rf-name", "张三")
        page.fill("#rf-id_number", "11010519491231002X")
        page.fill("#rf-description", "预算")
        page.wait_for_function("(sessionStorage.getItem('gk-request-form-draft') || '').includes('预算')")
        page.reload()
        assert page.input_value("#rf-name") == "张三" and page.input_value("#rf-description") == "预算"
        assert visible(page, ".js-rf-restored") and visible(page, "#rf-name")
        no_personal_data_stored(page)
        assert_no_axe_violations(page, "restored draft")
        page.click(".js-rf-clear")
        assert page.input_value("#rf-name") == ""
        assert page.evaluate("sessionStorage.getItem('gk-request-form-draft')") is None


class TestNoEndpoint:
    def test_printable_form_and_mail(self, page, site_url):
        page.goto(site_url + APPLY_WITH_ITEM)
        fill_valid(page)
        page.fill("#rf-purpose", "了解预算安排")
        page.click(".js-rf-submit")
        panel = page.locator(".js-rf-fallback")
        assert panel.is_visible() and not visible(page, ".js-rf-form")
        assert page.evaluate("document.activeElement.classList.contains('js-rf-fallback')")
        assert visible(page, ".js-rf-reason[data-gk-reason='none']")
        assert not visible(page, ".js-rf-reason[data-gk-reason='failed']")
        paper = page.locator(".js-rf-paper")
        assert paper.locator("[data-gk-fill='name']").inner_text() == "张三"
        assert paper.locator("[data-gk-fill='id_type']").inner_text() == "居民身份证"
        assert paper.locator("[data-gk-fill='id_number']").inner_text() == "11010519491231002X"
        assert paper.locator("[data-gk-fill='index_no']").inner_text() == "MB1C37512/2025-00001"
        selected = paper.locator("[data-selected='true']").evaluate_all("els => els.map(e => e.dataset.gkLabel)")
        assert selected == ["公民", "纸质", "电子邮件", "邮寄", "电子邮件", page.locator("label[for='rf-declaration']").inner_text()]
        assert "年" in paper.locator(".js-paper-date").inner_text()
        href = page.get_attribute(".js-rf-mailto", "href")
        assert href.startswith("mailto:zwgk@haicheng.gov.cn?subject=")
        body = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)["body"][0]
        assert "姓名：张三" in body and "证件号码：11010519491231002X" in body and "获取信息的方式：邮寄、电子邮件" in body
        assert "收件编号" not in body
        assert_no_axe_violations(page, "fallback")
        # print: only the 申请表 (A4 print CSS)
        page.emulate_media(media="print")
        assert paper.is_visible() and not visible(page, "header") and not visible(page, ".js-rf-print")
        assert not visible(page, "h1")
        page.emulate_media(media="screen")
        # nothing lost: back to the form with every value
        page.click(".js-rf-back")
        assert page.input_value("#rf-name") == "张三" and page.is_checked("#rf-delivery-email")
        assert page.input_value("#rf-purpose") == "了解预算安排"
        no_personal_data_stored(page)
        assert page.evaluate("sessionStorage.getItem('gk-request-form-draft')") is not None
        assert page.js_errors == []


class TestEndpoint:
    def test_json_post_and_receipt(self, strict_page, endpoint_site, endpoint):
        pg = strict_page
        endpoint.mode, endpoint.received[:] = "ok", []
        pg.goto(endpoint_site["url"] + APPLY_WITH_ITEM)
        assert pg.inner_text(".js-rf-submit") == "提交申请"
        fill_valid(pg)
        pg.click(".js-rf-submit")
        pg.wait_for_selector(".js-rf-done", state="visible")
        assert pg.inner_text(".js-rf-receipt") == RECEIPT
        assert pg.inner_text(".js-rf-query-code") == "Q7K2"
        assert "年" in pg.inner_text(".js-rf-due") and "年" in pg.inner_text(".js-rf-due-extended")
        [got] = endpoint.received
        assert got["content_type"] == "application/json" and got["path"] == "/apply"
        body = dict(got["body"])
        meta = body.pop("meta")
        assert body == EXPECTED_BODY
        assert meta["honeypot"] == "" and meta["min_fill_seconds"] == 5
        assert isinstance(meta["elapsed_seconds"], (int, float)) and meta["elapsed_seconds"] >= 0
        # the published schema accepts exactly what the page sent
        schema = json.loads((endpoint_site["output"] / "ysqgk/apply/schema.json").read_text(encoding="utf-8"))
        assert meta["form_version"] == schema["x-form-version"]
        jsonschema.Draft202012Validator(schema, format_checker=format_checker()).validate(got["body"])
        assert pg.evaluate("sessionStorage.getItem('gk-request-form-draft')") is None
        no_personal_data_stored(pg)
        assert_no_axe_violations(pg, "submitted")
        assert pg.js_errors == [] and pg.csp == []

    def test_honeypot_is_passed_on(self, strict_page, endpoint_site, endpoint):
        pg = strict_page
        endpoint.mode, endpoint.received[:] = "ok", []
        pg.goto(endpoint_site["url"] + "/ysqgk/apply/")
        fill_valid(pg)
        pg.evaluate("document.querySelector('.js-rf-honeypot').value = 'http://spam.example'")
        pg.click(".js-rf-submit")
        pg.wait_for_selector(".js-rf-done", state="visible")
        assert endpoint.received[0]["body"]["meta"]["honeypot"] == "http://spam.example"

    @pytest.mark.parametrize("mode", ["drop", "500"])
    def test_endpoint_down_gives_printable_form_and_keeps_input(self, strict_page, endpoint_site, endpoint, mode):
        pg = strict_page
        endpoint.mode, endpoint.received[:] = mode, []
        pg.goto(endpoint_site["url"] + "/ysqgk/apply/")
        fill_valid(pg)
        pg.click(".js-rf-submit")
        pg.wait_for_selector(".js-rf-fallback", state="visible")
        assert len(endpoint.received) == 1
        assert visible(pg, ".js-rf-reason[data-gk-reason='failed']")
        assert not visible(pg, ".js-rf-reason[data-gk-reason='none']")
        assert visible(pg, ".js-rf-retry") and not visible(pg, ".js-rf-done")
        assert pg.locator(".js-rf-paper [data-gk-fill='description']").inner_text() == "2024年海澄市市级部门预算公开目录"
        assert pg.evaluate("sessionStorage.getItem('gk-request-form-draft')") is not None
        assert_no_axe_violations(pg, f"endpoint {mode}")
        # the endpoint comes back: retry from the fallback succeeds with the same input
        endpoint.mode = "ok"
        pg.click(".js-rf-retry")
        pg.wait_for_selector(".js-rf-done", state="visible")
        assert endpoint.received[-1]["body"]["name"] == "张三"
        assert pg.js_errors == [] and pg.csp == []


class TestDeadlineCalculator:
    def test_counts_holidays_and_makeup_days(self, page, site_url):
        page.goto(site_url + "/ysqgk/")
        assert visible(page, ".js-calc")
        page.fill("#calc-date", "2025-09-26")
        page.click(".js-calc-form button[type=submit]")
        assert page.inner_text(".js-calc-due") == "2025年10月30日（星期四）"
        assert page.inner_text(".js-calc-extended") == "2025年11月27日（星期四）"
        assert not visible(page, ".js-calc-uncovered")
        assert_no_axe_violations(page, "calculator result")
        page.fill("#calc-date", "2027-03-01")
        page.click(".js-calc-form button[type=submit]")
        assert visible(page, ".js-calc-uncovered") and page.inner_text(".js-calc-years") == "2027"
        page.fill("#calc-date", "")
        page.click(".js-calc-form button[type=submit]")
        assert visible(page, ".js-calc-error") and page.evaluate("document.activeElement.id") == "calc-date"
        assert_no_axe_violations(page, "calculator error")
        assert page.js_errors == []


class TestWithoutJavaScript:
    """Behaviour in a context with JavaScript disabled. axe-core cannot run there (its promise queue
    never advances), so each no-JS state is also checked by axe in a page whose scripts are blocked,
    which renders the same DOM."""

    @pytest.fixture
    def nojs(self, browser):
        context = browser.new_context(locale="zh-CN", java_script_enabled=False)
        pg = context.new_page()
        yield pg
        context.close()

    @pytest.mark.parametrize("path", ["/ysqgk/apply/", "/ysqgk/form/", "/ysqgk/"])
    def test_axe_with_scripts_blocked(self, page, site_url, path):
        page.route("**/*.js", lambda route: route.abort())
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.className").find("gk-no-js") != -1
        assert_no_axe_violations(page, "no-JS " + path)

    def test_apply_page_offers_printable_form_and_contacts(self, nojs, site_url):
        nojs.goto(site_url + "/ysqgk/apply/")
        notice = nojs.locator(".gk-rf__nojs")
        assert notice.is_visible()
        assert notice.locator("a[href$='/ysqgk/form/']").count() == 1
        assert "0596-6812345" in notice.inner_text() and "zwgk@haicheng.gov.cn" in notice.inner_text()
        # submitting posts nothing anywhere: it opens the printable form, with no personal data in the URL
        nojs.check("#rf-applicant_type-citizen")
        nojs.fill("#rf-name", "张三")
        nojs.fill("#rf-id_number", "11010519491231002X")
        nojs.click(".js-rf-submit")
        nojs.wait_for_url("**/ysqgk/form/**")
        assert "张三" not in urllib.parse.unquote(nojs.url) and "11010519491231002X" not in nojs.url
        assert nojs.locator(".gk-paper table caption").inner_text() == "政府信息公开申请表"
        assert "0596-6812345" in nojs.inner_text("main")

    def test_blank_form_prints_alone_and_guide_has_worked_example(self, nojs, site_url):
        nojs.goto(site_url + "/ysqgk/form/")
        assert nojs.locator(".gk-paper__table").is_visible()
        assert not nojs.locator(".js-paper-print").is_visible()
        nojs.emulate_media(media="print")
        assert nojs.locator(".gk-paper__table").is_visible() and not nojs.locator("h1").is_visible()
        nojs.emulate_media(media="screen")
        nojs.goto(site_url + "/ysqgk/")
        assert not nojs.locator(".js-calc").is_visible()
        assert "2025年10月30日" in nojs.inner_text(".gk-rf-example")
