"""Reading report files: rows and columns by id or by printed label, and shape problems."""
from pathlib import Path

from plugins._shared.diagnostics import Problems
from plugins.annual_report.load import load_report

ROOT = Path(__file__).resolve().parents[3]
GOOD = (ROOT / "tests" / "fixtures" / "reports" / "good" / "2024.yml").read_text(encoding="utf-8")


def load(tmp_path, text, name="2024.yml"):
    path = tmp_path / "content" / "reports" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    return load_report(path, tmp_path, problems), [p.format() for p in problems.sorted()]


def test_printed_labels_work_as_keys(tmp_path):
    text = GOOD.replace("  disclosed:  ", "  （一）予以公开:").replace(
        "  review:       [5, 1, 0, 1, 7]", "  行政复议: {结果维持: 5, 结果纠正: 1, 其他结果: 0, 尚未审结: 1, 总计: 7}").replace(
        "  proactive:", "  主动公开:")
    report, problems = load(tmp_path, text)
    assert problems == []
    assert report.table3["disclosed"]["total"] == 112
    assert report.table4["review"] == {"upheld": 5, "corrected": 1, "other": 0, "pending": 1, "total": 7}
    assert report.overview["proactive"].startswith("全年主动公开")


def test_same_row_twice(tmp_path):
    text = GOOD.replace(
        "  refused_secret:", "  三、本年度办理结果 （二）部分公开（区分处理的，只计这一情形，不计其他情形）: [14, 2, 0, 0, 1, 0, 17]\n  refused_secret:")
    _report, problems = load(tmp_path, text)
    assert problems == [
        "content/reports/2024.yml:21: 表三 (table3): “三、本年度办理结果 （二）部分公开（区分处理的，只计这一情形，不计其他情形）”行重复 — 删除重复的一行"]


def test_missing_table_and_section(tmp_path):
    text = GOOD.split("table4:")[0] + "other: 无。\n"
    _report, problems = load(tmp_path, text)
    assert problems == [
        "content/reports/2024.yml:2: 五、存在的主要问题及改进情况 (problems): 缺少这一部分 — 添加 problems: | 并在下一行缩进两个空格写正文（没有内容的写“无。”）",
        "content/reports/2024.yml:2: 表四 (table4): 缺少这张表 — 添加 table4: 并按格式逐行填写（见 content/reports/README.md）",
    ]


def test_free_format_ignores_tables_with_a_warning(tmp_path):
    text = "format: free\ntitle: 2018年报告\npublished: 2019-03-01\nbody: 正文\ntable3: {}\n"
    report, problems = load(tmp_path, text, "2018.yml")
    assert report.body == "正文" and report.spec is None
    assert problems == ["content/reports/2018.yml:5: 警告: table3: 自由格式（2019年以前）的年报不使用这个字段，将被忽略 — 删除这个字段"]


def test_narrative_must_be_text(tmp_path):
    _report, problems = load(tmp_path, GOOD.replace("other: 未收取信息处理费。", "other: [1, 2]"))
    assert problems == ["content/reports/2024.yml:47: 六、其他需要报告的事项 (other): 应为文字（Markdown），实际是列表 — 写成 other: | 并在下一行缩进书写"]
