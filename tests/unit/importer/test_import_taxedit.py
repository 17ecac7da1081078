"""taxonomy.yml additions are insertions: comments and every other line stay byte-for-byte."""
import pytest

from gongkai.importer.taxedit import EditError, add_publishers, add_topics
from plugins.catalog.taxonomy import Publisher

TEXT = """# 分类表
categories:
  - {key: gz, label: 规章}   # 规章
publishers:
  - {key: szf, name: 海澄市人民政府, code: MB1C37504}
  # 后续机构在此添加

# 主题分类
topics:
  科技、教育: [科技, 教育]   # 二级
  卫生、体育:
    - 卫生
    - 体育
  其他:
"""


def test_sub_topics_join_flow_and_block_lists_and_new_tops_go_last():
    out = add_topics(TEXT, {"科技、教育": ["人工智能"], "卫生、体育": ["医药管理"], "其他": ["杂项"], "国防": []})
    assert out == TEXT.replace("[科技, 教育]   # 二级", "[科技, 教育, 人工智能]   # 二级").replace(
        "    - 体育\n", "    - 体育\n    - 医药管理\n").replace("  其他:\n", "  其他:\n    - 杂项\n  国防: []\n")


def test_values_with_commas_are_quoted_in_flow_lists():
    out = add_topics(TEXT, {"科技、教育": ["其他,杂项"]})
    assert "  科技、教育: [科技, 教育, \"其他,杂项\"]   # 二级\n" in out


def test_publishers_are_appended_after_the_last_entry():
    out = add_publishers(TEXT, [Publisher("hcsjyj", "海澄市教育局", "MB1C37571"), Publisher("x", "无代码机构", "")])
    assert out == TEXT.replace("  - {key: szf, name: 海澄市人民政府, code: MB1C37504}\n",
                               "  - {key: szf, name: 海澄市人民政府, code: MB1C37504}\n"
                               "  - {key: hcsjyj, name: 海澄市教育局, code: MB1C37571}   # 导入时添加，请核对 key 和 code\n"
                               "  - {key: x, name: 无代码机构, code: \"\"}   # 导入时添加，请核对 key 和 code\n")


def test_missing_blocks_are_appended_and_single_line_forms_refused():
    assert add_topics("categories: []\n", {"国防": ["国防建设"]}) == "categories: []\n\ntopics:\n  国防: [国防建设]\n"
    with pytest.raises(EditError):
        add_topics("topics: {国防: [国防建设]}\n", {"国防": ["国防动员"]})
