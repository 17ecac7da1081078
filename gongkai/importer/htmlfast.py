"""Fast path of :func:`htmlmd.to_markdown` for the usual CMS body: flat ``<p>`` paragraphs with
``<br>``, ``<strong>``/``<b>``/``<em>``/``<i>`` and ``<span>``/``<font>``/``<u>`` wrappers.

Building a BeautifulSoup tree costs about 1 ms per body, which is most of a 20,000-row import.
This path tokenises with one regular expression and produces exactly what the tree converter
produces (tests/unit/importer/test_htmlmd.py compares the two); anything outside that small
grammar — other tags, comments, nested or unclosed paragraphs, hidden elements, unusual
entities — returns None and the tree converter handles it.
"""
from __future__ import annotations

import html
import re

from .htmlmd import BR, EMPHASIS, WS, emphasize, escape, finish

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[^\s=>/\"'<]+(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'=<>`]+))?)*)"
                  r"\s*(/?)>")
_HIDDEN = re.compile(r"hidden|display", re.I)
_ENTITY = re.compile(r"&(?:(nbsp|amp|lt|gt|quot|ldquo|rdquo|lsquo|rsquo|mdash|hellip|middot|times);|#(\d{3,6});|#x([0-9a-fA-F]{2,5});)")
INLINE = {"span", "font", "u", *EMPHASIS}
_OTHER_TAG = re.compile(r"</?(?!(?:p|br|span|font|u|strong|b|em|i)[\s/>])[A-Za-z]", re.I)   # decline early


def _text(raw: str) -> str | None:
    if "<" in raw or ">" in raw:
        return None
    if "&" in raw:
        if raw.count("&") != len(_ENTITY.findall(raw)):
            return None
        for m in _ENTITY.finditer(raw):
            number = int(m.group(2)) if m.group(2) else int(m.group(3), 16) if m.group(3) else None
            if number is not None and not (160 <= number <= 0xD7FF or 0xE000 <= number <= 0xFFFD):
                return None
        raw = html.unescape(raw)
    return escape(WS.sub(" ", raw))


def fast_markdown(text: str) -> str | None:
    """Markdown for a flat paragraph body, or None when the tree converter is needed."""
    if "<!" in text or "<?" in text or _OTHER_TAG.search(text):
        return None
    paragraphs: list[str] = []
    top: list[str] = []                       # text outside any <p>
    para: list[str] | None = None             # the open <p>'s parts
    stack: list[tuple[str, list[str]]] = []   # open inline elements
    pos = 0

    def parts() -> list[str]:
        return stack[-1][1] if stack else (para if para is not None else top)

    def flush(buffer: list[str]) -> None:
        done = finish("".join(buffer))
        if done:
            paragraphs.append(done)
        buffer.clear()

    for m in _TAG.finditer(text):
        chunk = _text(text[pos:m.start()])
        if chunk is None:
            return None
        parts().append(chunk)
        pos = m.end()
        closing, name, attrs, self_closing = m.group(1), m.group(2).lower(), m.group(3), m.group(4)
        if attrs and _HIDDEN.search(attrs):
            return None
        if name == "br" and not closing:
            parts().append(BR)
        elif name == "p" and not stack:
            if bool(closing) == (para is None) or self_closing:
                return None                   # a nested, stray or empty-tag <p>
            if closing:
                flush(para)
                para = None
            else:
                flush(top)
                para = []
        elif name in INLINE and not self_closing:
            if not closing:
                stack.append((name, []))
                continue
            if not stack or stack[-1][0] != name:
                return None
            tag, inner = stack.pop()
            content = "".join(inner)
            parts().append(emphasize(tag, content) if tag in EMPHASIS else content)
        else:
            return None
    tail = _text(text[pos:])
    if tail is None or stack or para is not None:
        return None
    top.append(tail)
    flush(top)
    return "\n\n".join(paragraphs)
