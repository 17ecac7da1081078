"""catalog/taxonomy.yml: categories, publishers (with organisation codes) and 主题分类.

Every value here ends up in URLs (``key``), in every page (names) or in a check (``stale_days``),
so each is validated at load time with a ``path:line`` message: a ``key`` is a short lower-case
word (it becomes a folder of the site — ``../..`` must never reach the writer), names are one line
of plain text, numbers are numbers.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from plugins._shared import yamlfile, yamlpos
from plugins._shared.diagnostics import Problems, relpath

from . import slips

KEY_RE = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
CODE_RE = re.compile(r"^[0-9A-Z]{6,20}$")
KINDS = ("", "service", "budget", "regulation", "normative", "interpretation")
# A publisher with a ``type`` is a *body* (条例第四十九条: a government or one of its departments): it has its
# own 年报, 公开指南 and landing page (plugins/bodies). Publishers without one only publish items.
BODY_TYPES = ("政府", "部门")
MAX_NAME = 100


@dataclasses.dataclass
class Category:
    key: str            # URL segment, e.g. "gfxwj"
    label: str          # 行政规范性文件
    article: str = ""   # 条例第二十条第（一）项
    column_type: str = "信息公开目录"   # <meta name="ColumnType">
    kind: str = ""      # service | budget | regulation | normative | interpretation | ""
    stale_days: int = 183   # 栏目不更新 threshold (国办秘函〔2019〕19号: policy columns 6 months, news 2 weeks)
    description: str = ""
    line: int = dataclasses.field(default=0, repr=False, compare=False)   # its line in taxonomy.yml (messages)


@dataclasses.dataclass
class Publisher:
    key: str
    name: str
    code: str = ""
    former_codes: tuple = ()   # codes of 索引号 kept from before a reorganisation (索引号 never change)
    type: str = ""             # 政府 | 部门 (a body, see BODY_TYPES) | "" (only a publisher)
    report_since: int | None = None   # first year whose 年报 the missing-report check asks for (None: its first report)
    line: int = dataclasses.field(default=0, repr=False, compare=False)   # its line in taxonomy.yml (messages)

    @property
    def is_body(self) -> bool:
        return bool(self.type)


@dataclasses.dataclass
class Taxonomy:
    categories: list[Category]
    publishers: list[Publisher]
    topics: dict[str, list[str]]   # top level -> second level
    broken: bool = False           # taxonomy.yml could not be read: items are not checked against it

    def category(self, value: str) -> Category | None:
        return next((c for c in self.categories if value in (c.label, c.key)), None)

    def publisher(self, value: str) -> Publisher | None:
        return next((p for p in self.publishers if value in (p.name, p.key)), None)

    def topic(self, value: str) -> tuple[str, str] | None:
        """``科技、教育/科技`` or ``科技、教育\\科技`` or a top level alone → (top, sub)."""
        text = value.replace("\\", "/").strip()
        top, _, sub = text.partition("/")
        if top not in self.topics:
            return None
        if sub and sub not in self.topics[top]:
            return None
        return top, sub

    def topic_key(self, top: str, sub: str = "") -> str:
        """Stable URL segment for a topic: position numbers, not pinyin (no extra dependency)."""
        tops = list(self.topics)
        i = tops.index(top) + 1
        if not sub:
            return f"t{i:02d}"
        return f"t{i:02d}-{self.topics[top].index(sub) + 1:02d}"


def line_problem(text: str, limit: int = MAX_NAME) -> tuple[str, str]:
    """(problem, fix) of a one-line value — control or invisible characters, a line break, too long — or ("", "")."""
    if slips.control(text):
        return f"含有控制字符 {slips.control(text)}", "删除后重新输入，只写一行文字"
    if "\n" in text:
        return "含有换行", "删除后重新输入，只写一行文字"
    if slips.invisible(text):
        return f"含有不可见字符：{slips.char_names(text)}", "删除后重新输入，只写一行文字"
    if len(text) > limit:
        return f"过长（{len(text)} 字，上限 {limit} 字）", "写简短的名称"
    return "", ""


class _Reader:
    """Typed access to one entry of taxonomy.yml, reporting each wrong value with its line."""

    def __init__(self, rel: str, entry: yamlpos.LineDict, section: str, problems: Problems):
        self.rel, self.entry, self.section, self.problems = rel, entry, section, problems
        self.ok = True

    def fail(self, key: str, message: str, fix: str) -> None:
        self.problems.add(self.rel, self.entry.line_of(key), f"{self.section}.{key}", message, fix)
        self.ok = False

    def text(self, key: str, required: bool = False, default: str = "") -> str:
        value = self.entry.get(key)
        if value is None or value == "":
            if required:
                self.fail(key, f"缺少 {key}", f"给这一项写上 {key}")
            return default
        if isinstance(value, (dict, list)) or isinstance(value, bool):
            self.fail(key, f"{key} 应为一行文本，实际是{'列表' if isinstance(value, list) else '字段块' if isinstance(value, dict) else '是/否值'}",
                      f"写成 {key}: 文本")
            return default
        text = yamlpos.as_written(value).strip()
        problem, fix = line_problem(text)
        if problem:
            self.fail(key, f"{key} {problem}", fix)
            return default
        return text

    def year(self, key: str) -> int | None:
        value = self.entry.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2100:
            self.fail(key, f"{key} 应为四位年份，实际是 {yamlpos.as_written(value)!r}", f"只写年份，如 {key}: 2025")
            return None
        return int(value)

    def key(self, required: bool = True) -> str:
        text = self.text("key", required)
        if text and not KEY_RE.match(text):
            self.fail("key", f"key {text!r} 不能用于网址", "key 只用小写字母、数字和 -，以字母开头，不超过 32 个字符，如 gfxwj")
            return ""
        return text

    def integer(self, key: str, default: int, low: int, high: int) -> int:
        value = self.entry.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, f"{key} 应为整数天数，实际是 {yamlpos.as_written(value)!r}", f"只写数字，如 {key}: {default}")
            return default
        if not low <= value <= high:
            self.fail(key, f"{key} 为 {value}，超出合理范围（{low}—{high}）", f"写 {low} 到 {high} 之间的天数")
            return default
        return int(value)


def load_taxonomy(path: Path, root: Path, problems: Problems) -> Taxonomy:
    """Read taxonomy.yml; shape errors go to ``problems`` with their line."""
    rel = relpath(path, root)
    empty = Taxonomy([], [], {}, broken=True)
    read = yamlfile.read(path, root, "taxonomy", rel, problems,
                         missing=("找不到分类表文件", "在 catalog/ 下创建 taxonomy.yml（见 docs/editor-guide.md）"))
    if read is None:
        return empty
    data = read[1]
    if not isinstance(data, dict):
        problems.add(rel, 1, "", "分类表应为键值结构", "顶层应有 categories、publishers、topics 三个键")
        return empty
    for key in data:
        if key not in ("categories", "publishers", "topics"):
            problems.add(rel, data.line_of(key), str(key), f"未知的分类表段“{key}”", "只能有 categories、publishers、topics 三段")
    cats = _categories(rel, data, problems)
    pubs = _publishers(rel, data, problems)
    topics = _topics(rel, data, problems)
    return Taxonomy(cats, pubs, topics)


def _entries(rel: str, data, section: str, problems: Problems, example: str) -> list:
    value = data.get(section) or []
    if not isinstance(value, list):
        problems.add(rel, data.line_of(section), section, f"{section} 应为列表", f"每项一行，以“- ”开头，如 {example}")
        return []
    out = []
    for entry in value:
        if not isinstance(entry, dict):
            problems.add(rel, data.line_of(section), section, f"{section} 的每一项应为字段块", f"例如 {example}")
            continue
        out.append(entry)
    return out


def _categories(rel: str, data, problems: Problems) -> list[Category]:
    cats, seen = [], set()
    for entry in _entries(rel, data, "categories", problems, "- {key: gz, label: 规章}"):
        r = _Reader(rel, entry, "categories", problems)
        key, label = r.key(), r.text("label", required=True)
        kind = r.text("kind")
        if kind not in KINDS:
            r.fail("kind", f"kind {kind!r} 不是已知的特殊类别", "可选：" + "、".join(k for k in KINDS if k))
        category = Category(key=key, label=label, article=r.text("article"),
                            column_type=r.text("column_type", default="信息公开目录"), kind=kind,
                            stale_days=r.integer("stale_days", 183, 0, 3650), description=r.text("description"),
                            line=entry.line or 0)
        for name in (key, label):
            if name and name in seen:
                problems.add(rel, entry.line, "categories", f"信息类别重复：{name}", "删除重复项")
                r.ok = False
        seen.update((key, label))
        if r.ok:
            cats.append(category)
    return cats


def _publishers(rel: str, data, problems: Problems) -> list[Publisher]:
    pubs, seen = [], set()
    for entry in _entries(rel, data, "publishers", problems, "- {key: czj, name: 海澄市财政局, code: MB1C3751X}"):
        r = _Reader(rel, entry, "publishers", problems)
        key, name, code = r.key(), r.text("name", required=True), r.text("code")
        if code and not CODE_RE.match(code):
            r.fail("code", f"code {code!r} 不是组织机构代码或统一社会信用代码",
                   "写 9 位组织机构代码或 18 位统一社会信用代码（大写字母和数字，不带“-”）")
        kind = r.text("type")
        if kind and kind not in BODY_TYPES:
            r.fail("type", f"type {kind!r} 不是机关类型", "写 政府（本级人民政府）或 部门（政府工作部门）；只发布信息、不单独编年报和公开指南的机构不写 type")
            kind = ""
        since = r.year("report_since")
        if since is not None and not kind:
            r.fail("report_since", "只有写了 type（政府或部门）的机关才有年报", "添加 type: 部门（或 政府），或删除 report_since")
        former = entry.get("former_codes") or []
        if not isinstance(former, list) or not all(isinstance(c, str) and CODE_RE.match(c) for c in former):
            r.fail("former_codes", "former_codes 应为代码列表", "写成 former_codes: [MB1C3751X]")
            former = []
        for value in (key, name):
            if value and value in seen:
                problems.add(rel, entry.line, "publishers", f"发布机构重复：{value}", "删除重复项")
                r.ok = False
        seen.update((key, name))
        if r.ok:
            pubs.append(Publisher(key=key, name=name, code=code, former_codes=tuple(former), type=kind,
                                  report_since=since, line=entry.line or 0))
    return pubs


def _topics(rel: str, data, problems: Problems) -> dict[str, list[str]]:
    value = data.get("topics") or {}
    if not isinstance(value, dict):
        problems.add(rel, data.line_of("topics"), "topics", "topics 应为“一级分类: [二级分类, …]”的字段块",
                     "例如 财政、金融、审计: [财政, 税务]")
        return {}
    topics = {}
    for top, subs in value.items():
        line = value.line_of(top)
        if subs is None:
            subs = []
        if not isinstance(subs, list) or not all(isinstance(s, str) for s in subs):
            problems.add(rel, line, f"topics.{top}", "二级分类应为文本列表", f"写成 {top}: [二级分类一, 二级分类二]")
            continue
        names = [str(top), *subs]
        if any(slips.control(n) or "/" in n or "\\" in n or len(n) > MAX_NAME for n in names):
            problems.add(rel, line, f"topics.{top}", "主题分类名称含有控制字符、斜杠或过长", "分类名称只写文字，不用 / 或 \\")
            continue
        topics[str(top)] = [s.strip() for s in subs]
    return topics
