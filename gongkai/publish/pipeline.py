"""What ``make publish`` does to a built tree: site checks, precompression, manifest — with the cache.

One :class:`Digests` serves the three steps, so each file is read at most once per run and not at
all when it is unchanged since the last publish. ``gongkai publish`` (build, then :func:`finish`,
then swap into ``output/`` and :func:`remember`), ``gongkai sitecheck`` (:func:`check_site`) and
the publishing benchmark call these.
"""
from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from plugins._shared.diagnostics import Problems

from . import cache, compress, manifest
from .digests import Digests, walk


def check_site(settings: dict, output: Path, today=None, report: bool = True, folder: Path | None = None,
               digests: Digests | None = None, after_build: bool = False, stats: dict | None = None,
               shown: Path | None = None, session=None):
    """Load the catalog and the working-day calendar, run every check on ``output``, write the report.

    ``after_build``: the build ran in this process, so the catalog is asked for with the build's
    Markdown settings; with the build's ``session`` (:class:`gongkai.engine.run.Session`) the items that
    build kept in memory come from there. The others — every item after a lean build — come from the
    persistent build cache when it is on, as unchanged items do without a session."""
    from plugins.catalog.load import Settings, load_catalog
    from plugins.workdays.generator import load_for

    from .checks.report import write_report
    from .checks.run import run_checks

    render = None
    if after_build:   # the Markdown settings as Pelican's reader completed them for the build: the cache's key
        from pelican.readers import MarkdownReader

        MarkdownReader(settings)
        render = settings.get("MARKDOWN") or {}
    from gongkai.engine.store import Store
    from gongkai.sitebuild import cache_folder, cache_on

    loading = Problems()
    memory = session.state("catalog") if session is not None else None    # what the catalog plugin kept
    # The store too: a large catalog's build keeps its items in the store, not in the session's memory
    # (a lean build), and without it every item was parsed again here (45 s of 60 at 20,000 items).
    store = Store(cache_folder(settings)) if cache_on(settings) else None
    try:
        catalog = load_catalog(Settings.from_pelican(settings), loading, render=render, memory=memory, store=store)
    finally:
        if store is not None:
            store.close()
    calendar = load_for(settings, loading)
    site = run_checks(output, settings, catalog=catalog, calendar=calendar, today=today,
                      root=Settings.from_pelican(settings).root, cache=folder, digests=digests, stats=stats,
                      shown=shown)
    site.problems.extend(loading)
    if report:
        write_report(site, Path(settings.get("THEME", "theme")))
    return site


@dataclasses.dataclass
class Finished:
    site: object                          # checks.site.Site: problems, externals, stats
    digests: Digests
    folder: Path | None                   # the publish cache (None: off)
    packed: compress.Packed | None = None
    manifest: dict | None = None          # None: the checks found errors, nothing was compressed
    seconds: dict = dataclasses.field(default_factory=dict)   # checks, compress, manifest

    @property
    def reused(self) -> dict:
        """What the cache saved this run (for the summary line and the benchmark)."""
        return {"pages_parsed": self.site.parsed, "pages": self.site.stats["pages"],
                "compressed": self.packed.compressed if self.packed else 0,
                "compress_reused": self.packed.reused if self.packed else 0, "files_hashed": self.digests.hashed}


def finish(settings: dict, tree: Path, today=None, after_build: bool = True, shown: Path | None = None,
           session=None) -> Finished:
    """Checks, then (only if they found no error) twins and ``manifest.json`` in ``tree``.
    ``shown``: the folder ``tree`` becomes once published, named in the messages; ``session``: the
    build's, so the checks take its catalog instead of reading it again.
    Raises ValueError (bad SITE_CHECKS, a file that cannot be published) and OSError (a full disk)."""
    folder = cache.folder(settings)
    digests = Digests(folder)
    started = time.perf_counter()
    stats, _ = walk(tree)                  # one listing for the checks and the compression
    site = check_site(settings, tree, today, folder=folder, digests=digests, after_build=after_build, stats=stats,
                      shown=shown, session=session)
    done = Finished(site, digests, folder, seconds={"checks": time.perf_counter() - started})
    if site.problems.errors:
        return done
    started = time.perf_counter()
    report = site.cfg["report_path"].strip("/")
    if report:                             # the report was written after the listing
        stats.update({f"{report}/{rel}": st for rel, st in walk(Path(tree) / report)[0].items()})
    done.packed = compress.compress_tree(tree, settings, digests, folder, stats)
    done.seconds["compress"] = time.perf_counter() - started
    started = time.perf_counter()
    done.manifest = manifest.write(tree, digests)
    done.seconds["manifest"] = time.perf_counter() - started
    return done


def remember(done: Finished) -> None:
    """After the tree is in place: record its files' digests for the next publish and for deploy."""
    if done.manifest is not None:
        done.digests.save(done.manifest["files"])
