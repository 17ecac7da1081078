"""Write the 繁体 mirror: every built ``.html`` page converted into ``<output>/<prefix>/<same path>``.

Shared files (theme assets, attachments, search index, feeds, json/csv) are not copied: converted
pages keep pointing at them at the root. Large sites are converted in worker processes.
"""
from __future__ import annotations

import dataclasses
import os
import posixpath
from pathlib import Path

from gongkai.engine import parallel
from gongkai.engine.parallel import fork_pool
from gongkai.engine.run import PageHook
from plugins._shared.diagnostics import Problem
from plugins._shared.output import find_pages, safe_join, write_text

from .convert import Target, convert_page

DEFAULTS = {
    "HANT_CONFIG": "s2t",        # OpenCC configuration: s2t (mainland vocabulary), s2tw, s2hk, s2twp …
    "HANT_PREFIX": "zh-hant",    # path of the mirror under the site root
    "HANT_LANG": "zh-Hant",      # <html lang> of converted pages
    "HANT_EXCLUDE": ["theme/"],  # site-relative path prefixes whose pages are not mirrored
    "HANT_PROCESSES": 0,         # worker processes for write_mirror; 0 = one per CPU core (gongkai.engine.parallel)
}


@dataclasses.dataclass(frozen=True)
class Options:
    config: str
    target: Target

    @classmethod
    def from_settings(cls, settings: dict) -> Options:
        get = lambda k: settings.get(k, DEFAULTS[k])  # noqa: E731
        prefix = str(get("HANT_PREFIX")).strip("/")
        excluded = tuple(str(x).lstrip("/") for x in get("HANT_EXCLUDE")) + (prefix + "/",)
        base = (settings.get("SITEURL") or "") + "/"
        return cls(str(get("HANT_CONFIG")), Target(base, prefix, str(get("HANT_LANG")), excluded))


def make_converter(config: str):
    """OpenCC's convert for ``config``; raises ValueError with a message for the operator."""
    import opencc

    try:
        return opencc.OpenCC(config).convert
    except RuntimeError:
        known = "、".join(c.removesuffix(".json") for c in sorted(opencc.CONFIGS))
        problem = Problem("pelicanconf.py", 0, "HANT_CONFIG", f"未知的 OpenCC 转换配置 {config!r}",
                          f"改为 {known} 之一（大陆繁体用 s2t）", label="繁体转换配置")
        raise ValueError(problem.format()) from None


def pages(output: Path, options: Options) -> list[str]:
    """Site-relative paths of the pages to mirror, sorted (deterministic output)."""
    return find_pages(output, options.target.excluded)


def mirrored(paths, options: Options) -> list[str]:
    """Those of ``paths`` that get a twin, sorted."""
    excluded = options.target.excluded
    return sorted(p for p in paths if not p.startswith(excluded))


def convert_files(output: Path, paths: list[str], options: Options, threads: int = 1) -> int:
    """Convert ``paths`` (their folders exist already); ``threads`` > 1 overlaps file I/O with conversion."""
    convert = make_converter(options.config)
    root = output / options.target.prefix

    def one(rel: str) -> None:
        with open(safe_join(output, rel), encoding="utf-8") as fh:
            html = fh.read()
        text = convert_page(html, convert, options.target, rel)
        with open(safe_join(root, rel), "w", encoding="utf-8") as fh:
            fh.write(text)

    if threads > 1 and len(paths) > threads:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(threads) as pool:
            for _ in pool.map(one, paths, chunksize=32):
                pass
    else:
        for rel in paths:
            one(rel)
    return len(paths)


def _worker(args) -> int:
    return convert_files(*args)


class TwinHook(PageHook):
    """The 繁体 twin of every page, written from the page's HTML where it was rendered (a forked page
    worker or this process) — never by reading the page back."""

    name = "hant"

    def __init__(self, run, options: Options):
        self.run = run
        self.root = Path(run.output) / options.target.prefix
        self.options = options
        self.convert = make_converter(options.config)

    def _twin(self, save_as: str) -> str | None:
        return None if save_as.startswith(self.options.target.excluded) else f"{self.options.target.prefix}/{save_as}"

    def page(self, save_as: str, html: str) -> None:
        if self._twin(save_as) is None:
            return
        target = safe_join(self.root, save_as)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.lexists(target):
            os.unlink(target)          # never write through a hard link shared with the warm tree
        write_text(target, convert_page(html, self.convert, self.options.target, save_as))

    def reuse(self, save_as: str) -> bool:
        twin = self._twin(save_as)
        return twin is None or self.run.link_from_tree(twin, like=save_as)

    def outputs(self, save_as: str) -> list[str]:
        twin = self._twin(save_as)
        return [twin] if twin else []


WRITER_THREADS = 4   # creating files dominates on slow disks; a few threads keep the disk busy


def stale(output: Path, options: Options, paths: list[str], check: list[str] | None = None) -> list[str]:
    """Those of ``check`` (default: ``paths``, every page) whose twin is missing or not newer than the
    page (an incremental build rewrote it).

    A page that a rebuild left untouched keeps its twin; a full build into a fresh directory
    converts everything. Twins of pages not in ``paths`` are removed.
    """
    check = paths if check is None else check
    root = output / options.target.prefix
    if not root.is_dir():
        return check
    wanted = set(paths)
    for twin in root.rglob("*.html"):
        rel = twin.relative_to(root).as_posix()
        if rel not in wanted:
            twin.unlink()
    todo = []
    for rel in check:
        try:
            if (root / rel).stat().st_mtime_ns > (output / rel).stat().st_mtime_ns:
                continue
        except FileNotFoundError:
            pass
        todo.append(rel)
    return todo


def write_mirror(output: Path, options: Options, processes: int = 0, paths: list[str] | None = None) -> int:
    """Convert every page that changed since its twin was written (or exactly ``paths``, when the caller
    knows which changed); return the number of pages written."""
    make_converter(options.config)  # fail early, in this process, on a bad HANT_CONFIG
    if paths is None:
        paths = stale(output, options, pages(output, options))
    root = output / options.target.prefix
    for folder in sorted({posixpath.dirname(p) for p in paths}):
        os.makedirs(os.path.dirname(safe_join(root, posixpath.join(folder, "x"))), exist_ok=True)
    workers = processes or parallel.cpus()
    if not parallel.worth_forking("twins", len(paths), workers):
        return convert_files(output, paths, options, WRITER_THREADS if len(paths) >= parallel.THRESHOLDS["twins"] else 1)
    # Contiguous slices: each process works in its own folders.
    n = len(paths)
    chunks = [(output, paths[k * n // workers:(k + 1) * n // workers], options, WRITER_THREADS) for k in range(workers)]
    with fork_pool(workers) as pool:
        return sum(pool.map(_worker, chunks))
