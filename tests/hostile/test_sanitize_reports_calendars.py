"""Reports (content/reports/<year>.yml) and calendars (content/calendar/<year>.yml): every number,
year and date within a sane range, wrong types and unsafe files reported at path:line, never a traceback."""
import os

import pytest

from plugins._shared.diagnostics import Problems
from plugins.annual_report.chart import bar_chart
from plugins.annual_report.load import load_report
from plugins.workdays.core import Calendar
from tests.conftest import ROOT

REPORTS = ROOT / "tests" / "fixtures" / "reports" / "good"
G2024 = (REPORTS / "2024.yml").read_text(encoding="utf-8")
G2018 = (REPORTS / "2018.yml").read_text(encoding="utf-8")
BIG = "1" + "0" * 400
FIGURES = "figures: {received: 143, disclosed: 81, partial: 9, review: 4, litigation: 2}"
LICENSING = "content/reports/2024.yml:12: 表二 (table2): “第二十条第（五）项 行政许可”行“本年处理决定数量”列"
FEES = "content/reports/2024.yml:15: 表二 (table2): “第二十条第（八）项 行政事业性收费”行“本年收费金额（单位：万元）”列"
AMOUNT_FIX = " — 填写数字，如 12.35；不要带单位或千分位逗号"


def report_problems(tmp_path, text, name):
    path = tmp_path / "content" / "reports" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    load_report(path, tmp_path, problems)
    return [p.format() for p in problems.sorted()]


@pytest.mark.parametrize("name,text,expected", [
    ("2024.yml", G2024.replace("licensing: 48217", f"licensing: {BIG}"),
     f"{LICENSING}的数字 100000000000…（共 401 个字符） 过大（不超过 1,000,000,000） — 核对这个数字，是否多写了几位"),
    ("2018.yml", G2018.replace("received: 143", f"received: {BIG}"),
     "content/reports/2018.yml:5: 主要数字 (figures): “新收申请”的数字 100000000000…（共 401 个字符） 过大（不超过 1,000,000,000）"
     " — 核对这个数字，是否多写了几位"),
    ("2024.yml", G2024.replace("fees: 21436.58", "fees: .nan"),
     f"{FEES}应为非负数（单位：万元，可带小数），实际是 '.nan'{AMOUNT_FIX}"),
    ("2024.yml", G2024.replace("fees: 21436.58", "fees: .inf"),
     f"{FEES}应为非负数（单位：万元，可带小数），实际是 '.inf'{AMOUNT_FIX}"),
    ("2024.yml", G2024.replace("fees: 21436.58", "fees: 1.0e400"),
     "content/reports/2024.yml:15: YAML 格式错误：数字 '1.0e400' 不是有限数值 — 按报错行修正缩进或引号"),
    ("2024.yml", G2024.replace("licensing: 48217", "licensing: -3"),
     f"{LICENSING}应为非负整数，实际是 -3 — 填写 0 或正整数（没有发生的填 0）"),
    ("2024.yml", G2024.replace("format: 2021", "format: 2021\nyear: 12345678901234567890123"),
     "content/reports/2024.yml:3: 年度 (year): 年度 12345678901234567890123 与文件名的年份 2024 不一致 — 改为 year: 2024，或删除 year（以文件名为准）"),
    ("2024.yml", G2024.replace("published: 2025-03-20", "published: 0001-01-01"),
     "content/reports/2024.yml:4: 发布日期 (published): 日期 0001-01-01 超出合理范围（1900—2100 年） — 如 2025-03-20"),
    ("2024.yml", G2024.replace("published: 2025-03-20", "published: 9999-12-31"),
     "content/reports/2024.yml:4: 发布日期 (published): 日期 9999-12-31 超出合理范围（1900—2100 年） — 如 2025-03-20"),
    ("1899.yml", G2018, "content/reports/1899.yml: 年份 1899 超出合理范围（1900—2100） — 把文件改名为年报所属的年份，如 2025.yml"),
    ("2018.yml", G2018.replace("title: 测试市人民政府2018年政府信息公开工作年度报告", "title: [一, 二]"),
     "content/reports/2018.yml:3: 标题 (title): 标题应为文字，实际是列表 — 如 title: 海澄市人民政府2018年政府信息公开工作年度报告"),
    ("2018.yml", G2018.replace(FIGURES, "figures: 一年"),
     "content/reports/2018.yml:5: 主要数字 (figures): 应为字段块，实际是'一年' — 写成 received: 35 等"),
    ("2018.yml", G2018.replace("received: 143", "received: 三十五"),
     "content/reports/2018.yml:5: 主要数字 (figures): “新收申请”应为非负整数，实际是 '三十五' — 填写 0 或正整数"),
    ("2018.yml", G2018.replace("  ## 一、概述", "  " + "- " * 150 + "x"),
     "content/reports/2018.yml:6: 正文 (body): 正文的列表或引用嵌套超过 100 层 — 减少列表或引用的嵌套层数（正文中行首的“- ”“> ”“1. ”不要层层叠加）"),
    ("2018.yml", G2018.replace("figures: {", "figures: &a {").replace("body: |", "again: *a\nbody: |"),
     "content/reports/2018.yml:5: YAML 格式错误：不支持 YAML 锚点和别名（&名称、*名称）——请把内容直接写出来 — 按报错行修正缩进或引号"),
])
def test_report_values_out_of_range_or_of_the_wrong_type(tmp_path, name, text, expected):
    assert report_problems(tmp_path, text, name) == [expected]


def test_a_report_that_is_a_symbolic_link_is_not_read(tmp_path):
    (tmp_path / "content" / "reports").mkdir(parents=True)
    (tmp_path / "secret.yml").write_text(G2018, encoding="utf-8")
    os.symlink(tmp_path / "secret.yml", tmp_path / "content" / "reports" / "2018.yml")
    problems = Problems()
    assert load_report(tmp_path / "content" / "reports" / "2018.yml", tmp_path, problems) is None
    assert [p.format() for p in problems] == [
        "content/reports/2018.yml: 是符号链接（快捷方式），出于安全考虑不予读取 — 用文件本身替换符号链接，并提交到仓库"]


def test_the_chart_of_the_largest_allowed_figure_is_finite():
    svg = bar_chart("c", "标题", [2024], [("received", "新收申请", {2024: 1_000_000_000})])
    assert "1000000000" in svg and "inf" not in svg and "nan" not in svg


GOOD = """year: 2030
source: {title: 国务院办公厅关于2030年部分节假日安排的通知, doc_no: 国办发明电〔2029〕1号}
holidays:
  - name: 元旦
    start: 2030-01-01
    end: 2030-01-01
"""
SOURCE = "doc_no: 国办发明电〔2029〕1号}"
URL_FIX = " — 写成 https:// 开头的完整网址，如 https://www.example.gov.cn/"


@pytest.mark.parametrize("name,text,expected", [
    ("1899.yml", GOOD.replace("2030", "1899"),
     "content/calendar/1899.yml:1: 年份 (year): 年份 1899 超出合理范围（1900—2100） — 核对年份，文件名写成 <四位年份>.yml"),
    ("99999.yml", GOOD.replace("2030", "99999"),
     "content/calendar/99999.yml:1: 年份 (year): 年份 99999 超出合理范围（1900—2100） — 核对年份，文件名写成 <四位年份>.yml"),
    ("2030.yml", GOOD.replace("start: 2030-01-01", "start: 0001-01-01"),
     "content/calendar/2030.yml:5: 放假开始日期 (holidays[0].start): 日期 0001-01-01 超出合理范围（1900—2100 年） — 核对年份"),
    ("2030.yml", GOOD.replace(SOURCE, 'doc_no: 国办发明电〔2029〕1号, url: "java\\tscript:alert(1)"}'),
     "content/calendar/2030.yml:2: 网址 (source.url): 不允许使用 javascript: 网址（可在读者的浏览器中执行脚本），只能用 http、https、mailto 或 tel"
     + URL_FIX),
    ("2030.yml", GOOD.replace(SOURCE, "doc_no: 国办发明电〔2029〕1号, url: //evil.example/}"),
     "content/calendar/2030.yml:2: 网址 (source.url): 网址以 // 或 \\\\ 开头，缺少 https: 协议" + URL_FIX),
    ("2030.yml", GOOD.replace("name: 元旦", "name: [元旦, 春节]"),
     "content/calendar/2030.yml:4: 节日名称 (holidays[0].name): 节日名称应为文字，实际是 ['元旦', '春节'] — 如 name: 春节"),
    ("2030.yml", GOOD.replace("title: 国务院办公厅关于2030年部分节假日安排的通知", "title: 2030"),
     "content/calendar/2030.yml:2: 通知名称 (source.title): 应为文字，实际是 2030 — 给这个值加上引号"),
    ("2030.yml", GOOD.replace("end: 2030-01-01", "end: 20300101"),
     "content/calendar/2030.yml:6: 放假结束日期 (holidays[0].end): 20300101 不是有效日期 — 按 YYYY-MM-DD 书写，如 2025-10-01"),
])
def test_calendar_values_out_of_range_or_of_the_wrong_type(tmp_path, name, text, expected):
    folder = tmp_path / "content" / "calendar"
    folder.mkdir(parents=True)
    (folder / name).write_text(text, encoding="utf-8")
    problems = Problems()
    calendar = Calendar.load(folder, problems, root=tmp_path)
    assert [p.format() for p in problems] == [expected]
    assert calendar.years == []                 # a file with an error is not used at all


def test_a_calendar_fifo_is_refused_without_blocking(tmp_path):
    folder = tmp_path / "content" / "calendar"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "2030.yml")
    problems = Problems()
    Calendar.load(folder, problems, root=tmp_path)
    assert [p.format() for p in problems] == [
        "content/calendar/2030.yml: 不是普通文件（是命名管道、设备或套接字），出于安全考虑不予读取 — 删除它，换成普通文件"]
