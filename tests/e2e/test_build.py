"""Build the fixture site (tests/fixtures/site) end to end and assert the HTML with BeautifulSoup."""
import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, build_site

SITE = ROOT / "tests" / "fixtures" / "site"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("fixture"), SITE / "pelicanconf.py")


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def meta_table(page) -> dict:
    table = page.select_one("table.gk-meta")
    return {th.get_text(strip=True): th.find_next_sibling("td").get_text(" ", strip=True) for th in table.select("th")}


def test_item_url_comes_from_the_index_number(site):
    assert (site / "gk/MB1C37504/2024-00003/index.html").exists()


def test_metadata_block_has_every_standard_field(site):
    page = soup(site, "gk/MB1C37504/2024-00003")
    meta = meta_table(page)
    assert meta["索引号"] == "MB1C37504/2024-00003"
    assert meta["信息类别"] == "规章"
    assert meta["发布机构"] == "海澄市人民政府"
    assert meta["主题分类"] == "综合政务\\政务公开"
    assert meta["文号"] == "海澄市人民政府令第15号"
    assert meta["成文日期"] == "2024-05-08"
    assert meta["发布日期"] == "2024-05-20"
    assert meta["有效性"] == "有效"
    assert meta["主题词"].split() == ["公共数据", "共享", "开放"]
    assert page.h1.get_text(strip=True) == "海澄市公共数据管理办法"
    assert page.find("meta", attrs={"name": "ArticleTitle"})["content"] == "海澄市公共数据管理办法"
    assert page.find("meta", attrs={"name": "PubDate"})["content"].startswith("2024-05-20")


def test_headnote_of_a_regulation(site):
    note = soup(site, "gk/MB1C37504/2024-00003").select_one(".gk-headnote").get_text()
    assert "2024年5月8日海澄市人民政府令第15号公布" in note and "2024年7月1日起施行" in note
    assert "第18号修订" in note


def test_body_html_is_sanitized(site):
    body = soup(site, "gk/MB1C37504/2024-00003").select_one(".gk-body")
    assert body.find("script") is None and "alert" not in body.get_text()
    assert not any(attr.startswith("on") for tag in body.find_all(True) for attr in tag.attrs)
    assert "第二条" in body.get_text()


def test_repealed_document_says_so_and_links_its_successor(site):
    page = soup(site, "gk/MB1C37504/2023-00007")
    notice = page.select_one(".gk-notice--void")
    assert "本文件已废止" in notice.get_text() and "2025-01-01" in notice.get_text()
    assert notice.find("a")["href"].endswith("/gk/MB1C37504/2024-00011/")
    new = soup(site, "gk/MB1C37504/2024-00011")
    assert "本文件替代" in new.select_one(".gk-relations").get_text()


def test_interpretation_is_linked_both_ways(site):
    doc = soup(site, "gk/MB1C37504/2024-00011").select_one(".gk-relations")
    assert any(a["href"].endswith("/gk/MB1C37504/2024-00012/") for a in doc.find_all("a"))
    jd = soup(site, "gk/MB1C37504/2024-00012").select_one(".gk-relations")
    assert any(a["href"].endswith("/gk/MB1C37504/2024-00011/") for a in jd.find_all("a"))
    assert "制定背景" in soup(site, "gk/MB1C37504/2024-00012").select_one(".gk-body").get_text()  # pure-YAML item


def test_service_guide_shows_all_seven_public_items(site):
    text = soup(site, "gk/MB1C37504/2025-00001").select_one(".gk-service").get_text()
    for label in ("事项名称", "实施机关", "设定依据", "受理条件", "申请材料", "办理流程", "法定时限", "承诺时限",
                  "收费标准", "办理地点", "办理时间", "咨询电话", "投诉电话"):
        assert label in text


def test_attachment_is_copied_with_type_and_size(site):
    page = soup(site, "gk/MB1C37539/2025-00002")
    link = page.select_one(".gk-attachments a")
    assert link.get_text() == "海澄市财政局2025年部门预算公开表"
    target = site / "gk/MB1C37539/2025-00002/2025年部门预算.pdf"
    assert target.read_bytes() == (SITE / "catalog/files/2025年部门预算.pdf").read_bytes()
    assert "PDF" in page.select_one(".gk-filemeta").get_text()
    assert "KB" in page.select_one(".gk-filemeta").get_text() or " B" in page.select_one(".gk-filemeta").get_text()


def tree_digest(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(site, tmp_path):
    again = build_site(tmp_path, SITE / "pelicanconf.py")
    assert tree_digest(again) == tree_digest(site)
