"""Pelican generator for the 法定主动公开内容 pages: overview, facet indexes and paginated listings.

generate_context puts a :class:`~plugins.listings.build.Listings` into ``context['listings']``
(the home page and 404 use its counts); generate_output writes the pages through
``plugins/_shared/output.py``, so a rebuild re-renders only listing pages whose rows changed.
Each item's table row is rendered once and reused by every listing that shows the item.
"""
from __future__ import annotations

import hashlib
import json
import logging

from pelican.generators import Generator

from gongkai.engine.run import BuildRun
from plugins._shared import output

from .build import ROOT, ROOT_LABEL, Groups, build_listings
from .paging import page_window, paginate

log = logging.getLogger(__name__)

DEFAULTS = {
    "LISTINGS_PAGE_SIZE": None,   # rows per listing page; None = CATALOG_PAGE_SIZE
    "LISTINGS_LATEST": 10,        # items in the home page's 最新公开
}
MAX_PATCHED = 50     # changed items up to which a preview patches the kept rows instead of walking all items
ROOT_META = {"column_name": ROOT_LABEL, "column_type": "信息公开目录",
             "column_description": "依据《中华人民共和国政府信息公开条例》第二十条主动公开的政府信息",
             "column_keywords": ROOT_LABEL}


def setting(settings: dict, name: str):
    return settings.get(name, DEFAULTS[name])


def fingerprint(base: str, *parts) -> str:
    """Hash of what a page shows: the theme/settings digest, its plain data and its rendered rows."""
    h = hashlib.sha1(base.encode())
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode() if isinstance(part, str) else
                 json.dumps(part, sort_keys=True, default=str, ensure_ascii=False).encode())
    return h.hexdigest()


class ListingsGenerator(Generator):
    def generate_context(self):
        catalog = self.context.get("catalog")
        if catalog is None:
            log.error("pelicanconf.py: PLUGINS: 找不到目录数据 — 把 plugins.catalog 放在 plugins.listings 之前")
            return
        run = BuildRun.of(self.context)
        groups = None
        last = run.state("listings-groups").pop("last", None) if run.incremental else None
        changed = _changed_in_place(last[0], catalog.items) if last is not None else None
        if changed is not None:
            groups = last[1].swapped([(last[0][k], catalog.items[k]) for k in changed])
        groups = groups or Groups.of(catalog.items)
        if run.incremental:
            run.state("listings-groups")["last"] = (list(catalog.items), groups)
        self.context["listings"] = build_listings(catalog, groups)
        self.context["LISTINGS_LATEST"] = setting(self.settings, "LISTINGS_LATEST")

    def generate_output(self, writer):
        if BuildRun.of(self.context).shard:     # a shard renders item pages only; the merge writes the rest
            return
        listings = self.context.get("listings")
        if listings is None:
            return
        size = setting(self.settings, "LISTINGS_PAGE_SIZE") or self.settings.get("CATALOG_PAGE_SIZE", 50)
        base_url = self.settings.get("SITEURL", "") + "/"
        base = output.digest(output.theme_digest(self.theme),
                             {k: v for k, v in self.settings.items() if k.isupper() and k != "OUTPUT_PATH"})
        rows, row_digests = self._rows(base, base_url)

        summary = ([(c.url, c.current, c.void, c.basis) for c in listings.columns],
                   [(r.label, [c.url for c in r.columns], r.note) for r in listings.law], [c.url for c in listings.other],
                   [(f.url, [(v.label, v.url, v.count, [(c.label, c.url, c.count) for c in v.children])
                             for v in f.values]) for f in listings.facets], listings.total)
        self._write(writer, [(f"{ROOT}index.html", fingerprint(base, "overview", summary),
                              {"listings": listings, "page_meta": ROOT_META, "breadcrumbs": listings.crumbs,
                               "page_url": ROOT, "page_kind": "overview"})], "fdzdgknr")
        self._write(writer, [(f"{facet.url}index.html", fingerprint(base, "facet", facet.url, summary),
                              {"facet": facet, "page_meta": {**ROOT_META, "column_name": f"{ROOT_LABEL}{facet.label}"},
                               "breadcrumbs": facet.crumbs, "page_url": facet.url, "page_kind": "facet"})
                             for facet in listings.facets], "facet")
        pages = []
        # a preview: a listing whose items are the same as last time has the same rows (by content digest)
        kept = BuildRun.of(self.context).state("listings").setdefault("digests", {})
        fresh = {}
        for listing in listings.listings:
            head = (listing.url, listing.title, listing.description, listing.crumbs, listing.page_meta,
                    [(s.label, s.url, s.count) for s in listing.sublists], len(listing.items))
            head = fingerprint(base, head)       # once per listing, not once per page (14,000 pages at 100,000 items)
            last = kept.get(listing.url)
            if last is not None and last[0] == listing.items:      # identical items: compared in C
                digests = last[1]
            else:
                digests = b"".join([row_digests[id(i)] for i in listing.items])     # 20 bytes a row
            if BuildRun.of(self.context).incremental:
                fresh[listing.url] = (list(listing.items), digests)
            for pager in paginate(listing.url, len(listing.items), size):
                pages.append((pager.save_as, fingerprint(head, f"{pager.number}/{pager.total}",
                                                         digests[pager.start * 20:pager.end * 20]),
                              {"listing": listing, "pager": pager}))

        kept.clear()
        kept.update(fresh)

        def page(kwargs: dict, private: bool) -> dict:
            """The rest of a listing page's kwargs, made only for the pages rendered."""
            listing, pager = kwargs["listing"], kwargs["pager"]
            crumbs = listing.crumbs if pager.number == 1 else listing.crumbs + [(f"第{pager.number}页", pager.url)]
            return {**kwargs, "rows": [rows[id(i)] for i in listing.items[pager.start:pager.end]],
                    "window": page_window(pager.number, pager.total), "page_meta": listing.page_meta,
                    "breadcrumbs": crumbs, "page_url": pager.url, "page_kind": "listing"}

        self._write(writer, pages, "listing", page)

    def _rows(self, base: str, base_url: str) -> tuple[dict[int, str], dict[int, bytes]]:
        """Each item's listing row and the row's digest (by id(item): the <tr>, and the SHA-1 a page's
        fingerprint is made of, so 700,000 rows of 14,000 pages are not hashed again at 100,000 items).
        A row shows only the item's own fields, so a long-running preview keeps the rows of unchanged
        items (by content digest) between rebuilds."""
        run = BuildRun.of(self.context)
        memory = run.state("listings")
        if memory.get("base") != (base, base_url):
            memory.clear()
            memory["base"], memory["rows"] = (base, base_url), {}
        items = self.context["catalog"].items
        template = []

        def make(item) -> tuple[str, bytes]:
            if not template:
                template.append(self.get_template("components/listing").module.listing_row)
            html = template[0](item, base_url)
            return html, hashlib.sha1(html.encode()).digest()

        last = memory.pop("by_item", None)
        changed = _changed_in_place(last[0], items) if last is not None else None
        if changed is not None:
            _, rows, digests = last
            before = memory["rows"]
            for k in changed:
                old, new = last[0][k], items[k]
                del rows[id(old)], digests[id(old)]
                made = before.pop(old.content_digest, None)
                if made is None or new.content_digest != old.content_digest:
                    made = before.get(new.content_digest) or make(new)
                before[new.content_digest] = made
                rows[id(new)], digests[id(new)] = made
            memory["by_item"] = (list(items), rows, digests)
            return rows, digests
        before, rows, digests = memory["rows"], {}, {}
        done = {}
        for item in items:
            key = item.content_digest
            made = before.get(key) or make(item)
            done[key] = made
            rows[id(item)], digests[id(item)] = made
        memory["rows"] = done          # only the current items': a long session does not grow
        if run.incremental:
            memory["by_item"] = (list(items), rows, digests)
        return rows, digests

    def _write(self, writer, pages, template_name, prepare=None):
        BuildRun.of(self.context).write_pages(pages, self.get_template(template_name), self.context, prepare)


def _changed_in_place(last: list, items: list) -> list[int] | None:
    """Positions whose item object changed since ``last`` (the catalog of the last preview build), when
    the catalog is the same files in the same places with at most MAX_PATCHED of them changed — a
    preview edit, which the kept groups and rows can be patched for; None otherwise (made in full)."""
    if len(last) != len(items):
        return None
    changed = [k for k, (new, old) in enumerate(zip(items, last)) if new is not old]
    if len(changed) > MAX_PATCHED or any(items[k].source != last[k].source for k in changed):
        return None
    return changed


def get_generators(pelican_object):
    return ListingsGenerator
