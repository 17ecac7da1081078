"""Convert one built HTML page to its 繁体 twin: OpenCC over the text, links to pages moved under the prefix.

One OpenCC call per page: every part that must stay exactly as written (elements marked
``translate="no"`` such as 索引号 and 文号, <script>/<style>, URL and identifier attributes) is
swapped for a private-use placeholder character, the whole page is converted at once, and the
parts are put back. A few regexes find only the places that matter (links, forms, attribute
values that hold Chinese, ``translate="no"`` elements), so no DOM is built.
"""
from __future__ import annotations

import dataclasses
import functools
import posixpath
import re
from collections.abc import Callable

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
PLACEHOLDERS = "\ue000\ue001\ue002\ue003"

# What the scan stops at, each found by its own pattern (a literal first character keeps the regex
# engine on its fast path): raw-text elements, tags whose links or language change, attribute values
# that hold Chinese; plus translate="no" elements and the 简/繁 switch.
RAW = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
OPEN = re.compile(r"""<(?:(a|form|html|input)\b|(meta) name="gk-page-base")[^>]*>""")   # lower case, as built
# Values of text attributes (…title, content, …label, alt, placeholder, summary) are converted in place
# and skipped here; possessive quantifiers keep the scan linear.
CJK_VALUE = re.compile(r'="(?<!title=")(?<!content=")(?<!label=")(?<!alt=")(?<!placeholder=")(?<!summary=")'
                       r'[^"<>\u3400-\u9fff\uf900-\ufaff]*+[\u3400-\u9fff\uf900-\ufaff][^"<>]*+"')
KEY_BEFORE = re.compile(r"[\w:.-]+\Z")
NOTRANSLATE = re.compile(r'translate="no"')   # as our templates write it (a literal: fast)
START_TAG = re.compile(r"<([a-zA-Z][\w-]*)\b[^>]*>")
SWITCH, SWITCH_TWIN = "<!--gk-hans-->", "<!--gk-hant:"
LINK_ATTR = re.compile(r"""(\s(?:href|action)\s*=\s*")([^"]*)(")""", re.I)
LANG_ATTR = re.compile(r"""(\slang\s*=\s*")([^"]*)(")""", re.I)
CONTENT_ATTR = re.compile(r"""(\scontent\s*=\s*")([^"]*)(")""", re.I)
ATTR = re.compile(r"""(\s)([^\s"'=<>/]+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
# Attributes whose Chinese text readers see or hear; every other attribute is kept verbatim.
TEXT_ATTRS = {"title", "alt", "aria-label", "aria-description", "aria-roledescription", "aria-placeholder",
              "aria-valuetext", "placeholder", "content", "label", "summary"}
SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
URLISH = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|\./|\.\./|#)|\.[A-Za-z0-9]{2,5}(?:[?#]|$)", re.I)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclasses.dataclass(frozen=True)
class Target:
    """Where the twin lives: ``base`` is SITEURL + '/', ``prefix`` e.g. 'zh-hant', ``lang`` e.g. 'zh-Hant'."""
    base: str
    prefix: str
    lang: str
    excluded: tuple = ()   # site-relative path prefixes that are not mirrored (their links stay as they are)


def is_page_path(path: str) -> bool:
    """A site-relative path of an HTML page: '' (home), a directory URL, ``*.html`` or no extension."""
    if path == "" or path.endswith("/") or path.endswith(".html"):
        return True
    return "." not in path.rsplit("/", 1)[-1]


def twin_url(url: str, target: Target, page_dir: str) -> str:
    """The URL a link in the 繁体 twin should have; assets and external URLs are returned unchanged
    (relative asset links are made absolute, since the twin lives one directory deeper)."""
    if not url or url.startswith(("#", "?")):
        return url
    if SCHEME.match(url) and (target.base == "/" or not url.startswith(target.base)):
        return url                              # another site, mailto:, tel:, protocol-relative
    cut = min((i for i in (url.find("?"), url.find("#")) if i != -1), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path.startswith(target.base):           # "/…" when SITEURL is empty, "https://host/…" otherwise
        root, site_path = target.base, path[len(target.base):]
    elif path.startswith("/"):                 # absolute path on a site whose SITEURL is a full URL
        root, site_path = "/", path[1:]
    elif is_page_path(path):                   # relative link to a page: the twin tree has the same shape
        return url
    else:                                      # relative link to an asset: make it absolute
        return target.base + posixpath.normpath(posixpath.join(page_dir, path)).lstrip("/") + rest
    if site_path.startswith(target.prefix + "/") or not is_page_path(site_path):
        return url
    if any(site_path.startswith(x) for x in target.excluded):
        return url
    return f"{root}{target.prefix}/{site_path}{rest}"


_TAGS: dict = {}   # target -> {start tag: rewritten tag}, for tags whose links are absolute


@functools.lru_cache(maxsize=1 << 16)
def _twin_absolute(url: str, target: Target) -> str:
    return twin_url(url, target, "")


def _twin(url: str, target: Target, page_dir: str) -> str:
    """twin_url, memoised for the URLs every page repeats (navigation, breadcrumbs, footer)."""
    if url.startswith(("/", "http:", "https:", "#")):
        return _twin_absolute(url, target)
    return twin_url(url, target, page_dir)


def convert_page(html: str, convert: Callable[[str], str], target: Target, page_path: str) -> str:
    """The 繁体 twin of ``html`` (the page saved at site-relative ``page_path``)."""
    mark = next((c for c in PLACEHOLDERS if c not in html), None)
    if mark is None:  # pragma: no cover - four private-use characters in one page
        raise ValueError(f"{page_path}: page uses every placeholder character {PLACEHOLDERS!r}")
    page_dir = posixpath.dirname(page_path)
    cache = _TAGS.setdefault(target, {})
    kept: list[str] = []
    out: list[str] = []

    def keep(text: str) -> str:
        kept.append(text)
        return mark

    def start_tag(tag: str, name: str, verbatim: bool = False) -> str:
        """Rewrite page links (a href, form action), html lang and the gk-page-base meta; unless
        ``verbatim``, protect identifier and URL attribute values that hold Chinese."""
        original = tag
        if original in cache:      # navigation, breadcrumb and footer links repeat on every page
            return cache[original]
        if name in ("a", "form"):
            if "data-gk-twin" not in tag:
                tag = LINK_ATTR.sub(lambda m: m.group(1) + _twin(m.group(2), target, page_dir) + m.group(3), tag, 1)
        elif name == "html":
            tag = LANG_ATTR.sub(lambda m: m.group(1) + target.lang + m.group(3), tag, 1)
        elif name == "meta" and 'name="gk-page-base"' in tag:
            tag = CONTENT_ATTR.sub(lambda m: m.group(1) + _twin(m.group(2), target, page_dir) + m.group(3), tag, 1)
        has_cjk = CJK.search(tag)
        if verbatim or not has_cjk:
            # cached only when its link does not depend on this page's folder
            if not has_cjk and (' href="/' in original or ' action="/' in original or ' href="http' in original):
                if len(cache) > 50000:
                    cache.clear()
                cache[original] = tag
            return tag
        button = name == "input" and re.search(r"""\stype=["']?(submit|button|reset)\b""", tag, re.I)
        return ATTR.sub(lambda m: attribute(m.group(0), m.group(2).lower(), m.group(4), bool(button)), tag)

    def attribute(text: str, key: str, raw: str, button: bool = False) -> str:
        """An attribute as written, or with its value kept verbatim when it is not text for readers."""
        value = raw[1:-1] if raw[:1] in "\"'" else raw
        if not CJK.search(value) or key in TEXT_ATTRS or (key == "value" and button) or (
                key.startswith("data-") and not URLISH.search(value)):
            return text
        return text[: len(text) - len(raw)] + raw.replace(value, keep(value), 1)

    # (position, priority, kind, match): at one position a translate="no" element wins over a link tag.
    events = [(html.rfind("<", 0, m.start()), 0, "notr", None) for m in NOTRANSLATE.finditer(html)]
    events += [(m.start(), 1, "raw", m) for m in RAW.finditer(html)]
    events += [(m.start(), 1, "open", m) for m in OPEN.finditer(html)]
    events += [(m.start(), 1, "value", m) for m in CJK_VALUE.finditer(html)]
    switch = html.find(SWITCH)
    if switch != -1 and html.find(SWITCH_TWIN, switch) != -1:
        events.append((switch, 0, "switch", None))
    events.sort(key=lambda e: e[:2])
    pos = 0
    for start, _, kind, m in events:
        if start < pos:          # inside something already handled (an attribute of a link, a kept element)
            continue
        out.append(html[pos:start])
        if kind == "raw":        # <script>, <style>
            pos = m.end()
            out.append(keep(m.group(0)) if CJK.search(m.group(0)) else m.group(0))
        elif kind == "open":     # a, form, html, input, the gk-page-base meta
            pos = m.end()
            out.append(start_tag(m.group(0), (m.group(1) or m.group(2)).lower()))
        elif kind == "value":    # ="…中文…" in any other tag
            key = KEY_BEFORE.search(html, max(0, start - 64), start)
            pos = m.end()
            out.append(attribute(m.group(0), key.group(0).lower() if key else "", m.group(0)[1:]))
        elif kind == "notr":     # translate="no": attributes and content stay exactly as written
            tag = START_TAG.match(html, start)
            name = tag.group(1).lower()
            pos = tag.end() if name in VOID or tag.group(0).endswith("/>") else _element_end(html, name, tag.end())
            out.append(keep(start_tag(tag.group(0), name, verbatim=True) + html[tag.end():pos]))
        else:                    # the 简/繁 switch: the twin's link back to the simplified page, kept as written
            twin = html.find(SWITCH_TWIN, start) + len(SWITCH_TWIN)
            end = html.find("-->", twin)
            out.append(keep(html[twin:end]))
            pos = end + 3
    out.append(html[pos:])

    converted = convert("".join(out))
    parts = converted.split(mark)
    if len(parts) != len(kept) + 1:  # pragma: no cover - OpenCC never maps a private-use character
        raise ValueError(f"{page_path}: placeholder count changed during conversion")
    merged = [parts[0]]
    for text, part in zip(kept, parts[1:]):
        merged.append(text)
        merged.append(part)
    return "".join(merged)


def _element_end(html: str, name: str, pos: int) -> int:
    """Index just past the end tag matching an open ``name`` element whose start tag ends at ``pos``."""
    pattern = re.compile(rf"<(/?){re.escape(name)}\b[^>]*>", re.I)
    depth = 1
    for m in pattern.finditer(html, pos):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    return len(html)
