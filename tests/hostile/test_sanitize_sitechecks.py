"""The site check (make publish) finds what the sanitizer should have removed, parsing URLs as a
browser does: a page built from unsanitized content fails with path:line messages."""
import pytest

from gongkai.publish.checks.run import run_checks
from tests.unit.publish.checks.helpers import html, of, settings, write_site

BLOCKED = "会被网站的内容安全策略（CSP）拦截"
LET_THROUGH = "可能运行他人的脚本或把读者带到别处"
FIX_BLOCKED = "把脚本移到 theme/static/js/ 的模块中、样式移到 CSS；条目正文中的这类内容应由净化器删除"
FIX_THROUGH = "网页正文和内容页面中不能有这类内容：检查该页面的源文件（净化器应已删除它们）；模板只引用 theme/static/js/ 中的脚本"


@pytest.mark.parametrize("markup,what,kind", [
    ('<a href="java&#x09;script:alert(1)">x</a>', "javascript: 链接", BLOCKED),
    ('<a href="java\tscript:alert(1)">x</a>', "javascript: 链接", BLOCKED),
    ('<a href="&#106;avascript:alert(1)">x</a>', "javascript: 链接", BLOCKED),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', "javascript: 链接", BLOCKED),
    ('<form action="javascript:alert(1)"></form>', "javascript: 链接", BLOCKED),
    ('<a href="vbscript:msgbox(1)">x</a>', "vbscript: 链接", BLOCKED),
    ('<img src="x" onerror="alert(1)">', "事件属性 onerror", BLOCKED),
    ("<script>alert(1)</script>", "内联脚本", BLOCKED),
    ('<iframe src="/files/a.html"></iframe>', "<iframe> 元素", LET_THROUGH),
    ("<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>", "<iframe> 元素", LET_THROUGH),
    ('<object data="/files/a.swf"></object>', "<object> 元素", LET_THROUGH),
    ('<embed src="/files/a.swf">', "<embed> 元素", LET_THROUGH),
    ('<base href="https://evil.example/">', "<base> 元素", LET_THROUGH),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', '自动跳转 <meta http-equiv="refresh">', LET_THROUGH),
    ('<a href="data:text/html,x">x</a>', "data: 网址（<a href>）", LET_THROUGH),
    ('<script src="/gk/MB1C37504/2024-00003/evil.js"></script>',
     '主题以外的脚本 <script src="/gk/MB1C37504/2024-00003/evil.js">', LET_THROUGH),
    ('<script src="https://evil.example/x.js"></script>', '主题以外的脚本 <script src="https://evil.example/x.js">', LET_THROUGH),
])
def test_hostile_markup_in_a_built_page_is_reported(tmp_path, markup, what, kind):
    out = write_site(tmp_path, {"gkzn/index.html": html(markup)})
    fix = FIX_BLOCKED if kind == BLOCKED else FIX_THROUGH
    assert of(run_checks(out, settings(tmp_path)), "内容安全策略") == [
        f"output/gkzn/index.html:2: 内容安全策略 (csp): 页面含有{what}，{kind}（共 1 处，如 /gkzn/ 第 2 行） — {fix}"]


def test_the_sites_own_scripts_images_and_links_pass(tmp_path):
    out = write_site(tmp_path, {"gkzn/index.html": html(
        '<script src="/theme/js/enhance.js"></script><script src="../search/lunr.min.js" defer></script>'
        '<img src="data:image/png;base64,AAAA" alt=""><a href="https://www.gov.cn/">x</a><a href="mailto:a@b.cn">m</a>')})
    assert of(run_checks(out, settings(tmp_path)), "内容安全策略") == []
