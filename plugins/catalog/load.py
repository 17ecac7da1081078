"""Load the whole catalog: read every file, validate, then check across items.

All problems of a run are collected into one :class:`Problems` list; nothing here
raises for bad content. ``load_catalog`` is what ``make check``, the Pelican plugin,
the importer and the benchmarks call.
"""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from plugins._shared.diagnostics import Problems, relpath
from plugins.index_numbers import core as idx

from . import schema
from .model import Attachment, Catalog, Item
from .reader import read_item
from .taxonomy import Taxonomy, load_taxonomy
from .validate import validate_fields

ITEM_SUFFIXES = (".md", ".yml", ".yaml")
TAXONOMY_FILE = "taxonomy.yml"


@dataclasses.dataclass
class Settings:
    """The catalog settings, from pelicanconf.py (``CATALOG_*``/``INDEX_NO_*``)."""

    root: Path                        # repository root: paths in messages are relative to it
    catalog_dir: Path
    index_no_pattern: str = idx.DEFAULT_PATTERN
    url_prefix: str = "gk"

    @classmethod
    def from_pelican(cls, settings: dict) -> Settings:
        root = Path(settings.get("GONGKAI_ROOT") or settings.get("PATH", ".")).resolve()
        if settings.get("GONGKAI_ROOT") is None and (root / ".." / "catalog").exists():
            root = root.parent
        catalog = Path(settings.get("CATALOG_PATH", root / "catalog"))
        if not catalog.is_absolute():
            catalog = root / catalog
        pattern, _ = idx.resolve_pattern(settings.get("INDEX_NO_PATTERN"))
        return cls(root=root, catalog_dir=catalog, index_no_pattern=pattern,
                   url_prefix=settings.get("CATALOG_URL_PREFIX", "gk"))


def item_files(catalog_dir: Path) -> list[Path]:
    """Every item file under catalog/, sorted, skipping taxonomy.yml and attachment folders."""
    found = []
    for dirpath, dirnames, filenames in os.walk(catalog_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in ("files", "attachments"))
        for name in filenames:
            if name.endswith(ITEM_SUFFIXES) and not name.startswith(".") and not (
                    Path(dirpath) == catalog_dir and name == TAXONOMY_FILE):
                found.append(Path(dirpath) / name)
    return sorted(found)


def build_item(path: Path, raw_bytes: bytes, settings: Settings, tax: Taxonomy, problems: Problems) -> Item | None:
    """One file → one :class:`Item`, or None with its problems reported."""
    rel = relpath(path, settings.root)
    raw = read_item(raw_bytes, rel, problems)
    if raw is None:
        return None
    values = validate_fields(raw.data, rel, problems)
    if values is None:
        return None
    data = raw.data
    ok = True
    index_no = values["index_no"]
    if not idx.check_format(index_no, settings.index_no_pattern):
        problems.add(rel, data.line_of("index_no"), "index_no", f"索引号 {index_no!r} 不符合本站格式 {settings.index_no_pattern}",
                     "按“机构代码/年份-五位流水号”书写，或用 make new 生成", schema.label("index_no"))
        ok = False
    category = tax.category(values["category"])
    if category is None:
        problems.add(rel, data.line_of("category"), "category", f"信息类别 {values['category']!r} 不在 taxonomy.yml 中",
                     "可选：" + "、".join(c.label for c in tax.categories), schema.label("category"))
        ok = False
    publisher = tax.publisher(values["publisher"])
    if publisher is None:
        problems.add(rel, data.line_of("publisher"), "publisher", f"发布机构 {values['publisher']!r} 不在 taxonomy.yml 中",
                     "使用 taxonomy.yml 中 publishers 的名称，或先在那里添加该机构", schema.label("publisher"))
        ok = False
    topics = []
    for text in values.get("topics", []):
        pair = tax.topic(text)
        if pair is None:
            problems.add(rel, data.line_of("topics"), "topics", f"主题分类 {text!r} 不在 taxonomy.yml 中",
                         "写成“一级/二级”，如 财政、金融、审计/财政", schema.label("topics"))
            ok = False
        else:
            topics.append(pair)
    if category is not None and category.kind in schema.KIND_BLOCKS:
        block = schema.KIND_BLOCKS[category.kind]
        if block not in values and block not in data:
            problems.add(rel, data.line or 1, block, f"“{category.label}”类条目必须填写 {block} 块",
                         f"添加 {block}: 并逐项填写（make new 生成的模板里有全部字段）", schema.label(block))
            ok = False
    attachments = []
    for entry in values.get("attachments", []):
        att = resolve_attachment(entry, path, settings, index_no, rel, problems)
        ok = ok and att is not None
        if att:
            attachments.append(att)
    validity = values.get("validity", {"status": "有效"})  # 废止 without a date is allowed: the page says 已废止
    if not ok:
        return None
    slug_path = idx.item_path(index_no, settings.url_prefix)
    published = values["published"]
    year = idx.index_year(index_no)
    if year and year != published.year:
        problems.warn(rel, data.line_of("index_no"), "index_no",
                      f"索引号中的年份 {year} 与发布日期 {published.isoformat()} 的年份不一致",
                      "索引号一经发布不能修改；若是新条目，请用 make new 重新生成", schema.label("index_no"))
    return Item(
        source=rel, line=data.line, lines=dict(data.lines), index_no=index_no, title=values["title"],
        category=category, publisher=publisher, published=published,
        url=slug_path[: -len("index.html")], save_as=slug_path,
        doc_no=values.get("doc_no", ""), written=values.get("written"), topics=topics,
        keywords=values.get("keywords", []), summary=values.get("summary", ""), validity=validity,
        genre=values.get("genre", ""), source_info=values.get("source", ""), scope=values.get("scope", "全部公开"),
        attachments=attachments, interprets=values.get("interprets", []), supersedes=values.get("supersedes", []),
        headnote=values.get("headnote", {}), service=values.get("service", {}), budget=values.get("budget", {}),
        pii_reviewed=values.get("pii_reviewed", False), pii_reason=values.get("pii_reason", ""),
        body=raw.body, body_line=raw.body_line,
    )


def resolve_attachment(entry: dict, item_path: Path, settings: Settings, index_no: str, rel: str,
                       problems: Problems) -> Attachment | None:
    """Attachment paths are relative to the item file (or to the repo with a leading /) and never leave the repo."""
    text = entry["path"]
    line = entry.get("_line", 0)
    base = settings.root if text.startswith("/") else item_path.parent
    target = (base / text.lstrip("/")).resolve()
    root = settings.root.resolve()
    if root not in target.parents:
        problems.add(rel, line, "attachments.path", f"附件路径 {text!r} 指向仓库以外",
                     "把附件放进仓库（如 catalog/files/）并写相对路径", "附件")
        return None
    if not target.is_file():
        problems.add(rel, line, "attachments.path", f"附件文件不存在：{text!r}",
                     "检查文件名和大小写，并确认附件已提交到仓库", "附件")
        return None
    slug = idx.url_slug(index_no)
    return Attachment(title=entry["title"], source=relpath(target, root), name=target.name,
                      url=f"{settings.url_prefix}/{slug}/{target.name}", size=target.stat().st_size,
                      ext=target.suffix.lstrip(".").upper())


def cross_check(items: list[Item], problems: Problems) -> None:
    """Checks that need the whole catalog: duplicate 索引号 and URLs, dangling relations."""
    groups: dict[str, list[Item]] = {}
    for item in sorted(items, key=lambda i: i.source):
        groups.setdefault(item.index_no, []).append(item)
    for number, group in groups.items():
        if len(group) > 1:
            for item in group:
                others = "、".join(f"{o.source}:{o.lines.get('index_no', o.line)}" for o in group if o is not item)
                problems.add(item.source, item.lines.get("index_no", item.line), "index_no",
                             f"索引号 {number} 重复，另见 {others}",
                             "索引号必须唯一且发布后不能修改：给新增的条目用 make new 重新生成索引号", schema.label("index_no"))
    seen = {number: group[0] for number, group in groups.items()}
    urls: dict[str, Item] = {}
    for item in seen.values():
        clash = urls.get(item.save_as)
        if clash is not None:
            problems.add(item.source, item.lines.get("index_no", item.line), "index_no",
                         f"索引号 {item.index_no} 与 {clash.source} 的 {clash.index_no} 生成相同网址",
                         "索引号中只用字母、数字、/ 和 -", schema.label("index_no"))
        urls[item.save_as] = item
    for item in items:
        for key in ("interprets", "supersedes"):
            for number in getattr(item, key):
                if number not in seen:
                    problems.add(item.source, item.lines.get(key, item.line), key, f"关联的索引号 {number} 在目录中不存在",
                                 "检查索引号是否抄错，或先提交被关联的条目", schema.label(key))
                elif number == item.index_no:
                    problems.add(item.source, item.lines.get(key, item.line), key, "条目不能关联自身", "删除这一项",
                                 schema.label(key))


def load_catalog(settings: Settings, problems: Problems, files: list[Path] | None = None,
                 render=None) -> Catalog:
    """Read and validate everything under ``settings.catalog_dir``.

    ``render`` (optional, e.g. :class:`render.BodyRenderer` settings dict) also turns every body into
    sanitized HTML. Unchanged files are taken from the in-process cache (see :mod:`.cache`), the rest
    are read in parallel when there are many.
    """
    from . import cache

    tax = load_taxonomy(settings.catalog_dir / TAXONOMY_FILE, settings.root, problems)
    paths = files if files is not None else item_files(settings.catalog_dir)
    items = []
    for item, item_problems in cache.read_items(paths, settings, tax, render):
        problems.extend(item_problems)
        if item is not None:
            items.append(item)
    cross_check(items, problems)
    # keep the first of duplicates so pages still build for the rest
    unique: dict[str, Item] = {}
    for item in sorted(items, key=lambda i: i.source):
        unique.setdefault(item.index_no, item)
    catalog = Catalog(list(unique.values()), tax)
    catalog.link()
    return catalog
