"""Pelican side of the exports: data files in generate_output, the sitemap once every page exists.

catalog.json/.csv and the feeds come from ``context['catalog']``; sitemap.xml is written on
``finalized`` from the pages actually in the output (so pages of every plugin are listed), plus
their 繁体 twins when the hant plugin is enabled (computed, so the order of finalized handlers
does not matter).
"""
from __future__ import annotations

import hashlib
import logging
import operator
from pathlib import Path

from pelican.generators import Generator

from gongkai.engine.run import BuildRun
from plugins._shared import output

from . import feeds, sitemap, tables
from .urls import at_host_root, base_url, setting

log = logging.getLogger(__name__)


def _write_bytes(run: BuildRun, save_as: str, data: bytes) -> None:
    # a preview keeps what it made: the same bytes are not hashed again (a full build keeps nothing)
    hashed = run.state("exports").setdefault("hashed", {}) if run.incremental else {}
    last = hashed.get(save_as)
    sha = last[1] if last is not None and last[0] is data else hashlib.sha1(data).hexdigest()
    hashed[save_as] = (data, sha)
    run.note_file(save_as, sha, lambda target: Path(target).write_bytes(data))


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
            for save_as, data in export_files(catalog, self.settings, run.state("exports") if run.incremental else None).items():
                _write_bytes(run, save_as, data)
        run.at_finish(lambda run: write_sitemap(run, catalog))


def export_files(catalog, settings: dict, memo: dict | None = None) -> dict[str, bytes]:
    """Every data export for ``catalog`` as ``{save_as: bytes}`` (sitemap and robots excluded).
    ``memo``: what a long-running preview keeps between builds (unchanged files are not made again)."""
    base = base_url(settings)
    files = {}
    if setting(settings, "EXPORTS_CATALOG_JSON"):
        files[setting(settings, "EXPORTS_CATALOG_JSON")] = tables.catalog_json(catalog, settings, base, memo)
    if setting(settings, "EXPORTS_CATALOG_CSV"):
        files[setting(settings, "EXPORTS_CATALOG_CSV")] = tables.catalog_csv(catalog, base, memo)
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
        every = run.pages()
        max_urls = int(setting(settings, "EXPORTS_SITEMAP_MAX_URLS"))
        # what the files are made of, compared as it is (cheaper than making the entries at 100,000 items)
        key = (every, list(map(operator.attrgetter("save_as", "published"), catalog.items)),
               output.digest({k: v for k, v in settings.items() if k.isupper() and k != "OUTPUT_PATH"}))
        memo = run.state("exports").get("sitemap")
        if memo and memo[0] == key:
            files = memo[1]
        else:
            pages = sorted(p for p in every if p.endswith(".html") and not p.startswith(hant_dir))
            entries = sitemap_entries(run.output, settings, catalog, pages)
            files = {name: (data, hashlib.sha1(data).hexdigest())
                     for name, data in sitemap.sitemap_files(entries, base, max_urls).items()}
        run.state("exports")["sitemap"] = (key, files)
        for name, (data, sha) in files.items():
            run.note_file(name, sha, lambda target, data=data: Path(target).write_bytes(data))
    if setting(settings, "EXPORTS_ROBOTS"):
        if at_host_root(base):
            text = sitemap.robots_txt(base, list(setting(settings, "EXPORTS_ROBOTS_DISALLOW")))
            _write_bytes(run, "robots.txt", text.encode("utf-8"))
        else:
            log.info("exports: %s is not at the root of its host; robots.txt not written", base)


def get_generators(pelican_object):
    return ExportsGenerator
