"""Convert one built HTML page to its 繁体 twin: OpenCC over the text, links to pages moved under the prefix.

One OpenCC call per page: every part that must stay exactly as written (elements marked
``translate="no"`` such as 索引号 and 文号, <script>/<style>, URL and identifier attributes) is
swapped for a private-use placeholder character, the whole page is converted at once, and the
parts are put back. A regex tokenizer stops only at the tags that matter (links, forms, tags
that hold Chinese, ``translate="no"`` elements), so no DOM is built.
"""
from __future__ import annotations

import dataclasses
import posixpath
import re
from typing import Callable

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
PLACEHOLDERS = "\ue000\ue001\ue002\ue003"

# Tags the tokenizer stops at. Order matters: translate="no" and raw-text elements win over links.
TOKEN = re.compile(
    r"""(?P<switch><!--gk-hans-->.*?<!--gk-hant:(?P<twin>.*?)-->)"""
    r"""|(?P<raw><(?P<rawtag>script|style)\b[^>]*>.*?</(?P=rawtag)\s*>)"""
    r"""|(?P<notr><(?P<nttag>[a-zA-Z][\w-]*)\b[^>]*\btranslate=["']?no["'\s>][^>]*>)"""
    r"""|(?P<open><(?P<tag>a|form|html|meta)\b[^>]*>)"""
    r"""|(?P<cjk><[a-zA-Z][^>]*[\u3400-\u9fff\uf900-\ufaff][^>]*>)""",
    re.S | re.I,
)
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


def convert_page(html: str, convert: Callable[[str], str], target: Target, page_path: str) -> str:
    """The 繁体 twin of ``html`` (the page saved at site-relative ``page_path``)."""
    mark = next((c for c in PLACEHOLDERS if c not in html), None)
    if mark is None:  # pragma: no cover - four private-use characters in one page
        raise ValueError(f"{page_path}: page uses every placeholder character {PLACEHOLDERS!r}")
    page_dir = posixpath.dirname(page_path)
    kept: list[str] = []
    out: list[str] = []

    def keep(text: str) -> str:
        kept.append(text)
        return mark

    def start_tag(tag: str, name: str, verbatim: bool = False) -> str:
        """Rewrite page links (a href, form action) and html lang; unless ``verbatim``, protect the values
        of identifier and URL attributes that hold Chinese (text attributes such as title are converted)."""
        link_attr = {"a": "href", "form": "action"}.get(name)
        twin = "data-gk-twin" in tag
        page_base = name == "meta" and 'name="gk-page-base"' in tag
        button = name == "input" and re.search(r"""\stype=["']?(submit|button|reset)\b""", tag, re.I)

        def one(m: re.Match) -> str:
            key, raw = m.group(2).lower(), m.group(4)
            quote = raw[0] if raw[0] in "\"'" else ""
            value = raw[1:-1] if quote else raw
            if (key == link_attr and not twin) or (page_base and key == "content"):
                value = twin_url(value, target, page_dir)
            elif name == "html" and key == "lang":
                value = target.lang
            if not verbatim and CJK.search(value) and not (
                    key in TEXT_ATTRS or (key == "value" and button)
                    or (key.startswith("data-") and not URLISH.search(value))):
                value = keep(value)
            return f"{m.group(1)}{m.group(2)}{m.group(3)}{quote}{value}{quote}"

        return ATTR.sub(one, tag)

    pos = 0
    while True:
        m = TOKEN.search(html, pos)
        if m is None:
            break
        out.append(html[pos:m.start()])
        kind, end = m.lastgroup, m.end()
        if kind == "switch":      # the 简/繁 switch: the twin's link back, kept as written
            out.append(keep(m.group("twin")))
        elif kind == "raw":
            out.append(keep(m.group(0)) if CJK.search(m.group(0)) else m.group(0))
        elif kind == "notr":      # translate="no": the element, attributes and content stay exactly as written
            name = m.group("nttag").lower()
            if name not in VOID and not m.group(0).endswith("/>"):
                end = _element_end(html, name, m.end())
            out.append(keep(start_tag(m.group(0), name, verbatim=True) + html[m.end():end]))
        elif kind == "open":
            out.append(start_tag(m.group(0), m.group("tag").lower()))
        else:
            tag = m.group(0)
            out.append(start_tag(tag, re.match(r"<([a-zA-Z][\w-]*)", tag).group(1).lower()))
        pos = end
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
