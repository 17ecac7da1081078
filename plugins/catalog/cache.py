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
send back pickled items a few hundred at a time.

An item's body and rendered body are stored apart from it (:data:`BODIES`, same key): a full build of
a large catalog leaves them there (:class:`StoredBodies`, :class:`~plugins.catalog.model.LeanItem`).
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import sys
from pathlib import Path

from markupsafe import Markup

from gongkai.engine import parallel
from plugins._shared import safeio
from plugins._shared.diagnostics import Problems, relpath

from .model import LINKED, LeanItem
from .render import BodyRenderer, RenderError

NAMESPACE = "catalog-items"
BODIES = "catalog-bodies"    # (body, body_html) of each item, by the same key: see StoredBodies


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


def _split(item) -> bytes | None:
    """The item's body and rendered body, pickled apart from it (:data:`BODIES`); the item keeps neither."""
    if item is None:
        return pickle.dumps(("", ""))     # a file that did not parse: its problems are stored all the same
    bodies = pickle.dumps((item.body, str(item.body_html)), pickle.HIGHEST_PROTOCOL)
    item.body, item.body_html = "", ""
    return bodies


def _stored(store, keys: list[str], lean: bool) -> dict[str, tuple[bytes, bytes | None]]:
    """{key: (item blob, bodies blob)} of the keys the store holds both parts of; a lean load does not
    fetch the bodies (they are read where they are used), it only checks they are there."""
    items = store.get_many(NAMESPACE, keys)
    if not items:
        return {}
    if lean:
        bodies = dict.fromkeys(store.has_many(BODIES, list(items)))
    else:
        bodies = store.get_many(BODIES, list(items))
    return {key: (blob, bodies[key]) for key, blob in items.items() if key in bodies}


def _read_one(path: Path, settings, tax, renderer, env: str, store, lean: bool = False) -> tuple:
    """(pickled (item, problems) without the bodies, pickled bodies or None, content key, True when the
    item was parsed here — not found in the store — and so is to be stored)."""
    from .load import read_file

    problems = Problems()
    raw = read_file(path, settings, relpath(path, settings.root), problems)
    key = None
    if raw is not None:
        key = _content_key(env, path, raw)
        if store is not None:
            hit = _stored(store, [key], lean).get(key)
            if hit is not None:
                return hit[0], hit[1], key, False
    item = _parse(path, raw, problems, settings, tax, renderer)
    bodies = _split(item)
    return pickle.dumps((item, list(problems)), pickle.HIGHEST_PROTOCOL), bodies, key, key is not None


def _read_chunk(bounds: tuple[int, int]) -> list[tuple]:
    paths, settings, tax, render_cfg, env, store, lean = parallel.shared()
    renderer = BodyRenderer(render_cfg) if render_cfg is not None else None
    return [_read_one(paths[n], settings, tax, renderer, env, store, lean) for n in range(*bounds)]


def _relink(item, tax):
    """Objects from a worker or the store are copies: point them at this process's taxonomy."""
    if item is not None:
        item.category = tax.category(item.category.key)
        item.publisher = tax.publisher(item.publisher.key)
    return item


LINKED_TO = "\0linked"   # in ``memory``: the taxonomy object the kept items point at

PROBE = 32     # files looked up first: when none is in the store (a cold cache), the rest are not looked up here
STORE_BATCH = 1000   # items parsed here are stored this many at a time


def _known(paths: list[Path], todo: list[int], settings, env: str, store, lean: bool) -> dict[int, tuple]:
    """Rows (as :func:`_read_one` gives them) of the files in ``todo`` whose bytes the store knows, read
    and looked up in this process.

    On a warm cache nearly every file is known: reading and hashing them here (~0.1 ms a file) and
    fetching their blobs in batches is several times cheaper than workers sending the same blobs back
    through a pipe. A cold cache is detected on the first files and left to the workers."""
    from .load import read_file

    found: dict[int, tuple] = {}
    start = 0
    while start < len(todo):
        part = todo[start:start + (PROBE if start == 0 else 2000)]
        keys = {}
        for n in part:
            raw = read_file(paths[n], settings, relpath(paths[n], settings.root), Problems())
            if raw is not None:
                keys[n] = _content_key(env, paths[n], raw)
        hits = _stored(store, list(keys.values()), lean)
        found.update((n, (*hits[k], k, False)) for n, k in keys.items() if k in hits)
        if start == 0 and not found:
            return {}
        start += len(part)
    return found


class StoredBodies:
    """The bodies of :class:`~plugins.catalog.model.LeanItem` objects, read from the store when used.

    Each user goes through the items in one of a few known orders (:meth:`arrange`): the page writers
    in the order of their files, the search index in the catalog's. Reading an item's entry right
    after the entry before it in one of them fetches the next :data:`BATCH` entries of that order at
    once; only that batch is kept."""

    BATCH = 256

    def __init__(self, store):
        self.store = store
        self._orders: list[tuple[list[str], dict[str, int]]] = []
        self._batches: dict[str, dict] = {}
        self._next: dict[str, list[int]] = {}

    def arrange(self, *orders: list[str]) -> None:
        """The orders, as lists of the items' keys, the items will be used in."""
        self._orders = [(keys, {key: n for n, key in enumerate(keys)}) for keys in orders]

    def _read(self, ns: str, key: str) -> bytes:
        batch = self._batches.get(ns, {})
        expected = self._next.get(ns, [])
        where = [position.get(key, -1) for _, position in self._orders]
        if key not in batch:
            keys = [key]
            for (order, _), n, wanted in zip(self._orders, where, expected):
                if n >= 0 and n == wanted:
                    keys = order[n:n + self.BATCH]
                    break
            batch = self._batches[ns] = self.store.get_many(ns, keys)
            if key not in batch:
                raise LookupError(f"build cache: an item's {ns} entry is missing ({key[:12]}); delete .cache/ and rebuild")
        self._next[ns] = [n + 1 if n >= 0 else -2 for n in where]
        return batch[key]

    def get(self, key: str) -> tuple[str, Markup]:
        """(body, body_html) of the item stored under ``key``."""
        body, html = pickle.loads(self._read(BODIES, key))
        return body, Markup(html)

    def lines(self, key: str) -> dict:
        """The ``lines`` of the item stored under ``key`` (for a message: one item, not a batch)."""
        return pickle.loads(self.store.get_many(NAMESPACE, [key])[key])[0].lines

    def detached(self, item, links: bool = True):
        """A copy of the lean ``item`` made from the store, sharing only its taxonomy entries and (``links``)
        its relations to other items.

        A forked page writer renders from it: reading the parent's own objects would copy the memory
        they are in into the writer (reference counts are written to every object read)."""
        copy, _ = pickle.loads(self._read(NAMESPACE, item._body_key))
        copy.category, copy.publisher = item.category, item.publisher
        for name in LINKED if links else ():
            setattr(copy, name, getattr(item, name))
        copy.__class__ = LeanItem
        copy._bodies, copy._body_key = self, item._body_key
        return copy


def _one_copy(value):
    return sys.intern(value) if type(value) is str else value


def _attach(item, bodies: bytes | None, key: str | None, lean: StoredBodies | None):
    """Give an item read from a worker or the store its bodies: a reference to them (lean) or the text."""
    if item is None:
        return item
    if lean is not None:
        item.lines = None          # read from the store when a message needs it
        # the words of the taxonomy's topics and of keywords recur across items: one copy of each
        item.topics = [tuple(map(_one_copy, pair)) if isinstance(pair, tuple) else pair for pair in item.topics]
        item.keywords = list(map(_one_copy, item.keywords))
        item.__class__ = LeanItem
        item._bodies, item._body_key = lean, key
    else:
        body, html = pickle.loads(bodies)
        item.body, item.body_html = body, Markup(html)
    return item


def read_items(paths: list[Path], settings, tax, render_cfg=None, memory: dict | None = None,
               store=None, lean: StoredBodies | None = None, trusted=None, used: set | None = None) -> list[tuple]:
    """[(Item | None, [Problem])] for every path, in order.

    ``lean`` (a full build of a large catalog, with a store): items come back as
    :class:`~plugins.catalog.model.LeanItem`, their bodies left in the store. Items parsed here are
    stored as they come from the workers, so neither their blobs nor their bodies pile up in memory.
    ``trusted(path)`` (see :func:`plugins.catalog.load.trusted_files`): the file is unchanged since ``memory`` got its item.
    ``used``: gets the store key of every file read from the store or parsed (not those ``memory`` held)."""
    safeio.forget_folders()
    env = environment(settings, tax, render_cfg)
    memory = memory if memory is not None else {}
    results: list = [None] * len(paths)
    todo: list[int] = []
    stats = {}
    relinked = memory.get(LINKED_TO) is tax      # the items kept point at this very taxonomy's entries
    memory[LINKED_TO] = tax
    for n, path in enumerate(paths):
        hit = memory.get(str(path))
        if trusted is not None and hit and hit[0] is not None and hit[0][3] == env and trusted(path):
            stats[n] = hit[0]
            results[n] = (hit[1] if relinked else _relink(hit[1], tax), hit[2])
            continue
        key = _stat_key(path, env)
        stats[n] = key
        if hit and key is not None and hit[0] == key and (hit[1] is None or _attachments_fresh(hit[1], settings.root)):
            # when the taxonomy was read again (changed), point the item at the new one's objects
            results[n] = (hit[1] if relinked else _relink(hit[1], tax), hit[2])
        else:
            todo.append(n)
    lean_flag = lean is not None
    known = _known(paths, todo, settings, env, store, lean_flag) if store is not None else {}
    todo_paths = [paths[n] for n in todo if n not in known]
    job = (todo_paths, settings, tax, render_cfg, env, store, lean_flag)
    per_worker = max(8, len(todo_paths) // (parallel.cpus() * 500))     # parts of ~500 items as they come
    parts = parallel.each("read", len(todo_paths), _read_chunk,
                          parallel.chunks(len(todo_paths), per_worker=per_worker, minimum=50), job)
    try:
        parsed = (row for part in parts for row in part)
        new: list = []
        renderer = None
        for n in todo:
            blob, bodies, key, fresh = known[n] if n in known else next(parsed)
            item, problems = pickle.loads(blob)
            if item is not None and not _attachments_fresh(item, settings.root):   # an attachment changed since
                renderer = renderer or (BodyRenderer(render_cfg) if render_cfg is not None else None)
                blob, bodies, key, fresh = _read_one(paths[n], settings, tax, renderer, env, None)
                item, problems = pickle.loads(blob)
            if fresh:
                new.append((key, blob, bodies))
            if used is not None and key is not None:
                used.add(key)
            results[n] = (_relink(_attach(item, bodies, key, lean), tax), problems)
            if lean is None:       # a lean load is a one-off build: nothing is read again from memory
                memory[str(paths[n])] = (stats[n], results[n][0], results[n][1])
            if store is not None and len(new) >= STORE_BATCH:
                _put(store, new)
        if store is not None:
            _put(store, new)
    finally:
        parts.close()
    parallel.give_back_memory()        # what the parsed blobs took
    return results



def _put(store, new: list) -> None:
    store.put_many(NAMESPACE, [(key, blob) for key, blob, _ in new])
    store.put_many(BODIES, [(key, bodies) for key, _, bodies in new if bodies is not None])
    new.clear()
