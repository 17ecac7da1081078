"""Markdown → sanitized HTML for item bodies and report text (the allow-list is ``plugins/_shared/sanitize.py``)."""
from __future__ import annotations

import re

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from markupsafe import Markup

from plugins._shared.sanitize import sanitize

__all__ = ["BodyRenderer", "RenderError", "nesting_problem", "sanitize"]

MAX_NESTING = 100   # lists/quotes nested deeper than this are refused by checks (rendering fails from ~400)
NESTING_FIX = "减少列表或引用的嵌套层数（正文中行首的“- ”“> ”“1. ”不要层层叠加）"


class RenderError(ValueError):
    """Markdown the renderer cannot turn into HTML; ``problem``/``fix`` are Chinese, for a path:line message."""

    def __init__(self, problem: str, fix: str = NESTING_FIX):
        super().__init__(problem)
        self.problem, self.fix = problem, fix


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
        """Sanitized HTML of ``text``; :class:`RenderError` when it nests too deeply to render.

        Python-Markdown recurses once per list level and slows down quadratically with quote depth
        (a megabyte of ``> > > …`` would stall the build), so depth is checked first; a structure the
        check does not foresee still ends as a RecursionError, turned into the same error.
        """
        problem = nesting_problem(text or "")
        if problem:
            raise RenderError(problem)
        self._md.reset()
        try:
            html = self._md.convert(text or "")
        except RecursionError:
            self._md.reset()
            raise RenderError("正文的嵌套层级过深，无法生成网页") from None
        return Markup(sanitize(html))  # safe by construction: templates autoescape everything else


_MARKER = r"(?:[-*+>]|\d{1,9}[.)])(?=[ \t]|$)"
# one nesting step: an indentation unit or a list/quote marker; deeper than MAX_NESTING steps at a line start
_DEEP = re.compile(rf"(?: {{4}}| {{0,3}}\t|[ \t]{{0,3}}{_MARKER}){{{MAX_NESTING + 1}}}")
_STARTS = frozenset(" \t-*+>0123456789")


def nesting_problem(text: str) -> str | None:
    """A Chinese problem when a line nests lists/quotes/indentation deeper than :data:`MAX_NESTING`, else None.

    Only lines long enough to hold that many steps and starting like a marker are matched, so a
    typical body costs a split and a loop over its lines.
    """
    if len(text) <= MAX_NESTING:
        return None
    for line in text.split("\n"):
        if len(line) > MAX_NESTING and line[0] in _STARTS and _DEEP.match(line):
            return f"正文的列表或引用嵌套超过 {MAX_NESTING} 层"
    return None
