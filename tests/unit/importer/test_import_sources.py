"""Reading exports: encodings, delimiters, row numbers, Excel cells, JSON line numbers."""
import datetime as dt
import runpy

import openpyxl
import pytest

from gongkai.importer import jsonsrc
from gongkai.importer import sources as src
from plugins._shared.diagnostics import Problems
from tests.unit.importer.helpers import FIXTURES

CSV = "索引号,标题,发布日期\nMB1C37504/2019-00011,关于印发《办法》的通知,2019-01-30\n"


@pytest.mark.parametrize("raw,how", [
    (CSV.encode("utf-8"), "编码 UTF-8"),
    (b"\xef\xbb\xbf" + CSV.encode("utf-8"), "编码 UTF-8（带 BOM）"),
    (CSV.encode("gbk"), "编码 GBK/GB18030（已自动识别）"),
    (CSV.encode("gb18030"), "编码 GBK/GB18030（已自动识别）"),
    (CSV.replace(",", "\t").encode("utf-16"), "编码 UTF-16（Excel“Unicode 文本”）"),
])
def test_csv_encodings_are_detected_and_named(tmp_path, raw, how):
    path = tmp_path / "export.csv"
    path.write_bytes(raw)
    problems = Problems()
    source = src.read_csv(path, "export.csv", {}, problems)
    assert source.detail.startswith(how) and not problems
    assert source.records[0].cells[1] == ("标题", "关于印发《办法》的通知", 2)


def test_gbk_fixture_says_gbk(tmp_path):
    source = src.read_csv(FIXTURES / "items-gbk.csv", "items-gbk.csv", {}, Problems())
    assert source.detail == "编码 GBK/GB18030（已自动识别），分隔符：逗号"
    assert [r.line for r in source.records] == [2, 3, 4, 5, 6]   # spreadsheet rows, multi-line cells included


def test_undecodable_csv_is_reported_with_a_fix(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"\x81\x30\xff\xfe\x00" * 3)
    problems = Problems()
    assert src.read_csv(path, "bad.csv", {}, problems) is None
    assert problems[0].message.startswith("无法读取：既不是 UTF-8 也不是 GBK/GB18030 编码")
    assert "CSV UTF-8" in problems[0].fix


def test_semicolon_delimiter_blank_rows_and_headerless_columns(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("标题;发布日期\n\n甲;2020-01-01;多余\n", encoding="utf-8")
    problems = Problems()
    source = src.read_csv(path, "a.csv", {}, problems)
    assert source.records[0].line == 3 and source.detail.endswith("分隔符：分号")
    assert [p.format() for p in problems] == ["a.csv:3: 警告: 第 3 列有内容但没有列名，已忽略 — 在表头补上列名，并在映射文件 columns 中对应"]


def test_xlsx_cells_keep_their_types(tmp_path):
    source = src.read_xlsx(FIXTURES / "items.xlsx", "items.xlsx", {}, Problems())
    first = dict((label, value) for label, value, _ in source.records[0].cells)
    assert source.detail == "工作表：目录导出"
    assert first["成文日期"] == dt.datetime(2022, 6, 8) and first["发布日期"] == 44726   # a date cell and a serial
    assert [r.line for r in source.records] == [2, 3]


def test_xlsx_generator_script_matches_the_committed_file(tmp_path):
    runpy.run_path(str(FIXTURES / "make_xlsx.py"))["build"](tmp_path / "again.xlsx")

    def cells(path):
        book = openpyxl.load_workbook(path, read_only=True)
        rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        book.close()
        return rows
    assert cells(tmp_path / "again.xlsx") == cells(FIXTURES / "items.xlsx")


def test_not_an_xlsx_file(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old binary excel")
    problems = Problems()
    assert src.read_xlsx(path, "old.xlsx", {}, problems) is None
    assert "另存为 .xlsx 或 CSV" in problems[0].fix


def test_json_array_records_carry_the_line_of_each_object(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('[\n  {"标题": "甲"},\n\n  {"标题": "乙",\n   "validity": {"status": "废止"}}\n]\n', encoding="utf-8")
    source = jsonsrc.read_json(path, "a.json", {}, Problems())
    assert [r.line for r in source.records] == [2, 4]
    assert source.records[1].cells == [("标题", "乙", 4), ("validity.status", "废止", 4)]


def test_json_must_be_an_array_and_bad_jsonl_lines_are_located(tmp_path):
    (tmp_path / "o.json").write_text('{"标题": "甲"}', encoding="utf-8")
    problems = Problems()
    assert jsonsrc.read_json(tmp_path / "o.json", "o.json", {}, problems) is None
    assert problems[0].message == "JSON 顶层应为对象数组 [ {…}, {…} ]"
    (tmp_path / "a.jsonl").write_text('{"标题": "甲"}\n{"标题": 乙}\n\n[1]\n', encoding="utf-8")
    problems = Problems()
    source = jsonsrc.read_jsonl(tmp_path / "a.jsonl", "a.jsonl", {}, problems)
    assert len(source.records) == 1
    assert [(p.line, p.message) for p in problems] == [(2, "JSON 格式错误：Expecting value（第 8 个字符）"),
                                                      (4, "这一项不是对象（{…}）")]


def test_folder_import_skips_saved_page_companion_folders(tmp_path):
    (tmp_path / "p_files").mkdir()
    (tmp_path / "p_files" / "frame.html").write_text("x")
    (tmp_path / "p.html").write_text("x")
    (tmp_path / "notes.docx").write_text("x")
    assert src.source_files(tmp_path, None) == [tmp_path / "p.html"]
