"""Write a page only when what it shows has changed — the basis of fast rebuilds.

Every generator of ours writes pages through :func:`write_page` with a *fingerprint* of everything
the page shows (item fields, related items, template and settings digest). In a long-running
process (``gongkai serve``, the rebuild benchmark) a page whose fingerprint and file are unchanged
is neither rendered nor written; a full build into a fresh directory renders everything, so the
fast path can never serve a stale page. Files we produced in an earlier run but not in this one
are removed by :func:`finish_run`. Plugins that post-process pages (the 繁体 mirror) ask
:func:`written_this_run` which files actually changed.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import os
from pathlib import Path

# Top-level paths the build writes itself (plugins); a content page may not claim them.
RESERVED = ("gk/", "fdzdgknr/", "search/", "ysqgk/", "ndbg/", "zh-hant/", "theme/", "feeds/", "index.html", "404.html",
            "sitemap.xml", "robots.txt", "catalog.json", "catalog.csv", "manifest.json")


class UnsafePath(ValueError):
    """An output path that would land outside the output folder (never written)."""


def safe_join(output_path, save_as: str) -> str:
    """``output_path/save_as``, proven to stay inside ``output_path`` — the one gate before every write.

    Values from content (taxonomy keys, slugs, 索引号, attachment names) are validated where they are
    read; this gate makes a missed case a refused write instead of a file outside the site.
    """
    text = str(save_as)
    if not text or "\x00" in text or "\\" in text or text.startswith(("/", "~")) or \
            any(part == ".." for part in text.split("/")):
        raise UnsafePath(f"输出路径 {text!r} 不安全，已拒绝写入")
    root = _real(str(output_path))
    target = os.path.normpath(os.path.join(root, text))
    if not target.startswith(root + os.sep):      # the build never creates links inside its output
        raise UnsafePath(f"输出路径 {text!r} 位于输出目录以外，已拒绝写入")
    return target


@functools.lru_cache(maxsize=64)
def _real(path: str) -> str:
    return os.path.realpath(path)


_state: dict[str, dict] = {}   # output dir -> {"prints": {save_as: fp}, "run": set, "written": set, "pages": {},
#                                               "twin": writer or None, "twinned": set}


def _for(output_path) -> dict:
    return _state.setdefault(str(Path(output_path).resolve()),
                             {"prints": {}, "run": set(), "written": set(), "pages": {}, "twin": None,
                              "twinned": set()})


def start_run(output_path) -> None:
    st = _for(output_path)
    st["run"], st["written"], st["pages"], st["twinned"], st["removed"] = set(), set(), {}, set(), []


def set_twin_writer(output_path, write) -> None:
    """Have ``write(save_as, html)`` called for every page rendered by :func:`write_pages`' workers,
    with the page's HTML still in memory (the 繁体 mirror converts it there, in parallel, instead of
    reading every page back at the end). Pages it saw are in :func:`twinned_this_run`."""
    _for(output_path)["twin"] = write


def twinned_this_run(output_path) -> set[str]:
    return set(_for(output_path)["twinned"])


def find_pages(root, exclude: tuple = ()) -> list[str]:
    """Site-relative paths of every ``.html`` file under ``root``, sorted, skipping paths (and folders)
    that start with one of the ``exclude`` prefixes (``"zh-hant/"``, ``"theme/"``)."""
    found: list[str] = []

    def walk(path: str, rel: str) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                name = rel + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if not (name + "/").startswith(exclude):
                        walk(entry.path, name + "/")
                elif name.endswith(".html") and not name.startswith(exclude):
                    found.append(name)

    walk(str(root), "")
    return sorted(found)


def html_pages(output_path, skip_dir: str = "") -> list[str]:
    """:func:`find_pages` of the output without the top-level folder ``skip_dir`` (the 繁体 mirror),
    walked once per run and shared (sitemap, mirror): call it on ``finalized``, when every page is written."""
    pages = _for(output_path)["pages"]
    if skip_dir not in pages:
        pages[skip_dir] = find_pages(output_path, (skip_dir + "/",) if skip_dir else ())
    return pages[skip_dir]


def digest(*parts) -> str:
    """Stable short hash of JSON-able parts (dates and objects via str)."""
    return hashlib.sha1(json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def theme_digest(theme_path) -> str:
    """Hash of every template file: a template edit re-renders every page."""
    h = hashlib.sha1()
    for path in sorted(Path(theme_path, "templates").rglob("*.html")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def write_page(writer, output_path, save_as: str, fingerprint: str, template, context, **kwargs) -> bool:
    """Render ``template`` to ``save_as`` through Pelican's writer unless unchanged; True if written."""
    st = _for(output_path)
    st["run"].add(save_as)
    target = safe_join(output_path, save_as)
    if st["prints"].get(save_as) == fingerprint and os.path.exists(target):
        return False
    writer.write_file(save_as, template, context, **kwargs)
    st["prints"][save_as] = fingerprint
    st["written"].add(save_as)
    return True


def note_file(output_path, save_as: str, fingerprint: str, write) -> bool:
    """Like :func:`write_page` for non-template files: ``write(target_path)`` is called if needed."""
    st = _for(output_path)
    st["run"].add(save_as)
    target = safe_join(output_path, save_as)
    if st["prints"].get(save_as) == fingerprint and os.path.exists(target):
        return False
    os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
    write(target)
    st["prints"][save_as] = fingerprint
    st["written"].add(save_as)
    return True


def written_this_run(output_path) -> set[str]:
    return set(_for(output_path)["written"])


def produced_this_run(output_path) -> set[str]:
    return set(_for(output_path)["run"])


def removed_this_run(output_path) -> list[str]:
    """Pages :func:`finish_run` deleted in this run (the preview says what a failed rebuild changed)."""
    return list(_for(output_path).get("removed", []))


def finish_run(output_path) -> list[str]:
    """Delete pages produced by an earlier run but not by this one (a removed item); return them."""
    st = _for(output_path)
    stale = sorted(set(st["prints"]) - st["run"])
    for save_as in stale:
        remove(output_path, save_as)
        st["prints"].pop(save_as, None)
    st["removed"] = stale
    return stale


def remove(output_path, save_as: str) -> None:
    """Delete a file of the output and the folders it leaves empty (a removed item's ``gk/…/``)."""
    root = os.path.realpath(output_path)
    target = safe_join(root, save_as)
    try:
        os.remove(target)
    except FileNotFoundError:
        pass
    folder = os.path.dirname(target)
    while folder != root and folder.startswith(root + os.sep):
        try:
            os.rmdir(folder)
        except OSError:      # not empty (or already gone): stop
            break
        folder = os.path.dirname(folder)


@contextlib.contextmanager
def fork_pool(processes: int):
    """A fork-context ``multiprocessing.Pool`` whose workers share the parent's objects (the catalog,
    postings) instead of copying them: ``gc.freeze()`` before forking keeps the workers' garbage
    collector off every inherited object, so their memory pages are never written (Python's gc
    documentation recommends it for fork without exec)."""
    import multiprocessing

    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            yield pool
    finally:
        gc.unfreeze()


PARALLEL_PAGES = 1500
_job: dict = {}
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC


def write_text(path: str, text: str) -> None:
    """Write a page as UTF-8 (what ``open(path, "w", encoding="utf-8")`` writes on POSIX, without the
    text layer: 40,000 files per build at 20,000 items)."""
    fd = os.open(path, _FLAGS, 0o666)
    try:
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)


def _render_range(bounds: tuple[int, int]) -> int:
    """Worker (forked): render and write pages [start, stop) of the current job."""
    template, context, output_path, pages, twin = _job["args"]
    for save_as, _, kwargs in pages[bounds[0]:bounds[1]]:
        local = dict(context)
        local["localsiteurl"] = None
        local["output_file"] = save_as
        local.update(kwargs)
        html = template.render(local)
        target = safe_join(output_path, save_as)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        write_text(target, html)
        if twin is not None:
            twin(save_as, html)
    return bounds[1] - bounds[0]


def write_pages(writer, output_path, pages: list[tuple[str, str, dict]], template, context) -> int:
    """Write many pages of one template: [(save_as, fingerprint, template kwargs)]; returns pages written.

    Unchanged pages are skipped as in :func:`write_page`. Many changed pages are rendered by forked
    worker processes (Jinja rendering is pure Python: two cores halve the time of 20,000 item pages);
    the output is identical to Pelican's writer (UTF-8, same local context).
    """
    st = _for(output_path)
    todo = []
    for save_as, fingerprint, kwargs in pages:
        st["run"].add(save_as)
        if st["prints"].get(save_as) == fingerprint and os.path.exists(safe_join(output_path, save_as)):
            continue
        todo.append((save_as, fingerprint, kwargs))
    cpus = os.cpu_count() or 1
    if len(todo) >= PARALLEL_PAGES and cpus > 1:
        _job["args"] = (template, context, output_path, todo, st["twin"])
        step = max(200, len(todo) // (cpus * 4))
        ranges = [(i, min(i + step, len(todo))) for i in range(0, len(todo), step)]
        try:
            with fork_pool(cpus) as pool:
                pool.map(_render_range, ranges)
        finally:
            _job.clear()
        if st["twin"] is not None:
            st["twinned"].update(save_as for save_as, _, _ in todo)
    else:
        for save_as, _, kwargs in todo:
            writer.write_file(save_as, template, context, **kwargs)
    for save_as, fingerprint, _ in todo:
        st["prints"][save_as] = fingerprint
        st["written"].add(save_as)
    return len(todo)
