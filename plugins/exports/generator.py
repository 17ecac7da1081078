"""Pelican side of the exports: data files in generate_output, the sitemap once every page exists.

catalog.json/.csv and the feeds come from ``context['catalog']``; sitemap.xml is written on
``finalized`` from the pages actually in the output (so pages of every plugin are listed), plus
their 繁体 twins when the hant plugin is enabled (computed, so the order of finalized handlers
does not matter).
"""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from pelican.generators import Generator

from gongkai.engine.run import BuildRun
from plugins._shared import output

from . import feeds, sitemap, tables
from .urls import at_host_root, base_url, setting

log = logging.getLogger(__name__)


def _write_bytes(run: BuildRun, save_as: str, data: bytes) -> None:
    run.note_file(save_as, hashlib.sha1(data).hexdigest(), lambda target: Path(target).write_bytes(data))


class ExportsGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        if BuildRun.of(self.context).shard:     # a shard renders item pages only; the merge writes the rest
            return
        catalog = self.context.get("catalog")
        if catalog is None:
            log.error("exports: context['catalog'] is missing; put plugins.catalog before plugins.exports in PLUGINS")
            return
        run = BuildRun.of(self.context)
        with run.timed("exports"):
            for save_as, data in export_files(catalog, self.settings).items():
                _write_bytes(run, save_as, data)
        run.at_finish(lambda run: write_sitemap(run, catalog))


def export_files(catalog, settings: dict) -> dict[str, bytes]:
    """Every data export for ``catalog`` as ``{save_as: bytes}`` (sitemap and robots excluded)."""
    base = base_url(settings)
    files = {}
    if setting(settings, "EXPORTS_CATALOG_JSON"):
        files[setting(settings, "EXPORTS_CATALOG_JSON")] = tables.catalog_json(catalog, settings, base)
    if setting(settings, "EXPORTS_CATALOG_CSV"):
        files[setting(settings, "EXPORTS_CATALOG_CSV")] = tables.catalog_csv(catalog, base)
    if setting(settings, "EXPORTS_FEEDS"):
        feed_dir = str(setting(settings, "EXPORTS_FEED_DIR")).strip("/") + "/"
        files.update(feeds.feed_plan(catalog, settings, base, feed_dir, int(setting(settings, "EXPORTS_FEED_ITEMS"))))
    return files


def mirror_twins(settings: dict, paths: list[str]) -> list[str]:
    """Paths of the 繁体 twins the hant plugin writes for ``paths`` (empty when it is not enabled)."""
    if not any(str(p).endswith("hant") for p in settings.get("PLUGINS", [])):
        return []
    from plugins.hant.mirror import Options

    target = Options.from_settings(settings).target
    return [f"{target.prefix}/{p}" for p in paths if not any(p.startswith(x) for x in target.excluded)]


def sitemap_entries(output_dir: Path, settings: dict, catalog=None,
                    pages: list[str] | None = None) -> list[tuple[str, str | None]]:
    """``[(absolute URL, lastmod)]`` of the pages in ``output_dir`` (or of ``pages``, its HTML files)."""
    base = base_url(settings)
    hant_prefix = str(settings.get("HANT_PREFIX", "zh-hant")).strip("/") + "/"
    exclude = tuple(setting(settings, "EXPORTS_SITEMAP_EXCLUDE")) + (hant_prefix,)
    if pages is None:
        paths = sitemap.page_paths(output_dir, exclude)
    else:
        paths = [p for p in pages if not p.startswith(exclude)]
    paths += mirror_twins(settings, paths)
    lastmod = {}
    if catalog is not None:
        for item in catalog.items:
            lastmod[item.save_as] = lastmod[f"{hant_prefix}{item.save_as}"] = item.published.isoformat()
    return sorted((base + sitemap.page_url(p), lastmod.get(p)) for p in paths)


def write_sitemap(run: BuildRun, catalog) -> None:
    """sitemap.xml and robots.txt, once every page of the run exists (a finisher of the build)."""
    settings = run.settings
    base = base_url(settings)
    if setting(settings, "EXPORTS_SITEMAP"):
        hant_dir = str(settings.get("HANT_PREFIX", "zh-hant")).strip("/") + "/"
        pages = sorted(p for p in run.pages() if p.endswith(".html") and not p.startswith(hant_dir))
        entries = sitemap_entries(run.output, settings, catalog, pages)
        max_urls = int(setting(settings, "EXPORTS_SITEMAP_MAX_URLS"))
        key = output.digest(entries, base, max_urls)
        memo = run.state("exports").get("sitemap")
        files = memo[1] if memo and memo[0] == key else sitemap.sitemap_files(entries, base, max_urls)
        run.state("exports")["sitemap"] = (key, files)
        for name, data in files.items():
            _write_bytes(run, name, data)
    if setting(settings, "EXPORTS_ROBOTS"):
        if at_host_root(base):
            text = sitemap.robots_txt(base, list(setting(settings, "EXPORTS_ROBOTS_DISALLOW")))
            _write_bytes(run, "robots.txt", text.encode("utf-8"))
        else:
            log.info("exports: %s is not at the root of its host; robots.txt not written", base)


def get_generators(pelican_object):
    return ExportsGenerator
