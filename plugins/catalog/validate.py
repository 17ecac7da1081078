"""Field-level validation of one raw item against :mod:`schema` (no I/O)."""
from __future__ import annotations

import datetime as dt
import difflib
import re

from plugins._shared.diagnostics import Problems
from plugins._shared.yamlpos import LineDict, as_written

from . import schema, slips
from .schema import Field

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_LOOSE_DATE = re.compile(r"^\s*(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?\s*$")
_LIST_SPLIT = re.compile(r"[\s,，、;；]+")
# Dates a 公开目录 can hold: the oldest documents still in force date from the 1950s; nothing is
# published decades ahead. Outside this range a date is a typing slip (9999-12-31, 0001-01-01).
DATE_RANGE = (dt.date(1900, 1, 1), dt.date(2099, 12, 31))
MAX_STR = 500          # one-line text: a title, a 文号, a name
MAX_TEXT = 50_000      # multi-line text of a block (办事指南 受理条件 …); the body has the file limit
TYPE_NAMES = {str: "文本", int: "整数", float: "数字", bool: "是/否值", list: "列表", dict: "字段块",
              LineDict: "字段块", type(None): "空值"}


def type_name(value) -> str:
    return TYPE_NAMES.get(type(value), type(value).__name__)


def suggest(key: str, known: list[str], labels: dict[str, str]) -> str:
    """'你是不是想写 title（名称）？' for an unknown key, matching keys and Chinese labels."""
    by_label = {v: k for k, v in labels.items() if v}
    if key in by_label:
        return f"应写英文键 {by_label[key]}（{key}）"
    close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
    if not close:
        close = [by_label[c] for c in difflib.get_close_matches(str(key), list(by_label), n=1, cutoff=0.5)]
    if close:
        name = close[0]
        return f"是不是想写 {name}（{labels.get(name, '')}）？" if labels.get(name) else f"是不是想写 {name}？"
    return "删除该字段，或查看 docs/editor-guide.md 中的字段表"


def parse_date(value, problems: Problems, rel: str, line: int, key: str, label: str) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = as_written(value).strip() if value is not None else ""
    if slips.fullwidth(text) and _DATE.match(slips.normalize(text)):
        problems.add(rel, line, key, f"日期中用了全角数字或全角符号：{text!r}",
                     f"切换到半角输入，改写为 {slips.normalize(text)}", label)
        return None
    if slips.invisible(text) and _DATE.match(slips.INVISIBLE_RE.sub("", text)):
        problems.add(rel, line, key, f"日期中含有不可见字符：{slips.char_names(text)}（多见于从 Word 或网页复制）",
                     f"删除后重新输入：{slips.INVISIBLE_RE.sub('', text)}", label)
        return None
    m = _DATE.match(text)
    if not m:
        loose = _LOOSE_DATE.match(text)
        fix = "按 YYYY-MM-DD 格式书写"
        if loose:
            y, mo, d = (int(g) for g in loose.groups())
            fix = f"改写为 {y:04d}-{mo:02d}-{d:02d}"
        problems.add(rel, line, key, f"日期应为 YYYY-MM-DD 格式，实际是 {text!r}", fix, label)
        return None
    try:
        date = dt.date(*(int(g) for g in m.groups()))
    except ValueError:
        problems.add(rel, line, key, f"日期不存在：{text!r}", "检查月份和日期（如 2 月没有 30 日）", label)
        return None
    if not DATE_RANGE[0] <= date <= DATE_RANGE[1]:
        problems.add(rel, line, key, f"日期 {text} 超出合理范围（{DATE_RANGE[0].year}—{DATE_RANGE[1].year} 年）",
                     "检查年份是否输错", label)
        return None
    return date


def check_text(text: str, field: Field, problems: Problems, rel: str, line: int, path: str) -> str | None:
    """Control characters, pasted invisible characters and length of one text value; None after an error."""
    label = field.label
    bad = slips.control(text)
    if bad:
        problems.add(rel, line, path, f"含有控制字符 {bad}，页面上无法正常显示", "删除该字符（可整段删除后重新输入）", label)
        return None
    if slips.invisible(text):
        names = slips.char_names(text)
        if field.key in slips.STRICT or field.kind == schema.REFS:
            problems.add(rel, line, path, f"含有不可见字符：{names}（多见于从 Word 或网页复制）",
                         "删除该字符：把这个值整段删除后重新输入", label)
            return None
        if field.key != "body":
            problems.warn(rel, line, path, f"含有不可见字符：{names}（多见于从 Word 或网页复制）",
                          "删除该字符，或整段删除后重新输入", label)
    limit = MAX_STR if field.kind == schema.STR else MAX_TEXT
    if field.key != "body" and len(text) > limit:
        problems.add(rel, line, path, f"内容过长（{len(text)} 字，上限 {limit} 字）",
                     "只写要点，长文放在正文或附件中" if field.kind == schema.TEXT else "这里只写一行，长文放在正文中", label)
        return None
    return text


def coerce(field: Field, value, problems: Problems, rel: str, line: int, path: str):
    """Check and convert one value; report and return None on error."""
    label = field.label
    if field.kind in (schema.STR, schema.TEXT):
        if isinstance(value, bool) or isinstance(value, (list, dict)) or value is None:
            hint = "给值加上引号" if isinstance(value, bool) else "写成一行文本（多行文本用 | 开头）"
            if value is None:
                problems.add(rel, line, path, "值为空", "填写内容，或删除这一行", label)
            else:
                problems.add(rel, line, path, f"应为文本，实际是{type_name(value)}", hint, label)
            return None
        text = as_written(value).strip() if field.kind == schema.STR else as_written(value)
        if field.required and not text.strip():
            problems.add(rel, line, path, "必填字段的值为空（只有空格）", f"在冒号后填写{label}", label)
            return None
        if check_text(text, field, problems, rel, line, path) is None:
            return None
        if field.choices and text not in field.choices:
            close = difflib.get_close_matches(text, field.choices, n=1, cutoff=0.3)
            fix = f"改为 {close[0]}" if close else "可选值：" + "、".join(field.choices)
            problems.add(rel, line, path, f"取值 {text!r} 不在可选范围（{'、'.join(field.choices)}）内", fix, label)
            return None
        return text
    if field.kind == schema.DATE:
        return parse_date(value, problems, rel, line, path, label)
    if field.kind == schema.LIST:
        if isinstance(value, str):
            if check_text(value, field, problems, rel, line, path) is None:
                return None
            return [v for v in _LIST_SPLIT.split(value) if v] if field.key == "keywords" else [value]
        if not isinstance(value, list):
            problems.add(rel, line, path, f"应为文本列表，实际是{type_name(value)}", "每项一行，以“- ”开头", label)
            return None
        out, ok = [], True
        for n, v in enumerate(value, 1):
            if v is None or v == "":
                problems.add(rel, line, path, f"列表第 {n} 项是空的（只有“- ”）", "在“- ”后面填写内容，或删除这一行", label)
                ok = False
            elif isinstance(v, (str, int, float)) and not isinstance(v, bool):
                ok = check_text(as_written(v), field, problems, rel, line, path) is not None and ok
                out.append(as_written(v))
            else:
                problems.add(rel, line, path, f"列表第 {n} 项应为文本，实际是{type_name(v)}",
                             "每项写成一行文本，以“- ”开头（项里含冒号时给整项加引号）", label)
                ok = False
        return out if ok else None
    if field.kind == schema.BOOL:
        if not isinstance(value, bool):
            problems.add(rel, line, path, f"应为 true 或 false，实际是 {value!r}", "写 true 或 false（不加引号）", label)
            return None
        return value
    if field.kind == schema.INT:
        if isinstance(value, bool) or not isinstance(value, int):
            problems.add(rel, line, path, f"应为整数，实际是 {as_written(value)!r}", "只写数字，如 2025", label)
            return None
        if not _in_range(field, value):
            problems.add(rel, line, path, f"数值 {as_written(value)} 超出合理范围（{_fmt(field.minimum)}—{_fmt(field.maximum)}）",
                         "检查是否输错", label)
            return None
        return value
    if field.kind == schema.NUMBER:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.add(rel, line, path, f"应为数字，实际是 {as_written(value)!r}", "只写数字，如 1234.56（不带单位）", label)
            return None
        if not _in_range(field, value):
            problems.add(rel, line, path, f"数值 {as_written(value)} 超出合理范围（{_fmt(field.minimum)}—{_fmt(field.maximum)}）",
                         "检查单位（万元）和小数点是否输错", label)
            return None
        return value
    if field.kind == schema.REFS:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            problems.add(rel, line, path, f"应为索引号或索引号列表，实际是{type_name(value)}",
                         "写成 - MB1C37512/2025-00001 的列表", label)
            return None
        out, ok = [], True
        for n, v in enumerate(items, 1):
            if v is None or v == "":
                problems.add(rel, line, path, f"列表第 {n} 项是空的（只有“- ”）", "在“- ”后面填写索引号，或删除这一行", label)
                ok = False
            elif not isinstance(v, str):
                problems.add(rel, line, path, f"列表第 {n} 项应为索引号，实际是{type_name(v)}",
                             "写成 - MB1C37512/2025-00001 的列表", label)
                ok = False
            elif check_text(v.strip(), field, problems, rel, line, path) is None:
                ok = False
            else:
                out.append(v.strip())
        return out if ok else None
    if field.kind == schema.VALIDITY:
        if isinstance(value, str):
            value = LineDict(status=value)
            value.line = line
            value.lines = {"status": line}
        if not isinstance(value, dict):
            problems.add(rel, line, path, f"应为“有效/失效/废止”或带日期的字段块，实际是{type_name(value)}",
                         "写 validity: 有效，或写 status 和 repealed 等日期", label)
            return None
        return mapping(Field("validity", label, schema.MAPPING, fields=schema.VALIDITY_FIELDS),
                       value, problems, rel, path)
    if field.kind == schema.TOPICS:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            problems.add(rel, line, path, f"应为主题分类或其列表，实际是{type_name(value)}",
                         "写成 - 财政、金融、审计/财政", label)
            return None
        out, ok = [], True
        for n, v in enumerate(items, 1):
            if v is None or v == "":
                problems.add(rel, line, path, f"列表第 {n} 项是空的（只有“- ”）", "在“- ”后面填写主题分类，或删除这一行", label)
                ok = False
            elif not isinstance(v, str):
                problems.add(rel, line, path, f"列表第 {n} 项应为主题分类，实际是{type_name(v)}",
                             "写成 - 财政、金融、审计/财政", label)
                ok = False
            elif check_text(v, field, problems, rel, line, path) is not None:
                out.append(v)
            else:
                ok = False
        return out if ok else None
    if field.kind == schema.ATTACHMENTS:
        if not isinstance(value, list):
            problems.add(rel, line, path, f"应为附件列表，实际是{type_name(value)}",
                         "每个附件写成 - path: … 和 title: … 两行", label)
            return None
        out = []
        for n, entry in enumerate(value):
            sub_path = f"{path}[{n}]"
            if entry is None:
                problems.add(rel, line, sub_path, f"附件列表第 {n + 1} 项是空的（只有“- ”）",
                             "删除这一行，或写 - path: … 和 title: …", label)
                continue
            if isinstance(entry, str):
                problems.add(rel, line, sub_path, "附件需要 path 和 title", f"写成 - path: {entry} 并加上 title", label)
                continue
            if not isinstance(entry, dict):
                problems.add(rel, line, sub_path, f"应为字段块，实际是{type_name(entry)}", "写 path 和 title", label)
                continue
            block = mapping(Field("attachments", label, schema.MAPPING, fields=schema.ATTACHMENT_FIELDS),
                            entry, problems, rel, sub_path)
            if block is not None:
                block["_line"] = entry.line_of("path")
                out.append(block)
        return out
    if field.kind == schema.MAPPING:
        if not isinstance(value, dict):
            problems.add(rel, line, path, f"应为字段块，实际是{type_name(value)}", "在下一行缩进两个空格逐项填写", label)
            return None
        return mapping(field, value, problems, rel, path)
    raise AssertionError(f"unknown kind {field.kind}")


def _fmt(bound) -> str:
    return f"{bound:,.0f}" if bound is not None and bound == int(bound) else str(bound)


def _in_range(field: Field, value) -> bool:
    return (field.minimum is None or value >= field.minimum) and (field.maximum is None or value <= field.maximum)


def mapping(block: Field, value: LineDict, problems: Problems, rel: str, path: str) -> dict | None:
    """Validate a nested block (办事指南, 财政预决算, 附件, 有效性 …) against its sub-fields."""
    out = {}
    known = [f.key for f in block.fields]
    labels = {f.key: f.label for f in block.fields}
    ok = True
    for key, line in getattr(value, "duplicates", []):
        problems.add(rel, line, f"{path}.{key}", "字段重复出现", "删除其中一处", labels.get(key, ""))
    for key, raw in value.items():
        line = value.line_of(key)
        sub = block.sub(key)
        if sub is None:
            problems.add(rel, line, f"{path}.{key}", f"未知字段“{key}”", suggest(key, known, labels))
            ok = False
            continue
        if raw is None or raw == []:
            if sub.required:
                problems.add(rel, line, f"{path}.{sub.key}", "必填字段的值为空", f"在冒号后填写{sub.label}", sub.label)
                ok = False
            continue
        converted = coerce(sub, raw, problems, rel, line, f"{path}.{sub.key}")
        if converted is None:
            ok = False
        else:
            out[key] = converted
    for sub in block.fields:
        if sub.required and sub.key not in value:
            problems.add(rel, getattr(value, "line", 0), f"{path}.{sub.key}", "缺少必填字段",
                         f"在“{block.label}”中添加 {sub.key}: （{sub.label}）", sub.label)
            ok = False
    return out if ok else None


def validate_fields(data: LineDict, rel: str, problems: Problems) -> tuple[dict, bool]:
    """Check every top-level key; return (the values that converted, True if no error).

    Values that failed are left out, so checks that need other fields (category, publisher,
    relations …) still run on the rest: every problem of the file is reported in one run.
    """
    before = len(problems.errors)
    out = {}
    known = [f.key for f in schema.FIELDS]
    for key, line in data.duplicates:
        problems.add(rel, line, key, "字段重复出现", "删除其中一处", schema.label(key))
    for key, raw in data.items():
        line = data.line_of(key)
        field = schema.BY_KEY.get(key)
        if field is None:
            problems.add(rel, line, str(key), f"未知字段“{key}”", suggest(key, known, schema.LABELS))
            continue
        if raw is None or raw == [] or raw == "":
            if field.required:
                problems.add(rel, line, key, "必填字段的值为空", f"在冒号后填写{field.label}", field.label)
            continue  # an optional key left blank (as in the make new template) means "not given"
        value = coerce(field, raw, problems, rel, line, key)
        if value is not None:
            out[key] = value
    for key in schema.REQUIRED:
        if key not in data:
            f = schema.BY_KEY[key]
            example = f" {f.example}" if f.example else " ……"
            problems.add(rel, data.line or 1, key, "缺少必填字段", f"添加一行 {key}:{example}", f.label)
    if "summary" in out and len(out["summary"]) > 300:
        problems.add(rel, data.line_of("summary"), "summary", f"内容概述超过 300 字（现有 {len(out['summary'])} 字）",
                     "精简到 300 字以内", schema.label("summary"))
    return out, len(problems.errors) == before
