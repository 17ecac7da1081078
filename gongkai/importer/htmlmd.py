"""HTML → clean Markdown for item bodies, over BeautifulSoup (no extra dependency).

Keeps paragraphs, headings (shifted so the body never has an h1: the page title is the h1),
lists, tables, links, images and emphasis; drops scripts, styles, navigation, forms and hidden
elements. Simple tables become pipe tables; tables with merged cells stay as plain HTML tables
(the site's sanitizer allows ``colspan``/``rowspan``) because Markdown cannot express them.
``link`` rewrites every href/src (absolute URLs, local attachments); returning "" drops the link.
"""
from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Callable

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

from plugins._shared import urls

DROP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "button", "input",
        "select", "textarea", "svg", "object", "embed", "template", "head", "title", "meta", "link", "map", "audio",
        "video", "canvas"}
BLOCK = {"p", "div", "section", "article", "main", "center", "figure", "figcaption", "address", "body", "html",
         "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote", "pre", "hr", "dd", "dt"}
BR = "\x00"                       # placeholder for <br> until a paragraph is finished
WS = re.compile(r"[ \t\n\r\f\v]+")
_ESCAPE = re.compile(r"([\\`*_\[\]])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# what would turn a line into a heading, quote, list or setext underline in Python-Markdown
_LINE_START = re.compile(r"^(?:#|[=-]+\s*$|[>+=-](?=\s)|\d+[.)](?=\s|$))")
_BLOCK_INSIDE = frozenset(BLOCK - {"dd", "dt"})
_H1 = frozenset({"h1"})
_NOT_IN_PIPE_CELL = frozenset({"table", "ul", "ol", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"})
_EDGE = " \u3000\xa0"
_SKIP_STRINGS = (Comment, Doctype, Declaration, ProcessingInstruction, CData)


def escape(text: str) -> str:
    """Text → Markdown that shows exactly that text (markup characters and entity-like runs escaped)."""
    text = _ESCAPE.sub(r"\\\1", text)
    if "&" in text:
        text = _ENTITY.sub("&amp;", text)
    return text.replace("<", "&lt;")


def finish(text: str) -> str:
    """Trim a paragraph, turn <br> placeholders into Markdown hard breaks, protect line starts."""
    lines = [line.strip(_EDGE) for line in text.split(BR)]
    lines = [line for line in lines if line]
    return "  \n".join(_protect(line) for line in lines)


def _protect(line: str) -> str:
    m = _LINE_START.match(line)
    if m is None:
        return line
    if line[0].isdigit():   # 1. → 1\.
        end = m.end() - 1
        return line[:end] + "\\" + line[end:]
    if line[0] == "=":      # "=" is not escapable in Python-Markdown; an entity shows the same character
        return "&#61;" + line[1:]
    return "\\" + line


def _contains(tag: Tag, names: frozenset) -> bool:
    """Whether any element below ``tag`` is one of ``names`` (cheaper than ``find`` with a list)."""
    return any(getattr(d, "name", None) in names for d in tag.descendants)


def _hidden(tag: Tag) -> bool:
    style = (tag.get("style") or "").replace(" ", "").lower()
    return tag.has_attr("hidden") or "display:none" in style or tag.get("aria-hidden") == "true"


def _span(tag: Tag) -> int:
    try:
        return max(int(tag.get("colspan", 1) or 1), int(tag.get("rowspan", 1) or 1))
    except ValueError:
        return 1


class Converter:
    """Walks a BeautifulSoup tree: ``blocks`` for block content, ``inline`` for runs of text."""

    def __init__(self, link: Callable[[str], str] | None = None, shift: int = 0):
        self.link = link or (lambda href: href)
        self.shift = shift

    # --- blocks ----------------------------------------------------------------------------
    def blocks(self, el: Tag) -> list[str]:
        out: list[str] = []
        buf: list[str] = []

        def flush():
            text = finish("".join(buf))
            if text:
                out.append(text)
            buf.clear()

        for child in el.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _SKIP_STRINGS):
                    buf.append(escape(WS.sub(" ", str(child))))
                continue
            if not isinstance(child, Tag) or child.name in DROP or _hidden(child):
                continue
            if child.name == "br":
                buf.append(BR)
            elif child.name in BLOCK or _contains(child, _BLOCK_INSIDE):
                flush()
                out.extend(self.block(child))
            else:
                buf.append(self._inline_tag(child))
        flush()
        return out

    def block(self, el: Tag) -> list[str]:
        name = el.name
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = finish(self.inline(el)).replace("  \n", " ")
            level = min(6, max(2, int(name[1]) + self.shift))
            return [f"{'#' * level} {text}"] if text else []
        if name in ("ul", "ol"):
            return [self.listing(el)] if el.find("li") else []
        if name == "table":
            return self.table(el)
        if name == "blockquote":
            inner = "\n\n".join(self.blocks(el))
            return ["\n".join("> " + line if line else ">" for line in inner.split("\n"))] if inner else []
        if name == "pre":
            code = el.get_text().strip("\n")
            fence = "~~~" if "```" in code else "```"
            return [f"{fence}\n{code}\n{fence}"] if code.strip() else []
        if name == "hr":
            return ["* * *"]
        return self.blocks(el)

    def listing(self, el: Tag) -> str:
        ordered = el.name == "ol"
        try:
            number = int(el.get("start", 1))
        except ValueError:
            number = 1
        lines = []
        for li in el.find_all("li", recursive=False):
            parts = self.blocks(li)
            marker = f"{number}." if ordered else "-"
            number += 1
            text = "\n".join(parts) if parts else ""
            pad = " " * 4
            body = text.replace("\n", "\n" + pad)
            lines.append(f"{marker} {body}".rstrip())
        return "\n".join(lines)

    def table(self, el: Tag) -> list[str]:
        rows = [tr for tr in el.find_all("tr") if tr.find_parent("table") is el]
        cells = [[c for c in tr.find_all(("td", "th"), recursive=False)] for tr in rows]
        cells = [r for r in cells if r]
        if not cells:
            return []
        if len(cells) == 1 and len(cells[0]) == 1 or el.get("role") == "presentation":   # a layout wrapper
            return [b for r in cells for c in r for b in self.blocks(c)]
        caption = el.find("caption")
        if any(_span(c) > 1 or _contains(c, _NOT_IN_PIPE_CELL) for r in cells for c in r):
            return [self.html_table(cells, caption)]
        # Word-pasted tables wrap each cell in <p>: a cell's paragraphs become lines of the cell
        texts = [["<br>".join(self.blocks(c)).replace("  \n", "<br>").replace("|", "\\|") for c in r] for r in cells]
        width = max(len(r) for r in texts)
        texts = [r + [""] * (width - len(r)) for r in texts]
        lines = ["| " + " | ".join(texts[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(r) + " |" for r in texts[1:]]
        out = [f"**{escape(caption.get_text(' ', strip=True))}**"] if caption and caption.get_text(strip=True) else []
        return out + ["\n".join(lines)]

    def html_table(self, rows: list[list[Tag]], caption: Tag | None) -> str:
        """Merged cells: a bare HTML table (text only, <br> kept) that Markdown passes through."""
        out = ["<table>"]
        if caption is not None and caption.get_text(strip=True):
            out.append(f"<caption>{html.escape(caption.get_text(' ', strip=True))}</caption>")
        for n, row in enumerate(rows):
            cells = []
            for c in row:
                tag = "th" if c.name == "th" else "td"
                attrs = "".join(f' {a}="{c[a]}"' for a in ("colspan", "rowspan")
                                if str(c.get(a, "1")).isdigit() and int(c.get(a, "1")) > 1)
                if tag == "th":
                    attrs += ' scope="col"' if n == 0 else ' scope="row"'
                text = "<br>".join(line for line in _cell_html(c, self.link).split("<br>") if line.strip(_EDGE))
                cells.append(f"<{tag}{attrs}>{text}</{tag}>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
        return "\n".join(out)

    # --- inline ----------------------------------------------------------------------------
    def inline(self, el: Tag) -> str:
        parts = []
        for child in el.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, _SKIP_STRINGS):
                    parts.append(escape(WS.sub(" ", str(child))))
            elif isinstance(child, Tag) and child.name not in DROP and not _hidden(child):
                parts.append(self._inline_tag(child))
        return "".join(parts)

    def _inline_tag(self, el: Tag) -> str:
        name = el.name
        if name == "br":
            return BR
        if name == "img":
            src = self.link(safe_href(el.get("src", "") or ""))
            alt = escape(WS.sub(" ", el.get("alt", "") or "").strip())
            return f"![{alt}]({url(src)})" if src else alt
        inner = self.inline(el)
        if name == "a":
            href = self.link(safe_href(el.get("href") or ""))
            text = inner.strip(_EDGE) or escape(href)
            return f"[{text}]({url(href)})" if href else inner
        if name in EMPHASIS:
            return emphasize(name, inner)
        if name == "code":
            code = el.get_text()
            return f"`{code}`" if "`" not in code else f"`` {code} ``"
        if name in ("sup", "sub"):
            return f"<{name}>{inner}</{name}>"
        return inner


EMPHASIS = {"strong": "**", "b": "**", "em": "*", "i": "*"}


def emphasize(name: str, inner: str) -> str:
    """``**…**`` around the text only: spaces and line breaks at the ends stay outside the markers."""
    space = _EDGE + BR
    core = inner.strip(space)
    mark = EMPHASIS[name]
    if not core or core.startswith(mark) and core.endswith(mark):   # empty, or <b><strong>x</strong></b>
        return inner
    lead = inner[: len(inner) - len(inner.lstrip(space))]
    trail = inner[len(inner.rstrip(space)):]
    return f"{lead}{mark}{core}{mark}{trail}"


def _cell_html(el: Tag, link: Callable[[str], str]) -> str:
    """A merged-cell table cell as minimal HTML: text, line breaks and links (the sanitizer keeps these)."""
    out = []
    for child in el.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, _SKIP_STRINGS):
                out.append(html.escape(WS.sub(" ", str(child)), quote=False))
        elif isinstance(child, Tag) and child.name not in DROP and not _hidden(child):
            inner = _cell_html(child, link)
            href = link(safe_href(child.get("href") or "")) if child.name == "a" else ""
            if child.name == "br":
                out.append("<br>")
            elif href:
                out.append(f'<a href="{html.escape(href)}">{inner}</a>')
            elif child.name in BLOCK:
                out.append(f"<br>{inner}<br>")
            else:
                out.append(inner)
    return "".join(out)


def safe_href(href: str) -> str:
    """Keep http(s)/mailto/tel and relative links, parsed as a browser does (``java<TAB>script:`` is
    ``javascript:``); drop every other scheme and in-page anchors (they mean nothing outside the old page)."""
    href = urls.browser_form(href)
    kind = urls.scheme(href)
    return "" if (kind is not None and kind not in urls.SCHEMES) or href.startswith("#") else href


def quote_name(name: str) -> str:
    """A local file name as a relative link (attachments sit beside the item page)."""
    return urllib.parse.quote(name)


def url(href: str) -> str:
    """Percent-encode what would end a Markdown link destination early."""
    return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def to_markdown(fragment: str | Tag, link: Callable[[str], str] | None = None) -> str:
    """Markdown for an HTML fragment or element; headings shift down one level when an h1 is present."""
    if not isinstance(fragment, Tag):
        from .htmlfast import fast_markdown  # flat <p> bodies, the usual CMS export, without building a tree
        fast = fast_markdown(fragment)
        if fast is not None:
            return fast
    el = fragment if isinstance(fragment, Tag) else BeautifulSoup(fragment, "html.parser")
    shift = 1 if el.name == "h1" or _contains(el, _H1) else 0
    blocks = Converter(link, shift).blocks(el)
    if el is not fragment:
        el.decompose()   # break the tree's reference cycles now rather than in a garbage-collector pass
    return "\n\n".join(blocks)


_TAGS = re.compile(r"</?(p|div|br|span|table|tr|td|h[1-6]|ul|ol|li|strong|b|a|img|font|section|article)\b", re.I)


def looks_like_html(text: str) -> bool:
    """A body cell that holds HTML (CMS exports often do) rather than plain text."""
    return bool(_TAGS.search(text))


def plain_to_markdown(text: str) -> str:
    """Plain text → Markdown paragraphs: one paragraph per line, nothing interpreted as markup."""
    lines = (escape(WS.sub(" ", line)).strip(_EDGE) for line in text.replace("\r\n", "\n").split("\n"))
    return "\n\n".join(finish(line) for line in lines if line)
