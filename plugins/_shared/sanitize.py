"""The one HTML allow-list of the site (nh3, never regexes) for every HTML-bearing input.

Item bodies (``plugins/catalog/render.py``), annual-report text (rendered by the same
:class:`~plugins.catalog.render.BodyRenderer`) and Pelican's own pages (``plugins/content_pages``)
all pass through :func:`sanitize`: scripts, styles, frames, objects, forms, ``<base>``/``<meta>``,
event handlers, ``style=`` and every URL scheme but http, https, mailto and tel (the list in
``plugins/_shared/urls.py``) are removed. Templates mark a value ``| safe`` (or it is ``Markup``)
only after it came through here; ``tests/hostile/test_sanitize_templates.py`` checks that.
"""
from __future__ import annotations

import nh3

from .urls import SCHEMES

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "div", "dl", "dt",
    "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "ol", "p", "pre", "s", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "scope", "headers", "id"},
    "ol": {"start"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"},
}
URL_SCHEMES = set(SCHEMES)


def sanitize(html: str) -> str:
    """Strip everything not on the allow-list: scripts, styles, event handlers, javascript: URLs."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)
