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

from plugins._shared.diagnostics import Problems, log_problems

from .load import Settings, load_catalog
from .render import BodyRenderer

log = logging.getLogger(__name__)


def page_meta(item) -> dict:
    """Values of the 政府网站 <meta> tags for an item page (domain.md §5)."""
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
        catalog = load_catalog(settings, problems)
        render = BodyRenderer(self.settings.get("MARKDOWN"))
        for item in catalog.items:
            item.body_html = render(item.body)
        self.context["catalog"] = catalog
        self.context["catalog_settings"] = settings
        self.context.setdefault("gongkai_problems", Problems()).extend(problems)
        log_problems(problems, log)

    def generate_output(self, writer):
        catalog = self.context["catalog"]
        template = self.get_template("item")
        for item in catalog.items:
            crumbs = [("首页", ""), ("法定主动公开内容", "fdzdgknr/"),
                      (item.category.label, f"fdzdgknr/{item.category.key}/"), (item.title, item.url)]
            writer.write_file(item.save_as, template, self.context, item=item, page_meta=page_meta(item),
                              breadcrumbs=crumbs, page_url=item.url, page_kind="item")
        self._copy_attachments(catalog)

    def _copy_attachments(self, catalog):
        root = self.context["catalog_settings"].root
        for item in catalog.items:
            for att in item.attachments:
                target = Path(self.output_path) / att.url
                target.parent.mkdir(parents=True, exist_ok=True)
                src = root / att.source
                if not target.exists() or target.stat().st_size != att.size:
                    shutil.copyfile(src, target)
                    os.utime(target, (0, 0))  # deterministic mtimes for byte-identical trees


def get_generators(pelican_object):
    return CatalogGenerator
