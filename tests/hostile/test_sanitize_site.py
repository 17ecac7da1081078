"""Hostile HTML in every HTML-bearing input (content pages in Markdown and HTML, item bodies, annual
report text) is removed by the one allow-list; verified in the built pages and their 繁体 twins."""
import re

import pytest
from bs4 import BeautifulSoup

from gongkai.publish.checks.run import run_checks
from plugins._shared import urls
from tests.hostile.hostile_site import EVIL, URLS, build_hostile

pytestmark = pytest.mark.slow
CONTENT = {"page": "article.gk-page", "html_page": "article.gk-page", "item": ".gk-body", "report": ".gk-report__body"}
PAGES = [(kind, prefix) for kind in URLS for prefix in ("", "zh-hant/")]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_hostile(tmp_path_factory.mktemp("hostile"))


def page(site, kind, prefix=""):
    text = (site / prefix / URLS[kind] / "index.html").read_text(encoding="utf-8")
    return text, BeautifulSoup(text, "html.parser")


@pytest.mark.parametrize("kind,prefix", PAGES)
def test_no_script_frame_or_foreign_request_survives(site, kind, prefix):
    text, soup = page(site, kind, prefix)
    assert EVIL not in text and "__pwned" not in text
    assert not re.search(r"(?i)(java|vb)script\s*:|data:text", text)
    for script in soup.find_all("script"):
        assert script.get("src", "").startswith("/theme/js/") and not script.string   # the theme's own, external
    for tag in ("iframe", "frame", "object", "embed", "base", "style", "svg", "noscript", "math"):
        assert soup.find(tag) is None, tag
    assert [form["action"] for form in soup.find_all("form")] == [f"/{prefix}search/"]   # the theme's search box
    assert soup.find("meta", attrs={"http-equiv": True}) is None
    assert all(link["href"].startswith("/theme/css/") for link in soup.find_all("link", rel="stylesheet"))


@pytest.mark.parametrize("kind,prefix", PAGES)
def test_content_keeps_text_and_safe_links_without_handlers_or_styles(site, kind, prefix):
    _, soup = page(site, kind, prefix)
    body = soup.select_one(CONTENT[kind])
    for el in body.find_all(True):
        assert not [a for a in el.attrs if a.startswith("on") or a == "style"], el
        assert el.name not in ("input", "button", "link", "meta")
    text = body.get_text()
    assert "样式的段落" in text or "樣式的段落" in text          # the text of a styled paragraph stays
    assert body.find("a", href="https://www.gov.cn/zhengce/")["rel"] == ["noopener", "noreferrer"]
    links = body.find_all("a")
    assert all(urls.check_url(a["href"]) is None for a in links if a.has_attr("href"))
    # the words of the five javascript:/vbscript:/data: links (and two Markdown ones) stay, their URLs go
    assert len([a for a in links if not a.has_attr("href")]) == (5 if kind == "html_page" else 7)


def test_markdown_links_and_images_with_unsafe_schemes_lose_their_url(site):
    _, soup = page(site, "item")
    body = soup.select_one(".gk-body")
    assert [a.get("href") for a in body.find_all("a", string=re.compile("Markdown 链接"))] == [None, None]
    assert [img.attrs for img in body.find_all("img")] == [{"src": "x.png"}, {"alt": "data 图片"}, {"src": "x"}]


def test_the_built_hostile_site_passes_the_csp_site_check(site):
    checked = run_checks(site, {"SITEURL": "", "SITE_DOMAIN": "www.haicheng.gov.cn", "PLUGINS": ["plugins.hant"],
                                "GONGKAI_ROOT": str(site.parent), "SITE_CHECKS": {"cache_dir": None}})
    assert [p.format() for p in checked.problems if p.label == "内容安全策略"] == []
