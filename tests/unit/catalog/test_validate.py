import datetime as dt

from plugins._shared import yamlpos
from plugins._shared.diagnostics import Problems
from plugins.catalog import schema
from plugins.catalog.reader import read_item, split_front_matter
from plugins.catalog.render import BodyRenderer, sanitize
from plugins.catalog.validate import parse_date, suggest, validate_fields


def test_yaml_positions_and_no_implicit_dates():
    data = yamlpos.load("a: 2019-02-30\nb:\n  c: 1\n")
    assert data == {"a": "2019-02-30", "b": {"c": 1}}
    assert data.lines == {"a": 1, "b": 2} and data["b"].lines == {"c": 3}


def test_yaml_loader_is_safe():
    import pytest
    import yaml
    with pytest.raises(yaml.YAMLError):
        yamlpos.load("x: !!python/object/apply:os.system ['echo hi']")


def test_front_matter_split_reports_body_line():
    head, body, line = split_front_matter("---\na: 1\n---\nbody\n")
    assert (head, body, line) == ("a: 1", "body\n", 4)


def test_read_item_shifts_lines_past_the_opening_delimiter():
    p = Problems()
    raw = read_item("---\ntitle: x\nservice:\n  name: y\n---\n正文".encode(), "a.md", p)
    assert raw.data.lines["title"] == 2 and raw.data["service"].lines["name"] == 4
    assert raw.body == "正文" and raw.body_line == 6


def test_parse_date_suggests_the_fix():
    p = Problems()
    assert parse_date("2019-1-27", p, "a.md", 3, "published", "发布日期") is None
    assert p[0].fix == "改写为 2019-01-27"
    assert parse_date("2024-02-29", p, "a.md", 3, "published", "发布日期") == dt.date(2024, 2, 29)


def test_suggest_matches_keys_and_chinese_labels():
    assert "title" in suggest("titel", [f.key for f in schema.FIELDS], schema.LABELS)
    assert "doc_no" in suggest("文号", [f.key for f in schema.FIELDS], schema.LABELS)
    assert "发布日期" not in suggest("zzzzzz", [f.key for f in schema.FIELDS], schema.LABELS)


def test_keywords_string_is_split_like_gov_cn_pages():
    data = yamlpos.load("index_no: A\ntitle: t\ncategory: c\npublisher: p\npublished: 2025-01-01\nkeywords: 政务 公开、数据\n")
    assert validate_fields(data, "a.yml", Problems())[0]["keywords"] == ["政务", "公开", "数据"]


def test_optional_blank_values_mean_absent():
    data = yamlpos.load("index_no: A\ntitle: t\ncategory: c\npublisher: p\npublished: 2025-01-01\ndoc_no:\nwritten:\n")
    p = Problems()
    assert "doc_no" not in validate_fields(data, "a.yml", p)[0] and not p


def test_sanitizer_is_an_allow_list():
    html = sanitize('<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">l</a>'
                    '<img src="x.png" onerror="y()" alt="图"><iframe src="//evil"></iframe></p>')
    assert "onclick" not in html and "script" not in html and "javascript:" not in html
    assert "onerror" not in html and "iframe" not in html and 'alt="图"' in html


def test_markdown_tables_render_and_are_kept():
    html = BodyRenderer()("| 项目 | 金额 |\n|---|---|\n| 收入 | 100 |\n")
    assert "<table>" in html and "<th>项目</th>" in html
