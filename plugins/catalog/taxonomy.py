"""catalog/taxonomy.yml: categories, publishers (with organisation codes) and 主题分类."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from plugins._shared import yamlpos
from plugins._shared.diagnostics import Problems, relpath


@dataclasses.dataclass
class Category:
    key: str            # URL segment, e.g. "gfxwj"
    label: str          # 行政规范性文件
    article: str = ""   # 条例第二十条第（一）项
    column_type: str = "信息公开目录"   # <meta name="ColumnType">
    kind: str = ""      # service | budget | regulation | normative | interpretation | ""
    stale_days: int = 183   # 栏目不更新 threshold (domain.md §5: policy 6 months, news 2 weeks)
    description: str = ""


@dataclasses.dataclass
class Publisher:
    key: str
    name: str
    code: str = ""


@dataclasses.dataclass
class Taxonomy:
    categories: list[Category]
    publishers: list[Publisher]
    topics: dict[str, list[str]]   # top level -> second level

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


def load_taxonomy(path: Path, root: Path, problems: Problems) -> Taxonomy:
    """Read taxonomy.yml; shape errors go to ``problems`` with their line."""
    rel = relpath(path, root)
    empty = Taxonomy([], [], {})
    try:
        data = yamlpos.load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.add(rel, 0, "", "找不到分类表文件", "在 catalog/ 下创建 taxonomy.yml（见 docs/editor-guide.md）")
        return empty
    except UnicodeDecodeError:
        problems.add(rel, 0, "", "文件不是 UTF-8 编码", "用编辑器另存为 UTF-8（无 BOM）")
        return empty
    except yaml.YAMLError as exc:
        problems.add(rel, yamlpos.error_line(exc), "", yamlpos.describe_error(exc, path.read_text(encoding='utf-8')), "按报错行修正缩进或引号")
        return empty
    if not isinstance(data, dict):
        problems.add(rel, 1, "", "分类表应为键值结构", "顶层应有 categories、publishers、topics 三个键")
        return empty
    cats, pubs = [], []
    seen = set()
    for entry in data.get("categories") or []:
        if not isinstance(entry, dict) or not entry.get("key") or not entry.get("label"):
            problems.add(rel, getattr(entry, "line", data.line_of("categories")), "categories",
                         "每个信息类别需要 key 和 label", "例如 - {key: gz, label: 规章}")
            continue
        if entry["key"] in seen or entry["label"] in seen:
            problems.add(rel, entry.line, "categories", f"信息类别重复：{entry['label']}", "删除重复项")
        seen.update((entry["key"], entry["label"]))
        cats.append(Category(
            key=str(entry["key"]), label=str(entry["label"]), article=str(entry.get("article", "")),
            column_type=str(entry.get("column_type", "信息公开目录")), kind=str(entry.get("kind", "")),
            stale_days=int(entry.get("stale_days", 183)), description=str(entry.get("description", "")),
        ))
    for entry in data.get("publishers") or []:
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("key"):
            problems.add(rel, getattr(entry, "line", data.line_of("publishers")), "publishers",
                         "每个发布机构需要 key 和 name", "例如 - {key: czj, name: 海澄市财政局, code: MB1C3751X}")
            continue
        pubs.append(Publisher(key=str(entry["key"]), name=str(entry["name"]), code=str(entry.get("code", ""))))
    topics = {}
    for top, subs in (data.get("topics") or {}).items():
        topics[str(top)] = [str(s) for s in (subs or [])]
    return Taxonomy(cats, pubs, topics)
