"""catalog/law-map.yml: every item of 条例第二十条 (and 第二十一条 for 设区的市级/县级) has columns or a reason."""
from pathlib import Path

import pytest

from plugins._shared.diagnostics import Problems
from plugins.catalog.lawmap import ARTICLE20, ARTICLE21, cite_labels, load_law_map
from plugins.catalog.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parents[3]
TAXONOMY = """categories:
  - {key: gz, label: 规章}
  - {key: gfxwj, label: 行政规范性文件}
  - {key: bszn, label: 办事指南}
  - {key: gzdt, label: 工作动态}
publishers:
  - {key: szf, name: 测试市人民政府, code: MB1C37504, type: 政府}
"""
NOTE = "{not_applicable: 本机关没有此类信息}"


def law_text(level: str = "省级", skip: tuple = (), extra: str = "", art21: str = "", other: str = "other: [工作动态]\n") -> str:
    lines = [f"level: {level}", "article20:"]
    for key, _ in ARTICLE20:
        if key in skip:
            continue
        value = "[规章, 行政规范性文件]" if key == "一" else "[办事指南]" if key == "五" else NOTE
        lines.append(f"  {key}: {value}")
    return "\n".join(lines) + "\n" + extra + art21 + other


def load(tmp_path, text: str, taxonomy: str = TAXONOMY):
    (tmp_path / "catalog").mkdir(exist_ok=True)
    (tmp_path / "catalog" / "taxonomy.yml").write_text(taxonomy, encoding="utf-8")
    (tmp_path / "catalog" / "law-map.yml").write_text(text, encoding="utf-8")
    problems = Problems()
    tax = load_taxonomy(tmp_path / "catalog" / "taxonomy.yml", tmp_path, problems)
    law = load_law_map(tmp_path / "catalog" / "law-map.yml", tmp_path, tax, problems)
    return law, [p.format() for p in problems], tax


def test_a_complete_map_has_every_item_in_order(tmp_path):
    law, problems, tax = load(tmp_path, law_text())
    assert problems == []
    assert [e.label for e in law.entries] == [f"第二十条第（{k}）项" for k, _ in ARTICLE20]
    first = law.entries[0]
    assert [c.label for c in first.columns] == ["规章", "行政规范性文件"] and first.text == "行政法规、规章和规范性文件"
    assert law.entries[8].not_applicable == "本机关没有此类信息" and law.entries[8].applies is False
    assert law.basis(tax.category("办事指南")) == "第二十条第（五）项"
    assert [c.label for c in law.other] == ["工作动态"] and not law.article21_applies


def test_item_keys_may_be_written_with_brackets_or_numbers(tmp_path):
    text = law_text(skip=("一", "五")) + "article20_extra: 0\n"
    text = text.replace("article20:\n", "article20:\n  （一）: [规章, 行政规范性文件]\n  5: 办事指南\n").replace("article20_extra: 0\n", "")
    law, problems, _ = load(tmp_path, text)
    assert problems == []
    assert [c.key for c in law.entries[4].columns] == ["bszn"]


def test_an_item_with_neither_columns_nor_a_note_fails(tmp_path):
    law, problems, _ = load(tmp_path, law_text(skip=("九",)))
    assert problems == [
        "catalog/law-map.yml:2: 法定主动公开内容对照表 (article20): 第二十条第（九）项“政府集中采购项目的目录、标准及实施情况”"
        "既没有对应栏目，也没有说明本机关不涉及 — 在 article20 下添加 九: [栏目名称]，或 九: {not_applicable: 不涉及的理由}"]
    assert "第二十条第（九）项" not in [e.label for e in law.entries]


def test_a_removed_category_fails_where_the_map_names_it(tmp_path):
    taxonomy = TAXONOMY.replace("  - {key: bszn, label: 办事指南}\n", "")
    _, problems, _ = load(tmp_path, law_text(), taxonomy)
    assert problems == [
        "catalog/law-map.yml:7: 法定主动公开内容对照表 (article20): 栏目“办事指南”不在 taxonomy.yml 的 categories 中 — "
        "写已有信息类别的名称（可选：规章、行政规范性文件、工作动态），或先在 taxonomy.yml 中添加该类别"]


def test_a_column_of_no_item_fails(tmp_path):
    _, problems, _ = load(tmp_path, law_text(other=""))
    assert problems == [
        "catalog/law-map.yml:2: 法定主动公开内容对照表 (article20): 栏目“工作动态”（taxonomy.yml 第 5 行）没有对应"
        "《条例》第二十条或第二十一条的任何一项 — 在对应的项中列出这一栏目；不属于法定主动公开内容的，列入 other"]


def test_article21_is_required_for_cities_with_districts_and_counties(tmp_path):
    art21 = "article21:\n" + "".join(f"  {k}: {NOTE}\n" for k in ARTICLE21 if k != "治安管理")
    law, problems, _ = load(tmp_path, law_text(level="设区的市级", art21=art21))
    assert problems == [
        "catalog/law-map.yml:18: 法定主动公开内容对照表 (article21): 第二十一条（治安管理）既没有对应栏目，也没有说明本机关不涉及 — "
        "设区的市级人民政府及其部门还应公开第二十一条所列信息：在 article21 下添加 治安管理: [栏目名称]，"
        "或 治安管理: {not_applicable: 不涉及的理由}"]
    assert law.article21_applies and [e.label for e in law.entries][-1] == "第二十一条（社会救助）"
    _, problems, _ = load(tmp_path, law_text(level="省级"))
    assert problems == []


@pytest.mark.parametrize("value,message", [
    ("{not_applicable: ''}", "第二十条第（九）项写了“本机关不涉及”但没有说明理由 — 写明本机关为什么没有这类信息，"
                             "如 not_applicable: 本市不设……，相关信息由……公开"),
    ("{columns: [规章], not_applicable: 无}", "第二十条第（九）项既写了栏目又写了“本机关不涉及” — 二者只写其一"),
    ("[]", "第二十条第（九）项的栏目列表是空的 — 写上栏目名称，或写成 {not_applicable: 不涉及的理由}"),
    ("{reason: 无}", "第二十条第（九）项中有未知的键“reason” — 只写 columns（栏目列表）或 not_applicable（不涉及的理由）"),
    ("3", "第二十条第（九）项应为栏目列表，或 not_applicable 说明 — 写成 九: [栏目, …] 或 九: {not_applicable: 理由}"),
])
def test_wrong_entries_say_what_to_write(tmp_path, value, message):
    text = law_text().replace(f"  九: {NOTE}", f"  九: {value}")
    _, problems, _ = load(tmp_path, text)
    assert problems == [f"catalog/law-map.yml:11: 法定主动公开内容对照表 (article20): {message}"]


def test_unknown_keys_items_and_level(tmp_path):
    text = law_text().replace("level: 省级", "level: 地级") + "article22: []\n"
    text = text.replace("article20:\n", "article20:\n  十六: [规章]\n")
    _, problems, _ = load(tmp_path, text)
    assert sorted(problems) == sorted([
        "catalog/law-map.yml:1: 法定主动公开内容对照表 (level): 政府层级 '地级' 不可用 — 可选：国务院部门、省级、设区的市级、县级",
        "catalog/law-map.yml:3: 法定主动公开内容对照表 (article20): 第二十条没有第“十六”项 — 项号写 一 至 十五",
        "catalog/law-map.yml:20: 法定主动公开内容对照表 (article22): 未知的键“article22” — "
        "只能有 level（政府层级）、article20（第二十条）、article21（第二十一条）、other（其他主动公开内容）"])


def test_a_missing_file_names_what_to_create(tmp_path):
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "taxonomy.yml").write_text(TAXONOMY, encoding="utf-8")
    problems = Problems()
    tax = load_taxonomy(tmp_path / "catalog" / "taxonomy.yml", tmp_path, problems)
    law = load_law_map(tmp_path / "catalog" / "law-map.yml", tmp_path, tax, problems)
    assert law.entries == []
    assert [p.format() for p in problems] == [
        "catalog/law-map.yml: 找不到法定主动公开内容对照表 — 创建 catalog/law-map.yml，把《条例》第二十条第（一）至（十五）项"
        "（设区的市级、县级还有第二十一条）逐项对应到栏目（见 docs/editor-guide.md）"]


def test_cite_labels_compactly():
    assert cite_labels(["一", "三"], ["土地征收"]) == "第二十条第（一）项、第（三）项和第二十一条所列土地征收"


def test_the_sample_maps_every_item_of_both_articles():
    problems = Problems()
    tax = load_taxonomy(ROOT / "catalog" / "taxonomy.yml", ROOT, problems)
    law = load_law_map(ROOT / "catalog" / "law-map.yml", ROOT, tax, problems)
    assert [p.format() for p in problems] == []
    assert law.level == "设区的市级" and len(law.entries) == 22 and all(e.columns for e in law.entries)
    assert [c.label for c in law.entries[4].columns] == ["办事指南", "行政许可结果"]
    assert [c.label for c in law.entries[14].columns] == ["建议提案办理"]
    assert [e.columns[0].label for e in law.entries[15:]] == list(ARTICLE21)
