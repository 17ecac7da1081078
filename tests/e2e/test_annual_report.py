"""Annual reports end to end: the fixture site plus tests/fixtures/reports/good, built with the real pipeline.

The label lists below are typed from docs/rules.md §2 (国办公开办函〔2021〕30号 and 〔2019〕60号), not imported
from the plugin, so a wrong label in plugins/annual_report/formats.py fails here. Some transcriptions write
危及"三安全一稳定" with ASCII quotes; the published forms use “ ”.
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT, build_site

SITE = ROOT / "tests" / "fixtures" / "site"
REPORTS = ROOT / "tests" / "fixtures" / "reports"
pytestmark = pytest.mark.slow

T2_2021 = ["第二十条第（一）项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "行政规范性文件",
           "第二十条第（五）项", "信息内容", "本年处理决定数量", "行政许可",
           "第二十条第（六）项", "信息内容", "本年处理决定数量", "行政处罚", "行政强制",
           "第二十条第（八）项", "信息内容", "本年收费金额（单位：万元）", "行政事业性收费"]
T2_2019 = ["第二十条第（一）项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "规章", "规范性文件",
           "第二十条第（五）项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量", "行政许可", "其他对外管理服务事项",
           "第二十条第（六）项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量", "行政处罚", "行政强制",
           "第二十条第（八）项", "信息内容", "上一年项目数量", "本年增/减", "行政事业性收费",
           "第二十条第（九）项", "信息内容", "采购项目数量", "采购总金额", "政府集中采购"]
T3_HEAD = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_ROWS_START = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
                 "三、本年度办理结果", "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                 "（三）不予公开", "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
                 "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷",
                 "8.属于行政查询事项",
                 "（四）无法提供", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
                 "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                 "5.要求行政机关确认或重新出具已获取信息"]
T3_ROWS_2021 = T3_ROWS_START + ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
                                "（七）总计", "四、结转下年度继续办理"]
T3_ROWS_2019 = T3_ROWS_START + ["（六）其他处理", "（七）总计", "四、结转下年度继续办理"]
FIVE = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
T4_HEAD = ["行政复议", "行政诉讼"] + FIVE + ["未经复议直接起诉", "复议后起诉"] + FIVE + FIVE


def make_site(tmp: Path, reports: dict) -> Path:
    site = tmp / "site"
    shutil.copytree(SITE, site)
    folder = site / "content" / "reports"
    folder.mkdir(parents=True)
    for year, source in reports.items():
        shutil.copy(source, folder / f"{year}.yml")
    return site


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reports")
    site = make_site(tmp, {y: REPORTS / "good" / f"{y}.yml" for y in (2018, 2020, 2024)})
    return build_site(tmp, site / "pelicanconf.py")


def page(out: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((out / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def texts(nodes):
    return [n.get_text(" ", strip=True) for n in nodes]


def width(table) -> list[int]:
    """Columns each row occupies once rowspans from rows above are counted (a ragged table fails)."""
    carry, widths = [], []
    for tr in table.find_all("tr"):
        carry = [n - 1 for n in carry if n > 1]
        cells = tr.find_all(["th", "td"], recursive=False)
        widths.append(len(carry) + sum(int(c.get("colspan", 1)) for c in cells))
        carry += [int(c.get("rowspan", 1)) for c in cells for _ in range(int(c.get("colspan", 1)))
                  if int(c.get("rowspan", 1)) > 1]
    return widths


@pytest.mark.parametrize("year,t2,rows", [(2024, T2_2021, T3_ROWS_2021), (2020, T2_2019, T3_ROWS_2019)])
def test_tables_have_exactly_the_labels_of_the_format(out, year, t2, rows):
    doc = page(out, f"ndbg/{year}")
    t2_table, t3, t4 = doc.select("table.gk-report-table__table")
    assert texts(t2_table.find_all("th")) == t2
    assert texts(t3.thead.find_all("th")) == T3_HEAD
    assert texts(t3.thead.find_all("td")) == [T3_NOTE]
    assert texts(t3.select("tbody th")) == rows
    assert texts(t4.thead.find_all("th")) == T4_HEAD
    assert len(t4.tbody.find_all("td")) == 15 and not t4.tbody.find_all("th")
    assert set(width(t3)) == {10} and set(width(t4)) == {15} and set(width(t2_table)) == {4}


def test_tables_are_accessible_markup(out):
    doc = page(out, "ndbg/2024")
    for table in doc.select("table.gk-report-table__table"):
        region = table.parent
        assert region["role"] == "region" and region["tabindex"] == "0"
        assert region["aria-labelledby"] == table.caption["id"] and table.caption.get_text(strip=True)
        ids = {th["id"] for th in table.find_all("th")}
        assert all(th.get("scope") in ("row", "col", "rowgroup", "colgroup") for th in table.find_all("th"))
        for td in table.find_all("td"):
            if "gk-report-table__note" not in td.get("class", []):
                assert td.get("headers") and set(td["headers"]) <= ids   # bs4 splits headers="a b" into a list
    cell = doc.select_one('td[headers="t3-applicant t3-legal t3-c-business t3-r-result t3-g-refused t3-r-refused_third_party"]')
    assert cell.get_text(strip=True) == "1"
    vertical = doc.find("th", id="t3-r-result")
    assert vertical["rowspan"] == "22" and vertical["scope"] == "rowgroup"


def test_sections_and_narrative(out):
    doc = page(out, "ndbg/2024")
    assert texts(doc.main.find_all("h1")) == ["测试市人民政府2024年政府信息公开工作年度报告"]
    assert texts(doc.main.find_all("h2")) == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                              "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                                              "六、其他需要报告的事项"]
    assert texts(doc.main.find_all("h3")) == ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理",
                                              "（四）政府信息公开平台建设", "（五）监督保障"]
    meta = {m["name"]: m["content"] for m in doc.find_all("meta", attrs={"name": True})}
    assert meta["ColumnType"] == "信息公开年报" and meta["ColumnName"] == "政府信息公开年报"
    assert meta["ArticleTitle"] == "测试市人民政府2024年政府信息公开工作年度报告"
    assert meta["PubDate"] == "2025-03-20 00:00"
    free = page(out, "ndbg/2018")
    assert texts(free.main.find_all("h2")) == ["一、概述"] and not free.find("table", class_="gk-report-table__table")


def test_catalog_counts_fill_article_20_1(out):
    """tests/fixtures/site/catalog: 规章 rule.md (2024); 规范性文件 old.md (2023, repealed 2025-01-01), new.md (2024-12-20)."""
    doc = page(out, "ndbg/2024")
    got = {}
    for row in ("regulations", "normative"):
        for col in ("issued", "repealed", "current"):
            cell = doc.select_one(f'td[headers="t2-art20_1 t2-art20_1-{col} t2-art20_1-{row}"]')
            got[row, col] = cell.get_text("|", strip=True)
    assert got == {("regulations", "issued"): "1|（目录统计）", ("regulations", "repealed"): "0|（目录统计）",
                   ("regulations", "current"): "1|（目录统计）", ("normative", "issued"): "1|（目录统计）",
                   ("normative", "repealed"): "0|（目录统计）", ("normative", "current"): "2|（目录统计）"}


def test_list_page_newest_first_with_dates_and_downloads(out):
    doc = page(out, "ndbg")
    items = doc.select(".gk-report-list__item")
    assert [i.a["href"] for i in items] == ["/ndbg/2024/", "/ndbg/2020/", "/ndbg/2018/"]
    assert [i.time["datetime"] for i in items] == ["2025-03-20", "2021-03-25", "2019-03-28"]
    assert doc.find("meta", attrs={"name": "ColumnType"})["content"] == "信息公开年报"
    data = (out / "ndbg/2024/ndbg-2024.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "三、本年度办理结果 （七）总计,总计,263".encode() in data
    assert json.loads((out / "ndbg/2020/ndbg-2020.json").read_text(encoding="utf-8"))["series"]["received"] == 193
    assert not (out / "ndbg/2018/ndbg-2018.csv").exists()


def test_chart_shows_the_series_across_years(out):
    doc = page(out, "ndbg")
    apply_chart, review_chart = doc.select("svg.gk-chart")
    values = {(r["data-series"], r["data-year"]): r["data-value"] for r in apply_chart.find_all("rect", attrs={"data-series": True})}
    assert values == {("received", "2018"): "143", ("disclosed", "2018"): "81", ("partial", "2018"): "9",
                      ("received", "2020"): "193", ("disclosed", "2020"): "82", ("partial", "2020"): "11",
                      ("received", "2024"): "269", ("disclosed", "2024"): "112", ("partial", "2024"): "17"}
    values = {(r["data-series"], r["data-year"]): r["data-value"] for r in review_chart.find_all("rect", attrs={"data-series": True})}
    assert values == {("review", "2018"): "4", ("litigation", "2018"): "2", ("review", "2020"): "4",
                      ("litigation", "2020"): "2", ("review", "2024"): "7", ("litigation", "2024"): "4"}
    table = doc.find("table", id="gk-ndbg-data")
    assert [texts(tr.find_all(["th", "td"])) for tr in table.find_all("tr")][-1] == ["2024年", "269", "112", "17", "7", "4"]
    assert not doc.find("script", src=lambda s: s and "chart" in s)


def test_unbalanced_report_fails_the_build(tmp_path, caplog):
    from gongkai.sitebuild import build

    site = make_site(tmp_path, {2024: REPORTS / "broken" / "results_total.yml"})
    code, stats = build(site / "pelicanconf.py", tmp_path / "output", quiet=True)
    assert code == 1 and stats["errors"] == 2
    assert ("content/reports/2024.yml:40: 表三 (table3): “三、本年度办理结果 （七）总计”行“商业企业”列为 18，"
            "但（一）至（六）之和为 17 — 核对各行数字") in caplog.text


def test_gongkai_check_exits_non_zero_with_the_message(tmp_path):
    site = make_site(tmp_path, {2024: REPORTS / "broken" / "balance.yml"})
    result = subprocess.run([sys.executable, "-m", "gongkai", "check", "-s", str(site / "pelicanconf.py")],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert ("content/reports/2024.yml:41: 表三 (table3): “自然人”列不平衡：一（236）加二（11）为 247，"
            "但三（七）总计（232）加四（16）为 248") in result.stderr
    assert "共 2 个错误" in result.stdout


def test_sample_reports_render(sample_site):
    """The shipped content/reports: two 2021-format years with catalog counts, 2020 (2019 format), 2018 (free)."""
    for year in (2018, 2020, 2024, 2025):
        assert (sample_site / f"ndbg/{year}/index.html").exists()
    doc = page(sample_site, "ndbg/2025")
    cell = doc.select_one('td[headers="t2-art20_1 t2-art20_1-current t2-art20_1-normative"]')
    assert "目录统计" in cell.get_text()
    assert len(doc.select(".gk-report__body")[0].get_text(strip=True)) > 2000
