"""The regex page scanner agrees with BeautifulSoup on every page of the sample site."""
import pytest
from bs4 import BeautifulSoup

from gongkai.publish.checks.scan import LINK_ATTRS, parse_page

pytestmark = pytest.mark.slow


def test_scanner_matches_beautifulsoup_on_the_sample_site(sample_site):
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        text = path.read_text(encoding="utf-8")
        page = parse_page(str(path), text)
        soup = BeautifulSoup(text, "html.parser")
        links = [el.get(attr).strip() for el in soup.find_all(list(LINK_ATTRS))
                 for attr in [LINK_ATTRS[el.name]] if el.get(attr) is not None]
        assert [link.url for link in page.links] == links, path
        ids = {el["id"] for el in soup.find_all(id=True)} | {el["name"] for el in soup.find_all("a", attrs={"name": True})}
        assert page.ids == ids, path
        meta = {}
        for el in soup.find_all("meta", attrs={"name": True}):
            meta.setdefault(el["name"], el.get("content", ""))
        assert page.meta == meta, path
        footer = soup.find("footer")
        assert page.footer == (footer is not None)
        if footer is not None:
            assert page.footer_text == " ".join(footer.get_text().split()), path
            assert page.footer_hrefs == [a.get("href", "") for a in footer.find_all("a")]
            assert page.footer_images == [(img.find_parent("a").get("href", "") if img.find_parent("a") else "",
                                           img.get("src", "")) for img in footer.find_all("img")], path
            assert len(page.footer_images) == 2, path          # the 党政机关网站标识 badge and the 公安备案 icon
        assert page.icons == [el["href"] for el in soup.find_all("link", rel="icon")] != [], path
        rows = soup.select("table.gk-table--items tbody tr")
        if soup.select("table.gk-table--items"):
            assert page.item_rows == sum(1 for r in rows if r.find("a")), path


def test_line_numbers_and_entities():
    page = parse_page("x.html", '<p>\n<a href="/a/?x=1&amp;y=2">a</a>\n\n<img src=b.png alt="x > y"><a name=top></a>')
    assert [(link.url, link.line) for link in page.links] == [("/a/?x=1&y=2", 2), ("b.png", 4)]
    assert page.ids == {"top"}


def test_script_and_comment_bodies_are_not_scanned():
    page = parse_page("x.html", '<!-- <a href="/commented/"> --><script>var s = "<a href=\'/in-js/\'>";</script>'
                                '<script type="application/json">{"href": "<a href=/json/>"}</script><a href="/real/">r</a>')
    assert [link.url for link in page.links] == ["/real/"]
    assert page.inline == [(1, "内联脚本")]
