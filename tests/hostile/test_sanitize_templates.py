"""Templates autoescape everything: ``| safe`` and ``Markup(…)`` appear only on sanitized values (a
meta-test over theme/templates and plugins/), and editor-written URLs, numbers and taxonomy names
render inertly even when validation let them through (defence in depth)."""
import re
import types

import jinja2
import pytest
from bs4 import BeautifulSoup

from plugins._shared.filters import FILTERS
from plugins._shared.yamlpos import Float, Int
from tests.conftest import ROOT

TEMPLATES = ROOT / "theme" / "templates"
# every `| safe` in the theme, and why its value is already clean
SAFE_ALLOWED = {
    ("page.html", "page.content"): "plugins/content_pages sanitizes every page's HTML on content_object_init",
}
# every Markup(...) in our Python code, and why its value is already clean
MARKUP_ALLOWED = {
    ("plugins/catalog/render.py", "sanitize(html)"): "the one allow-list (plugins/_shared/sanitize.py)",
    ("plugins/catalog/cache.py", '""'): "an empty body",
    ("plugins/catalog/cache.py", "html"): "a body render.py sanitized, read back from the build cache (which holds "
                                         "the pickled items too: it is trusted as the code is)",
    ("plugins/annual_report/generator.py", "chart.bar_chart(cid, title, years, series)"):
        "SVG built from constants and bounded numbers, every text escaped in chart.py",
    ("plugins/ysqgk/generator.py", "chart.bar_chart(cid, title, years, series)"):
        "the same chart.py, over counts computed from the register",
}
SAFE = re.compile(r"\{\{\s*(.+?)\s*\|\s*safe\s*\}\}")


def test_every_safe_filter_is_on_a_sanitized_value():
    found = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\{%-?\s*autoescape\s+false", text), f"{path.name} turns autoescape off"
        assert not re.search(r"\|\s*safe\b", SAFE.sub("", text)), f"{path.name}: | safe outside a plain {{{{ x | safe }}}}"
        for expr in SAFE.findall(text):
            found[(path.relative_to(TEMPLATES).as_posix(), expr)] = True
    assert set(found) == set(SAFE_ALLOWED)


def markup_arguments(text: str):
    """The argument text of every ``Markup(…)`` call (balanced parentheses)."""
    for match in re.finditer(r"\bMarkup\(", text):
        depth, start = 1, match.end()
        for end in range(start, len(text)):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            if depth == 0:
                yield text[start:end]
                break


def test_every_markup_constructor_is_on_a_sanitized_value():
    found = set()
    for folder in ("plugins", "gongkai"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"import Markup as|markupsafe\.Markup\b(?!\()", text), f"{path}: Markup under another name"
            found |= {(path.relative_to(ROOT).as_posix(), arg) for arg in markup_arguments(text)}
    assert found == set(MARKUP_ALLOWED)


@pytest.fixture(scope="module")
def env():
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                                     trim_blocks=True, lstrip_blocks=True)
    environment.filters.update(FILTERS)
    return environment


def item(**extra):
    base = dict(title="某办法", headnote=None, is_current=True, status="有效", validity={}, superseded_by=[],
                index_no="MB1C37504/2025-00001", category=types.SimpleNamespace(key="gz", label="规章"),
                publisher=types.SimpleNamespace(name="海澄市人民政府"), topics=[("综合政务", "政务公开")], doc_no="",
                written=None, published=__import__("datetime").date(2025, 3, 1), keywords=[], genre="", scope="",
                summary="", body_html="", service=None, budget=None, attachments=[], interpreted_by=[],
                interprets_items=[], supersedes_items=[], url="gk/MB1C37504/2025-00001/")
    return types.SimpleNamespace(**{**base, **extra})


SERVICE = dict(name="申请", authority="市政府办公室", basis="条例", conditions="无", materials=["表"], process=["受理"],
               legal_limit="20个工作日", promised_limit="5个工作日", fees="不收费", location="市行政中心", hours="工作日",
               consult_phone="0596-6812345", complaint_phone="0596-12345")


def render_item(env, **extra) -> BeautifulSoup:
    html = env.get_template("item.html").render(item=item(**extra), SITEURL="", SITENAME="测试站", AGENCY={})
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "java\tscript:alert(1)", "&#x6A;avascript:alert(1)",
                                 "\x01javascript:alert(1)", "data:text/html,x", "//evil.example/"])
def test_an_unsafe_online_url_is_shown_as_text_never_as_a_link(env, url):
    soup = render_item(env, service={**SERVICE, "online_url": url})
    dd = soup.find("dt", string="网上办理").find_next_sibling("dd")
    assert dd.find("a") is None and dd.get_text() == url


def test_a_safe_online_url_is_a_link(env):
    soup = render_item(env, service={**SERVICE, "online_url": "https://zwfw.haicheng.gov.cn/apply?id=1&x=2"})
    link = soup.find("dt", string="网上办理").find_next_sibling("dd").a
    assert link["href"] == "https://zwfw.haicheng.gov.cn/apply?id=1&x=2"


@pytest.mark.parametrize("total,shown", [
    (Float(3256.4, "3256.40"), "3256.40万元"),          # as written, trailing zero kept
    (Int(12, "12"), "12万元"),
    (float("nan"), None), (float("inf"), None), ("一千", None), (True, None),
])
def test_budget_total_is_shown_as_written_and_never_nan(env, total, shown):
    soup = render_item(env, budget={"year": 2025, "type": "预算", "unit": "市财政局", "total": total})
    dt = soup.find("dt", string="收支总额")
    assert (dt.find_next_sibling("dd").get_text() if dt else None) == shown
    assert "nan" not in soup.select_one(".gk-budget").get_text()


def test_hostile_taxonomy_names_and_titles_are_escaped(env):
    evil = '<img src=x onerror="window.__pwned=1">'
    soup = render_item(env, title=evil, category=types.SimpleNamespace(key='gz"><script>', label=evil),
                       publisher=types.SimpleNamespace(name=evil), topics=[(evil, evil)], keywords=[evil], summary=evil,
                       doc_no=evil)
    assert soup.find("img", src="x") is None and soup.find("script", src=False) is None   # the footer marks are images
    assert not soup.find(attrs={"onerror": True})
    assert soup.h1.get_text() == evil and soup.select_one("table.gk-meta").get_text().count(evil) == 7   # 类别, 机构, 主题×2, 文号, 主题词, 概述
    assert soup.select_one("table.gk-meta a")["href"] == '/fdzdgknr/gz"><script>/'


@pytest.mark.parametrize("url,linked", [("javascript:alert(1)", False), ("https://www.gov.cn/zhengce/content/x.htm", True)])
def test_calendar_notice_links_are_safe(env, url, linked):
    source = types.SimpleNamespace(year=2025, url=url, title="国务院办公厅关于2025年部分节假日安排的通知", doc_no="国办发明电〔2024〕12号")
    template = env.from_string('{% for s in sources %}{% if s.url | safe_href %}<a href="{{ s.url | safe_href }}">'
                               '{{ s.title }}</a>{% else %}{{ s.title }}{% endif %}{% endfor %}')
    assert ('<a href=' in template.render(sources=[source])) is linked
    ysqgk = (TEMPLATES / "ysqgk.html").read_text(encoding="utf-8")
    assert '{% if s.url | safe_href %}<a href="{{ s.url | safe_href }}"' in ysqgk
