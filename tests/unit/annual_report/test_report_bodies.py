"""One 年报 per year per body (条例第四十九条): departmental reports in content/reports/<body>/, Table 二 counted
from the body's own items, each body's statutory date, missing years and the format a year requires."""
import dataclasses
import shutil
from pathlib import Path

import pytest

from plugins._shared.diagnostics import Problems
from plugins.annual_report.check import load_and_check, report_url
from tests.unit.annual_report import fakes

ROOT = Path(__file__).resolve().parents[3]
GOOD = ROOT / "tests" / "fixtures" / "reports" / "good"
SZF = dataclasses.replace(fakes.PUB, type="政府", line=7)
CZJ = fakes.Publisher("czj", "测试市财政局", "MB1C37539", type="部门", line=8)
MZJ = fakes.Publisher("mzj", "测试市民政局", "MB1C37628", type="部门", report_since=2024, line=9)
TAXONOMY_REL = "catalog/taxonomy.yml"


def catalog():
    """The fakes.sample() items of 测试市人民政府, plus one 规范性文件 of 测试市财政局 (2024)."""
    items = [dataclasses.replace(i, publisher=SZF) for i in fakes.sample().items]
    own = dataclasses.replace(fakes.item(7, fakes.NORM, "2024-04-01"), publisher=CZJ, index_no="MB1C37539/2024-00007")
    cat = fakes.Catalog(items + [own], fakes.Taxonomy([fakes.REG, fakes.NORM, fakes.OTHER], [SZF, CZJ, MZJ], {}))
    cat.link()
    return cat


def run(tmp_path, monkeypatch, files: dict, today="2025-12-04", cat=None):
    """``{relative path under content/reports: fixture}``; every check of the build, on ``today``."""
    monkeypatch.setenv("GONGKAI_TODAY", today)
    folder = tmp_path / "content" / "reports"
    for rel, source in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, folder / rel)
    problems = Problems()
    settings = {"PATH": str(tmp_path / "content"), "GONGKAI_ROOT": str(tmp_path), "CATALOG_PATH": str(tmp_path / "catalog")}
    reports, computed = load_and_check(settings, cat or catalog(), problems)
    return reports, computed, [p.format() for p in problems.sorted()], settings


def missing(body, year, due, where):
    return (f"{TAXONOMY_REL}:{body.line}: 年报 (report_since): {body.name}没有{year}年度政府信息公开工作年度报告"
            f"（应于 {due} 前公布，条例第四十九条） — 添加 content/reports/{where}；本平台只收录某一年度以后的年报的，"
            "在这一机关的一行写 report_since: <起始年度>")


def test_departmental_reports_live_in_their_body_folder_and_count_their_own_items(tmp_path, monkeypatch):
    files = {"2024.yml": GOOD / "2024.yml", "czj/2024.yml": GOOD / "2024.yml", "mzj/2024.yml": GOOD / "2024.yml"}
    reports, computed, problems, settings = run(tmp_path, monkeypatch, files)
    assert [(r.owner, r.platform, r.year) for r in reports] == [("szf", True, 2024), ("czj", False, 2024), ("mzj", False, 2024)]
    assert [report_url(settings, r) for r in reports] == ["ndbg/2024/", "ndbg/czj/2024/", "ndbg/mzj/2024/"]
    # Table 二 第（一）项: the government's 规范性文件 are items 3–5, the 财政局's only item 7
    assert computed[("szf", 2024)].rows["normative"] == {"issued": 2, "repealed": 0, "current": 3}
    assert computed[("czj", 2024)].rows["normative"] == {"issued": 1, "repealed": 0, "current": 1}
    assert computed[("mzj", 2024)].rows["regulations"] == {"issued": 0, "repealed": 0, "current": 0}
    # the fixture is published on 2025-03-20: in time for the government (03-31), late for a department (01-31)
    late = ("content/reports/{}/2024.yml:4: 警告: 发布日期 (published): 发布日期 2025-03-20 晚于法定期限 2025-01-31（条例第四十九条） — "
            "按实际发布日期填写；如确属逾期，请在“六、其他需要报告的事项”中说明")
    assert problems == [late.format("czj"), late.format("mzj")]


def test_every_year_without_a_report_after_its_statutory_date_is_reported(tmp_path, monkeypatch):
    files = {"2020.yml": GOOD / "2020.yml", "2024.yml": GOOD / "2024.yml", "czj/2024.yml": GOOD / "2024.yml"}
    _, _, problems, _ = run(tmp_path, monkeypatch, files, today="2026-02-01")
    gaps = [p for p in problems if "(report_since)" in p]
    assert gaps == [
        missing(SZF, 2021, "2022-03-31", "2021.yml"), missing(SZF, 2022, "2023-03-31", "2022.yml"),
        missing(SZF, 2023, "2024-03-31", "2023.yml"),
        missing(CZJ, 2025, "2026-01-31", "czj/2025.yml"),
        missing(MZJ, 2024, "2025-01-31", "mzj/2024.yml"), missing(MZJ, 2025, "2026-01-31", "mzj/2025.yml"),
    ]


def test_a_year_is_not_missing_before_its_statutory_date(tmp_path, monkeypatch):
    files = {"2024.yml": GOOD / "2024.yml", "czj/2024.yml": GOOD / "2024.yml", "mzj/2024.yml": GOOD / "2024.yml"}
    for today, expected in (("2026-01-31", []), ("2026-02-01", ["czj", "mzj"]), ("2026-04-01", ["szf", "czj", "mzj"])):
        _, _, problems, _ = run(tmp_path / today, monkeypatch, files, today=today)
        bodies = [p.split("没有")[0].split(": ")[-1] for p in problems if "2025年度" in p and "(report_since)" in p]
        assert bodies == [{"szf": SZF, "czj": CZJ, "mzj": MZJ}[k].name for k in expected], today


@pytest.mark.parametrize("year,fmt,expected", [
    (2023, "2019", "content/reports/2023.yml:2: 格式 (format): 2023年度的年报应使用国办公开办函〔2021〕30号规定的格式，"
                   "实际是国办公开办函〔2019〕60号 — 改为 format: 2021，并按该格式填写表二、表三、表四和五个方面的总体情况（见 docs/annual-report.md）"),
    (2020, "2021", "content/reports/2020.yml:2: 警告: 格式 (format): 2019、2020年度的年报使用国办公开办函〔2019〕60号规定的试行格式，"
                   "实际是国办公开办函〔2021〕30号 — 按原报告的格式填写 format: 2019"),
    (2017, "2021", "content/reports/2017.yml:2: 警告: 格式 (format): 2019年以前的年报没有统一表格，实际写的是国办公开办函〔2021〕30号 — "
                   "按原文照录：format: free，全文写在 body 中"),
])
def test_the_format_a_year_requires(tmp_path, monkeypatch, year, fmt, expected):
    source = GOOD / ("2020.yml" if fmt == "2019" else "2024.yml")
    _, _, problems, _ = run(tmp_path, monkeypatch, {f"{year}.yml": source}, cat=fakes.sample())
    assert expected in problems
    assert sum("(format)" in p for p in problems) == 1


def test_folders_of_no_body_and_of_the_platform_body_are_refused(tmp_path, monkeypatch):
    files = {"2024.yml": GOOD / "2024.yml", "jyj/2024.yml": GOOD / "2024.yml", "szf/2023.yml": GOOD / "2024.yml"}
    reports, _, problems, _ = run(tmp_path, monkeypatch, files)
    assert [(r.owner, r.year) for r in reports] == [("szf", 2024)]
    assert [p for p in problems if p.startswith("content")] == [
        "content/reports/jyj: 文件夹名 jyj 不是任何机关的 key — 部门年报放在 content/reports/<机关 key>/ 下；"
        "机关是 catalog/taxonomy.yml 中写了 type（政府或部门）的发布机构，可选：szf（测试市人民政府）、czj（测试市财政局）、mzj（测试市民政局）",
        "content/reports/szf: 测试市人民政府是本平台所属的机关，它的年报直接放在 content/reports/ 下 — "
        "把其中的年报移到 content/reports/<年份>.yml，删除文件夹 szf",
    ]


def test_a_site_without_bodies_keeps_one_report_per_year_and_no_gap_check(tmp_path, monkeypatch):
    reports, computed, problems, _ = run(tmp_path, monkeypatch, {"2024.yml": GOOD / "2024.yml", "2020.yml": GOOD / "2020.yml"},
                                         today="2030-06-01", cat=fakes.sample())
    assert [(r.owner, r.platform) for r in reports] == [("", True), ("", True)] and problems == []
    assert computed[("", 2024)].rows["normative"] == {"issued": 2, "repealed": 0, "current": 3}
