"""Read item files fast: a persistent content-addressed cache, an in-process cache, and forked workers.

Parsing an item (YAML, validation, content rules, Markdown, sanitizing) costs about a millisecond;
reading its parsed form back costs a few dozen microseconds. So every item is kept:

* in the **persistent store** (``.cache/build``, :mod:`gongkai.engine.store`) under the SHA-256 of its
  file's bytes and of everything that shapes the result (this package's code, the taxonomy, the
  Markdown settings, the catalog settings) — a fresh checkout with a restored cache (CI) parses only
  the files that changed, whatever their mtimes;
* in ``memory`` (a long-running preview), keyed by the file's (mtime, size, mode), so an unchanged file
  is not even read again.

Files the store knows are read, hashed and fetched in this process (:func:`_known`); the rest — a
cold cache, the files just edited — are parsed in forked workers (:mod:`gongkai.engine.parallel`), which
send back pickled items.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
from pathlib import Path

from markupsafe import Markup

from gongkai.engine import parallel
from plugins._shared import safeio
from plugins._shared.diagnostics import Problems, relpath

from .render import BodyRenderer, RenderError

NAMESPACE = "catalog-items"


def _stat_key(path: Path, extra: str) -> tuple | None:
    try:
        st = os.lstat(path)       # never follow a link: the reader refuses links anyway
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_mode, extra)


def _attachments_fresh(item, root: Path) -> bool:
    for att in item.attachments:
        try:
            if (root / att.source).stat().st_size != att.size:
                return False
        except OSError:
            return False
    return True


@functools.lru_cache(maxsize=1)
def _code() -> str:
    from gongkai.engine.store import code_digest

    return code_digest("plugins/catalog", "plugins/_shared", "plugins/catalog/index_numbers.py")


def environment(settings, tax, render_cfg) -> str:
    """Digest of everything besides the file's bytes that shapes a parsed item."""
    return hashlib.sha1(json.dumps([_code(), repr(tax), render_cfg is not None, repr(render_cfg), str(settings)],
                                   sort_keys=True, default=str).encode()).hexdigest()


def _parse(path: Path, raw: bytes | None, problems: Problems, settings, tax, renderer):
    from .load import build_item

    item = build_item(path, raw, settings, tax, problems) if raw is not None else None
    if item is not None and renderer is not None:
        try:
            item.body_html = renderer(item.body)
        except RenderError as exc:
            problems.add(item.source, item.lines.get("body", item.body_line), "body", exc.problem, exc.fix, "正文")
            item.body_html = Markup("")
        _ = item.content_digest    # computed here, in the worker, and pickled with the item
    return item


def _content_key(env: str, path: Path, raw: bytes) -> str:
    return hashlib.sha256(env.encode() + b"\0" + str(path).encode() + b"\0" + raw).hexdigest()


def _read_one(path: Path, settings, tax, renderer, env: str, store) -> tuple[bytes, str | None]:
    """(pickled (item, problems), content key to store it under or None when it came from the store)."""
    from .load import read_file

    problems = Problems()
    raw = read_file(path, settings, relpath(path, settings.root), problems)
    key = None
    if raw is not None:
        key = _content_key(env, path, raw)
        if store is not None:
            hit = store.get_many(NAMESPACE, [key]).get(key)
            if hit is not None:
                return hit, None
    item = _parse(path, raw, problems, settings, tax, renderer)
    return pickle.dumps((item, list(problems)), pickle.HIGHEST_PROTOCOL), key


def _read_chunk(bounds: tuple[int, int]) -> list[tuple[bytes, str | None]]:
    paths, settings, tax, render_cfg, env, store = parallel.shared()
    renderer = BodyRenderer(render_cfg) if render_cfg is not None else None
    return [_read_one(paths[n], settings, tax, renderer, env, store) for n in range(*bounds)]


def _relink(item, tax):
    """Objects from a worker or the store are copies: point them at this process's taxonomy."""
    if item is not None:
        item.category = tax.category(item.category.key)
        item.publisher = tax.publisher(item.publisher.key)
    return item


PROBE = 32     # files looked up first: when none is in the store (a cold cache), the rest are not looked up here


def _known(paths: list[Path], todo: list[int], settings, env: str, store) -> dict[int, bytes]:
    """Stored blobs of the files in ``todo`` whose bytes the store knows, read and looked up in this process.

    On a warm cache nearly every file is known: reading and hashing them here (~0.1 ms a file) and
    fetching their blobs in batches is several times cheaper than workers sending the same blobs back
    through a pipe. A cold cache is detected on the first files and left to the workers."""
    from .load import read_file

    found: dict[int, bytes] = {}
    start = 0
    while start < len(todo):
        part = todo[start:start + (PROBE if start == 0 else 2000)]
        keys = {}
        for n in part:
            raw = read_file(paths[n], settings, relpath(paths[n], settings.root), Problems())
            if raw is not None:
                keys[n] = _content_key(env, paths[n], raw)
        blobs = store.get_many(NAMESPACE, list(keys.values()))
        found.update((n, blobs[k]) for n, k in keys.items() if k in blobs)
        if start == 0 and not found:
            return {}
        start += len(part)
    return found


def read_items(paths: list[Path], settings, tax, render_cfg=None, memory: dict | None = None,
               store=None) -> list[tuple]:
    """[(Item | None, [Problem])] for every path, in order."""
    safeio.forget_folders()
    env = environment(settings, tax, render_cfg)
    memory = memory if memory is not None else {}
    results: list = [None] * len(paths)
    todo: list[int] = []
    stats = {}
    for n, path in enumerate(paths):
        key = _stat_key(path, env)
        stats[n] = key
        hit = memory.get(str(path))
        if hit and key is not None and hit[0] == key and (hit[1] is None or _attachments_fresh(hit[1], settings.root)):
            results[n] = (_relink(hit[1], tax), hit[2])  # the taxonomy was re-read: use its objects
        else:
            todo.append(n)
    known = _known(paths, todo, settings, env, store) if store is not None else {}
    todo_paths = [paths[n] for n in todo if n not in known]
    job = (todo_paths, settings, tax, render_cfg, env, store)
    parsed = iter([row for part in parallel.map_tasks("read", len(todo_paths), _read_chunk,
                                                      parallel.chunks(len(todo_paths), per_worker=8, minimum=50), job)
                   for row in part])
    blobs = [(known[n], None) if n in known else next(parsed) for n in todo]
    new = []
    renderer = None
    for n, (blob, key) in zip(todo, blobs):
        item, problems = pickle.loads(blob)
        if item is not None and not _attachments_fresh(item, settings.root):   # an attachment changed since
            renderer = renderer or (BodyRenderer(render_cfg) if render_cfg is not None else None)
            blob, key = _read_one(paths[n], settings, tax, renderer, env, None)
            item, problems = pickle.loads(blob)
        if key is not None:
            new.append((key, blob))
        results[n] = (_relink(item, tax), problems)
        memory[str(paths[n])] = (stats[n], results[n][0], results[n][1])
    if store is not None and new:
        store.put_many(NAMESPACE, new)
    return results
