"""Read item files fast: an in-process cache of parsed items, and a process pool for cold reads.

A long-running build (``gongkai serve``, the benchmarks' rebuild) keeps parsed and rendered items
between Pelican runs, keyed by the file's (mtime, size), the taxonomy and the Markdown settings;
an edit re-reads only the files that changed. A cold read of many files is split across the CPU
cores: YAML parsing, validation and Markdown are pure Python and dominate the build at 20,000 items.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from markupsafe import Markup

from plugins._shared import safeio
from plugins._shared.diagnostics import Problems

from .render import BodyRenderer, RenderError

PARALLEL_THRESHOLD = 400
_CACHE: dict[str, tuple] = {}     # abs path -> (key, item, problems)
_worker: dict = {}


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


def _read_one(path: Path, settings, tax, renderer) -> tuple:
    from plugins._shared.diagnostics import relpath

    from .load import build_item, read_file

    problems = Problems()
    raw = read_file(path, settings, relpath(path, settings.root), problems)
    item = build_item(path, raw, settings, tax, problems) if raw is not None else None
    if item is not None and renderer is not None:
        try:
            item.body_html = renderer(item.body)
        except RenderError as exc:
            problems.add(item.source, item.lines.get("body", item.body_line), "body", exc.problem, exc.fix, "正文")
            item.body_html = Markup("")
        _ = item.content_digest    # computed here, in the worker, and pickled with the item
    return item, list(problems)


def _init_worker(settings, tax, render_cfg):
    _worker["args"] = (settings, tax, BodyRenderer(render_cfg) if render_cfg is not None else None)


def _read_chunk(paths: list[str]) -> bytes:
    settings, tax, renderer = _worker["args"]
    return pickle.dumps([_read_one(Path(p), settings, tax, renderer) for p in paths], pickle.HIGHEST_PROTOCOL)


def _relink(item, tax):
    """Objects coming back from a worker are copies: point them at this process's taxonomy."""
    if item is not None:
        item.category = tax.category(item.category.key)
        item.publisher = tax.publisher(item.publisher.key)
    return item


def read_items(paths: list[Path], settings, tax, render_cfg=None) -> list[tuple]:
    """[(Item | None, [Problem])] for every path, in order."""
    safeio.forget_folders()
    digest = hashlib.sha1(json.dumps([repr(tax), render_cfg is not None, repr(render_cfg),
                                      str(settings)], sort_keys=True, default=str).encode()).hexdigest()
    results: list = [None] * len(paths)
    todo: list[int] = []
    keys = {}
    for n, path in enumerate(paths):
        key = _stat_key(path, digest)
        keys[n] = key
        hit = _CACHE.get(str(path))
        if hit and key is not None and hit[0] == key and (hit[1] is None or _attachments_fresh(hit[1], settings.root)):
            results[n] = (_relink(hit[1], tax), hit[2])  # the taxonomy was re-read: use its objects
        else:
            todo.append(n)
    if len(todo) >= PARALLEL_THRESHOLD and (os.cpu_count() or 1) > 1:
        workers = min(os.cpu_count() or 1, 8)
        size = max(50, len(todo) // (workers * 8))
        chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(settings, tax, render_cfg)) as pool:
            for chunk, blob in zip(chunks, pool.map(_read_chunk, [[str(paths[n]) for n in c] for c in chunks])):
                for n, (item, problems) in zip(chunk, pickle.loads(blob)):
                    results[n] = (_relink(item, tax), problems)
    else:
        renderer = BodyRenderer(render_cfg) if render_cfg is not None else None
        for n in todo:
            results[n] = _read_one(paths[n], settings, tax, renderer)
    for n in todo:
        _CACHE[str(paths[n])] = (keys[n], results[n][0], results[n][1])
    return results
