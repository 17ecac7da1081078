"""Bounded import parsing: nesting, encodings, control characters, dates and numbers in imported
values — each a Chinese path:line problem (or a warning with the value repaired), never a traceback."""
import subprocess
import sys

import pytest

from gongkai.importer import sources
from tests.conftest import ROOT
from tests.unit.importer.helpers import FIXTURES, do_import, messages

HEAD = "标题,发布机构,信息类别,发布日期\n"
DEEP = "嵌套层级过深（对象或数组套了 5 层以上） — 每个条目写成一层 {\"索引号\": …, \"标题\": …}，值只能是文字、数字或文字列表"
RESAVE = "在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”，或在映射文件 csv.encoding 中写明编码"


def run(settings, tmp_path, name, data, **options):
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    result = do_import(settings, path, **options)
    return result, [m.split(name, 1)[1] for m in messages(result)]


@pytest.mark.parametrize("name,data,expected", [
    ("deep.json", "[" + "[" * 5000 + "]" * 5000 + "]", [f":1: {DEEP}"]),                  # RecursionError in json
    ("six.json", '[\n{"标题": {"a": {"b": {"c": {"d": {"e": 1}}}}}}]', [f":2: {DEEP}"]),   # decodes, but too deep
    ("deep.jsonl", '\n\n' + "{" * 3000 + "\n", [":3: JSON 格式错误：Expecting property name enclosed in double quotes（第 2 个字符） — 每行必须是一个完整的 {…} 对象"]),
    ("deeper.jsonl", '\n' + "[" * 5000 + "]" * 5000 + "\n", [f":2: {DEEP}"]),
    ("pua.csv", b"\xaa\xa1\xaa\xa2,x\n", [f": 无法读取：既不是 UTF-8 也不是 GBK/GB18030 编码（第 1 行有无法识别的字符） — {RESAVE}"]),
    ("latin.csv", "Titre,Année\né,\n".encode("latin-1"),
     [f": 无法读取：既不是 UTF-8 也不是 GBK/GB18030 编码（第 13 字节起无法识别） — {RESAVE}"]),
    ("odd.csv", b"\xff\xfe" + "标题".encode("utf-16-le") + b"\x00",
     [f": 无法读取：UTF-16 编码不完整（第 7 字节起无法识别） — {RESAVE}"]),
    ("date.csv", HEAD + "甲,海澄市人民政府,机构职能,9999-01-30\n",
     [":2: 发布日期 (published): 日期 9999-01-30 超出合理范围（1900—2100 年） — 核对年份"]),
    ("old.csv", HEAD + "甲,海澄市人民政府,机构职能,1899年12月31日\n",
     [":2: 发布日期 (published): 日期 1899-12-31 超出合理范围（1900—2100 年） — 核对年份"]),
    ("serial.csv", HEAD + "甲,海澄市人民政府,机构职能,99999\n",
     [":2: 发布日期 (published): 无法识别的日期 '99999'（不像 Excel 日期序号） — 写成 YYYY-MM-DD，如 2019-01-27"]),
    ("nested.jsonl", '{"标题": "甲", "发布机构": "海澄市人民政府", "信息类别": "机构职能", "发布日期": "2019-01-02", '
                     '"主题词": [{"a": 1}]}\n',
     [":1: 主题词 (keywords): 应为文字列表，实际含有嵌套的列表或字段块：[{'a': 1}] — 每项只写一个文字"]),
    ("body.csv", "标题,发布机构,信息类别,发布日期,正文\n甲,海澄市人民政府,机构职能,2019-01-02,\""
                 + "<div>" * 2000 + "x" + "</div>" * 2000 + "\"\n",
     [":2: 正文 (body): 正文 HTML 的元素嵌套层级过深，无法转换 — 检查这一格的正文是否完整；或改为纯文本"]),
])
def test_hostile_exports_are_reported_at_their_line(settings, tmp_path, name, data, expected):
    result, found = run(settings, tmp_path, name, data)
    assert found == expected and result.failed


BUDGET = "标题,发布机构,信息类别,发布日期,budget.year,budget.type,budget.unit,budget.total\n"
ROW = "{},海澄市财政局,财政预决算,2024-06-01,{},预算,海澄市财政局,{}\n"


def test_budget_numbers_are_finite_non_negative_and_years_four_digits(settings, tmp_path):
    rows = [("甲", "2024", "1e400"), ("乙", "2024", "-5"), ("丙", "12345678901234567890123", "1"), ("丁", "2024", "0x1F"),
            ("戊", "2024", '"3,256.40"')]
    result, found = run(settings, tmp_path, "b.csv", BUDGET + "".join(ROW.format(*r) for r in rows))
    assert found == [
        ":2: 收支总额（万元） (budget.total): 数字 1e400 超出可以表示的范围 — 核对这个数字",
        ":3: 收支总额（万元） (budget.total): 数字 -5 不能为负数 — 核对这个数字",
        ":4: 预决算年度 (budget.year): 年份 12345678901234567890123 超出合理范围（1900—2100） — 核对这个数字",
        ":5: 收支总额（万元） (budget.total): 应为数字，实际是 '0x1F' — 只写数字，如 2025 或 1234.56"]
    assert "  total: 3256.4\n" in result.plan.entries[4].text


def test_control_characters_are_removed_with_a_warning(settings, tmp_path):
    result, found = run(settings, tmp_path, "c.csv", HEAD + "关于\x00测\x07试\u202e的通知,海澄市人民政府,机构职能,2019-01-30\n")
    assert found == [":2: 警告: 名称 (title): 值中含有不可见的控制字符（U+0000、U+0007、U+202E），已删除 — 核对源数据中这一格的内容"]
    assert "title: 关于测试的通知\n" in result.plan.entries[0].text


def test_a_gbk_csv_with_a_utf8_bom_is_read_as_gbk_with_a_warning_never_as_mojibake(settings, tmp_path):
    data = b"\xef\xbb\xbf" + (HEAD + "关于测试的通知,海澄市人民政府,机构职能,2019-01-30\n").encode("gbk")
    result, found = run(settings, tmp_path, "g.csv", data)
    assert found == [":1: 警告: 文件开头有 UTF-8 标记（BOM），但内容不是 UTF-8 编码，已按 GBK/GB18030 读取 — "
                     "核对报告中的中文是否正确；建议在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”"]
    assert "title: 关于测试的通知\n" in result.plan.entries[0].text and "\ufffd" not in result.plan.entries[0].text


def test_a_deeply_nested_saved_page_is_reported_at_the_element(settings, tmp_path):
    page = ("<html><body><table><tr><td>索引号：</td><td>MB1C37504/2019-00031</td></tr><tr><td>标题：</td><td>测试</td>"
            "</tr></table>\n<div id=\"zoom\">\n" + "<div>\n" * 200 + "x" + "</div>" * 200 + "</div></body></html>")
    _, found = run(settings, tmp_path, "deep.html", page)
    assert found == [":120: 网页的元素嵌套超过 120 层，无法转换 — 检查这个网页是否完整；确属正常页面时把正文复制到表格中导入"]


def test_a_mapping_file_nested_too_deeply_and_a_bad_source_are_both_reported(settings, tmp_path):
    (tmp_path / "m.yml").write_text("columns:\n  " + "[" * 30 + "]" * 30 + "\n", encoding="utf-8")
    (tmp_path / "x.csv").write_bytes(b"\xaa\xa1,x\n")
    result = do_import(settings, tmp_path / "x.csv", mapping=tmp_path / "m.yml")
    assert [m.split(str(tmp_path) + "/", 1)[1] for m in messages(result)] == [
        "m.yml:2: YAML 格式错误：嵌套层级过深（超过 24 层） — 按报错行修正缩进、冒号或引号",
        f"x.csv: 无法读取：既不是 UTF-8 也不是 GBK/GB18030 编码（第 1 行有无法识别的字符） — {RESAVE}"]


def test_an_xlsx_that_unpacks_beyond_the_limit_is_refused(settings, monkeypatch):
    monkeypatch.setattr(sources, "MAX_XLSX_UNPACKED", 1000)
    result = do_import(settings, FIXTURES / "items.xlsx")
    assert [m.split("items.xlsx", 1)[1] for m in messages(result)] == [
        ": 解压后超过 1 GB，不像正常的 Excel 导出文件 — 拆分成几个较小的文件后分别导入"]


def test_make_import_prints_every_problem_as_make_check_does_then_the_count(tmp_path):
    source = tmp_path / "export.csv"
    source.write_text(HEAD + "甲,海澄市人民政府,机构职能,9999-01-30\n乙\x00,海澄市人民政府,机构职能,2019-01-30\n"
                      "丙,海澄市人民政府,机构职能,2019-02-30\n", encoding="utf-8")
    run_cli = subprocess.run([sys.executable, "-m", "gongkai", "import", str(source), "-s",
                              str(ROOT / "tests" / "fixtures" / "site" / "pelicanconf.py")],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    lines = run_cli.stdout.splitlines()
    assert run_cli.returncode == 1 and run_cli.stderr == ""
    assert [line for line in lines if line.startswith(str(source))] == [
        f"{source}:2: 发布日期 (published): 日期 9999-01-30 超出合理范围（1900—2100 年） — 核对年份",
        f"{source}:3: 警告: 名称 (title): 值中含有不可见的控制字符（U+0000），已删除 — 核对源数据中这一格的内容",
        f"{source}:4: 发布日期 (published): 日期不存在：'2019-02-30' — 检查月份和日期（如 2 月没有 30 日）"]
    assert lines[-1] == "共 2 个错误，1 个警告。"
