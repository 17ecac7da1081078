"""JSON Schema (draft 2020-12) of the JSON body the form POSTs, generated from fields.py.

A receiving system can apply the same checks as the page. ``pattern`` cannot express check digits,
so 身份证号 and 统一社会信用代码 also carry the custom formats ``gb11643`` and ``gb32100``, described
under ``x-formats``; :func:`format_checker` implements them for Python's ``jsonschema``.
"""
from __future__ import annotations

import jsonschema

from . import validators as v
from .fields import APPLICANT_TYPE, APPLICANT_TYPES, BY_NAME, FIELDS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
CUSTOM_FORMATS = {
    "gb11643": "公民身份号码（GB 11643-1999）：18位；第7至14位是1900-01-01至今天之间的真实日期；"
               "第18位是按 ISO 7064 MOD 11-2 计算的校验码（加权因子 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2，"
               "余数 0–10 对应 1 0 X 9 8 7 6 5 4 3 2）。",
    "gb32100": "统一社会信用代码（GB 32100-2015）：18位，字符集 0-9 和 A-Y（不含 I、O、Z、S、V）；"
               "第18位校验码 = 31 − (Σ 字符值×加权因子 mod 31)，加权因子 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28，"
               "结果为31时取0。",
}
META = {
    "type": "object",
    "title": "防垃圾信息数据（由页面自动填写，供接收系统判断）",
    "additionalProperties": False,
    "required": ["honeypot", "elapsed_seconds", "min_fill_seconds"],
    "properties": {
        "honeypot": {"type": "string", "description": "隐藏字段的内容；正常填写时为空字符串"},
        "elapsed_seconds": {"type": "number", "minimum": 0, "description": "从打开页面到提交经过的秒数"},
        "min_fill_seconds": {"type": "number", "minimum": 0, "description": "本站设置的最短填写时间（秒）"},
        "submitted_at": {"type": "string", "description": "浏览器时间，ISO 8601"},
        "form_version": {"type": "string"},
    },
}
RESPONSE = {
    "description": "接收系统成功时返回 2xx 和 JSON：{\"receipt_no\": \"申请编号\"}，可另加 \"query_code\"（查询码）。"
                   "接口须允许本站来源的跨域请求（CORS 预检 OPTIONS，Content-Type: application/json）。",
    "type": "object",
    "required": ["receipt_no"],
    "properties": {"receipt_no": {"type": "string", "minLength": 1, "maxLength": 64},
                   "query_code": {"type": "string", "maxLength": 64}},
}


def _choices(field) -> list[dict]:
    return [{"const": o.value, "title": o.label} for o in field.options]


def _property(f) -> dict:
    prop: dict = {"title": f.label}
    if f.hint:
        prop["description"] = f.hint
    if f.kind == "checkbox":
        prop.update(type="boolean", const=True)
    elif f.kind == "checkboxes":
        prop.update(type="array", minItems=1, uniqueItems=True, items={"oneOf": _choices(f)})
    elif f.kind in ("radios", "select"):
        prop.update(type="string", oneOf=_choices(f))
    else:
        prop.update(type="string", minLength=1)
        if f.max_length:
            prop["maxLength"] = f.max_length
        if f.format:
            prop.update(_format(f.format))
    return prop


def _format(fmt: str) -> dict:
    out = {"pattern": v.PATTERNS[fmt]}
    if fmt in CUSTOM_FORMATS:
        out["format"] = fmt
    return out


def _has_any(field: str, values) -> dict:
    values = list(values)
    if BY_NAME[field].kind == "checkboxes":     # multi-choice fields are arrays, single choices strings
        cond = {"contains": {"enum": values}}
    else:
        cond = {"enum": values}
    return {"properties": {field: cond}, "required": [field]}


def build_schema(form_version: str = "") -> dict:
    """The schema of one POSTed application (fields + ``meta``)."""
    always = [f.name for f in FIELDS if f.required and not f.applies_to]
    rules: list[dict] = []
    for t in APPLICANT_TYPES:
        own = [f for f in FIELDS if t.value in f.applies_to]
        others = [f for f in FIELDS if f.applies_to and t.value not in f.applies_to]
        rules.append({
            "if": _has_any(APPLICANT_TYPE, [t.value]),
            "then": {"required": [f.name for f in own if f.required],
                     # {"not": {}} rather than false: jsonschema reports no path for a false subschema
                     "properties": {f.name: {"not": {}, "description": "只适用于另一类申请人"} for f in others}},
        })
    for f in FIELDS:
        if f.required_when:
            rules.append({"if": {"anyOf": [_has_any(field, values) for field, values in f.required_when]},
                          "then": {"required": [f.name]}})
        if f.format_by:
            by, mapping = f.format_by
            for fmt in sorted({fmt for _, fmt in mapping}):
                values = [value for value, m in mapping if m == fmt]
                rules.append({"if": _has_any(by, values), "then": {"properties": {f.name: _format(fmt)}}})
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "政府信息公开申请",
        "description": "在线申请页面以 JSON POST 提交的内容。提交前页面已去掉首尾空白、删除空字段和"
                       "与申请人类型无关的字段；证件号码、统一社会信用代码已去掉空格并转为大写。"
                       "身份证号码和统一社会信用代码的校验码用自定义 format 表示，见 x-formats。",
        "x-form-version": form_version,
        "x-formats": CUSTOM_FORMATS,
        "x-response": RESPONSE,
        "type": "object",
        "additionalProperties": False,
        "required": always + ["meta"],
        "properties": {**{f.name: _property(f) for f in FIELDS}, "meta": META},
        "allOf": rules,
    }


def format_checker() -> jsonschema.FormatChecker:
    """A FormatChecker that also knows ``gb11643`` and ``gb32100`` (the check characters)."""
    checker = jsonschema.FormatChecker()
    for name, check in (("gb11643", v.check_gb11643), ("gb32100", v.check_gb32100)):
        checker.checks(name)(lambda value, check=check: not isinstance(value, str) or check(value) is None)
    return checker


def validator(schema: dict | None = None) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema or build_schema(), format_checker=format_checker())


def error_fields(schema_validator, payload: dict) -> set[str]:
    """Names of the fields a payload fails on (a missing required field counts as that field)."""
    names = set()
    for err in schema_validator.iter_errors(payload):
        if err.validator == "required" and not err.absolute_path:
            names.update(n for n in err.validator_value if n not in payload)
        elif err.absolute_path:
            names.add(str(err.absolute_path[0]))
        else:
            names.add("")
    return names
