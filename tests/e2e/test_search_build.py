"""The sample site's search page and index, as built (plugins/search_index)."""
import json
import re

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def page(site, url):
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_search_page_works_from_the_header_form(sample_site):
    home = page(sample_site, "")
    form = home.select_one("form[role=search]")
    assert form["action"] == "/search/" and form["method"] == "get" and form.select_one("input[name=q]")
    assert (sample_site / "search" / "index.html").exists()


def test_search_page_without_javascript_says_so_and_links_the_columns(sample_site):
    doc = page(sample_site, "search")
    nojs = doc.select_one(".gk-search__nojs")
    assert "JavaScript" in nojs.get_text()
    links = {a["href"] for a in nojs.select("a")}
    assert {"/fdzdgknr/", "/ysqgk/apply/"} <= links
    none = doc.select_one(".js-search-none")
    assert {"/fdzdgknr/", "/ysqgk/apply/"} <= {a["href"] for a in none.select("a")}
    assert doc.select_one("h1").get_text() == "搜索" and len(doc.select("h1")) == 1


def test_search_page_scripts_are_external_and_self_hosted(sample_site):
    doc = page(sample_site, "search")
    scripts = doc.select("script")
    assert scripts and all(s.get("src") and not s.string for s in scripts)
    assert [s["src"] for s in scripts if "search" in s["src"] or "lunr" in s["src"]] == [
        "/search/lunr.min.js", "/theme/js/search-tokenize.js", "/theme/js/search-engine.js", "/theme/js/search.js"]
    copied = (sample_site / "search" / "lunr.min.js").read_bytes()
    assert copied == (ROOT / "node_modules" / "lunr" / "lunr.min.js").read_bytes()
    root = doc.select_one("[data-module=gk-search]")
    assert root["data-index-url"] == "/search/"
    assert root.select_one(".js-search-status")["aria-live"] == "polite"


def test_index_files_are_written(sample_site):
    manifest = json.loads((sample_site / "search" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["docs"] >= 40 and manifest["tokenizer"]["unigrams"] == "single"
    for family in manifest["families"].values():
        assert len(list((sample_site / "search" / family["path"]).glob("*.json"))) == family["buckets"]
    assert {"category", "publisher", "year", "status"} == set(manifest["facets"])


def test_traditional_mirror_keeps_the_index_url(sample_site):
    hant = sample_site / "zh-hant" / "search" / "index.html"
    doc = BeautifulSoup(hant.read_text(encoding="utf-8"), "html.parser")
    assert doc.html["lang"] == "zh-Hant"
    root = doc.select_one("[data-module=gk-search]")
    assert root["data-index-url"] == "/search/"
    assert root["data-msg-count"] == "共找到 {n} 條結果"
    assert {a["href"] for a in doc.select(".gk-search__nojs a")} >= {"/zh-hant/fdzdgknr/", "/zh-hant/ysqgk/apply/"}
    assert not re.search(r"<script>[^<]", hant.read_text(encoding="utf-8"))
