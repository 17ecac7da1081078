"""Tables 三 and 四 from the sample register equal the sample 2025 report cell for cell; a perturbed record
makes the check name the cell; the 勾稽 identity holds; make check's deadline findings on the sample."""
import shutil
from pathlib import Path

import pytest

from gongkai.commands.check import collect
from plugins._shared.diagnostics import Problems
from plugins.annual_report.formats import FORMAT_2019, FORMAT_2021
from plugins.annual_report.load import load_report
from plugins.ysqgk import tables
from plugins.ysqgk.ledger import load_register

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def register():
    problems = Problems()
    reg = load_register(ROOT / "content" / "requests", ROOT, problems)
    assert problems == []
    return reg


def test_sample_register_reproduces_the_2025_report(register):
    problems = Problems()
    report = load_report(ROOT / "content" / "reports" / "2025.yml", ROOT, problems)
    t3, t4 = tables.for_year(register, 2025, FORMAT_2021)
    assert t3 == report.table3
    assert t4 == report.table4
    assert t3["new"]["total"] == 306 and t3["carried"]["total"] == 18 and t3["carry_forward"]["total"] == 26


def test_balance_by_construction(register):
    for year in (2025, 2026):
        t3, _ = tables.for_year(register, year, FORMAT_2021)
        for col in t3["new"]:
            assert t3["new"][col] + t3["carried"][col] == t3["total"][col] + t3["carry_forward"][col]
    t3_2026, _ = tables.for_year(register, 2026, FORMAT_2021)
    assert t3_2026["carried"] == tables.for_year(register, 2025, FORMAT_2021)[0]["carry_forward"]


def test_2019_format_merges_the_other_rows(register):
    t3, _ = tables.for_year(register, 2025, FORMAT_2019)
    assert t3["other"]["total"] == 8 + 1 + 5


def _site(tmp_path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(ROOT / "content", site / "content")
    shutil.copytree(ROOT / "catalog", site / "catalog")
    (site / "pelicanconf.py").write_text(
        "import runpy\n"
        f"globals().update({{k: v for k, v in runpy.run_path({str(ROOT / 'pelicanconf.py')!r}).items() if k.isupper()}})\n"
        f"GONGKAI_ROOT = {str(site)!r}\nPATH = {str(site / 'content')!r}\nCATALOG_PATH = {str(site / 'catalog')!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\n", encoding="utf-8")
    return site


def test_sample_make_check(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2026-12-04")
    site = _site(tmp_path)
    got = [p.format() for p in collect(site / "pelicanconf.py").sorted()]
    assert got == [
        "content/requests/2025.csv:96: 警告: 答复日期 (replied): 答复日期 2025-05-13 晚于法定答复期限 2025-05-07，逾期 4 个工作日"
        "（收到申请 2025-04-07）；已说明：承办科室检索延误，已约谈整改并建立检索记录制度 — 在年度报告中如实说明",
        "content/requests/2026.csv:272: 警告: 答复日期 (replied): 尚未答复，法定答复期限 2026-12-07，还剩 1 个工作日（收到申请 2026-11-09）"
        " — 按期答复；需要延期的，经政府信息公开工作机构负责人同意后登记 extension_date",
        "content/requests/2026.csv:276: 警告: 收到申请日期 (received): 无法计算答复期限：2027年的节假日安排尚未收录"
        " — 按国务院办公厅的节假日安排通知添加 content/calendar/2027.yml",
        "content/requests/2026.csv:277: 警告: 收到申请日期 (received): 无法计算答复期限：2027年的节假日安排尚未收录"
        " — 按国务院办公厅的节假日安排通知添加 content/calendar/2027.yml",
    ]


def test_late_reply_without_a_note_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2026-12-04")
    site = _site(tmp_path)
    path = site / "content" / "requests" / "2025.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",承办科室检索延误，已约谈整改并建立检索记录制度,", ",,"), encoding="utf-8")
    errors = [p.format() for p in collect(site / "pelicanconf.py").errors]
    assert errors == ["content/requests/2025.csv:96: 答复日期 (replied): 答复日期 2025-05-13 晚于法定答复期限 2025-05-07，逾期 4 个工作日"
                      "（收到申请 2025-04-07） — 核对各个日期；如确已逾期，在 late_note 写明原因和整改情况（此项即改为警告）"]


def test_open_case_past_its_deadline_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2026-12-09")
    errors = [p.format() for p in collect(_site(tmp_path) / "pelicanconf.py").errors]
    assert errors == ["content/requests/2026.csv:272: 答复日期 (replied): 尚未答复，已超过法定答复期限 2026-12-07（收到申请 2026-11-09），"
                      "逾期 2 个工作日 — 尽快答复；已答复的，补写 replied 和 outcome"]


def test_perturbed_record_names_the_cell(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2026-12-04")
    site = _site(tmp_path)
    path = site / "content" / "requests" / "2025.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    target = next(i for i, line in enumerate(lines) if line.startswith("HC-YSQ-2025-") and ",自然人" + "," * 11 + "予以公开," in line)
    lines[target] = lines[target].replace(",自然人,", ",法律服务机构,")
    path.write_text("\n".join(lines), encoding="utf-8")
    errors = [p.format() for p in collect(site / "pelicanconf.py").errors]
    fix = ("核对 content/requests/ 中 2025 年相关申请的登记（收到日期、答复日期、办理结果、申请人类型、复议和诉讼），"
           "或改正年报数字；不填这张表则直接采用登记簿统计")
    row = {36: "“一、本年新收政府信息公开申请数量”行", 38: "“三、本年度办理结果 （一）予以公开”行",
           59: "“三、本年度办理结果 （七）总计”行"}
    assert sorted(errors) == sorted(f"content/reports/2025.yml:{line}: 表三 (table3): {row[line]}“{col}”列填报为 {typed}，但依申请公开登记簿统计为 {got} — {fix}"
                      for line, col, typed, got in [(36, "法律服务机构", 12, 13), (36, "自然人", 262, 261),
                                                    (38, "法律服务机构", 4, 5), (38, "自然人", 128, 127),
                                                    (59, "法律服务机构", 11, 12), (59, "自然人", 258, 257)])
