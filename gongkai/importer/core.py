"""Run an import end to end: read → map → plan → (with ``write``) change files. Used by the CLI and the bench.

Writing is the only step with side effects and it is idempotent: taxonomy.yml gets insertions
only, attachments are copied only when missing or different, and an item file is written only
when its bytes change.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from plugins._shared import safeio
from plugins._shared.diagnostics import Problems, relpath
from plugins.catalog.load import TAXONOMY_FILE, Settings
from plugins.catalog.taxonomy import load_taxonomy

from . import existing as existing_mod
from . import sources as src
from .confine import source_root
from .mapping import load_mapping
from .plan import NEW, UPDATE, Context, Plan, plan_import
from .rows import map_record
from .taxedit import EditError, add_publishers, add_topics


@dataclasses.dataclass
class Request:
    paths: list[Path]
    format: str | None = None
    mapping: Path | None = None
    write: bool = False
    update: bool = False
    add_topics: bool = False
    add_publishers: bool = False
    category: str | None = None          # defaults for rows without the column
    publisher: str | None = None
    sheet: str | None = None
    encoding: str | None = None
    base_url: str | None = None


@dataclasses.dataclass
class Result:
    sources: list = dataclasses.field(default_factory=list)
    plan: Plan | None = None
    problems: Problems = dataclasses.field(default_factory=Problems)   # file-level problems
    written: list[Path] = dataclasses.field(default_factory=list)
    copied: list[Path] = dataclasses.field(default_factory=list)
    taxonomy_changed: bool = False

    @property
    def failed(self) -> bool:
        """Exit non-zero: a file could not be read, or a row was rejected."""
        rejected = self.plan is not None and any(not e.draft.ok for e in self.plan.entries)
        return bool(self.problems.errors) or rejected

    def all_problems(self) -> list:
        rows = [p for e in (self.plan.entries if self.plan else []) for p in e.draft.problems]
        return sorted(set(self.problems) | set(rows), key=lambda p: (p.path, p.line, p.key, p.message))


def where(path: Path, root: Path) -> str:
    return relpath(path, root)


def run_import(req: Request, settings: Settings, template: str, org_code: str) -> Result:
    result = Result()
    mapping = load_mapping(req.mapping, settings.root, result.problems)
    tax = load_taxonomy(settings.catalog_dir / TAXONOMY_FILE, settings.root, result.problems)
    setup_failed = bool(result.problems.errors)   # the sources are still read, so every problem is shown at once
    options = {**mapping.csv, **mapping.html, "labels": mapping.columns}
    for key, value in (("sheet", req.sheet), ("encoding", req.encoding), ("base_url", req.base_url)):
        if value:
            options[key] = value
    records = []
    for path in req.paths:
        if not path.exists():
            result.problems.add(where(path, settings.root), 0, "", "找不到要导入的文件或文件夹", "检查 SRC= 后的路径")
            continue
        files = src.source_files(path, req.format)
        if not files:
            result.problems.add(where(path, settings.root), 0, "", "文件夹中没有可导入的文件",
                                "支持 .csv .xlsx .json .jsonl .html；或用 FORMAT= 指定格式")
        for file in files:
            fmt = src.detect_format(file, req.format)
            name = where(file, settings.root)
            if fmt is None:
                result.problems.add(name, 0, "", f"无法从扩展名 {file.suffix!r} 判断格式",
                                    "用 FORMAT=csv|xlsx|json|jsonl|html 指定")
                continue
            source = src.read_source(file, fmt, name, options, result.problems, root=source_root(path))
            if source is not None:
                result.sources.append(source)
                records += source.records
    if setup_failed:
        return result
    defaults = {**mapping.defaults}
    defaults.update({k: v for k, v in (("category", req.category), ("publisher", req.publisher)) if v})
    unknown: dict[str, set] = {}
    drafts = [map_record(r, mapping, defaults, unknown) for r in records]
    for name, labels in sorted(unknown.items()):
        line = next((s.header_line for s in result.sources if s.where == name), 0)
        for label in sorted(labels):
            result.problems.warn(name, line, "", f"列“{label}”没有对应的字段，未导入",
                                 f"在映射文件 columns 中写 {label}: 字段键；不需要的列写 {label}: -")
    ctx = Context(settings, template, org_code, tax, existing_mod.scan(settings.catalog_dir, settings.root))
    result.plan = plan_import(drafts, ctx, req.update, req.add_topics, req.add_publishers)
    if req.write:
        apply(result, settings)
    return result


def apply(result: Result, settings: Settings) -> None:
    """Write taxonomy additions, attachments and item files (only what changes)."""
    plan = result.plan
    if plan.additions and any(e.action in (NEW, UPDATE) for e in plan.entries):
        path = settings.catalog_dir / TAXONOMY_FILE
        text = path.read_text(encoding="utf-8")
        try:
            if plan.additions.topics:
                text = add_topics(text, plan.additions.topics)
            if plan.additions.publishers:
                text = add_publishers(text, plan.additions.publishers)
        except EditError as exc:
            result.problems.add(relpath(path, settings.root), 0, "", f"无法自动修改分类表：{exc}",
                                "按报告中“将添加到 taxonomy.yml”的内容手工添加后，去掉 --add-topics/--add-publishers 重新导入")
            return
        path.write_text(text, encoding="utf-8")
        result.taxonomy_changed = True
    folders: set[Path] = set()
    for entry in plan.entries:
        if entry.action not in (NEW, UPDATE):
            continue
        for source, dest in entry.copies:
            try:    # checked again as it is read: the file may have been replaced since the plan
                data = safeio.read_bytes(source, entry.draft.root or source.parent, "attachment")
            except safeio.Refused as exc:
                result.problems.add(entry.draft.where, entry.draft.line_of("attachments"), "attachments",
                                    f"附件 {source.name!r} {exc.problem}，未复制", exc.fix, "附件")
                continue
            if not dest.exists() or dest.read_bytes() != data:
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(data)
                result.copied.append(dest)
        data = entry.text.encode("utf-8")
        if not entry.path.exists() or entry.path.read_bytes() != data:
            if entry.path.parent not in folders:
                entry.path.parent.mkdir(parents=True, exist_ok=True)
                folders.add(entry.path.parent)
            entry.path.write_bytes(data)
            result.written.append(entry.path)
