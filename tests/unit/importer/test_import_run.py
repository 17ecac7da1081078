"""Whole imports into a copy of the fixture catalog: formats, problems with row numbers, repeatability, --update."""
import hashlib

import pytest

from gongkai.importer.plan import CONFLICT, NEW, SAME, UPDATE
from gongkai.importer.report import by_category_year, counts, render
from plugins._shared.diagnostics import Problems
from plugins.catalog.load import load_catalog
from tests.unit.importer.helpers import FIXTURES, do_import, messages

PDF = (FIXTURES / "pages" / "div-layout_files" / "附件1 绩效评价指标表.pdf").read_bytes()   # a real PDF with text
CSV_HEAD = "索引号,标题,发文字号,发布机构,信息类别,发布日期,主题分类,正文,有效性,成文日期\n"


def tree(settings) -> dict:
    return {p.relative_to(settings.root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(settings.catalog_dir.rglob("*")) if p.is_file()}


def check_catalog(settings, expected=()):
    problems = Problems()
    catalog = load_catalog(settings, problems)
    assert [p.format() for p in problems] == list(expected)
    return catalog


def csv_file(tmp_path, rows: str, name="export.csv"):
    """An export with the given rows; every row (one line each) gets 有效性 有效 and its 发布日期 as 成文日期,
    as 规范性文件 need both."""
    path = tmp_path / name
    rows = "".join(f"{line},有效,{line.split(',')[5]}\n" for line in rows.split("\n") if line)
    path.write_text(CSV_HEAD + rows, encoding="utf-8")
    return path


NO_VALIDITY = ("catalog/gfxwj/2019/00056.md:2: 有效性 (validity): “行政规范性文件”类条目必须注明有效性 — "
               "添加一行 validity: 有效（或 失效、废止，并写明日期）")


@pytest.mark.parametrize("source,count,extra,expected", [
    ("items-gbk.csv", 3, {}, ()), ("items.xlsx", 2, {}, ()), ("items.jsonl", 2, {}, ()),
    # a saved gov.cn page states no 有效性: the item is written and the check asks the editor to complete it
    ("pages/govcn-table.html", 1, {"category": "行政规范性文件"}, (NO_VALIDITY,)), ("pages/div-layout.html", 1, {}, ()),
])
def test_each_format_gives_files_the_catalog_accepts(settings, source, count, extra, expected):
    before = {i.index_no for i in check_catalog(settings).items}
    result = do_import(settings, FIXTURES / source, write=True, **extra)
    assert len(result.written) == count
    if expected:
        assert any("源数据没有有效性" in m for m in messages(result))
        path = settings.root / expected[0].split(":")[0]
        assert "validity" not in path.read_text(encoding="utf-8")     # never guessed
        check_catalog(settings, expected)
        path.write_text(path.read_text(encoding="utf-8").replace("\n---\n", "\nvalidity: 有效\n---\n", 1), encoding="utf-8")
    imported = {i.index_no: i for i in check_catalog(settings).items if i.index_no not in before}
    assert len(imported) == count
    for entry in result.plan.entries:
        if entry.draft.ok:
            assert entry.path.relative_to(settings.catalog_dir).parts[:2] == (
                imported[entry.draft.index_no].category.key, str(entry.year))


def test_gbk_csv_fields_and_malformed_rows_with_their_row_numbers(settings):
    result = do_import(settings, FIXTURES / "items-gbk.csv")
    lines = [m.split("/items-gbk.csv", 1)[1] for m in messages(result)]
    assert lines == [":5: 发布日期 (published): 日期不存在：'2019-02-30' — 检查月份和日期（如 2 月没有 30 日）",
                     ":6: 名称 (title): 缺少必填字段 — 在源文件中加“标题”或“名称”列并填写"]
    assert result.failed and counts(result)["rejected"] == 2 and counts(result)["imported"] == 3
    first = result.plan.entries[0]
    text = first.text
    assert "doc_no: 海政规〔2019〕3号\n" in text and "written: 2019-01-27\n" in text and "published: 2019-01-30\n" in text
    assert "topics:\n  - 科技、教育/科技\n" in text and "keywords:\n  - 科技创新\n  - 创新券\n" in text
    assert "| 小微企业 | 10 |" in text and "浏览" not in text
    second = result.plan.entries[1].text
    assert "doc_no: 海财规[2020]1号\n" in second                    # 文号 stored as written
    assert "validity:\n  status: 失效\n  expires: 2021-12-31\n" in second
    assert "written: 2020-03-02\n" in second and "published: 2020-03-05\n" in second
    assert "written: 2021-03-29\n" in result.plan.entries[2].text                    # 二〇二一年三月二十九日


def test_report_counts_categories_years_and_assigned_numbers(settings):
    result = do_import(settings, FIXTURES / "items-gbk.csv")
    report = render(result, settings.root, write=False)
    assert report[0].endswith("items-gbk.csv（CSV，编码 GBK/GB18030（已自动识别），分隔符：逗号）：5 条")
    assert "  共 5 条：导入 3 条（新建 3，更新 0），未变化 0 条，跳过 2 条（已存在未覆盖 0，拒绝 2），有警告 0 条，分配索引号 1 条" in report
    assert "    行政规范性文件：2019 年 1 条；2020 年 1 条；2021 年 1 条" in report
    assigned = report[report.index("已分配索引号（源数据中没有索引号，1）：") + 1]
    assert assigned.endswith("items-gbk.csv:4 → MB1C37504/2021-00001  海澄市人民政府关于做好2021年政务公开工作的通知")
    assert report[-3:] == ["试运行：没有写入任何文件。核对无误后加 --write（make import … WRITE=1）写入。",
                           "有被拒绝的行或无法读取的文件：请按上面的问题修改源文件或映射文件后重新导入（已导入的条目不会重复）。",
                           "共 2 个错误，0 个警告。"]
    problems = report[report.index("问题（2 个错误，0 个警告；表格写行号，表头为第 1 行；JSON 和网页写文件中的行号）：") + 1:][:2]
    assert [line.split("items-gbk.csv", 1)[1] for line in problems] == [
        ":5: 发布日期 (published): 日期不存在：'2019-02-30' — 检查月份和日期（如 2 月没有 30 日）",
        ":6: 名称 (title): 缺少必填字段 — 在源文件中加“标题”或“名称”列并填写"]
    assert all(line.startswith(str(FIXTURES)) or line.startswith("tests/") for line in problems)   # path first, no indent
    assert by_category_year(result) == {"行政规范性文件": {2019: 1, 2020: 1, 2021: 1}}


def test_dry_run_writes_nothing(settings):
    before = tree(settings)
    result = do_import(settings, FIXTURES / "items-gbk.csv", FIXTURES / "pages", category="行政规范性文件")
    assert counts(result)["new"] == 5 and not result.written
    assert tree(settings) == before


def test_second_run_changes_nothing(settings):
    sources = [FIXTURES / "items-gbk.csv", FIXTURES / "items.xlsx", FIXTURES / "items.jsonl", FIXTURES / "pages"]
    first = do_import(settings, *sources, write=True, category="行政规范性文件")
    assert len(first.written) == 9 and len(first.copied) == 1
    after_first = tree(settings)
    again = do_import(settings, *sources, write=True, category="行政规范性文件")
    assert again.written == [] and again.copied == []
    assert tree(settings) == after_first
    assert {e.action for e in again.plan.entries if e.draft.ok} == {SAME}
    assert counts(again)["assigned"] == 0      # the row without 索引号 found the item it created


def test_row_without_number_matches_its_earlier_import_despite_other_brackets(settings, tmp_path):
    do_import(settings, csv_file(tmp_path, ",关于加强公开的通知,海政发〔2021〕5号,海澄市人民政府,行政规范性文件,2021-04-01,,正文\n"),
              write=True)
    again = do_import(settings, csv_file(tmp_path, ",关于加强公开的通知,海政发[2021]5号,海澄市人民政府,行政规范性文件,"
                                                   "2021-04-01,,正文\n", "re-export.csv"))
    entry = again.plan.entries[0]
    assert entry.draft.index_no == "MB1C37504/2021-00001" and not entry.draft.assigned
    assert entry.action == CONFLICT and entry.changed == ["文号"]


def test_existing_item_is_never_overwritten_silently_and_update_rewrites_in_place(settings, tmp_path):
    source = csv_file(tmp_path, "MB1C37504/2019-00040,旧标题,,海澄市人民政府,行政规范性文件,2019-05-01,,第一段\n")
    path = do_import(settings, source, write=True).written[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n\n", "keywords: [编辑补充的主题词]\n---\n\n", 1), encoding="utf-8")
    edited = path.read_bytes()
    changed = csv_file(tmp_path, "MB1C37504/2019-00040,新标题,,海澄市人民政府,行政规范性文件,2019-05-01,,第一段\n")
    result = do_import(settings, changed, write=True)
    assert result.written == [] and path.read_bytes() == edited
    assert [e.action for e in result.plan.entries] == [CONFLICT] and not result.failed
    assert messages(result)[0].endswith(
        ":2: 警告: 索引号 (index_no): 索引号 MB1C37504/2019-00040 已存在于 catalog/gfxwj/2019/00040.md，内容不同（名称），未覆盖"
        " — 核对后加 --update（make import … UPDATE=1）更新该文件")
    updated = do_import(settings, changed, write=True, update=True)
    assert [e.action for e in updated.plan.entries] == [UPDATE] and updated.written == [path]
    new_text = path.read_text(encoding="utf-8")
    assert "title: 新标题\n" in new_text and "keywords:\n  - 编辑补充的主题词\n" in new_text   # editor's key kept
    check_catalog(settings)
    assert do_import(settings, changed, write=True, update=True).written == []


def test_numbers_are_assigned_per_publisher_and_year_after_the_highest(settings, tmp_path):
    rows = ("MB1C37504/2019-00007,甲,,海澄市人民政府,行政规范性文件,2019-01-02,,x\n"
            ",乙,,海澄市人民政府,行政规范性文件,2019-03-04,,x\n"
            ",丙,,海澄市财政局,行政规范性文件,2019-03-04,,x\n"
            ",丁,,海澄市人民政府,行政规范性文件,2024-03-04,,x\n")
    result = do_import(settings, csv_file(tmp_path, rows))
    assert [e.draft.index_no for e in result.plan.entries] == [
        "MB1C37504/2019-00007", "MB1C37504/2019-00008", "MB1C37539/2019-00001", "MB1C37504/2024-00013"]


def test_numbers_of_rejected_rows_stay_reserved(settings, tmp_path):
    rows = ("MB1C37504/2019-00009,甲,,海澄市人民政府,未知类别,2019-01-02,,x\n"
            ",乙,,海澄市人民政府,行政规范性文件,2019-03-04,,x\n")
    result = do_import(settings, csv_file(tmp_path, rows))
    assert [e.draft.ok for e in result.plan.entries] == [False, True]
    assert result.plan.entries[1].draft.index_no == "MB1C37504/2019-00010"


def test_same_serial_from_two_publishers_gets_distinct_files(settings, tmp_path):
    rows = ("MB1C37504/2019-00001,甲,,海澄市人民政府,行政规范性文件,2019-01-02,,x\n"
            "MB1C37539/2019-00001,乙,,海澄市财政局,行政规范性文件,2019-01-02,,x\n")
    result = do_import(settings, csv_file(tmp_path, rows), write=True)
    assert [p.name for p in result.written] == ["00001.md", "MB1C37539-2019-00001.md"]
    check_catalog(settings)


def test_number_problems(settings, tmp_path):
    rows = ("MB1C37504/2019-00001,甲,,海澄市人民政府,行政规范性文件,2019-01-02,,x\n"
            "MB1C37504/2019-00001,乙,,海澄市人民政府,行政规范性文件,2019-01-02,,x\n"
            "694041623/2015-754533,丙,,海澄市人民政府,行政规范性文件,2015-01-02,,x\n")
    result = do_import(settings, csv_file(tmp_path, rows))
    got = [m.split("export.csv", 1)[1] for m in messages(result)]
    assert got == [
        ":3: 索引号 (index_no): 索引号 MB1C37504/2019-00001 与第 2 行重复 — 索引号必须唯一：核对两行是否同一文件，删除重复的一行",
        ":4: 索引号 (index_no): 索引号 '694041623/2015-754533' 不符合本站格式 ^[0-9A-Z]{9}([0-9A-Z]{9})?/\\d{4}-\\d{5}$"
        " — 索引号发布后不能修改：在 pelicanconf.py 的 INDEX_NO_PATTERN 中改用本机构的格式（预设 govcn、unit-dash、year-month，或写正则表达式）",
    ]


def test_unknown_names_are_reported_with_the_closest_match(settings, tmp_path):
    rows = "MB1C37504/2019-00001,甲,,财政局,规范性文件,2019-01-02,科技、教育\\人工智能,x\n"
    got = [m.split("export.csv", 1)[1] for m in messages(do_import(settings, csv_file(tmp_path, rows)))]
    assert got == [
        ":2: 信息类别 (category): 信息类别 '规范性文件' 不在 taxonomy.yml 中 — 是不是“行政规范性文件”？在映射文件 values.category 中写 规范性文件: 行政规范性文件",
        ":2: 发布机构 (publisher): 发布机构 '财政局' 不在 taxonomy.yml 中 — 是不是“海澄市财政局”？在映射文件 values.publisher 中写 财政局: 海澄市财政局；或加 --add-publishers 自动添加",
        ":2: 主题分类 (topics): 主题分类“科技、教育\\人工智能”一级分类“科技、教育”下没有“人工智能” — 写成“一级\\二级”，如 科技、教育\\科技；或在映射文件 values.topics 中对应；或加 --add-topics 添加到 taxonomy.yml",
    ]


def test_add_topics_and_publishers_edit_taxonomy_by_insertion(settings, tmp_path):
    taxonomy = settings.catalog_dir / "taxonomy.yml"
    taxonomy.write_text("# 分类表（测试）\n" + taxonomy.read_text(encoding="utf-8"), encoding="utf-8")
    before = taxonomy.read_text(encoding="utf-8")
    rows = ("MB1C37571/2019-00001,甲,,海澄市教育局,行政规范性文件,2019-01-02,科技、教育\\人工智能；文化\\文物,x\n"
            ",乙,,海澄市教育局,行政规范性文件,2019-02-02,,x\n")
    dry = do_import(settings, csv_file(tmp_path, rows), add_topics=True, add_publishers=True)
    assert taxonomy.read_text(encoding="utf-8") == before and not dry.failed
    report = render(dry, settings.root, write=False)
    assert "  主题分类：科技、教育\\人工智能" in report and "  主题分类：文化\\文物" in report
    assert "  发布机构：海澄市教育局（key: hcsjyj，code: MB1C37571）" in report
    result = do_import(settings, csv_file(tmp_path, rows), write=True, add_topics=True, add_publishers=True)
    after = taxonomy.read_text(encoding="utf-8")
    assert result.taxonomy_changed and after.startswith("# 分类表（测试）\n")
    assert "  科技、教育: [科技, 教育, 人工智能]\n" in after and "  文化: [文物]\n" in after
    assert "  - {key: hcsjyj, name: 海澄市教育局, code: MB1C37571}   # 导入时添加，请核对 key 和 code\n" in after
    assert [line for line in before.splitlines() if line not in after.splitlines()] == ["  科技、教育: [科技, 教育]"]
    assert result.plan.entries[1].draft.index_no == "MB1C37571/2019-00002"   # the new publisher's code
    check_catalog(settings)


def test_mapping_file_columns_values_and_defaults(settings, tmp_path):
    mapping = tmp_path / "mapping.yml"
    mapping.write_text("columns:\n  文件题目: title\n  备注: '-'\nvalues:\n  publisher: {市政府: 海澄市人民政府}\n"
                       "defaults:\n  category: 行政规范性文件\n  validity: 有效\n  written: 2019-01-02\n", encoding="utf-8")
    source = tmp_path / "a.csv"
    source.write_text("文件题目,发布机构,发布日期,备注,点赞数\n甲,市政府,2019-01-02,无,5\n", encoding="utf-8")
    result = do_import(settings, source, mapping=mapping)
    entry = result.plan.entries[0]
    assert entry.draft.data["title"] == "甲" and entry.draft.data["publisher"] == "海澄市人民政府"
    assert entry.draft.data["category"] == "行政规范性文件"
    assert [m.split("a.csv", 1)[1] for m in messages(result)] == [
        ":1: 警告: 列“点赞数”没有对应的字段，未导入 — 在映射文件 columns 中写 点赞数: 字段键；不需要的列写 点赞数: -"]


def test_mapping_file_errors_stop_the_import(settings, tmp_path):
    mapping = tmp_path / "mapping.yml"
    mapping.write_text("columns:\n  文件题目: titel\nextra: 1\n", encoding="utf-8")
    result = do_import(settings, FIXTURES / "items.jsonl", mapping=mapping)
    assert result.plan is None and result.failed
    assert [m.split("mapping.yml", 1)[1] for m in messages(result)] == [
        ":2: columns.文件题目: 本站没有字段“titel” — 是不是想写 title（名称）？",
        ":3: extra: 未知的映射文件段“extra” — 可用：columns、values、defaults、html、csv"]


def test_two_columns_for_one_field_warn_and_keep_the_preferred(settings, tmp_path):
    source = tmp_path / "a.csv"
    source.write_text("标题,发文机关,发布机构,信息类别,发布日期\n甲,海澄市人民政府办公室,海澄市人民政府,行政规范性文件,2019-01-02\n",
                      encoding="utf-8")
    result = do_import(settings, source)
    assert result.plan.entries[0].draft.data["publisher"] == "海澄市人民政府"
    assert messages(result)[0].split("a.csv", 1)[1] == (
        ":2: 警告: 发布机构 (publisher): “发布机构”（海澄市人民政府）与“发文机关”（海澄市人民政府办公室）都对应发布机构，"
        "已采用“发布机构” — 若应采用另一列，在映射文件 columns 中把不用的列写成 -")


def test_relations_and_blocks_are_checked_before_writing(settings, tmp_path):
    source = tmp_path / "a.jsonl"
    source.write_text('{"标题": "解读", "发布机构": "海澄市人民政府", "信息类别": "政策解读", "发布日期": "2024-12-20",'
                      ' "interprets": "MB1C37504/2024-00011"}\n'
                      '{"标题": "错解读", "发布机构": "海澄市人民政府", "信息类别": "政策解读", "发布日期": "2024-06-01",'
                      ' "interprets": "MB1C37504/2024-09999"}\n'
                      '{"标题": "预算", "发布机构": "海澄市财政局", "信息类别": "财政预决算", "发布日期": "2024-06-01",'
                      ' "预决算年度": "2024", "budget.type": "预算", "预算单位": "海澄市财政局"}\n'
                      '{"标题": "缺块", "发布机构": "海澄市财政局", "信息类别": "财政预决算", "发布日期": "2024-06-01"}\n',
                      encoding="utf-8")
    result = do_import(settings, source, write=True)
    assert [m.split("a.jsonl", 1)[1] for m in messages(result)] == [
        ":2: 解读的文件 (interprets): 关联的索引号 MB1C37504/2024-09999 在目录和本次导入中都不存在 — 检查索引号是否抄错，或先导入被关联的条目",
        ":4: 财政预决算 (budget): “财政预决算”类条目必须填写 budget 块 — 添加 budget: 并逐项填写（make new 生成的模板里有全部字段）"]
    assert [e.action for e in result.plan.entries if e.draft.ok] == [NEW, NEW]
    assert "budget:\n  year: 2024\n  type: 预算\n  unit: 海澄市财政局\n" in result.plan.entries[2].text
    check_catalog(settings)


def test_attachment_column_copies_local_files(settings, tmp_path):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "表1.pdf").write_bytes(PDF)
    source = tmp_path / "a.csv"
    source.write_text("标题,发布机构,信息类别,发布日期,有效性,成文日期,附件\n甲,海澄市人民政府,行政规范性文件,2019-01-02,有效,2019-01-02,"
                      "\"预算表|files/表1.pdf\nhttps://x.gov.cn/b.doc\"\n", encoding="utf-8")
    result = do_import(settings, source, write=True)
    text = result.plan.entries[0].text
    assert "attachments:\n  - path: attachments/00001/表1.pdf\n    title: 预算表\n" in text
    assert text.endswith("**附件：**\n\n1. [b.doc](https://x.gov.cn/b.doc)\n")
    assert (result.written[0].parent / "attachments" / "00001" / "表1.pdf").read_bytes() == PDF
    check_catalog(settings)


def test_missing_source_is_reported(settings, tmp_path):
    result = do_import(settings, tmp_path / "nope.csv")
    assert result.failed and messages(result)[0].endswith("nope.csv: 找不到要导入的文件或文件夹 — 检查 SRC= 后的路径")



def test_a_list_where_one_value_belongs_is_rejected(settings, tmp_path):
    source = tmp_path / "a.jsonl"
    source.write_text('{"标题": "甲", "发布机构": ["海澄市人民政府", "海澄市财政局"], "信息类别": "行政规范性文件",'
                      ' "发布日期": "2019-01-02"}\n', encoding="utf-8")
    got = [m.split("a.jsonl", 1)[1] for m in messages(do_import(settings, source))]
    assert got == [":1: 发布机构 (publisher): 应为一个值，实际是列表：['海澄市人民政府', '海澄市财政局'] — 在源数据中只写一个值"]
