"""One field of ``plugins/catalog/schema.py`` → one Decap CMS field (pure functions over plain data).

Decap marks every field required unless told otherwise, so ``required`` is always written. Help text
is the schema's ``help`` plus its example; choices become select lists; dates, the 索引号 and
relations use the widgets registered by ``gongkai/cms/static/gk-widgets.js``.
"""
from __future__ import annotations

from plugins.catalog import schema
from plugins.catalog.schema import Field

# widget names registered by gk-widgets.js
DATE_WIDGET = "gk-date"
INDEX_WIDGET = "gk-index-no"
REFS_WIDGET = "gk-refs"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


def hint(field: Field) -> str:
    parts = [field.help] if field.help else []
    if field.example:
        parts.append(f"例：{field.example}")
    if field.choices:
        parts.append("可选：" + "、".join(field.choices))
    return "；".join(parts)


def base(field: Field, required: bool | None = None) -> dict:
    out = {"name": field.key, "label": field.label,
           "required": field.required if required is None else required}
    text = hint(field)
    if text:
        out["hint"] = text
    return out


def select(field: Field, options: list, required: bool | None = None, **extra) -> dict:
    return {**base(field, required), "widget": "select", "options": list(options), **extra}


def string_list(field: Field, required: bool | None = None) -> dict:
    """A list of one-line texts, one input per entry (Decap's bare list would split on commas)."""
    return {**base(field, required), "widget": "list", "collapsed": False,
            "field": {"name": "item", "label": field.label, "widget": "string"}}


def date(field: Field, required: bool | None = None) -> dict:
    return {**base(field, required), "widget": DATE_WIDGET}


def plain(field: Field, required: bool | None = None) -> dict:
    """A field of a simple kind (text, date, list, number, yes/no, choices)."""
    kind = field.kind
    if field.choices:
        return select(field, field.choices, required)
    if kind == schema.STR:
        out = {**base(field, required), "widget": "string"}
        if field.key == "online_url":
            out["pattern"] = [r"^https://\S+$", "应为 https:// 开头的网址"]
        return out
    if kind == schema.TEXT:
        return {**base(field, required), "widget": "text"}
    if kind == schema.DATE:
        return date(field, required)
    if kind == schema.LIST:
        return string_list(field, required)
    if kind == schema.INT:
        return {**base(field, required), "widget": "number", "value_type": "int"}
    if kind == schema.NUMBER:
        return {**base(field, required), "widget": "number", "value_type": "float"}
    if kind == schema.BOOL:
        return {**base(field, required), "widget": "boolean", "default": False}
    raise ValueError(f"no plain widget for {field.key} ({kind})")


def block(field: Field, fields: tuple, required: bool | None = None, collapsed: bool = False) -> dict:
    """A nested group (办事指南, 财政预决算, 题注, 有效性, one attachment)."""
    return {**base(field, required), "widget": "object", "collapsed": collapsed,
            "fields": [plain(f) for f in fields]}


def topic_options(topics: dict) -> list[dict]:
    """Both levels of 主题分类: ``综合政务`` and ``综合政务/政务公开`` (as the catalog accepts them)."""
    out = []
    for top, subs in topics.items():
        out.append({"label": top, "value": top})
        out += [{"label": f"{top} › {sub}", "value": f"{top}/{sub}"} for sub in subs]
    return out
