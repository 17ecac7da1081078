"""Writing items: every value reads back unchanged, keys in schema order, same data → same bytes."""
import pytest

from gongkai.importer.emit import render_item, scalar
from gongkai.importer.existing import parse_text
from plugins._shared import yamlpos


@pytest.mark.parametrize("text", ["海政规〔2019〕3号", "[2019]3号", "关于: 通知", "#1号", "- 开头", "yes", "null", "123", "1.0",
                                  "2019-01-27", "~", "'单引号", '"双引号', "a #b", "结尾:", "x,y", "\\反斜杠", "tab\there",
                                  "  前导空格", "@at", "`code`", "%p", "!tag", "&anchor", "*alias", "? q", "| pipe", "> gt",
                                  "MB1C37504/2019-00011", "1/2", "中文 yes", "行\u2028分隔", "x\ufeff", "é: x"])
def test_every_scalar_reads_back_as_the_same_string(text):
    assert yamlpos.load(f"k: {scalar(text)}") == {"k": text}
    assert yamlpos.load(f"k: [{scalar(text, flow=True)}]") == {"k": [text]}


def test_plain_where_possible():
    assert scalar("海澄市人民政府") == "海澄市人民政府" and scalar("2019-01-27") == "2019-01-27"
    assert scalar("yes") == '"yes"' and scalar(2025) == "2025" and scalar(True) == "true"


def test_keys_follow_the_schema_and_blocks_nest():
    data = {"body": "ignored", "validity": {"repealed": "2020-01-01", "status": "废止"}, "title": "甲",
            "index_no": "MB1C37504/2019-00001", "keywords": ["a"], "summary": "第一行\n第二行",
            "attachments": [{"title": "表", "path": "attachments/00001/表.pdf"}]}
    text = render_item(data, "\n正文\n\n")
    assert text == ("---\nindex_no: MB1C37504/2019-00001\ntitle: 甲\nkeywords:\n  - a\nsummary: |-\n  第一行\n  第二行\n"
                    "validity:\n  status: 废止\n  repealed: 2020-01-01\nattachments:\n  - path: attachments/00001/表.pdf\n"
                    "    title: 表\n---\n\n正文\n")
    data2, body = parse_text(text.encode(), "x.md")
    assert data2["validity"] == {"status": "废止", "repealed": "2020-01-01"} and body.strip() == "正文"
    assert render_item(dict(reversed(list(data.items()))), "正文") == text


def test_pure_yaml_items_keep_their_body_key():
    text = render_item({"title": "甲", "index_no": "X"}, "第一段\n\n第二段", markdown=False)
    assert text == "index_no: X\ntitle: 甲\nbody: |-\n  第一段\n\n  第二段\n"
    assert parse_text(text.encode(), "x.yml") == ({"index_no": "X", "title": "甲"}, "第一段\n\n第二段")


@pytest.mark.parametrize("text", ["第一行\n第二行", "a\n\n  b", "x\u2028y\nz", "\t缩进\n行", " 前导\n行", "行\n"])
def test_multi_line_text_reads_back_unchanged(text):
    assert parse_text(render_item({"index_no": "X", "summary": text}, "").encode(), "x.md")[0]["summary"] == text
