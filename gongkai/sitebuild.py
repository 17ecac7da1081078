"""Run Pelican into a scratch directory and move it into place only when the build is clean.

A failed build never leaves a half-written site where publishing would pick it up: the
new tree is written to ``<output>.partial`` and swapped in with two renames. Every problem of the
run is printed (:mod:`gongkai.buildlog`); when the generators' ``generate_context`` phase — where
every content problem is found — ends with errors, the run stops before anything is rendered, so
a failed preview rebuild (``incremental=True``, written in place) leaves the preview untouched.
Only one build at a time writes an output folder (:mod:`gongkai.locks`).
"""
from __future__ import annotations

import errno
import gc
import logging
import multiprocessing
import os
import shutil
import subprocess
import time
from pathlib import Path

from pelican import Pelican, signals
from pelican.settings import read_settings

from gongkai import buildlog, locks
from gongkai.buildlog import DISK_FULL
from gongkai.engine import shards, templates
from gongkai.engine.run import CONTEXT_KEY, BuildRun, Session
from gongkai.engine.store import Store

NOT_WRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS)


class _Stop(Exception):
    """Raised on ``all_generators_finalized`` when problems were logged: nothing is written yet."""


def load_settings(settings_file: str | Path, **override) -> dict:
    return read_settings(str(settings_file), override=override or None)


def shown(path: Path) -> str:
    """``output/`` for a folder under the current directory, else the absolute path."""
    path = Path(path)
    try:
        return path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return str(path)


def build(settings_file: str | Path = "pelicanconf.py", output: str | Path | None = None,
          fatal_warnings: bool = False, quiet: bool = False, incremental: bool = False, lock: bool = True,
          session: Session | None = None, cache: bool | None = None, shard: tuple | None = None,
          shard_folders: list | None = None, tree_of: str | Path | None = None, **override) -> tuple[int, dict]:
    """Build the site; return (exit code, stats). Exit 0 only if no errors (and no warnings if fatal).

    The default writes a complete new tree and swaps it in. ``incremental=True`` (the preview
    server, the rebuild benchmark) writes in place and, within one process, re-renders only pages
    whose inputs changed (see plugins/_shared/output.py); it is never used for publishing.
    ``lock=False``: the caller already holds the output folder's lock (``gongkai serve``).
    ``session``: what a long-running caller keeps between builds (:class:`gongkai.engine.run.Session`).
    ``cache``: use the persistent cache in ``.cache/build`` (default: the setting ``GONGKAI_CACHE``, on;
    the environment variable ``GONGKAI_NO_CACHE=1`` turns it off, e.g. for cold benchmarks).
    ``shard=(i, n)``: render only shard i's item pages (:mod:`gongkai.engine.shards`); ``shard_folders``:
    merge those shards' outputs into a complete site. ``tree_of``: the folder this build's tree will
    replace when that is not ``output`` (publishing builds ``output.publish``, checks it, then swaps it
    over ``output``): unchanged pages are linked from there, and the caller records the new tree
    (``stats["prints"]``, :meth:`gongkai.engine.store.Store.save_tree`) once it is in place.
    Unless ``quiet``, every problem is printed (sorted; errors to stderr); the caller prints the
    summary. stats: seconds, errors, warnings, output, ``stopped`` (failed before writing anything),
    ``written``/``removed`` (incremental: pages changed in place), ``failure`` (a sentence for a
    failure that is not a content problem: a full disk, a folder that cannot be written).
    """
    settings = load_settings(settings_file, **override)
    final = Path(output or settings["OUTPUT_PATH"]).resolve()
    if cache is None:
        cache = cache_on(settings)
    args = (settings_file, final, fatal_warnings, quiet, incremental, override, session or Session(), cache, shard,
            shard_folders, Path(tree_of).resolve() if tree_of else None)
    if not lock:
        return _build(*args)
    with locks.held(locks.lock_path(final), shown(final)):
        return _build(*args)


def cache_on(settings: dict) -> bool:
    """The setting ``GONGKAI_CACHE`` (default on), unless ``GONGKAI_NO_CACHE=1`` is in the environment."""
    return bool(settings.get("GONGKAI_CACHE", True)) and not os.environ.get("GONGKAI_NO_CACHE")


def cache_folder(settings: dict) -> Path:
    """``.cache/build`` of the repository (or site) being built, or ``$GONGKAI_CACHE_DIR`` when set."""
    if os.environ.get("GONGKAI_CACHE_DIR"):
        return Path(os.environ["GONGKAI_CACHE_DIR"])
    from plugins.catalog.load import Settings

    return Settings.from_pelican(settings).root / ".cache" / "build"


def _build(settings_file, final: Path, fatal_warnings: bool, quiet: bool, incremental: bool,
           override: dict, session: Session, cache: bool, shard, shard_folders, tree_of: Path | None) -> tuple[int, dict]:
    partial = final if incremental else final.with_name(final.name + ".partial")
    if partial.exists() and not incremental:
        discard(partial, final)
    extra = {"DELETE_OUTPUT_DIRECTORY": False, "GONGKAI_INCREMENTAL": True} if incremental else {}
    settings = load_settings(settings_file, **{**override, **extra, "OUTPUT_PATH": str(partial)})
    store = Store(cache_folder(settings)) if cache else None
    templates.install(settings, cache_folder(settings).parent / "jinja" if cache else None)
    tree, tree_prints = store.tree(tree_of or final) if store is not None and not incremental else (None, {})
    if incremental and store is not None and session.saved is None:
        session.saved = store.in_place_prints(final)      # a restarted preview knows what is on disk
        session.prints = session.prints or dict(session.saved)
    sources: dict = {}
    if shard_folders:
        sources, tree_prints = shards.read_records(shard_folders)
        shards.absorb(store, shard_folders)
    run = BuildRun(settings=settings, output=partial, incremental=incremental, final=final, session=session, store=store,
                   tree=tree, tree_prints=tree_prints, sources=sources, shard=shard)
    if shard:
        run.at_finish(shards.write_record)
    settings[CONTEXT_KEY] = run       # reaches every generator's context and the Pelican object
    collector = buildlog.Collector()
    stats = {"seconds": 0.0, "errors": 0, "warnings": 0, "output": str(final), "stopped": False,
             "written": [], "removed": [], "failure": ""}
    started = time.perf_counter()
    try:
        run_pelican(settings, collector, fatal_warnings, run)
    except _Stop:
        stats["stopped"] = True
    except OSError as exc:
        if exc.errno not in DISK_FULL + NOT_WRITABLE:
            raise
        stats["failure"] = write_failure(exc, partial, final, incremental)
    if collector.write_error is not None and not stats["failure"]:
        stats["failure"] = write_failure(collector.write_error, partial, final, incremental)
    stats.update(seconds=time.perf_counter() - started, errors=len(collector.errors),
                 warnings=len(collector.warnings), timings=run.timings, rendered=len(run.written),
                 reused=len(run.reused))
    if not quiet:
        buildlog.print_lines(collector)
    failed = collector.failed(fatal_warnings) or bool(stats["failure"])
    if incremental:
        if not stats["stopped"]:
            stats["written"] = sorted(run.written)
            stats["removed"] = sorted(p for p in run.removed if not (partial / p).exists())
            if store is not None and store.save_in_place_prints(final, session.prints, session.saved):
                session.saved = dict(session.prints)
        return (1 if failed else 0), stats
    if failed:
        if stats["failure"]:          # a full disk: free the space now, not in the background
            shutil.rmtree(partial, ignore_errors=True)
        elif partial.exists():
            discard(partial, final)
        return 1, stats
    swap_into_place(partial, final)
    stats["prints"] = run.prints
    if store is not None:
        if tree_of is None:
            stats["timings"]["save tree"] = round(store.save_tree(final, run.prints), 3)
        if run.used and not shard:        # a shard used part of the catalog only
            started = time.perf_counter()
            stats["swept"] = store.sweep(tree_of or final, run.used)
            stats["timings"]["sweep cache"] = round(time.perf_counter() - started, 3)
        store.close()
    return 0, stats


def run_pelican(settings: dict, collector: buildlog.Collector, fatal_warnings: bool, run: BuildRun) -> None:
    """One Pelican run with ``collector`` on the root logger; raises :class:`_Stop` right after
    ``generate_context`` when problems were logged. The run belongs to the build, not to a plugin:
    it hears every page Pelican writes itself, and its finishers run once every generator is done."""
    root = logging.getLogger()
    root.addHandler(collector)
    buildlog.reset_pelican_dedup()
    console = _pelican_console()
    was_quiet = getattr(console, "quiet", False)
    if console is not None:
        console.quiet = True          # Pelican's English "Done: Processed 0 articles …" line
    before = {p.pid for p in multiprocessing.active_children()}

    def stop_if_failed(_generators):
        if collector.failed(fatal_warnings):
            raise _Stop

    signals.all_generators_finalized.connect(stop_if_failed)
    signals.content_written.connect(run.on_content_written)
    thresholds = gc.get_threshold()
    # A build allocates millions of long-lived objects (items, postings): the default thresholds
    # collect them over and over for nothing (~2 % of the build at 20,000 items).
    gc.set_threshold(100_000, 50, 1000)
    try:
        Pelican(settings).run()
        with run.timed("finish"):
            run.finish()
    except BaseException:
        stop_children(before)         # e.g. the search index process, which writes into the tree
        raise
    finally:
        gc.set_threshold(*thresholds)
        signals.all_generators_finalized.disconnect(stop_if_failed)
        signals.content_written.disconnect(run.on_content_written)
        root.removeHandler(collector)
        if console is not None:
            console.quiet = was_quiet


def _pelican_console():
    try:
        from pelican.log import console
    except ImportError:
        return None
    return console


def stop_children(before: set[int]) -> None:
    """Terminate the processes this run started (and wait for them) before its tree is removed."""
    for proc in multiprocessing.active_children():
        if proc.pid not in before:
            proc.terminate()
            proc.join(10)


def write_failure(exc: OSError, partial: Path, final: Path, incremental: bool) -> str:
    """The sentence for a build that could not write its tree."""
    target = Path(exc.filename) if exc.filename else None
    # a write into the tree names its file; anything else (a copy's source, a relative name) names the tree
    inside = target is not None and target.is_absolute() and (target == partial or partial in target.parents)
    where = shown(target) if inside else shown(partial)
    cause = "磁盘空间不足" if exc.errno in DISK_FULL else f"无法写入（{os.strerror(exc.errno)}）"
    if incremental:
        return (f"重建失败：{cause}，写入 {where} 时出错；预览可能只更新了一部分 — "
                f"{'清理磁盘' if exc.errno in DISK_FULL else '检查该目录的权限'}后保存任一文件即可重建。")
    return (f"构建失败：{cause}，写入 {where} 时出错；已删除未完成的 {shown(partial)}，未改动 {shown(final)}。"
            f"{'清理磁盘' if exc.errno in DISK_FULL else '检查该目录的权限'}后重新构建。")


def swap_into_place(partial: Path, final: Path) -> None:
    """Two renames; a process killed between them left ``final`` missing and ``old`` as the only copy."""
    old = final.with_name(final.name + ".old")
    if old.exists() and not final.exists():
        old.rename(final)
    if old.exists():
        discard(old, final)
    if final.exists():
        final.rename(old)
    partial.rename(final)
    if old.exists():
        discard(old, final)


TRASH = ".trash-"


def discard(tree: Path, final: Path) -> None:
    """Delete a replaced or failed tree without making the build wait for it.

    Deleting 50,000 files takes ~15 s on a slow disk. The tree is renamed to ``<final>.trash-*`` at
    once (publishing never looks there) and removed by a detached ``rm -rf`` that outlives this
    process; trash left by an interrupted removal is removed by the next build.
    """
    trash = final.with_name(f"{final.name}{TRASH}{os.getpid()}-{time.monotonic_ns()}")
    tree.rename(trash)
    leftovers = [p for p in final.parent.glob(f"{final.name}{TRASH}*") if p.is_dir()]
    # At the lowest CPU and disk priority: whatever runs next (publishing, checks) keeps the machine.
    polite = [arg for tool in (["nice", "-n", "19"], ["ionice", "-c", "3"]) if shutil.which(tool[0]) for arg in tool]
    try:
        subprocess.Popen([*polite, "rm", "-rf", "--", *map(str, leftovers)], start_new_session=True, close_fds=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:                      # no rm on this system: delete here
        for path in leftovers:
            shutil.rmtree(path, ignore_errors=True)
