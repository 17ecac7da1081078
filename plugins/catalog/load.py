"""Load the whole catalog: read every file, validate, then check across items.

All problems of a run are collected into one :class:`Problems` list; nothing here
raises for bad content. ``load_catalog`` is what ``make check``, the Pelican plugin,
the importer and the benchmarks call.
"""
from __future__ import annotations

import dataclasses
import operator
import os
from pathlib import Path

from gongkai.engine import parallel
from plugins._shared import safeio
from plugins._shared.diagnostics import Problems, relpath
from plugins.catalog import index_numbers as idx

from . import attachments as attachments_mod
from . import numbers, privacy, rules, schema
from .model import Catalog, Item
from .reader import read_item
from .taxonomy import Taxonomy, load_taxonomy
from .validate import validate_fields

ITEM_SUFFIXES = (".md", ".markdown", ".yml", ".yaml")     # compared case-insensitively (.MD is read too)
TAXONOMY_FILE = "taxonomy.yml"
LAW_MAP_FILE = "law-map.yml"          # plugins/catalog/lawmap.py
SETTINGS_FILES = (TAXONOMY_FILE, LAW_MAP_FILE)   # the catalog's own configuration, not items
FOLDERS = "\0folders"     # item_files' memo in a preview's memory (whose other keys are item paths)
TAXONOMY = "\0taxonomy"   # the taxonomy of the last build, in a preview's memory
MISSING_VALIDITY = "类条目必须注明有效性"
MISSING_WRITTEN = "类条目必须填写成文日期"
# what an import may leave for an editor to complete (never guessed from other fields)
COMPLETE_AFTER_IMPORT = (MISSING_VALIDITY, MISSING_WRITTEN)


@dataclasses.dataclass
class Settings:
    """The catalog settings, from pelicanconf.py (``CATALOG_*``/``INDEX_NO_*``)."""

    root: Path                        # repository root: paths in messages are relative to it
    catalog_dir: Path
    index_no_pattern: str = idx.DEFAULT_PATTERN
    url_prefix: str = "gk"
    index_no_template: str = idx.PRESETS["govcn"][1]   # how new numbers are written (make new, importer)
    index_no_year_from: str = "written"   # the date whose year an 索引号 carries: written (成文日期) | published
    attachment_types: tuple = attachments_mod.DEFAULT_TYPES   # CATALOG_ATTACHMENT_TYPES (extensions)
    cache_dir: Path | None = None     # attachment scan results (.cache/), None: no cache

    @classmethod
    def from_pelican(cls, settings: dict) -> Settings:
        root = Path(settings.get("GONGKAI_ROOT") or settings.get("PATH", ".")).resolve()
        if settings.get("GONGKAI_ROOT") is None and (root / ".." / "catalog").exists():
            root = root.parent
        catalog = Path(settings.get("CATALOG_PATH", root / "catalog"))
        if not catalog.is_absolute():
            catalog = root / catalog
        pattern, template = idx.resolve_pattern(settings.get("INDEX_NO_PATTERN"))
        return cls(root=root, catalog_dir=catalog, index_no_pattern=pattern,
                   url_prefix=settings.get("CATALOG_URL_PREFIX", "gk"),
                   index_no_template=settings.get("INDEX_NO_TEMPLATE") or template,
                   index_no_year_from=settings.get("INDEX_NO_YEAR_FROM", "written"),
                   attachment_types=tuple(settings.get("CATALOG_ATTACHMENT_TYPES") or attachments_mod.DEFAULT_TYPES),
                   cache_dir=root / ".cache")


def item_files(catalog_dir: Path, memo: dict | None = None) -> list[Path]:
    """Every item file under catalog/, sorted, skipping taxonomy.yml, law-map.yml and attachment folders.

    Anything *named* like an item is returned, whatever it is (a folder, a link, a FIFO): the reader
    refuses those with a message instead of skipping them silently.

    ``memo`` (a long-running preview's memory): what each folder held, by the folder's mtime. Adding,
    removing or renaming an entry changes its folder's mtime, so only changed folders are listed
    again and, when none changed, the last list is returned: at 100,000 items, listing them again
    and making their paths cost seconds of every rebuild. A folder changed within
    :data:`RACY_SECONDS` of being listed is listed again next time (its mtime may not move for a
    change made in the same clock tick).
    """
    memo = {} if memo is None else memo
    folders = memo.setdefault("folders", {})
    root = str(catalog_dir)
    visited: list[str] = []
    found: list[Path] = []
    changed = False
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            mtime = os.stat(folder).st_mtime_ns
        except OSError:
            continue
        entry = folders.get(folder)
        if entry is None or entry[0] != mtime:
            entry = _list_folder(folder, mtime, is_root=folder == root)
            folders[folder] = entry
            changed = True
        visited.append(folder)
        found.extend(entry[2])
        stack.extend(reversed(entry[1]))
    if not changed and memo.get("visited") == visited and "files" in memo:
        return list(memo["files"])
    for gone in set(folders) - set(visited):
        del folders[gone]
    memo["visited"], memo["files"] = visited, sorted(found)
    return list(memo["files"])


RACY_SECONDS = 2


def _list_folder(folder: str, mtime: int, is_root: bool) -> tuple:
    """(mtime or None when too recent to trust, sub-folders to visit, items found) of one folder;
    what ``os.walk`` gave this function before: folders named like items are items, hidden entries
    and ``files``/``attachments`` folders are skipped, linked folders are not entered."""
    import time

    subfolders, found = [], []
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            lowered = name.lower()
            if is_dir:
                if lowered.endswith(ITEM_SUFFIXES) and not name.startswith("."):
                    found.append(Path(entry.path))
                elif not name.startswith(".") and name not in ("files", "attachments") and not entry.is_symlink():
                    subfolders.append(entry.path)
            elif lowered.endswith(ITEM_SUFFIXES) and not name.startswith(".") and not (
                    is_root and name in SETTINGS_FILES):
                found.append(Path(entry.path))
    trusted = mtime if time.time_ns() - mtime > RACY_SECONDS * 1_000_000_000 else None
    return trusted, sorted(subfolders), found


def read_file(path: Path, settings: Settings, rel: str, problems: Problems) -> bytes | None:
    """The bytes of an item file, or None after reporting why it is refused (see safeio)."""
    try:
        return safeio.read_bytes(path, settings.root, "item")
    except safeio.Refused as exc:
        problems.add(rel, 0, "", exc.problem, exc.fix)
        return None


def build_item(path: Path, raw_bytes: bytes, settings: Settings, tax: Taxonomy, problems: Problems) -> Item | None:
    """One file → one :class:`Item`, or None with its problems reported.

    Every check that can run on what did parse runs, so an editor sees all of a file's problems at once.
    """
    rel = relpath(path, settings.root)
    raw = read_item(raw_bytes, rel, problems)
    if raw is None:
        return None
    before = len(problems.errors)
    values, _ = validate_fields(raw.data, rel, problems)
    data = raw.data
    index_no = values.get("index_no")
    if index_no is not None:
        numbers.check(index_no, settings, rel, data.line_of("index_no"), problems)
    category = _lookup(values, "category", tax, rel, data, problems, "可选：" + "、".join(c.label for c in tax.categories))
    publisher = _lookup(values, "publisher", tax, rel, data, problems,
                        "使用 taxonomy.yml 中 publishers 的名称，或先在那里添加该机构")
    topics = []
    for text in values.get("topics", []):
        pair = tax.topic(text)
        if pair is None and not tax.broken:
            problems.add(rel, data.line_of("topics"), "topics", f"主题分类 {text!r} 不在 taxonomy.yml 中",
                         "写成“一级/二级”，如 财政、金融、审计/财政", schema.label("topics"))
        else:
            topics.append(pair)
    if category is not None:
        block = schema.KIND_BLOCKS.get(category.kind)
        if block and block not in data:
            problems.add(rel, data.line or 1, block, f"“{category.label}”类条目必须填写 {block} 块",
                         f"添加 {block}: 并逐项填写（make new 生成的模板里有全部字段）", schema.label(block))
        if category.kind in schema.VALIDITY_REQUIRED and "validity" not in data:
            problems.add(rel, data.line or 1, "validity", f"“{category.label}”{MISSING_VALIDITY}",
                         "添加一行 validity: 有效（或 失效、废止，并写明日期）", schema.label("validity"))
        if category.kind in schema.VALIDITY_REQUIRED and "written" not in data:
            # 条例第二十六条 counts 20 working days from when a document is produced: its 成文日期
            problems.add(rel, data.line or 1, "written", f"“{category.label}”{MISSING_WRITTEN}",
                         "添加一行 written: YYYY-MM-DD（文件签发的日期，见文件落款）", schema.label("written"))
    attachments = []
    for entry in values.get("attachments", []):
        att = attachments_mod.resolve(entry, path, settings, index_no or "", rel, problems)
        if att:
            attachments.append(att)
    links = rules.check_item(values, raw, rel, settings, publisher, problems)
    if len(problems.errors) != before or index_no is None or category is None or publisher is None:
        return None
    slug_path = idx.item_path(index_no, settings.url_prefix)
    return Item(
        source=rel, line=data.line, lines=dict(data.lines), index_no=index_no, title=values["title"],
        category=category, publisher=publisher, published=values["published"],
        url=slug_path[: -len("index.html")], save_as=slug_path,
        doc_no=values.get("doc_no", ""), written=values.get("written"), topics=topics,
        keywords=values.get("keywords", []), summary=values.get("summary", ""), validity=values.get("validity", {}),
        genre=values.get("genre", ""), source_info=values.get("source", ""), scope=values.get("scope", "全部公开"),
        attachments=attachments, interprets=values.get("interprets", []), supersedes=values.get("supersedes", []),
        headnote=values.get("headnote", {}), service=values.get("service", {}), budget=values.get("budget", {}),
        pii_reviewed=values.get("pii_reviewed", False), pii_reason=values.get("pii_reason", ""),
        body=raw.body, body_line=raw.body_line, body_links=links,
    )


def _lookup(values: dict, key: str, tax: Taxonomy, rel: str, data, problems: Problems, fix: str):
    """The taxonomy entry named by ``values[key]``, or None (reported when the name is unknown).

    When taxonomy.yml itself could not be read, that one problem is reported, not one per item."""
    name = values.get(key)
    if name is None:
        return None
    found = getattr(tax, key)(name)
    if found is None and not tax.broken:
        label = schema.label(key)
        problems.add(rel, data.line_of(key), key, f"{label} {name!r} 不在 taxonomy.yml 中", fix, label)
    return found


def cross_check(items: list[Item], problems: Problems, settings: Settings | None = None) -> list[Item]:
    """Checks that need the whole catalog: duplicate 索引号 and URLs, dangling relations. Returns the
    items without duplicates: of the items sharing an 索引号, the first by file path."""
    seen: dict[str, Item] = {}
    groups: dict[str, list[Item]] = {}       # only the duplicated numbers
    for item in sorted(items, key=operator.attrgetter("source")):
        first = seen.setdefault(item.index_no, item)
        if first is not item:
            groups.setdefault(item.index_no, [first]).append(item)
    taken = list(seen)
    for number, group in groups.items():
        if len(group) > 1:
            fix = "索引号必须唯一且发布后不能修改：给新增的条目用 make new 重新生成索引号"
            spare = free_number(number, taken, settings)
            if spare:
                fix = f"索引号必须唯一且发布后不能修改：保留已发布的那个，给新增的条目改用下一个空闲的索引号 {spare}"
                taken.append(spare)
            for item in group:
                others = "、".join(f"{o.source}:{o.lines.get('index_no', o.line)}" for o in group if o is not item)
                problems.add(item.source, item.lines.get("index_no", item.line), "index_no",
                             f"索引号 {number} 重复，另见 {others}", fix, schema.label("index_no"))
    urls: dict[str, Item] = {}
    for item in seen.values():
        clash = urls.get(item.save_as)
        if clash is not None:
            problems.add(item.source, item.lines.get("index_no", item.line), "index_no",
                         f"索引号 {item.index_no} 与 {clash.source} 的 {clash.index_no} 生成相同网址",
                         "索引号中只用字母、数字、/ 和 -", schema.label("index_no"))
        urls[item.save_as] = item
    for item in items:
        if not (item.interprets or item.supersedes):
            continue
        for key in ("interprets", "supersedes"):
            for number in getattr(item, key):
                if number not in seen:
                    problems.add(item.source, item.lines.get(key, item.line), key, f"关联的索引号 {number} 在目录中不存在",
                                 "检查索引号是否抄错，或先提交被关联的条目", schema.label(key))
                elif number == item.index_no:
                    problems.add(item.source, item.lines.get(key, item.line), key, "条目不能关联自身", "删除这一项",
                                 schema.label(key))
    return list(seen.values())


def free_number(number: str, taken: list[str], settings: Settings | None) -> str | None:
    """The next free 索引号 of the same organisation code and period as ``number`` (a duplicate's way out)."""
    template = settings.index_no_template if settings else idx.PRESETS["govcn"][1]
    parts = idx.parse(number, template)
    if not parts or "code" not in parts or "year" not in parts:
        return None
    return idx.next_index_no(taken, parts["code"], parts["year"], parts.get("month", 1), template)


def trusted_files(catalog_dir: Path, unread: set | None):
    """``trusted(path)``: True for an item file not among the ``unread`` (real paths reported changed),
    or None when every file is to be checked: changes unknown, or one of them is not an item file
    (an attachment, taxonomy.yml, a folder …), which the stat of every file also looks at."""
    if unread is None:
        return None
    real = os.path.realpath(catalog_dir)
    for path in unread:
        if path.startswith(real + os.sep) and not (path.lower().endswith(ITEM_SUFFIXES) and os.path.isfile(path)):
            return None
    prefix = len(str(catalog_dir))
    return lambda path: real + str(path)[prefix:] not in unread


def _same_taxonomy(tax: Taxonomy, memory: dict) -> Taxonomy:
    """The taxonomy object of the last build of a long-running preview when taxonomy.yml says the same
    (lines included): the items it kept point at its entries already and need not be re-pointed."""
    import pickle

    last = memory.get(TAXONOMY)
    if last is not None and not tax.broken and pickle.dumps(last) == pickle.dumps(tax):
        return last
    memory[TAXONOMY] = tax
    return tax


def load_catalog(settings: Settings, problems: Problems, files: list[Path] | None = None,
                 render=None, memory: dict | None = None, store=None, lean: bool = False,
                 unread: set | None = None, used: set | None = None) -> Catalog:
    """Read and validate everything under ``settings.catalog_dir``.

    ``render`` (optional, e.g. :class:`render.BodyRenderer` settings dict) also turns every body into
    sanitized HTML. Parsed items come from ``memory`` (a long-running process) or the persistent
    ``store`` when their files are unchanged (see :mod:`.cache`); the rest are read in parallel.
    ``lean`` (a full build, with a store): the bodies of a catalog of at least ``THRESHOLDS["lean_items"]``
    items stay in the store (:class:`.model.LeanItem`). Not in the preview, which keeps items between builds.
    ``unread`` (the preview, when the operating system reports changes): the real paths of every file
    changed since the last build; the items ``memory`` holds of the other files are used without a stat.
    ``used`` gets the store keys of the items read (see :meth:`gongkai.engine.run.BuildRun.keep`).
    """
    from . import cache

    tax = load_taxonomy(settings.catalog_dir / TAXONOMY_FILE, settings.root, problems)
    if memory is not None:
        tax = _same_taxonomy(tax, memory)
    paths = files if files is not None else item_files(
        settings.catalog_dir, memory.setdefault(FOLDERS, {}) if memory is not None else None)
    items = []
    lean = lean and store is not None and len(paths) >= parallel.THRESHOLDS["lean_items"]
    bodies = cache.StoredBodies(store) if lean else None
    trusted = trusted_files(settings.catalog_dir, unread)
    for item, item_problems in cache.read_items(paths, settings, tax, render, memory, store, bodies, trusted, used):
        problems.extend(item_problems)
        if item is not None:
            items.append(item)
    if memory is not None and trusted is not None:
        catalog = _kept_catalog(items, tax, memory, settings, problems)
        if catalog is not None:
            return catalog
    before = len(problems)
    unique = cross_check(items, problems, settings)    # the first of duplicates: pages still build for the rest
    catalog = Catalog(unique, tax)
    if bodies is not None:
        bodies.arrange([item._body_key for item in catalog.in_files_order], [item._body_key for item in catalog.items])
    catalog.link()
    rules.check_catalog(catalog.items, problems)
    clean = len(problems) == before
    found = Problems()
    privacy.check_attachments(catalog.items, settings.root, settings.cache_dir, found)
    problems.extend(found)
    if memory is not None:
        by_path: dict[str, list] = {}
        for problem in found:
            by_path.setdefault(problem.path, []).append(problem)
        memory[KEPT] = {"items": items, "catalog": catalog, "tax": tax, "clean": clean, "privacy": by_path}
    return catalog


KEPT = "\0kept"      # in a preview's memory: the last catalog, for the catalog-wide checks (see _kept_catalog)
MAX_KEPT_CHANGES = 50


def _cross_key(item: Item) -> tuple:
    """What the catalog-wide checks, the order of the catalog and its relations read of an item (the
    lines only for messages)."""
    return (item.source, item.index_no, item.save_as, item.url, item.published, tuple(item.interprets),
            tuple(item.supersedes), tuple(item.validity.items()), item.headnote.get("effective"),
            tuple(path for _, path in item.body_links), tuple((a.source, a.url, a.size) for a in item.attachments),
            item.pii_reviewed, item.pii_reason)


def _kept_catalog(items: list[Item], tax: Taxonomy, memory: dict, settings: Settings, problems: Problems):
    """The catalog of a preview rebuild made from the last one, or None when it is to be made in full.

    When the last build's catalog-wide checks (duplicates, relations, dates across items, links in
    bodies) found nothing, and the files that changed are a few items whose :func:`_cross_key` is what
    it was, none of those checks can find anything now, the order of the catalog is the same and no
    relation moves: the new item objects take the old ones' places. An attachment's personal-data scan
    runs again for the changed items only (an attachment that changed on disk is reported by the watcher
    as such, and then everything is checked). At 100,000 items this saves a second of each rebuild."""
    last = memory.get(KEPT)
    if last is None or not last["clean"] or last["tax"] is not tax or len(items) != len(last["items"]):
        return None
    old_items = last["items"]
    changed = [k for k, (new, old) in enumerate(zip(items, old_items)) if new is not old]
    if len(changed) > MAX_KEPT_CHANGES:
        return None
    for k in changed:
        old = old_items[k]
        if _cross_key(items[k]) != _cross_key(old) or \
                old.interpreted_by or old.superseded_by or old.interprets_items or old.supersedes_items:
            return None
    swap = {id(old_items[k]): items[k] for k in changed}
    last_catalog = last["catalog"]
    by_index = dict(last_catalog.by_index)
    by_index.update((items[k].index_no, items[k]) for k in changed)
    catalog = Catalog.arranged([swap.get(id(i), i) for i in last_catalog.items], tax, by_index,
                               [swap.get(id(i), i) for i in last_catalog.in_files_order], last_catalog,
                               [(old_items[k], items[k]) for k in changed])
    found = Problems()
    privacy.check_attachments([items[k] for k in changed], settings.root, settings.cache_dir, found)
    by_path = {path: kept for path, kept in last["privacy"].items() if path not in {items[k].source for k in changed}}
    for problem in found:
        by_path.setdefault(problem.path, []).append(problem)
    for kept in by_path.values():
        problems.extend(kept)
    memory[KEPT] = {**last, "items": items, "catalog": catalog, "privacy": by_path}
    return catalog
