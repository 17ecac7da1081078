"""One source record → a :class:`Draft`: columns mapped to our keys, every value normalised.

Problems are located at ``source:row`` (or the HTML line) and worded for editors. Taxonomy
lookups (类别, 机构, 主题分类) and 索引号 allocation happen later, in ``plan.py``.
"""
from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from plugins._shared import urls
from plugins._shared.diagnostics import Problems
from plugins.catalog import schema

from . import confine, htmlmd
from . import values as V
from .mapping import ATTACHMENTS, BODY, IGNORE, Mapping, norm_label, target_field
from .sources import Record

REMAPPABLE = ("category", "publisher", "validity", "scope", "genre")


@dataclasses.dataclass
class Draft:
    where: str
    line: int
    data: dict[str, Any]                  # our keys (dotted keys already nested), normalised
    lines: dict[str, int]                 # key -> line of the value in the source
    body: str | None = None
    files: list = dataclasses.field(default_factory=list)     # [(title, Path)] local attachments
    root: Path | None = None              # the source folder the attachments come from (safeio root)
    problems: Problems = dataclasses.field(default_factory=Problems)   # this row's problems only
    index_no: str = ""                    # set by plan.py (given, matched or assigned)
    assigned: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems.errors

    def line_of(self, key: str) -> int:
        return self.lines.get(key.split(".")[0], self.line)


def _key(label: str, mapping: Mapping) -> str | None:
    key = mapping.key_for(label)
    if key is None and target_field(norm_label(label)) is not None:
        key = norm_label(label)   # English keys and dotted ones (service.name) work without mapping
    return key


def map_record(record: Record, mapping: Mapping, defaults: dict, unknown: dict[str, set]) -> Draft:
    """Map and normalise one record (its problems stay on the draft); unknown columns go to ``unknown``."""
    draft = Draft(record.where, record.line, {}, {}, record.body, list(record.files), root=record.root)
    problems = draft.problems
    chosen: dict[str, tuple[str, Any, int]] = {}
    if draft.body:
        draft.body = _controls(draft.body, "body", record.line, record, problems)
    for label, raw, line in record.cells:
        key = _key(label, mapping)
        if isinstance(raw, str):
            raw = _controls(raw, key or "", line, record, problems)
        if key is None:
            unknown.setdefault(record.where, set()).add(label)
            continue
        if key == IGNORE or V.is_empty(raw):
            continue
        current = chosen.get(key)
        if current is None:
            chosen[key] = (label, raw, line)
            continue
        keep, drop = (current, (label, raw, line)) if mapping.rank(current[0]) <= mapping.rank(label) \
            else ((label, raw, line), current)
        chosen[key] = keep
        if V.clean_text(keep[1]) != V.clean_text(drop[1]):
            field = target_field(key)
            name = field.label if field else key
            problems.warn(record.where, drop[2], key, f"“{keep[0]}”（{V.clean_text(keep[1])[:40]}）与“{drop[0]}”"
                          f"（{V.clean_text(drop[1])[:40]}）都对应{name}，已采用“{keep[0]}”",
                          "若应采用另一列，在映射文件 columns 中把不用的列写成 -", name)
    for key, value in defaults.items():
        if key not in chosen and not V.is_empty(value):
            chosen[key] = ("默认值", value, record.line)
    order = sorted(chosen, key=lambda k: (k != BODY, k == ATTACHMENTS))   # body before the 附件 list
    for key in order:
        _set(draft, key, chosen[key][1], chosen[key][2], mapping, problems, record)
    for key, problem, fix, line in record.notes:
        problems.warn(record.where, line or record.line, key, problem, fix, schema.label(key))
    for key, problem, fix, line in record.errors:
        problems.add(record.where, line or record.line, key, problem, fix, schema.label(key))
    _finish_validity(draft, problems)
    return draft


def _controls(text: str, key: str, line: int, record: Record, problems: Problems) -> str:
    """``text`` without invisible control characters (NUL, bidi overrides …), with a warning naming them."""
    clean, removed = V.strip_controls(text)
    if removed:
        names = "、".join(f"U+{ord(c):04X}" for c in removed[:5])
        field = target_field(key) if key and key not in (IGNORE,) else None
        problems.warn(record.where, line, key if field else "", f"值中含有不可见的控制字符（{names}），已删除",
                      "核对源数据中这一格的内容", field.label if field else "")
    return clean


def _fail(draft: Draft, problems: Problems, line: int, key: str, pair: tuple[str, str], label: str) -> None:
    problems.add(draft.where, line, key, pair[0], pair[1], label)


def _set(draft: Draft, key: str, raw, line: int, mapping: Mapping, problems: Problems, record: Record) -> None:
    top = key.split(".")[0]
    draft.lines.setdefault(top, line)
    if key == BODY:
        draft.body = _body(raw, record, draft, problems, line)
        return
    if key == ATTACHMENTS:
        _attachments(raw, record, draft, problems, line)
        return
    field = target_field(key)
    if isinstance(raw, (list, dict)) and field.kind not in (schema.LIST, schema.TOPICS, schema.REFS):
        kind = "列表" if isinstance(raw, list) else "字段块"
        _fail(draft, problems, line, key, (f"应为一个值，实际是{kind}：{V.preview(raw)}", "在源数据中只写一个值"), field.label)
        return
    if isinstance(raw, (list, dict)) and any(isinstance(v, (list, dict)) for v in (raw.values() if isinstance(raw, dict) else raw)):
        _fail(draft, problems, line, key, (f"应为文字列表，实际含有嵌套的列表或字段块：{V.preview(raw)}",
                                           "每项只写一个文字"), field.label)
        return
    if top in REMAPPABLE and "." not in key:
        raw = mapping.map_value(top, V.clean_text(raw))
    value, error = _convert(field, key, raw, mapping)
    if error:
        _fail(draft, problems, line, key, error, field.label)
        return
    if "." in key:
        draft.data.setdefault(top, {})
        if isinstance(draft.data[top], str):          # validity: 有效 given as text, dates as columns
            draft.data[top] = {"status": draft.data[top]}
        draft.data[top][key.split(".", 1)[1]] = value
    elif isinstance(draft.data.get(top), dict) and top == "validity":
        draft.data[top]["status"] = value
    else:
        draft.data[top] = value


def _convert(field: schema.Field, key: str, raw, mapping: Mapping):
    kind = field.kind
    if key == "index_no":
        text = unicodedata.normalize("NFKC", V.clean_text(raw)).replace(" ", "")
        return text, None
    if kind == schema.DATE:
        date, error = V.parse_date(raw)
        return (date.isoformat() if date else None), error
    if kind == schema.VALIDITY or key == "validity.status":
        return V.parse_validity(raw)
    if key == "scope":
        return V.parse_scope(raw)
    if kind == schema.TOPICS:
        return [mapping.map_value("topics", t) for t in V.split_multi(raw)], None
    if kind == schema.LIST:
        return (V.split_keywords(raw) if key == "keywords" else V.split_lines(raw)), None
    if kind == schema.REFS:
        return [unicodedata.normalize("NFKC", t).replace(" ", "") for t in V.split_multi(raw)], None
    if kind == schema.BOOL:
        return V.parse_bool(raw)
    if kind in (schema.INT, schema.NUMBER):
        return V.parse_number(raw, kind == schema.INT, year=key.endswith(".year"))
    if kind == schema.TEXT:
        return V.clean_block(raw), None
    if field.choices:
        text = V.clean_text(raw)
        if text not in field.choices:
            return None, (f"取值 {text!r} 不在可选范围（{'、'.join(field.choices)}）内", "可选值：" + "、".join(field.choices))
        return text, None
    return V.clean_text(raw), None


def _finish_validity(draft: Draft, problems: Problems) -> None:
    block = draft.data.get("validity")
    if isinstance(block, dict) and "status" not in block:
        status = "废止" if "repealed" in block else "失效" if "expires" in block else "有效"
        block["status"] = status
        problems.warn(draft.where, draft.line_of("validity"), "validity", f"只有日期没有有效性状态，已按日期记为“{status}”",
                      "在源文件中加“有效性”列核对", schema.label("validity"))
    if isinstance(block, dict) and set(block) == {"status"}:
        draft.data["validity"] = block["status"]


def link_resolver(record: Record, draft: Draft, problems: Problems, line: int):
    """href → link in the item: local files (inside the source folder) become attachments, relative
    links absolute when the site is known."""
    warned = set()

    def resolve(href: str) -> str:
        if not href or href.startswith(("http://", "https://", "mailto:", "tel:")):
            return href
        if href.startswith("//"):
            return "https:" + href
        target, instead = confine.follow_link(
            href, record.base_dir, record.root, record.base_url,
            lambda error, problem, fix: (problems.add if error else problems.warn)(
                record.where, line, "body", problem, fix, schema.label("body")))
        if instead is not None:
            return instead
        if target is not None:
            if target not in [f[1] for f in draft.files]:
                draft.files.append((target.name, target))
            return htmlmd.quote_name(target.name)
        if record.base_url:
            return urljoin(record.base_url, href)
        if href not in warned:
            warned.add(href)
            problems.warn(record.where, line, "body", f"正文链接 {href!r} 是相对地址，原网址未知，已原样保留",
                          "用 --base-url 指定原网站地址后重新导入", schema.label("body"))
        return href
    return resolve


def _body(raw, record: Record, draft: Draft, problems: Problems, line: int) -> str:
    text = str(raw)
    if htmlmd.looks_like_html(text):
        try:
            return htmlmd.to_markdown(text, link_resolver(record, draft, problems, line))
        except RecursionError:
            problems.add(record.where, line, "body", "正文 HTML 的元素嵌套层级过深，无法转换",
                         "检查这一格的正文是否完整；或改为纯文本", schema.label("body"))
            return ""
    return htmlmd.plain_to_markdown(text)


def _attachments(raw, record: Record, draft: Draft, problems: Problems, line: int) -> None:
    """附件 column: one per line or ；, each ``path`` or ``名称|path``; URLs stay links in the body.

    A local path must stay inside the source folder and name an allowed type (:mod:`.confine`).
    """
    listed = []
    for entry in V.split_lines(raw):
        title, _, ref = entry.rpartition("|") if "|" in entry else ("", "", entry)
        ref = ref.strip()
        kind = urls.scheme(ref)
        if kind is not None and not confine.is_absolute(ref):
            problem = urls.check_url(ref, relative=False)
            if problem:
                _fail(draft, problems, line, "attachments", (f"附件地址 {ref!r}：{problem}", "写附件文件的相对路径，或 https:// 开头的网址"), "附件")
            else:
                listed.append((title.strip() or Path(ref).name, ref))
            continue
        try:
            target = confine.attachment(ref, record.base_dir, record.root)
        except confine.Refused as exc:
            _fail(draft, problems, line, "attachments", (exc.problem, exc.fix), "附件")
            continue
        if target is not None:
            draft.files.append((title.strip() or target.name, target))
        elif not record.base_url:
            _fail(draft, problems, line, "attachments", (f"附件文件不存在：{ref!r}",
                  "附件路径相对于源文件所在文件夹；把附件放到该处，或写完整网址"), "附件")
        else:
            listed.append((title.strip() or Path(ref).name, urljoin(record.base_url, ref)))
    if listed:
        lines = [f"{n}. [{htmlmd.escape(t)}]({htmlmd.url(u)})" for n, (t, u) in enumerate(listed, 1)]
        draft.body = ((draft.body or "") + "\n\n**附件：**\n\n" + "\n".join(lines)).lstrip("\n")
