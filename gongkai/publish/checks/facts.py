"""Per-page facts: what the site checks need from one built page, computed once per page content.

Parsing a page (:mod:`.scan`) is most of the checks' time (~3 ms a page here; 45,000 pages at
20,000 items). What the checks need from a page depends only on its bytes, its path, whether it is
an item page and the check settings: :func:`facts_of` reduces a parsed page to that (:class:`Facts`:
its internal link targets, external links, ids, and its own findings for the <meta>, footer, list
date and CSP rules). :class:`FactStore` keeps them in the publish cache (``checks-<settings digest>.json``) under a key
of those four, so a later run parses only pages whose content changed. Conclusions about the whole
site (a link needs the set of all files, an anchor the ids of another page, 空白栏目 the listing
counts of sub-lists) are drawn from every page's facts on each run — a few dictionary lookups a
page. Link lines are not kept: a page with a broken link or anchor is parsed again to name them.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
import time
from pathlib import Path

from gongkai.publish import cache

STALE_SECONDS = 30 * 24 * 3600


@dataclasses.dataclass
class Facts:
    targets: list          # [(site-relative target, fragment)] of internal links, distinct, in order of first use
    externals: list        # external link URLs, every occurrence in page order
    ids: list              # ids and <a name>s of the page
    meta: list             # <meta> findings (check_meta's grouping keys)
    footer: list           # footer findings (check_footer's grouping keys)
    undated: list          # [(line, text)] list items without a date
    inline: list           # [(line, what)] a CSP without 'unsafe-inline' blocks
    unsafe: list           # [(line, what)] a CSP lets through but the site never wants
    listing: int | None    # items listed (None: not a listing page)


def facts_of(site, path: str, page) -> Facts:
    """The facts of the parsed page ``page`` at ``path`` (every per-page rule applied)."""
    from . import links, pages

    targets, externals = links.link_facts(site, path, page)
    kind = pages.page_kind(site, path)
    return Facts(targets, externals, sorted(page.ids), pages.meta_keys(site, path, page, kind),
                 pages.footer_findings(site, path, page), list(page.undated), list(page.inline),
                 list(page.unsafe) + pages.foreign_scripts(site, path, page), page.listing_count)


def config_digest(site) -> str:
    """Everything besides a page's bytes, path and kind that its facts depend on."""
    settings = site.settings
    cfg = {k: v for k, v in site.cfg.items() if k not in ("overrides", "today")}   # whole-site conclusions only
    relevant = [cfg, settings.get("SITEURL"), settings.get("SITE_DOMAIN"),
                str((settings.get("AGENCY") or {}).get("site_id_code") or ""), settings.get("HANT_CONFIG", "s2t")]
    return hashlib.sha256(json.dumps(relevant, sort_keys=True, default=str).encode()).hexdigest()[:20]


def page_key(path: str, item: bool, digest: str) -> str:
    return hashlib.sha256(f"{path}\0{int(item)}\0{digest}".encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _version(site) -> str:
    from plugins._shared import urls

    from . import config, links, pages, scan, vetoes
    from . import site as site_module

    here = sys.modules[__name__]
    return "checks-" + cache.code_version(here, config, links, pages, scan, site_module, urls, vetoes,
                                          extra=config_digest(site))


class FactStore:
    """``checks.json``: page key -> facts, with link targets, URLs and ids as indexes into one string
    table (the same navigation links are on every page)."""

    def __init__(self, folder: Path, site):
        self.version = _version(site)
        # one file per settings: make sitecheck on make html's output/ (other SITEURL) keeps the publish's
        self.path = folder / f"checks-{config_digest(site)[:12]}.json"
        data = cache.read_json(self.path, self.version) or {}
        strings, stored = data.get("strings"), data.get("pages")
        self.strings: list = strings if isinstance(strings, list) else []
        self.stored: dict = stored if isinstance(stored, dict) else {}
        self.hits = 0

    def get(self, key: str) -> Facts | None:
        row = self.stored.get(key)
        try:
            s = self.strings
            flat = row[0]
            facts = Facts([(s[flat[i]], s[flat[i + 1]]) for i in range(0, len(flat), 2)], [s[n] for n in row[1]],
                          [s[n] for n in row[2]], *([tuple(x) for x in row[k]] for k in range(3, 8)), row[8])
        except (TypeError, IndexError, KeyError, ValueError):
            return None
        self.hits += 1
        return facts

    def save(self, facts: dict[str, Facts]) -> None:
        """Keep exactly the facts of this run's pages (key -> Facts)."""
        strings: list = []
        index: dict = {}

        def n(text: str) -> int:
            got = index.get(text)
            if got is None:
                got = index[text] = len(strings)
                strings.append(text)
            return got

        rows = {}
        for key, f in facts.items():
            rows[key] = [[n(x) for pair in f.targets for x in pair], [n(u) for u in f.externals], [n(i) for i in f.ids],
                         f.meta, f.footer, f.undated, f.inline, f.unsafe, f.listing]
        cache.write_json(self.path, {"version": self.version, "strings": strings, "pages": rows})
        for other in self.path.parent.glob("checks-*.json"):        # settings not used for a month
            try:
                if other != self.path and time.time() - other.stat().st_mtime > STALE_SECONDS:
                    other.unlink()
            except OSError:
                pass
