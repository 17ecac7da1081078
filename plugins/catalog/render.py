"""Markdown → sanitized HTML for item bodies (allow-list sanitizer nh3, never regexes)."""
from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

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
URL_SCHEMES = {"http", "https", "mailto", "tel"}


class BodyRenderer:
    """Reusable Markdown converter (building one per item is slow at 100k items)."""

    def __init__(self, markdown_settings: dict | None = None):
        cfg = dict(markdown_settings or {})
        exts = cfg.get("extension_configs") or {"markdown.extensions.extra": {}}
        self._md = markdown.Markdown(extensions=list(exts), extension_configs=exts,
                                     output_format=cfg.get("output_format", "html5"))

    def __call__(self, text: str) -> Markup:
        self._md.reset()
        html = self._md.convert(text or "")
        return Markup(sanitize(html))  # safe by construction: templates autoescape everything else


def sanitize(html: str) -> str:
    """Strip everything not on the allow-list: scripts, styles, event handlers, javascript: URLs."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)
