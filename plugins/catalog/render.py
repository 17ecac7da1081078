"""Markdown → sanitized HTML for item bodies (allow-list sanitizer nh3, never regexes)."""
from __future__ import annotations

import re

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
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


# Inline patterns and tree processors whose behaviour the fast path below was checked against (the
# Markdown core, extra, sane_lists): each inline pattern needs one of TRIGGERS to match anything.
KNOWN_INLINE = {"backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
                "short_image_ref", "autolink", "automail", "linebreak", "html", "entity", "not_strong",
                "em_strong", "em_strong2", "footnote"}
KNOWN_TREE = {"inline", "prettify", "unescape", "footnote", "footnote-duplicate", "attr_list", "abbr"}
TRIGGERS = re.compile(r"[\\`*_\[\]!<>&~=^{}:|\x02\x03]|  \n")


class PlainText(Treeprocessor):
    """Mark text that no inline pattern can match as AtomicString, so the inline processor skips it.

    Most paragraphs of a government document are plain Chinese prose: the inline processor would
    try each of its ~15 patterns on them and change nothing. Skipping them halves the Markdown time
    of a typical item; the HTML is byte-identical (tests/unit/catalog/test_render.py compares). Off
    when the document defines abbreviations (their processor skips AtomicString) or when other
    extensions are configured.
    """

    def run(self, root):
        abbr = self.md.treeprocessors["abbr"] if "abbr" in self.md.treeprocessors else None
        if abbr is not None and getattr(abbr, "abbrs", True):
            return
        for element in root.iter():
            text = element.text
            if text and type(text) is str and not TRIGGERS.search(text):
                element.text = AtomicString(text)


class PlainTextExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(PlainText(md), "gk_plain_text", 25)   # after parsing, before "inline" (20)


def fast_path_applies(md: markdown.Markdown) -> bool:
    return set(md.inlinePatterns._data) <= KNOWN_INLINE and set(md.treeprocessors._data) <= KNOWN_TREE | {"gk_plain_text"}


class BodyRenderer:
    """Reusable Markdown converter (building one per item is slow at 100k items)."""

    def __init__(self, markdown_settings: dict | None = None, fast: bool = True):
        cfg = dict(markdown_settings or {})
        exts = cfg.get("extension_configs") or {"markdown.extensions.extra": {}}
        self._md = markdown.Markdown(extensions=list(exts), extension_configs=exts,
                                     output_format=cfg.get("output_format", "html5"))
        if fast and fast_path_applies(self._md):
            PlainTextExtension().extendMarkdown(self._md)

    def __call__(self, text: str) -> Markup:
        self._md.reset()
        html = self._md.convert(text or "")
        return Markup(sanitize(html))  # safe by construction: templates autoescape everything else


def sanitize(html: str) -> str:
    """Strip everything not on the allow-list: scripts, styles, event handlers, javascript: URLs."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)
