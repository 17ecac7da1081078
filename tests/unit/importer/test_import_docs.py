"""The editor guide's mapping example must be a valid mapping file, and its claims about labels true."""
import re

from gongkai.importer.mapping import default_mapping, load_mapping, norm_label
from plugins._shared.diagnostics import Problems
from tests.unit.importer.helpers import ROOT

GUIDE = ROOT / "docs" / "editor-guide-import.md"


def test_mapping_example_loads_without_problems(tmp_path):
    text = GUIDE.read_text(encoding="utf-8")
    block = re.search(r"<!-- mapping-example.*?-->\n```yaml\n(.*?)```", text, re.S).group(1)
    (tmp_path / "mapping.yml").write_text(block, encoding="utf-8")
    problems = Problems()
    mapping = load_mapping(tmp_path / "mapping.yml", tmp_path, problems)
    assert [p.format() for p in problems] == []
    assert mapping.key_for("信息索取号") == "index_no" and mapping.key_for("备注") == "-"
    assert mapping.map_value("category", "政策文件") == "行政规范性文件"
    assert mapping.defaults == {"category": "行政规范性文件", "publisher": "海澄市人民政府办公室"}


def test_every_label_in_the_guide_table_is_built_in():
    text = GUIDE.read_text(encoding="utf-8")
    table = text.split("| 本站字段 | 可识别的列名 |", 1)[1].split("\n\n", 1)[0]
    mapping = default_mapping()
    for row in table.strip().splitlines()[1:]:
        key = re.search(r"`([a-z_]+)`", row)
        labels = row.split("|")[2].split("（")[0]
        for label in re.split(r"[、，]", labels):
            label = label.strip()
            if label:
                assert mapping.key_for(label) is not None, label
                if key:
                    assert mapping.columns[norm_label(label)] == key.group(1), label
