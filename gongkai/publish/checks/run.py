"""Run every site check on a built output folder; the commands and tests call :func:`run_checks`."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from . import catalog_checks, links, pages
from .config import merged, reference_day
from .scan import parse_page
from .site import Site, list_files

PARALLEL_PAGES = 2000
_job: dict = {}


def _parse(path: str):
    return parse_page(path, (_job["output"] / path).read_text(encoding="utf-8", errors="replace"))


def parse_pages(output: Path, paths: list[str]) -> dict:
    """``{path: Page}``; many pages are parsed in forked workers (pure-Python parsing, 2 cores here)."""
    _job["output"] = output
    try:
        cpus = os.cpu_count() or 1
        if len(paths) >= PARALLEL_PAGES and cpus > 1:
            import multiprocessing

            with multiprocessing.get_context("fork").Pool(cpus) as pool:
                parsed = pool.map(_parse, paths, chunksize=200)
        else:
            parsed = [_parse(p) for p in paths]
    finally:
        _job.clear()
    return {p.path: p for p in parsed}


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
               root: Path | None = None) -> Site:
    """All checks; the returned :class:`Site` holds ``problems``, ``externals`` and ``stats``."""
    output = Path(output)
    cfg = merged(settings)
    day = reference_day(cfg, today)
    files = list_files(output)
    paths = checked_paths(files, cfg)
    site = Site(output=output, root=Path(root or settings.get("GONGKAI_ROOT") or "."), settings=settings, cfg=cfg,
                pages=parse_pages(output, paths), files=files, catalog=catalog)
    if catalog is not None:
        for item in catalog.items:
            site.items_by_page[item.save_as] = item
            for prefix in cfg["mirror_prefixes"]:
                site.items_by_page[prefix + item.save_as] = item
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
    site.stats["external_links"] = len(site.externals)
    return site
