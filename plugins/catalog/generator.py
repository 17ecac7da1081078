"""Pelican generator for catalog items: loads catalog/ into ``context['catalog']`` and writes item pages.

Other plugins read ``context['catalog']`` (a :class:`~plugins.catalog.model.Catalog`) in their own
generators; generate_context of every generator runs before any generate_output, so the catalog is
there for listings, search, reports and exports alike.
"""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from pelican.generators import Generator

from gongkai.engine import shards
from gongkai.engine.run import BuildRun
from plugins._shared import output
from plugins._shared.diagnostics import Problems, log_problems

from . import cache, lawmap
from .load import Settings, load_catalog
from .pages import check_content_files, check_pages, ignore_unsafe, read_pages

log = logging.getLogger(__name__)


def page_meta(item) -> dict:
    """Values of the 政府网站 <meta> tags for an item page (docs/rules.md §4)."""
    return {
        "column_name": item.category.label,
        "column_type": item.category.column_type,
        "article_title": item.title,
        "pub_date": item.published.isoformat() + " 00:00",
        "content_source": item.publisher.name,
        "keywords": ",".join(item.keywords),
        "description": item.summary,
    }


class CatalogGenerator(Generator):
    """generate_context: load + validate + render bodies; generate_output: item pages + attachments."""

    def generate_context(self):
        settings = Settings.from_pelican(self.settings)
        problems = Problems()
        run = BuildRun.of(self.context)
        unread = run.session.take_unread() if run.incremental else None
        used = set() if run.store is not None and not run.incremental else None
        try:
            with run.timed("catalog"):
                catalog = load_catalog(settings, problems, render=self.settings.get("MARKDOWN") or {},
                                       memory=run.state("catalog"), store=run.store, lean=not run.incremental,
                                       unread=unread, used=used)
        except BaseException:
            run.session.forget_unread()      # the next build checks every file
            raise
        if used is not None:
            run.keep(cache.NAMESPACE, used)
            run.keep(cache.BODIES, used)
        lawmap.attach(catalog, settings, problems)
        check_pages(read_pages(self.settings, settings.root, problems), catalog, problems)
        check_content_files(self.settings, settings.root, problems)
        self.context["catalog"] = catalog
        self.context["catalog_settings"] = settings
        log_problems(problems, log)

    def generate_output(self, writer):
        catalog = self.context["catalog"]
        template = self.get_template("item")
        base = output.digest(output.theme_digest(self.theme), _settings_digest(self.settings))
        run = BuildRun.of(self.context)
        # in the order of the files: the order of the items in memory, so each forked writer reads
        # (and so copies) the memory of its own items only
        items = shards.mine(catalog.in_files_order, run.shard) if run.shard else catalog.in_files_order
        pages = [(item.save_as, item_fingerprint(item, base), {"item": item}) for item in items]
        with run.timed("item pages"):
            run.write_pages(pages, template, self.context, prepare=item_page)
        for item in items:
            for att in item.attachments:
                src = self.context["catalog_settings"].root / att.source
                run.note_file(att.url, f"{att.source}:{att.size}:{src.stat().st_mtime_ns}",
                              lambda target, src=src: _copy(src, target))


def item_page(kwargs: dict, private: bool) -> dict:
    """The template kwargs of an item's page; in a forked writer, a lean item is replaced by its own copy."""
    item = kwargs["item"].detached() if private else kwargs["item"]
    column = (item.category.label, f"fdzdgknr/{item.category.key}/") if item.is_current else \
        ("废止和失效" + item.category.label, f"fdzdgknr/{item.category.key}/fzsx/")
    crumbs = [("首页", ""), ("法定主动公开内容", "fdzdgknr/"), column, (item.title, item.url)]
    return {"item": item, "page_meta": page_meta(item), "breadcrumbs": crumbs, "page_url": item.url,
            "page_kind": "item"}


def _copy(src: Path, target: str) -> None:
    shutil.copyfile(src, target)
    os.utime(target, (0, 0))  # deterministic mtimes for byte-identical trees


def _settings_digest(settings: dict) -> str:
    return output.digest({k: v for k, v in settings.items() if k.isupper() and k not in ("OUTPUT_PATH",)})


def item_fingerprint(item, base: str) -> str:
    """Everything an item page shows: its own fields and body, and what its relations show of others."""
    if not (item.interpreted_by or item.superseded_by or item.interprets_items or item.supersedes_items):
        # most items: the digests as they are, nothing to serialise or hash (fingerprints are only compared)
        return f"{base}:{item.content_digest}"
    related = [(r.url, r.title, r.doc_no, r.status) for r in
               item.interpreted_by + item.superseded_by + item.interprets_items + item.supersedes_items]
    return output.digest(base, item.content_digest, related)


def on_initialized(pelican_object):
    """Keep Pelican away from unsafe content files before it reads anything (pages.ignore_unsafe)."""
    ignore_unsafe(pelican_object.settings, Settings.from_pelican(pelican_object.settings).root)


def get_generators(pelican_object):
    return CatalogGenerator
