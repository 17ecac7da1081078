"""Absolute URLs for exports: sitemaps and feeds must not use site-relative links."""
from __future__ import annotations

from urllib.parse import urlsplit

DEFAULTS = {
    "EXPORTS_BASE_URL": None,       # absolute site URL; None = SITEURL if absolute, else https://SITE_DOMAIN
    "EXPORTS_FEEDS": False,         # Atom feeds (publishconf.py turns them on)
    "EXPORTS_FEED_ITEMS": 50,       # newest items per feed
    "EXPORTS_FEED_DIR": "feeds/",   # feeds/all.atom.xml, feeds/<category key>.atom.xml
    "EXPORTS_SITEMAP": True,
    "EXPORTS_SITEMAP_MAX_URLS": 50000,   # sitemaps.org limit per file; above it a sitemap index is written
    "EXPORTS_SITEMAP_EXCLUDE": ["404.html", "theme/", "checks/"],
    "EXPORTS_ROBOTS": True,         # only written when the site sits at the root of its host
    "EXPORTS_ROBOTS_DISALLOW": ["/checks/"],
    "EXPORTS_CATALOG_JSON": "catalog.json",   # None/"" to skip
    "EXPORTS_CATALOG_CSV": "catalog.csv",
}


def setting(settings: dict, name: str):
    return settings.get(name, DEFAULTS[name])


def base_url(settings: dict) -> str:
    """Absolute base URL ending in '/'."""
    explicit = settings.get("EXPORTS_BASE_URL")
    siteurl = settings.get("SITEURL") or ""
    if explicit:
        url = explicit
    elif urlsplit(siteurl).scheme in ("http", "https"):
        url = siteurl
    else:
        url = "https://" + (settings.get("SITE_DOMAIN") or "localhost")
    return url.rstrip("/") + "/"


def at_host_root(base: str) -> bool:
    return urlsplit(base).path in ("", "/")
