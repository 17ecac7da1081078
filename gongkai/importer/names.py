"""Map 信息类别, 发布机构 and 主题分类 onto taxonomy.yml; unknown names are reported with the closest match,
or — with ``--add-topics`` / ``--add-publishers`` — collected as additions to taxonomy.yml."""
from __future__ import annotations

import collections
import copy
import dataclasses
import re

from plugins.catalog import schema
from plugins.catalog.taxonomy import Publisher, Taxonomy

from . import values as V
from .rows import Draft

MISSING_FIX = {
    "title": "在源文件中加“标题”或“名称”列并填写",
    "published": "填写“发布日期”，如 2019-01-27",
    "category": "加“信息类别”列，或用 --category（CATEGORY=）/ 映射文件 defaults.category 指定",
    "publisher": "加“发布机构”列，或用 --publisher / 映射文件 defaults.publisher 指定",
}
_CODE = re.compile(r"^([0-9A-Z]{9}|[0-9A-Z]{18})/")


@dataclasses.dataclass
class Additions:
    topics: dict[str, list[str]] = dataclasses.field(default_factory=dict)   # top -> new subs ([] = new top only)
    publishers: list[Publisher] = dataclasses.field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.topics or self.publishers)


def publisher_key(name: str, taken: set[str]) -> str:
    """A URL key from the initials of the name's pinyin (海澄市财政局 → hcsczj), unique in taxonomy.yml."""
    try:
        from unidecode import unidecode  # installed with Pelican
        base = "".join(w[0] for w in unidecode(name).split() if w[:1].isalnum()).lower()
    except ImportError:
        base = ""
    base = re.sub(r"[^a-z0-9]", "", base) or "jg"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}{n}", n + 1
    taken.add(key)
    return key


def resolve_names(drafts: list[Draft], tax: Taxonomy, add_topics: bool, add_publishers: bool) -> tuple[Taxonomy, Additions]:
    """Check every draft's names in place; return the taxonomy as it would be after the additions."""
    additions = Additions()
    merged = Taxonomy(list(tax.categories), list(tax.publishers), copy.deepcopy(tax.topics))
    new_publishers: dict[str, collections.Counter] = {}
    for d in drafts:
        for key in ("title", "published", "category", "publisher"):
            if key not in d.data and not any(p.key == key for p in d.problems.errors):
                d.problems.add(d.where, d.line, key, "缺少必填字段", MISSING_FIX[key], schema.label(key))
        _category(d, merged)
        name = d.data.get("publisher")
        if name and merged.publisher(name) is None and name not in new_publishers:
            if add_publishers:
                new_publishers[name] = collections.Counter()
            else:
                near = V.closest(name, [p.name for p in merged.publishers])
                hint = f"是不是“{near}”？在映射文件 values.publisher 中写 {name}: {near}" if near else \
                    "在 taxonomy.yml 的 publishers 中添加该机构"
                d.problems.add(d.where, d.line_of("publisher"), "publisher", f"发布机构 {name!r} 不在 taxonomy.yml 中",
                               hint + "；或加 --add-publishers 自动添加", schema.label("publisher"))
        if name in new_publishers and _CODE.match(d.data.get("index_no", "")):
            new_publishers[name][_CODE.match(d.data["index_no"]).group(1)] += 1
        _topics(d, merged, additions, add_topics)
    taken = {p.key for p in merged.publishers}
    for name, codes in new_publishers.items():
        code = sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if codes else ""
        publisher = Publisher(key=publisher_key(name, taken), name=name, code=code)
        merged.publishers.append(publisher)
        additions.publishers.append(publisher)
    return merged, additions


def _category(d: Draft, tax: Taxonomy) -> None:
    text = d.data.get("category")
    if not text:
        return
    category = tax.category(text)
    if category is not None:
        d.data["category"] = category.label
        return
    labels = [c.label for c in tax.categories]
    near = V.closest(text, labels)
    fix = f"是不是“{near}”？在映射文件 values.category 中写 {text}: {near}" if near else "可选：" + "、".join(labels)
    d.problems.add(d.where, d.line_of("category"), "category", f"信息类别 {text!r} 不在 taxonomy.yml 中", fix,
                   schema.label("category"))


def _topics(d: Draft, tax: Taxonomy, additions: Additions, add: bool) -> None:
    out = []
    for text in d.data.get("topics", []):
        pair = V.resolve_topic(text, tax.topics)
        if pair is None and add:
            top, sub = V.split_topic(text)
            if top not in tax.topics:
                tax.topics[top] = []
                additions.topics.setdefault(top, [])
            if sub and sub not in tax.topics[top]:
                tax.topics[top].append(sub)
                additions.topics.setdefault(top, []).append(sub)
            pair = (top, sub)
        if pair is None:
            top, sub = V.split_topic(text)
            where = f"一级分类“{top}”下没有“{sub}”" if sub and top in tax.topics else "不是 taxonomy.yml 中的主题分类"
            d.problems.add(d.where, d.line_of("topics"), "topics", f"主题分类“{text}”{where}",
                           "写成“一级\\二级”，如 科技、教育\\科技；或在映射文件 values.topics 中对应；"
                           "或加 --add-topics 添加到 taxonomy.yml", schema.label("topics"))
            continue
        value = "/".join(p for p in pair if p)
        if value not in out:
            out.append(value)
    if out or "topics" in d.data:
        d.data["topics"] = out
