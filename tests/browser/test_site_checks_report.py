"""The site-check report page is accessible (axe, WCAG 2.1 AA) and readable without JavaScript."""
import shutil

import pytest

from gongkai.publish.checks.report import write_report
from gongkai.publish.checks.run import run_checks
from tests.conftest import ROOT, assert_no_axe_violations, serve
from tests.unit.publish.checks.helpers import html, settings, write_site

pytestmark = pytest.mark.browser


def test_report_page_is_accessible(tmp_path, page):
    out = write_site(tmp_path, {"index.html": html('<a href="/gone/">坏链接</a> <a href="https://www.gov.cn/">外部</a>'),
                                "fdzdgknr/x/index.html": html('<p class="gk-empty">暂无</p>', footer="")})
    shutil.copytree(ROOT / "theme" / "static" / "css", out / "theme" / "css")
    site = run_checks(out, settings(tmp_path, blank_columns="warning"))
    write_report(site, ROOT / "theme")
    server, url = serve(out)
    try:
        page.goto(f"{url}/checks/")
        assert page.locator("h1").inner_text() == "网站检查报告"
        assert page.locator("table caption").all_inner_texts()[:2] == ["单项否决项检查结果", "错误清单"]
        veto = page.locator("#gk-checks-veto ~ table tbody tr").filter(has_text="不可用链接达到 5%")
        assert veto.locator("td").all_inner_texts() == ["1 / 2（50.0%）", "< 5%", "不符合（错误）"]
        assert "检查了 2 个页面、0 个条目" in page.locator(".gk-lead").inner_text()
        assert "/gone/" in page.locator("main").inner_text()
        assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
        assert_no_axe_violations(page, "site checks report")
    finally:
        server.shutdown()
    assert (out / "checks" / "summary.txt").read_text(encoding="utf-8").endswith("个警告。\n")
