"""Content rules that need no built site: what publishing would refuse is refused at the pull request.

Per item (run in the reading workers, :func:`check_item`): a ``make new`` placeholder left in, the
order of 成文日期 and 发布日期, the 索引号's year and organisation code, personal data in the text.
Across the catalog (:func:`check_catalog`): relations that contradict each other (an item replaced by
another but still 有效; a 政策解读 published before its document) and links from bodies to items and
attachments that do not exist. Where 条例 or a 国办 rule requires something the problem is an error;
style is a warning (see docs/rules.md).
"""
from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote, urlsplit

from plugins._shared import urls
from plugins._shared.diagnostics import Problems

from . import numbers, privacy, render, schema

PLACEHOLDER_BODY = "（在此处写正文，Markdown 格式。）"     # what make new writes (commands/new.py)
# Markdown links and images, reference definitions, and quoted href/src of <a> and <img> (what survives
# sanitizing: a <script src> is removed, so a dead one is not reported here).
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)"
                   r"|<(?:a|img)\b[^>]*?\s(?:href|src)\s*=\s*[\"']([^\"']+)[\"']", re.M | re.I)


def check_item(values: dict, raw, rel: str, settings, publisher, problems: Problems) -> list[tuple[int, str]]:
    """Per-item rules; returns the body's links into the catalog as ``[(line, site path)]`` for :func:`check_catalog`."""
    lines = raw.data.lines
    body_line = raw.body_line or 1
    for n, text in enumerate(raw.body.split("\n")):
        if PLACEHOLDER_BODY in text:
            problems.add(rel, body_line + n, "body", "正文仍是 make new 模板里的占位文字",
                         f"把“{PLACEHOLDER_BODY}”换成正文；只有附件时删除这一行", "正文")
    deep = render.nesting_problem(raw.body)
    if deep:      # what the renderer would refuse, reported by make check too (it renders nothing)
        problems.add(rel, body_line, "body", deep, render.NESTING_FIX, "正文")
    written, published = values.get("written"), values.get("published")
    if written and published and published < written:
        problems.add(rel, lines.get("published", 0), "published",
                     f"发布日期 {published.isoformat()} 早于成文日期 {written.isoformat()}",
                     "核对两个日期：文件先成文（签发）后发布", schema.label("published"))
    numbers.check_year_and_code(values, publisher, settings, rel, lines, problems)
    privacy.check_text(values, raw, rel, problems)
    return body_links(raw.body, body_line, values.get("index_no") or "", settings.url_prefix)


def body_links(body: str, first_line: int, index_no: str, prefix: str) -> list[tuple[int, str]]:
    """Links from a Markdown body into the catalog (``gk/…``), as site paths with their line."""
    from plugins.catalog import index_numbers as idx

    lowered = body.lower()
    if "](" not in body and "]:" not in body and "href" not in lowered and "src" not in lowered:
        return []
    page = f"/{prefix}/{idx.url_slug(index_no)}/"
    found = []
    for n, text in enumerate(body.split("\n")):
        if "](" not in text and "]:" not in text and "href" not in text.lower() and "src" not in text.lower():
            continue
        for m in _LINK.finditer(text):
            url = urls.browser_form(html.unescape(next(g for g in m.groups() if g)))
            parts = urlsplit(url)
            if urls.scheme(url) or parts.scheme or parts.netloc or not parts.path:
                continue           # external, an unsafe scheme (the sanitizer drops it), or only #fragment / ?query
            path = posixpath.normpath(posixpath.join(page, unquote(parts.path)))
            if url.endswith("/") and not path.endswith("/"):
                path += "/"
            if path.startswith(f"/{prefix}/"):
                found.append((first_line + n, path.lstrip("/")))
    return found


def check_catalog(items: list, problems: Problems) -> None:
    """Rules across items: replaced items still in force, explanations before their document, dead body links."""
    targets = None           # made once, if any body links into the catalog
    for item in items:
        if not (item.body_links or item.superseded_by or item.interprets_items):
            continue
        if item.body_links and targets is None:
            targets = {item.url for item in items} | {item.url + "index.html" for item in items}
            targets |= {att.url for item in items for att in item.attachments}
        for line, path in item.body_links:
            if path not in targets:
                problems.add(item.source, line, "body", f"正文中的链接 /{path} 指向不存在的条目或附件",
                             "检查链接中的索引号或附件文件名；链接到条目请写 /gk/索引号/", "正文")
        for new in item.superseded_by:
            _check_replaced(item, new, problems)
        for document in item.interprets_items:
            if item.published < document.published:
                problems.add(item.source, item.lines.get("published", item.line), "published",
                             f"政策解读的发布日期 {item.published.isoformat()} 早于被解读文件 {document.index_no} "
                             f"的发布日期 {document.published.isoformat()}",
                             "核对日期：政策解读应与文件同步或在其后发布", schema.label("published"))


def _check_replaced(old, new, problems: Problems) -> None:
    """An item replaced by ``new`` must be 废止 or 失效, dated no later than ``new`` takes effect."""
    label = schema.label("validity")

    def line() -> int:      # looked up only for a message: a lean item reads its lines from the build cache
        return old.lines.get("validity", old.line)

    effective = new.headnote.get("effective") or new.validity.get("effective") or new.published
    if old.status == "有效":
        problems.add(old.source, line(), "validity",
                     f"本文件已被 {new.index_no}（{new.source}）替代，但有效性仍为“有效”",
                     f"改为 validity: {{status: 废止, repealed: {effective.isoformat()}}}（或 失效 与 expires）", label)
        return
    date = old.validity.get("repealed") or old.validity.get("expires")
    if date is None:
        key = "repealed" if old.status == "废止" else "expires"
        problems.add(old.source, line(), "validity", f"本文件已被 {new.index_no} 替代，但没有写明{old.status}日期",
                     f"在 validity 中写 {key}: {effective.isoformat()}（新文件施行之日）", label)
    elif date > effective:
        problems.add(old.source, line(), "validity",
                     f"{old.status}日期 {date.isoformat()} 晚于替代它的 {new.index_no} 的施行日期 {effective.isoformat()}",
                     "核对日期：新文件施行时旧文件即应废止或失效", label)
