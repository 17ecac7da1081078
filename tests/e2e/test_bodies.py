"""A platform of three bodies (tests/fixtures/bodies over tests/fixtures/site), built end to end: each body's
landing page, 公开指南 and 年报; the guide offers exactly the channels configured (endpoint on and off,
查询码 lookup on and off); a missing report and a column removed from the law map fail the check and the build."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, build_site

SITE = ROOT / "tests" / "fixtures" / "site"
OVERLAY = ROOT / "tests" / "fixtures" / "bodies"
TODAY = "2026-06-01"
ENDPOINT = "https://apply.example.gov.cn/gk"


def make_site(tmp: Path) -> Path:
    site = tmp / "site"
    shutil.copytree(SITE, site)
    (site / "content" / "pages" / "gkzn.md").unlink()          # the platform's guide is generated
    shutil.copytree(OVERLAY, site, dirs_exist_ok=True, ignore=shutil.ignore_patterns("README.md"))
    return site


def build(tmp: Path, **override) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GONGKAI_TODAY", TODAY)
        return build_site(tmp, make_site(tmp) / "pelicanconf.py", fatal_warnings=True, **override)


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """No endpoint (the form prints and e-mails), the 查询码 lookup on (REQUESTS_SALT of pelicanconf.py)."""
    return build(tmp_path_factory.mktemp("bodies"))


@pytest.fixture(scope="module")
def out_online(tmp_path_factory):
    """An endpoint, and no lookup (no salt: codes cannot be checked)."""
    return build(tmp_path_factory.mktemp("bodies-online"), REQUEST_FORM={"endpoint": ENDPOINT}, REQUESTS_SALT="")


def page(out: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def meta(doc) -> dict:
    return {m["name"]: m["content"] for m in doc.find_all("meta", attrs={"name": True})}


def section(doc, anchor: str) -> BeautifulSoup:
    return doc.select_one(f"section#{anchor}")


def items(node) -> list[str]:
    return [li.get_text("", strip=True) for li in node.find_all("li")]


def law_rows(table) -> list[list[str]]:
    return [[c.get_text("", strip=True) for c in tr.find_all(("th", "td"))] for tr in table.tbody.find_all("tr")]


CZJ_CHANNELS = [
    "信函：将填好的申请表寄至海澄市财政路2号，海澄市财政局办公室收（邮政编码：363100），请在信封左下角注明“政府信息公开申请”；",
    "传真：将填好的申请表传真至 0596-6812302，注明“政府信息公开申请”，发送后请电话确认；",
    "电子邮件：将填好的申请表发送至czj_gk@haicheng.gov.cn；",
    "当面提交：在办公时间到海澄市财政路2号提交。以书面形式申请确有困难的，可以口头提出，由工作人员代为填写申请表。",
]


class TestLandingAndIndex:
    def test_every_body_is_listed_with_its_guide_and_latest_report(self, out):
        doc = page(out, "jg")
        rows = [[c.get_text(" ", strip=True) for c in tr.find_all(("th", "td"))] for tr in doc.select("main tbody tr")]
        assert rows == [["海澄市人民政府", "6条", "公开指南", "海澄市人民政府2025年政府信息公开工作年度报告"],
                        ["海澄市财政局", "2条", "公开指南", "海澄市财政局2025年政府信息公开工作年度报告"],
                        ["海澄市民政局", "1条", "公开指南", "海澄市民政局2025年政府信息公开工作年度报告"]]
        assert [a["href"] for a in doc.select("main tbody a")] == [
            "/jg/szf/", "/gkzn/", "/ndbg/2025/", "/jg/czj/", "/jg/czj/gkzn/", "/ndbg/czj/2025/",
            "/jg/mzj/", "/jg/mzj/gkzn/", "/ndbg/mzj/2025/"]

    def test_the_home_page_links_the_bodies(self, out):
        cards = [a["href"] for a in page(out, ".").select(".gk-card__title a")]
        assert cards == ["/gkzn/", "/gkzd/", "/fdzdgknr/", "/ndbg/", "/ysqgk/", "/jg/"]
        assert "各部门每年1月31日前、本级人民政府每年3月31日前" in page(out, ".").select(".gk-card")[3].get_text()

    def test_the_platform_bodys_landing_page_shows_its_own_columns(self, out):
        rows = law_rows(page(out, "jg/szf").select_one("table.gk-table--law"))
        assert rows[0] == ["第二十条第（一）项", "行政法规、规章和规范性文件", "规章（1条）、行政规范性文件（2条）、政策解读（1条）"]
        assert all("财政预决算" not in r[2] for r in rows)

    def test_a_landing_page_lists_the_bodys_columns_by_the_law(self, out):
        doc = page(out, "jg/czj")
        assert doc.h1.get_text() == "海澄市财政局政府信息公开"
        assert law_rows(doc.select_one("table.gk-table--law")) == [
            ["第二十条第（一）项", "行政法规、规章和规范性文件", "行政规范性文件（1条）"],
            ["第二十条第（七）项", "财政预算、决算信息", "财政预决算（1条）"]]
        hrefs = [a["href"] for a in doc.select("main a")]
        assert {"/jg/czj/gkzn/", "/jg/czj/gkzn/#ysqgk", "/fdzdgknr/fbjg/czj/", "/fdzdgknr/fbjg/czj/gfxwj/",
                "/ndbg/czj/2025/"} <= set(hrefs)
        assert "/ysqgk/" not in hrefs        # the 财政局 receives its own applications
        assert meta(doc)["ColumnName"] == "海澄市财政局政府信息公开"

    def test_a_body_and_column_listing(self, out):
        doc = page(out, "fdzdgknr/fbjg/czj/gfxwj")
        assert doc.h1.get_text() == "海澄市财政局行政规范性文件"
        assert doc.select_one("table caption").get_text(strip=True) == "海澄市财政局行政规范性文件目录"
        assert [a.get_text() for a in doc.select(".gk-breadcrumbs a")] == ["首页", "法定主动公开内容", "按发布机构", "海澄市财政局"]
        subs = [a["href"] for a in page(out, "fdzdgknr/fbjg/czj").select(".gk-sublists a")]
        assert subs == ["/fdzdgknr/fbjg/czj/gfxwj/", "/fdzdgknr/fbjg/czj/czyjs/"]


class TestReports:
    def test_the_column_lists_reports_by_body_and_year(self, out):
        doc = page(out, "ndbg")
        assert [h.get_text() for h in doc.select("main h2")][:3] == [
            "海澄市人民政府历年年度报告", "海澄市财政局年度报告", "海澄市民政局年度报告"]
        assert "县级以上人民政府部门在每年1月31日前、本级人民政府在每年3月31日前" in doc.select_one(".gk-lead").get_text()

    def test_a_departmental_report_counts_its_own_items(self, out):
        doc = page(out, "ndbg/czj/2025")
        assert meta(doc)["ArticleTitle"] == "海澄市财政局2025年政府信息公开工作年度报告"
        assert "发布机构：海澄市财政局" in doc.select_one(".gk-report__meta").get_text()
        cell = doc.select_one('td[headers="t2-art20_1 t2-art20_1-issued t2-art20_1-normative"]')
        assert cell.get_text("|", strip=True) == "1|（目录统计）"
        assert (out / "ndbg" / "czj" / "2025" / "ndbg-czj-2025.csv").is_file()
        # the government's 2025: its own 规范性文件 only (old.md repealed on 2025-01-01, new.md in force)
        gov = page(out, "ndbg/2025")
        assert gov.select_one('td[headers="t2-art20_1 t2-art20_1-repealed t2-art20_1-normative"]').get_text("|", strip=True) == \
            "1|（目录统计）"
        assert gov.select_one('td[headers="t2-art20_1 t2-art20_1-current t2-art20_1-normative"]').get_text("|", strip=True) == \
            "1|（目录统计）"


class TestPlatformGuide:
    def test_date_meta_and_the_editors_text(self, out):
        doc = page(out, "gkzn")
        assert doc.h1.get_text() == "海澄市人民政府政府信息公开指南"
        assert doc.select_one(".gk-page-date").get_text() == "更新日期：2026年3月2日"
        assert doc.select_one(".gk-page-date time")["datetime"] == "2026-03-02"
        m = meta(doc)
        assert (m["ColumnType"], m["ArticleTitle"], m["PubDate"], m["ContentSource"]) == (
            "信息公开指南", "海澄市人民政府政府信息公开指南", "2026-03-02 00:00", "海澄市人民政府")
        bodies = [d.get_text(strip=True) for d in doc.select("main .gk-body")]
        assert bodies == ["本指南适用于海澄市人民政府。", "本指南由海澄市人民政府办公室负责解释。"]
        assert doc.select_one("main .gk-body strong").get_text() == "海澄市人民政府"

    def test_the_scope_is_the_law_map(self, out):
        rows = law_rows(page(out, "gkzn").select_one("#zdgk table.gk-table--law"))
        assert len(rows) == 22
        assert rows[0] == ["第二十条第（一）项", "行政法规、规章和规范性文件", "规章（1条）、行政规范性文件（3条）、政策解读（1条）"]
        assert rows[2] == ["第二十条第（三）项", "国民经济和社会发展规划、专项规划、区域规划及相关政策", "本机关不涉及：测试平台不设规划计划栏目"]
        assert rows[10] == ["第二十条第（十一）项", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况", "社会救助（1条）"]
        assert rows[15] == ["第二十一条（市政建设）", "市政建设", "本机关不涉及：本县市政建设信息由县住房和城乡建设局网站公开"]
        assert "第二十条、第二十一条的规定" in section(page(out, "gkzn"), "zdgk").p.get_text()

    def test_channels_without_an_endpoint_and_with_the_lookup(self, out):
        doc = page(out, "gkzn")
        apply = section(doc, "ysqgk")
        assert items(apply.select_one("ul.gk-channels"))[0] == (
            "网上填写：在本平台在线填写申请表，生成申请表后打印签名，按下列方式提交，或者用电子邮件发送至 zwgk@haicheng.gov.cn（本平台不在线接收申请）；")
        assert "在线申请：" not in apply.get_text()
        text = apply.get_text("", strip=True)
        assert "受理申请时，受理机构向申请人提供受理编号和查询码" in text
        assert "/ysqgk/query/" in [a["href"] for a in apply.find_all("a")]
        assert "海澄市人民政府办公室政务公开科负责受理向海澄市人民政府提出的政府信息公开申请" in text

    def test_office_reports_remedies_and_the_other_bodies(self, out):
        doc = page(out, "gkzn")
        office = [(dt.get_text(), dd.get_text()) for dt, dd in zip(section(doc, "gzjg").find_all("dt"), section(doc, "gzjg").find_all("dd"))]
        assert office == [("名称", "海澄市人民政府办公室政务公开科"), ("办公地址", "海澄市海滨大道1号市行政中心3号楼512室（邮政编码：363100）"),
                          ("办公时间", "工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）"), ("联系电话", "0596-6812345"),
                          ("传真号码", "0596-6812346"), ("电子邮箱", "zwgk@haicheng.gov.cn")]
        assert items(section(doc, "ndbg")) == ["海澄市人民政府2025年政府信息公开工作年度报告"]
        assert "每年3月31日前公布" in section(doc, "ndbg").get_text()
        remedies = section(doc, "jdjj").get_text("", strip=True)
        assert "可以向海澄市人民政府办公室投诉、举报，电话 0596-6812028" in remedies
        assert "可以依法向福建省人民政府申请行政复议" in remedies
        assert [(a.get_text(), a["href"]) for a in section(doc, "gjg").find_all("a")] == [
            ("海澄市财政局政府信息公开指南", "/jg/czj/gkzn/"), ("海澄市民政局政府信息公开指南", "/jg/mzj/gkzn/")]


class TestDepartmentGuide:
    def test_a_department_with_its_own_office_gets_no_online_form_and_no_lookup(self, out):
        doc = page(out, "jg/czj/gkzn")
        assert meta(doc)["PubDate"] == "2026-01-20 00:00"
        apply = section(doc, "ysqgk")
        assert items(apply.select_one("ul.gk-channels")) == CZJ_CHANNELS
        assert "查询码" not in apply.get_text() and "/ysqgk/query/" not in [a["href"] for a in apply.find_all("a")]
        assert "申请人可以在办公时间拨打 0596-6812301，或者发送电子邮件至czj_gk@haicheng.gov.cn，告知受理编号，查询办理进度。" in \
            apply.get_text("", strip=True)
        assert apply.select_one(".gk-body").get_text(strip=True) == "向本局申请公开财政专项资金分配明细的，请写明资金名称和年度。"
        assert "每年1月31日前公布" in section(doc, "ndbg").get_text()
        assert section(doc, "gjg") is None

    def test_a_department_scope_shows_its_own_columns_and_what_it_has_not_published(self, out):
        doc = page(out, "jg/mzj/gkzn")
        rows = law_rows(section(doc, "zdgk").select_one("table.gk-table--law"))
        assert rows[0][0] == "第二十条第（三）项"      # (一)(二) have no item of the 民政局: they are in the sentence below
        assert ["第二十条第（十一）项", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况", "社会救助（1条）"] in rows
        assert ["第二十一条（社会救助）", "社会救助", "社会救助（1条）"] in rows
        assert section(doc, "zdgk").find("a", string="社会救助")["href"] == "/fdzdgknr/fbjg/mzj/shjz/"
        empty = section(doc, "zdgk").find_all("p")[1].get_text()
        assert empty == ("《条例》第二十条第（一）项、第（二）项、第（五）项、第（七）项的政府信息，本平台目前没有海澄市民政局发布的内容。")

    def test_only_the_channels_an_office_has(self, out):
        apply = section(page(out, "jg/mzj/gkzn"), "ysqgk")
        assert [li.split("：")[0] for li in items(apply.select_one("ul.gk-channels"))] == ["信函", "当面提交"]
        remedies = section(page(out, "jg/mzj/gkzn"), "jdjj").get_text("", strip=True)
        assert "可以向海澄市人民政府办公室投诉、举报。" in remedies


class TestEndpointOn:
    def test_the_platform_guide_offers_online_submission_only_now(self, out_online, out):
        online = section(page(out_online, "gkzn"), "ysqgk")
        assert items(online.select_one("ul.gk-channels"))[0] == "在线申请：在本平台填写并提交申请表，提交成功后页面显示申请编号；"
        assert "本平台不在线接收申请" not in online.get_text()
        assert "本平台不在线接收申请" in section(page(out, "gkzn"), "ysqgk").get_text()

    def test_without_the_lookup_no_page_promises_a_query_code(self, out_online):
        for url in ("gkzn", "jg/czj/gkzn", "ysqgk"):
            doc = page(out_online, url)
            assert "查询码" not in doc.select_one("main").get_text(), url
            assert doc.select_one('main a[href="/ysqgk/query/"]') is None, url

    def test_department_guides_do_not_change_with_the_platforms_endpoint(self, out_online, out):
        for doc in (page(out_online, "jg/czj/gkzn"), page(out, "jg/czj/gkzn")):
            assert items(section(doc, "ysqgk").select_one("ul.gk-channels")) == CZJ_CHANNELS

    def test_the_request_column_says_the_same(self, out_online, out):
        assert page(out_online, "ysqgk").select_one(".gk-rf-actions a").get_text() == "在线申请"
        assert page(out, "ysqgk").select_one(".gk-rf-actions a").get_text() == "在线填写申请表"
        assert items(page(out_online, "ysqgk").select_one("#guide ul.gk-channels"))[0].startswith("在线申请：")


class TestDatesAndSource:
    def test_rules_page_and_the_hant_twins_carry_their_date(self, out):
        rules = page(out, "gkzd")
        assert rules.select_one(".gk-page-date").get_text() == "更新日期：2025年6月30日"
        assert meta(rules)["PubDate"] == "2025-06-30 00:00"
        assert meta(page(out, "zh-hant/gkzd"))["PubDate"] == "2025-06-30 00:00"
        twin = page(out, "zh-hant/gkzn")
        assert meta(twin)["PubDate"] == "2026-03-02 00:00" and twin.h1.get_text() == "海澄市人民政府政府信息公開指南"

    def test_the_source_is_shown_on_the_item_page(self, out):
        rows = {tr.th.get_text(): tr.td.get_text() for tr in page(out, "gk/MB1C37539/2025-00005").select("table.gk-meta tr")}
        assert rows["信息来源"] == "海澄市财政局预算科"
        assert "信息来源" not in {tr.th.get_text() for tr in page(out, "gk/MB1C37504/2024-00003").select("table.gk-meta tr")}


def check(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gongkai", "check", "-s", str(site / "pelicanconf.py")], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "GONGKAI_TODAY": TODAY})


class TestFailures:
    def test_a_missing_report_is_reported_per_body(self, tmp_path):
        site = make_site(tmp_path)
        (site / "content" / "reports" / "mzj" / "2025.yml").unlink()
        result = check(site)
        assert result.returncode == 1
        assert result.stderr.splitlines() == [
            "catalog/taxonomy.yml:12: 年报 (report_since): 海澄市民政局没有2025年度政府信息公开工作年度报告（应于 2026-01-31 前公布，"
            "条例第四十九条） — 添加 content/reports/mzj/2025.yml；本平台只收录某一年度以后的年报的，在这一机关的一行写 report_since: <起始年度>"]

    def test_removing_a_column_the_law_map_names_fails_check_and_build(self, tmp_path):
        site = make_site(tmp_path)
        tax = site / "catalog" / "taxonomy.yml"
        tax.write_text(tax.read_text(encoding="utf-8").replace("  - {key: shjz, label: 社会救助, column_type: 重点领域}\n", ""),
                       encoding="utf-8")
        shutil.rmtree(site / "catalog" / "shjz")
        result = check(site)
        assert result.returncode == 1
        fix = "写已有信息类别的名称（可选：机构职能、规章、行政规范性文件、政策解读、办事指南、财政预决算），或先在 taxonomy.yml 中添加该类别"
        assert result.stderr.splitlines() == [
            f"catalog/law-map.yml:13: 法定主动公开内容对照表 (article20): 栏目“社会救助”不在 taxonomy.yml 的 categories 中 — {fix}",
            f"catalog/law-map.yml:25: 法定主动公开内容对照表 (article21): 栏目“社会救助”不在 taxonomy.yml 的 categories 中 — {fix}",
        ]
        from gongkai.sitebuild import build

        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("GONGKAI_TODAY", TODAY)
            code, _ = build(site / "pelicanconf.py", tmp_path / "out", quiet=True)
        assert code != 0 and not (tmp_path / "out").exists()
