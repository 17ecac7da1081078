"""The hostile fixture site (tests/hostile/hostile_site.py) in real Chromium under the site's own
Content-Security-Policy (the nginx header of docs/operator-guide.md): no payload runs, nothing
navigates away, no request leaves the origin, and the CSP has nothing left to block.

Control pages written straight into the output (never through the sanitizer) show that each
detector works: a same-origin script does run, the CSP does block an inline one, and a foreign
image is seen as a request when the CSP is bypassed.
"""
import functools
import http.server
import re
import threading

import pytest

from tests.conftest import ROOT
from tests.hostile.hostile_site import URLS, build_hostile

pytestmark = pytest.mark.browser
CSP = re.search(r'add_header Content-Security-Policy "([^"]+)"',
                (ROOT / "docs" / "operator-guide.md").read_text(encoding="utf-8")).group(1)
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""
TITLES = {"page": "安全测试页面", "html_page": "网页格式测试", "item": "安全测试条目", "report": "海澄市人民政府2018年政府信息公开工作年度报告"}


class _CSPHandler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    out = build_hostile(tmp_path_factory.mktemp("hostile-browser"))
    control = out / "control"
    control.mkdir()
    (control / "pwn.js").write_text("window.__pwned = 'same-origin script';", encoding="utf-8")
    (control / "index.html").write_text(
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>对照</title>'
        '<script src="/control/pwn.js"></script><script>window.__inline = 1</script></head>'
        '<body><p>对照页面</p><img src="https://evil.example/pixel.png" alt=""></body></html>', encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_CSPHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def visit(browser, url, bypass_csp=False):
    """Open ``url`` with every outgoing request recorded (foreign ones aborted); return the page and the foreign ones."""
    context = browser.new_context(locale="zh-CN", bypass_csp=bypass_csp)
    pg = context.new_page()
    pg.add_init_script(WATCH)
    origin = re.match(r"https?://[^/]+", url).group(0)
    requests = []

    def route(r):
        requests.append(r.request.url)
        (r.continue_() if r.request.url.startswith(origin + "/") else r.abort())

    pg.route("**/*", route)     # sees what goes to the network; a request the CSP blocks never gets here
    pg.goto(url, wait_until="load")
    pg.wait_for_load_state("networkidle")
    return context, pg, [u for u in requests if not u.startswith(origin + "/")]


@pytest.mark.parametrize("kind,prefix", [(kind, prefix) for kind in URLS for prefix in ("", "zh-hant/")])
def test_no_payload_runs_under_the_sites_csp(browser, hostile_url, kind, prefix):
    url = f"{hostile_url}/{prefix}{URLS[kind]}"
    context, pg, foreign = visit(browser, url)
    try:
        for link in pg.query_selector_all("main a:not([href])"):    # the links whose javascript: URL was removed
            link.click()
        pg.wait_for_load_state("networkidle")
        assert pg.evaluate("typeof window.__pwned") == "undefined"
        assert pg.url == url and len(pg.frames) == 1                 # no refresh, no <base> redirect, no frames
        assert pg.title().startswith(TITLES[kind]) or prefix         # 繁体 titles are converted
        assert "pwned" not in pg.title()
        assert foreign == []                                         # no request left the origin
        assert pg.evaluate("window.__violations") == []              # and the CSP had nothing to block
        assert pg.evaluate("document.documentElement.classList.contains('gk-js')")   # the theme's own JS ran
    finally:
        context.close()


def test_the_detectors_see_what_they_are_meant_to_see(browser, hostile_url):
    context, pg, foreign = visit(browser, f"{hostile_url}/control/")
    try:
        assert pg.evaluate("window.__pwned") == "same-origin script"      # a script that runs is seen
        assert pg.evaluate("typeof window.__inline") == "undefined"       # the CSP blocks inline script …
        assert any(v.startswith("script-src") for v in pg.evaluate("window.__violations"))   # … and says so
        assert foreign == []                                             # the CSP stops the foreign image …
        assert "img-src https://evil.example/pixel.png" in pg.evaluate("window.__violations")   # … and says so
    finally:
        context.close()
    context, pg, foreign = visit(browser, f"{hostile_url}/control/", bypass_csp=True)
    try:
        assert pg.evaluate("window.__inline") == 1
        assert "https://evil.example/pixel.png" in foreign               # without the CSP the request is seen
    finally:
        context.close()
