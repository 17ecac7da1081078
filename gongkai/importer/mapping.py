"""Source column names → our keys: a built-in table for common labels, plus an editor's YAML file.

A mapping file (all sections optional; see docs/editor-guide-import.md)::

    columns:              # 源列名: 本站字段（- 表示忽略该列）
      信息索取号: index_no
      浏览次数: "-"
    values:               # 旧系统的取值 → 本站名称
      category: {政策文件: 行政规范性文件}
      publisher: {市财政局: 海澄市财政局}
    defaults:             # 源文件没有该列（或该格为空）时使用
      category: 行政规范性文件
    html: {body: "#UCAP-CONTENT", base_url: "https://www.example.gov.cn/"}
    csv: {encoding: gb18030, delimiter: ","}

Labels are compared after NFKC, with spaces and a trailing colon removed, case-insensitively,
so ``索  引  号：`` and ``Index_No`` both work.
"""
from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from pathlib import Path

import yaml

from plugins._shared import safeio, yamlpos
from plugins._shared.diagnostics import Problems, relpath
from plugins.catalog import schema
from plugins.catalog.validate import suggest

IGNORE = "-"
BODY, ATTACHMENTS = "body", "attachments"

# label -> key, in priority order: when two columns give the same key, the earlier label wins
DEFAULT_COLUMNS = {
    "索引号": "index_no", "索取号": "index_no", "信息索取号": "index_no", "索引编号": "index_no",
    "标题": "title", "名称": "title", "文件名称": "title", "信息名称": "title", "文件标题": "title", "文章标题": "title",
    "发文字号": "doc_no", "文号": "doc_no", "发文文号": "doc_no", "文件编号": "doc_no",
    "发布机构": "publisher", "发布单位": "publisher", "发文机关": "publisher", "发文单位": "publisher",
    "制发机关": "publisher", "公开责任部门": "publisher",
    "发布日期": "published", "公开日期": "published", "发布时间": "published", "公开时间": "published",
    "上网日期": "published", "发文日期": "published",
    "成文日期": "written", "成文时间": "written", "印发日期": "written",
    "主题分类": "topics", "主题": "topics",
    "主题词": "keywords", "关键词": "keywords", "关键字": "keywords",
    "内容概述": "summary", "摘要": "summary", "内容摘要": "summary", "简介": "summary",
    "有效性": "validity", "时效": "validity", "时效性": "validity", "效力状态": "validity", "有效状态": "validity",
    "信息类别": "category", "组配分类": "category", "信息分类": "category", "分类": "category", "类别": "category",
    "栏目": "category",
    "体裁": "genre", "文种": "genre", "公文种类": "genre",
    "信息来源": "source", "来源": "source",
    "公开范围": "scope",
    "生效日期": "validity.effective", "施行日期": "validity.effective", "失效日期": "validity.expires",
    "废止日期": "validity.repealed",
    "正文": BODY, "内容": BODY, "正文内容": BODY, "全文": BODY, "content": BODY,
    "附件": ATTACHMENTS,
    # columns that carry nothing we store: ignored without a warning
    "序号": IGNORE, "公开方式": IGNORE, "浏览次数": IGNORE, "点击量": IGNORE, "访问次数": IGNORE, "阅读数": IGNORE,
}
TOO_GENERIC = {"类型"}   # block labels that would capture unrelated columns
SECTIONS = ("columns", "values", "defaults", "html", "csv")
VALUE_KEYS = ("category", "publisher", "topics", "validity", "scope", "genre")


@functools.lru_cache(maxsize=4096)
def norm_label(text) -> str:
    """Canonical form of a column/field label for comparison."""
    text = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", "", text).rstrip(":").lower()


def target_field(key: str) -> schema.Field | None:
    """The schema field a mapping target names (``title``, ``validity.repealed``, ``service.name`` …)."""
    if key == BODY:
        return schema.BY_KEY.get("body")
    top, _, sub = key.partition(".")
    field = schema.BY_KEY.get(top)
    if field is None or field.kind == schema.ATTACHMENTS and sub:
        return None
    if not sub:
        return field
    if field.kind == schema.VALIDITY:
        return next((f for f in schema.VALIDITY_FIELDS if f.key == sub), None)
    return field.sub(sub)


def _builtin() -> dict[str, str]:
    table = {}
    for field in schema.FIELDS:   # every key and its schema label (名称, 信息类别 …)
        table.setdefault(norm_label(field.key), field.key)
    for label, key in DEFAULT_COLUMNS.items():
        table.setdefault(norm_label(label), key)
    for field in schema.FIELDS:
        table.setdefault(norm_label(field.label), field.key)
    for block in ("service", "budget", "headnote"):
        for sub in schema.BY_KEY[block].fields:
            if sub.label not in TOO_GENERIC:
                table.setdefault(norm_label(sub.label), f"{block}.{sub.key}")
    return table


@dataclasses.dataclass
class Mapping:
    columns: dict[str, str]                               # normalised label -> key (or "-")
    values: dict[str, dict[str, str]] = dataclasses.field(default_factory=dict)
    defaults: dict[str, object] = dataclasses.field(default_factory=dict)
    html: dict[str, str] = dataclasses.field(default_factory=dict)
    csv: dict[str, str] = dataclasses.field(default_factory=dict)
    priority: dict[str, int] = dataclasses.field(default_factory=dict)   # normalised label -> rank

    def key_for(self, label) -> str | None:
        return self.columns.get(norm_label(label))

    def rank(self, label) -> int:
        return self.priority.get(norm_label(label), len(self.priority))

    def map_value(self, key: str, text: str) -> str:
        return self.values.get(key, {}).get(text, text)


def default_mapping() -> Mapping:
    columns = _builtin()
    return Mapping(columns=columns, priority={label: n for n, label in enumerate(columns)})


def load_mapping(path: Path | None, root: Path, problems: Problems) -> Mapping:
    """The built-in table overlaid with an editor's mapping file; errors go to ``problems``."""
    mapping = default_mapping()
    if path is None:
        return mapping
    rel = relpath(path, root)
    if not Path(path).exists() and not Path(path).is_symlink():
        problems.add(rel, 0, "", "找不到映射文件", "检查 MAPPING= 后的路径")
        return mapping
    text = ""
    try:
        text = safeio.read_bytes(path, Path(path).parent, "mapping").decode("utf-8-sig")
        data = yamlpos.load(text)
    except safeio.Refused as exc:
        problems.add(rel, 0, "", exc.problem, exc.fix)
        return mapping
    except UnicodeDecodeError:
        problems.add(rel, 0, "", "映射文件不是 UTF-8 编码", "用编辑器另存为 UTF-8")
        return mapping
    except yaml.YAMLError as exc:
        problems.add(rel, yamlpos.error_line(exc), "", yamlpos.describe_error(exc, text), "按报错行修正缩进、冒号或引号")
        return mapping
    if data is None:
        return mapping
    if not isinstance(data, dict):
        problems.add(rel, 1, "", "映射文件应为“键: 值”结构", "顶层写 columns:、values:、defaults: 等")
        return mapping
    for key in data:
        if key not in SECTIONS:
            problems.add(rel, data.line_of(key), str(key), f"未知的映射文件段“{key}”", "可用：" + "、".join(SECTIONS))
    user = {}
    for label, key in _section(data, "columns", rel, problems).items():
        key = IGNORE if key is None else str(key).strip()
        line = data["columns"].line_of(label)
        if key not in (IGNORE, ATTACHMENTS) and target_field(key) is None:
            problems.add(rel, line, f"columns.{label}", f"本站没有字段“{key}”",
                         suggest(key, [f.key for f in schema.FIELDS], schema.LABELS))
            continue
        user[norm_label(label)] = key
    # the editor's columns come first: they win over built-in labels for the same key
    mapping.columns = {**user, **{k: v for k, v in mapping.columns.items() if k not in user}}
    mapping.priority = {label: n for n, label in enumerate(mapping.columns)}
    for key, table in _section(data, "values", rel, problems).items():
        if key not in VALUE_KEYS:
            problems.add(rel, data["values"].line_of(key), f"values.{key}", f"不能为“{key}”设置取值对应",
                         "可用：" + "、".join(VALUE_KEYS))
        elif not isinstance(table, dict):
            problems.add(rel, data["values"].line_of(key), f"values.{key}", "应为“旧名称: 新名称”的列表",
                         "每行写一对，如 政策文件: 行政规范性文件")
        else:
            mapping.values[key] = {str(k).strip(): str(v).strip() for k, v in table.items() if v is not None}
    for key, value in _section(data, "defaults", rel, problems).items():
        if target_field(str(key)) is None:
            problems.add(rel, data["defaults"].line_of(key), f"defaults.{key}", f"本站没有字段“{key}”",
                         suggest(str(key), [f.key for f in schema.FIELDS], schema.LABELS))
        elif value is not None:
            mapping.defaults[str(key)] = value
    mapping.html = {str(k): str(v) for k, v in _section(data, "html", rel, problems).items() if v is not None}
    mapping.csv = {str(k): str(v) for k, v in _section(data, "csv", rel, problems).items() if v is not None}
    return mapping


def _section(data, name: str, rel: str, problems: Problems) -> dict:
    value = data.get(name)
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.add(rel, data.line_of(name), name, f"“{name}”应为“键: 值”列表", "在下一行缩进两个空格逐项填写")
        return {}
    return value
