"""Plan an import: give every row its 索引号 and file, render it, validate it with the catalog's own
``build_item``, and compare it with what is already there. Nothing is written here.

Actions: ``new`` (a file to create), ``update`` (an existing item that differs, with ``--update``),
``unchanged`` (already imported: same data), ``conflict`` (exists and differs, not overwritten) and
``rejected`` (has errors). Re-running an import therefore reports everything ``unchanged``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from pathlib import Path

from plugins._shared.diagnostics import Problems
from plugins.catalog import index_numbers as idx
from plugins.catalog import schema
from plugins.catalog.load import COMPLETE_AFTER_IMPORT, Settings, build_item
from plugins.catalog.taxonomy import Taxonomy

from .emit import render_item
from .existing import ExistingCatalog, ExistingItem, match_key, parse_text
from .names import Additions, resolve_names
from .rows import Draft

NEW, UPDATE, SAME, CONFLICT, REJECTED = "new", "update", "unchanged", "conflict", "rejected"


@dataclasses.dataclass
class Context:
    settings: Settings            # root, catalog_dir, index_no_pattern, url_prefix
    template: str                 # how new 索引号 are written (idx.resolve_pattern)
    org_code: str                 # AGENCY org_code: prefix when a publisher has no code
    taxonomy: Taxonomy
    existing: ExistingCatalog


@dataclasses.dataclass
class Entry:
    draft: Draft
    action: str = REJECTED
    path: Path | None = None
    text: str = ""
    copies: list = dataclasses.field(default_factory=list)     # [(source file, destination)]
    changed: list = dataclasses.field(default_factory=list)    # labels of fields that differ
    category: str = ""
    year: int = 0


@dataclasses.dataclass
class Plan:
    entries: list[Entry]
    additions: Additions
    taxonomy: Taxonomy


def plan_import(drafts: list[Draft], ctx: Context, update=False, add_topics=False, add_publishers=False) -> Plan:
    tax, additions = resolve_names(drafts, ctx.taxonomy, add_topics, add_publishers)
    _number(drafts, ctx, tax)
    batch = {d.index_no for d in drafts if d.ok}
    taken = set(ctx.existing.paths)
    entries = []
    for d in drafts:
        entry = Entry(d)
        if d.ok:
            _check_refs(d, ctx.existing, batch)
        if d.ok:
            _render(entry, ctx, tax, taken, update)
        entries.append(entry)
    return Plan(entries, additions, tax)


def _number(drafts: list[Draft], ctx: Context, tax: Taxonomy) -> None:
    """Given numbers first (format, duplicates), then matches to earlier imports, then new numbers."""
    pattern = ctx.settings.index_no_pattern
    claimed: dict[str, Draft] = {}
    for d in drafts:
        number = d.data.get("index_no")
        if not number or not d.ok:
            continue
        if not idx.check_format(number, pattern):
            d.problems.add(d.where, d.line_of("index_no"), "index_no", f"索引号 {number!r} 不符合本站格式 {pattern}",
                           "索引号发布后不能修改：在 pelicanconf.py 的 INDEX_NO_PATTERN 中改用本机构的格式"
                           "（预设 govcn、unit-dash、year-month，或写正则表达式）", schema.label("index_no"))
        elif number in claimed:
            first = claimed[number]
            other = f"第 {first.line_of('index_no')} 行" if first.where == d.where else \
                f"{first.where}:{first.line_of('index_no')}"
            d.problems.add(d.where, d.line_of("index_no"), "index_no", f"索引号 {number} 与{other}重复",
                           "索引号必须唯一：核对两行是否同一文件，删除重复的一行", schema.label("index_no"))
        else:
            claimed[number] = d
            d.index_no = number
    # every given number is reserved, even on a rejected row: fixed and re-imported later, it must still be free
    numbers = list(ctx.existing.by_index) + [d.data["index_no"] for d in drafts if d.data.get("index_no")]
    used = set(claimed)                 # existing items already matched by a row of this batch
    pools: dict[str, list[str]] = {}
    for d in drafts:
        if d.index_no or not d.ok:
            continue
        key = match_key(d.data["title"], d.data.get("doc_no", ""), d.data["published"])
        match = next((i for i in ctx.existing.by_match.get(key, []) if i.index_no not in used), None)
        if match is not None:
            d.index_no = match.index_no
            used.add(match.index_no)
            continue
        publisher = tax.publisher(d.data["publisher"])
        code = publisher.code or ctx.org_code
        if not code:
            d.problems.add(d.where, d.line, "index_no", f"没有索引号，且发布机构“{publisher.name}”没有组织机构代码，无法分配",
                           "在 taxonomy.yml 中给该机构填写 code，或在源文件中填写索引号", schema.label("index_no"))
            continue
        published = dt.date.fromisoformat(d.data["published"])
        stem = ctx.template.format(code=code, year=published.year, month=published.month, serial=0).rsplit("-", 1)[0]
        if stem not in pools:
            pools[stem] = [n for n in numbers if n.startswith(stem)]
        number = idx.next_index_no(pools[stem], code, published.year, published.month, ctx.template)
        pools[stem] = [number]          # the new maximum: the next call continues from it
        d.index_no, d.assigned = number, True
        d.data["index_no"] = number


def _check_refs(d: Draft, existing: ExistingCatalog, batch: set[str]) -> None:
    for key in ("interprets", "supersedes"):
        for number in d.data.get(key, []):
            if number not in existing.by_index and number not in batch:
                d.problems.add(d.where, d.line_of(key), key, f"关联的索引号 {number} 在目录和本次导入中都不存在",
                               "检查索引号是否抄错，或先导入被关联的条目", schema.label(key))


def _path(ctx: Context, category_key: str, year: int, number: str, taken: set[Path]) -> Path:
    """catalog/<category>/<year>/<serial>.md; if two publishers share a serial, the whole 索引号 names the file."""
    base = ctx.settings.catalog_dir / category_key / str(year)
    slug = idx.url_slug(number).replace("/", "-")
    names = itertools.chain([slug.rsplit("-", 1)[-1], slug], (f"{slug}-{n}" for n in range(2, 100)))
    for name in names:
        path = base / f"{name}.md"
        if path not in taken:
            taken.add(path)
            return path
    raise RuntimeError(f"no free file name for {number}")


def _render(entry: Entry, ctx: Context, tax: Taxonomy, taken: set[Path], update: bool) -> None:
    d = entry.draft
    old: ExistingItem | None = ctx.existing.by_index.get(d.index_no)
    category = tax.category(d.data["category"])
    published = dt.date.fromisoformat(d.data["published"])
    entry.category, entry.year = category.label, published.year
    if old is not None and not old.parsed:
        d.problems.add(d.where, d.line_of("index_no"), "index_no", f"索引号 {d.index_no} 已存在于 {old.rel}，但该文件无法读取",
                       f"先运行 make check 修好 {old.rel}，再重新导入", schema.label("index_no"))
        return
    path = old.path if old else _path(ctx, category.key, published.year, d.index_no, taken)
    data = {**d.data, "index_no": d.index_no}
    attachments = []
    for title, source in d.files:
        dest = path.parent / "attachments" / path.stem / source.name
        entry.copies.append((source, dest))
        attachments.append({"path": dest.relative_to(path.parent).as_posix(), "title": title})
    body = d.body or ""
    if old is not None:
        data = {**old.data, **data}
        kept = [a for a in old.data.get("attachments", []) if isinstance(a, dict)]
        attachments = kept + [a for a in attachments if a["path"] not in {k.get("path") for k in kept}]
        body = body or old.body
    if attachments:
        data["attachments"] = attachments
    markdown = old.markdown if old else True
    entry.path, entry.text = path, render_item(data, body, markdown)
    current = old.path.read_bytes() if old else None
    if current is not None and current == entry.text.encode("utf-8"):
        entry.action = SAME               # the usual re-run: nothing to check or write
        return
    if not _valid(entry, ctx, tax, data, body, markdown):
        return
    if old is None:
        entry.action = NEW
        return
    before = parse_text(current, old.rel)
    after = parse_text(entry.text.encode("utf-8"), old.rel)
    if before and after and before[0] == after[0] and before[1].strip() == after[1].strip():
        entry.action = SAME               # same data, the editor only changed the layout
        return
    entry.changed = _changed(before, after)
    entry.action = UPDATE if update else CONFLICT
    if not update:
        d.problems.warn(d.where, d.line_of("index_no"), "index_no",
                        f"索引号 {d.index_no} 已存在于 {old.rel}，内容不同（{'、'.join(entry.changed)}），未覆盖",
                        "核对后加 --update（make import … UPDATE=1）更新该文件", schema.label("index_no"))


def _valid(entry: Entry, ctx: Context, tax: Taxonomy, data: dict, body: str, markdown: bool) -> bool:
    """Run the catalog's own checks on the text (attachments not yet copied are left out of the check)."""
    d = entry.draft
    present = [a for a in data.get("attachments", []) if (entry.path.parent / a["path"]).is_file()]
    check = {k: v for k, v in data.items() if k != "attachments"}
    if present:
        check["attachments"] = present
    text = entry.text if len(present) == len(data.get("attachments", [])) else render_item(check, body, markdown)
    found = Problems()
    build_item(entry.path, text.encode("utf-8"), ctx.settings, tax, found)
    for p in found:
        line = d.line_of(p.key.split("[")[0]) if p.key else d.line
        if p.message.endswith(COMPLETE_AFTER_IMPORT):
            # never guessed: the item is written and the editor completes it (make check fails until then)
            what = "有效性" if p.key == "validity" else "成文日期"
            d.problems.warn(d.where, line, p.key, f"源数据没有{what}：{p.message}",
                            f"导入后在 {entry.path.name} 中补写 {p.key}（{what}）", p.label)
            continue
        (d.problems.add if p.is_error else d.problems.warn)(d.where, line, p.key, p.message, p.fix, p.label)
    return not [p for p in found.errors if not p.message.endswith(COMPLETE_AFTER_IMPORT)]


def _changed(before, after) -> list[str]:
    if not before or not after:
        return ["无法比较"]
    keys = sorted(set(before[0]) | set(after[0]), key=lambda k: list(schema.BY_KEY).index(k) if k in schema.BY_KEY else 99)
    out = [schema.label(k) or k for k in keys if before[0].get(k) != after[0].get(k)]
    if before[1].strip() != after[1].strip():
        out.append("正文")
    return out

