"""Run every site check on a built output folder; the commands and tests call :func:`run_checks`."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from gongkai.engine import parallel

from . import catalog_checks, links, pages, vetoes
from .config import merged, reference_day
from .facts import FactStore, facts_of, page_key
from .site import Site, list_files


def _facts_chunk(bounds: tuple[int, int]) -> list:
    site, paths = parallel.shared()
    return [facts_of(site, p, site.parse(p)) for p in paths[bounds[0]:bounds[1]]]


def parse_pages(site: Site, paths: list[str]) -> dict:
    """``{path: Facts}`` of pages parsed now; many are parsed in forked workers (pure-Python
    parsing, 2 cores here)."""
    parts = parallel.map_tasks("checks", len(paths), _facts_chunk,
                               parallel.chunks(len(paths), per_worker=8, minimum=20), (site, paths))
    return dict(zip(paths, (facts for part in parts for facts in part)))


def page_facts(site: Site, paths: list[str], folder: Path | None, digests=None, stats: dict | None = None
               ) -> tuple[dict, int]:
    """(path -> Facts of every checked page, pages parsed this run). With the publish cache
    (``folder``), a page whose content, path and kind were seen before is not parsed again.
    ``stats``: path -> lstat of the tree's files, when the caller has them."""
    if folder is None:
        return parse_pages(site, paths), len(paths)
    from gongkai.publish.digests import Digests

    digests = digests or Digests(folder)
    store = FactStore(folder, site)
    top = str(site.output)
    stats = stats or {}
    sums = digests.of(site.output, {p: stats.get(p) or os.lstat(f"{top}/{p}") for p in paths})
    keys = {p: page_key(p, p in site.items_by_page, sums[p]) for p in paths if sums.get(p)}
    found, todo = {}, []
    for path in paths:
        facts = store.get(keys[path]) if path in keys else None
        if facts is None:
            todo.append(path)
        else:
            found[path] = facts
    found.update(parse_pages(site, todo))
    store.save({keys[p]: found[p] for p in paths if p in keys})
    return found, len(todo)


def checked_paths(files: set, cfg: dict) -> list[str]:
    exclude = list(cfg["exclude"]) + ([cfg["report_path"]] if cfg["report_path"] else [])
    out = []
    for path in files:
        if not path.endswith(".html"):
            continue
        plain = path
        for prefix in cfg["mirror_prefixes"]:
            if path.startswith(prefix):
                plain = path[len(prefix):]
        if any(plain.startswith(x) or path.startswith(x) for x in exclude):
            continue
        out.append(path)
    return sorted(out)


def run_checks(output: Path, settings: dict, catalog=None, calendar=None, today: dt.date | str | None = None,
               root: Path | None = None, cache: Path | None = None, digests=None, stats: dict | None = None,
               shown: Path | None = None) -> Site:
    """All checks; the returned :class:`Site` holds ``problems``, ``externals`` and ``stats``.
    ``cache``: the publish cache folder (None: every page is parsed); ``digests``: the run's
    :class:`gongkai.publish.digests.Digests`; ``stats``: path -> lstat of every file of ``output``
    (:func:`gongkai.publish.digests.walk`), when the caller has listed it; ``shown``: the folder the
    messages name instead of ``output`` (publishing checks ``output.publish`` before it becomes ``output``). ``parsed`` (not in
    ``stats``): pages parsed this run."""
    output = Path(output)
    cfg = merged(settings)
    day = reference_day(cfg, today)
    files = set(stats) if stats is not None else list_files(output)
    paths = checked_paths(files, cfg)
    site = Site(output=output, root=Path(root or settings.get("GONGKAI_ROOT") or "."), settings=settings, cfg=cfg,
                pages={}, files=files, catalog=catalog, shown=Path(shown) if shown else None)
    if catalog is not None:
        for item in catalog.items:
            site.items_by_page[item.save_as] = item
            for prefix in cfg["mirror_prefixes"]:
                site.items_by_page[prefix + item.save_as] = item
    site.pages, site.parsed = page_facts(site, paths, cache, digests, stats)
    site.stats.update(pages=len(site.pages), files=len(files), items=len(catalog.items) if catalog else 0,
                      today=day.isoformat())
    links.check_links(site)
    pages.check_meta(site)
    pages.check_footer(site)
    pages.check_list_dates(site)
    pages.check_csp(site)
    pages.check_blank_columns(site)
    catalog_checks.check_stale(site, day)
    catalog_checks.check_art26(site, calendar)
    vetoes.check_vetoes(site, day)
    site.stats["external_links"] = len(site.externals)
    return site
