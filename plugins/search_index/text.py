"""What the index sees of an item: plain text of its fields, and what a result shows."""
from __future__ import annotations

import html
import re

# Markdown to plain text, enough for search: the words stay, the markup goes.
_FENCE = re.compile(r"^(```|~~~).*?$", re.M)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REFLINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
_TAG = re.compile(r"<[^>\n]+>")
_LINE_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+|\|)", re.M)
_EMPH = re.compile(r"(\*{1,3}|_{2,3}|`+|~~)")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$|^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*$", re.M)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_SPACE = re.compile(r"[ \t]*\|[ \t]*|[ \t]+|\n\s*\n+")


def _strip_links(text: str) -> str:
    """Link and image markup reduced to its text; reference definitions removed."""
    text = _REFDEF.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    return _REFLINK.sub(r"\1", text)


def plain(markdown: str) -> str:
    """Plain text of a Markdown body: markup, link targets and HTML tags removed."""
    text = markdown
    if "```" in text or "~~~" in text:
        text = _FENCE.sub("", text)
    if "]" in text:
        text = _strip_links(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "---" in text or "***" in text or "___" in text or ("|" in text and "-" in text):
        text = _RULE.sub("", text)
    text = _LINE_MARK.sub("", text)
    if "*" in text or "_" in text or "`" in text or "~~" in text:
        text = _EMPH.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    return _SPACE.sub(" ", text).strip()


def searchable(markdown: str) -> str:
    """What the tokenizer needs removed from a Markdown body: link targets, image paths, HTML tags and
    entities (they would become words). Other markup is punctuation, which the tokenizer skips anyway,
    so most bodies pass through untouched — this runs for every item on every build."""
    text = markdown
    if "](" in text or "]:" in text or "][" in text:
        text = _strip_links(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def index_fields(item) -> tuple[str, str]:
    """(title field, body field): the title field holds what names the item — title, 文号, 索引号,
    主题词; the body field holds 内容概述, the body, the publisher, the category and the topics."""
    title = "\n".join([item.title, item.doc_no or "", item.index_no, " ".join(item.keywords)])
    topics = " ".join("/".join(t for t in pair if t) for pair in item.topics)
    body = "\n".join([item.summary or "", searchable(item.body), item.publisher.name, item.category.label, topics])
    return title, body


def snippet_source(item, limit: int) -> str:
    """Text the result list quotes from: the 内容概述, or else the start of the body."""
    text = (item.summary or "").strip() or plain(item.body)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
