"""A saved 信息公开 item page → one :class:`Record`: the metadata labels, the body as Markdown, attachments.

Metadata is found by its labels, whatever the layout (gov.cn's table, ``dl``/``dt``, ``div``/``span``
pairs, or ``索引号：…`` in one element): a label's *scope* is the smallest ancestor holding more than
the label, and its value is the text after the label inside that scope. The body is the first of
the usual content containers (or ``html.body`` in the mapping file). Attachments saved with the page
are copied into the catalog; remote ones stay links and are listed at the end of the body.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin

from bs4 import BeautifulSoup, NavigableString, Tag

from plugins._shared import safeio
from plugins._shared.diagnostics import Problems

from . import confine, htmlmd
from .encoding import decode_html
from .mapping import ATTACHMENTS, BODY, norm_label
from .sources import Record, Source
from .values import clean_text

BODY_SELECTORS = ("#UCAP-CONTENT", ".pages_content", "#zoom", ".TRS_Editor", ".article-content", ".article_content",
                  ".zwnr", ".gk-body", "#content", ".content", "article", "main")
DOC_EXTENSIONS = {f".{ext}" for ext in confine.ATTACHMENT_TYPES} | {".7z"}   # document links of a page's 附件 list
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.I)
_LABEL_VALUE = re.compile(r"^([^:：]{1,16}?)\s*[:：]\s*(.*)$", re.S)
_TABLE_LABEL_TAGS = ("td", "th", "dt", "label", "b", "strong")
_SPACES = re.compile(r"[\s\u3000\xa0]+")   # 索　引　号 → 索引号 in messages
_MARKS = re.compile(r"[\\*#\s]")
_ABSOLUTE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
MAX_DEPTH = 120   # element nesting of a saved page; CMS pages nest ~30 deep, the converter recurses per level


def original_url(text: str, soup: BeautifulSoup) -> str:
    """Where the page was saved from: the browser's ``saved from url`` comment, <base>, canonical, og:url."""
    m = _SAVED_FROM.search(text[:2048])
    if m:
        return m.group(1)
    for tag, attr in (("base", "href"), ("link", "href"), ("meta", "content")):
        for el in soup.find_all(tag):
            if tag == "link" and "canonical" not in (el.get("rel") or []):
                continue
            if tag == "meta" and el.get("property") != "og:url":
                continue
            if el.get(attr, "").startswith(("http://", "https://")):
                return el[attr]
    return ""


def find_body(soup: BeautifulSoup, selector: str | None) -> Tag | None:
    for sel in ([selector] if selector else BODY_SELECTORS):
        for el in soup.select(sel):
            if el.get_text(strip=True):
                return el
    best, best_len = None, 0
    for el in soup.find_all(("div", "td", "section", "article")):
        size = sum(len(p.get_text(strip=True)) for p in el.find_all("p", recursive=False))
        if size > best_len:
            best, best_len = el, size
    return best


def _split_label(text: str, labels: set[str]) -> tuple[str, str, bool] | None:
    """(label, rest, had_colon) when a string is a known label, optionally followed by its value."""
    norm = norm_label(text)
    if norm in labels:
        return _SPACES.sub("", text).rstrip(":："), "", text.strip().endswith((":", "："))
    m = _LABEL_VALUE.match(text.strip())
    if m and norm_label(m.group(1)) in labels:
        return _SPACES.sub("", m.group(1)), m.group(2), True
    return None


def _scope(node) -> Tag:
    """The smallest ancestor of a label that holds more than the label itself."""
    el = node.parent
    label = norm_label(str(node))
    while el.parent is not None and norm_label(el.get_text()) == label:
        el = el.parent
    return el


def _strings(root: Tag, skip: Tag | None) -> list[NavigableString]:
    """Visible text nodes in page order (no comments, scripts or navigation), outside ``skip``."""
    out = []
    for s in root.find_all(string=True):
        if type(s) is not NavigableString or any(p.name in htmlmd.DROP for p in s.parents):
            continue
        if skip is None or skip not in s.parents:
            out.append(s)
    return out


def extract_fields(soup: BeautifulSoup, labels: set[str], body: Tag | None) -> tuple[list, list[Tag]]:
    """[(label, value, line)] in page order, first occurrence of each label; plus the label scopes.

    Labels inside the body container count only when the page has (almost) none outside it.
    """
    cells, scopes = _extract(_strings(soup, body), labels)
    if len(cells) < 2 and body is not None:
        cells, scopes = _extract(_strings(soup, None), labels)
    return cells, scopes


def _extract(strings: list[NavigableString], labels: set[str]) -> tuple[list, list[Tag]]:
    cells, seen, scopes = [], set(), []
    for i, s in enumerate(strings):
        if not s.strip() or s.find_parent("a") is not None:
            continue
        found = _split_label(str(s), labels)
        if found is None:
            continue
        label, rest, colon = found
        if not colon and s.parent.name not in _TABLE_LABEL_TAGS:
            continue   # a bare word like 分类 in running text is not a label
        norm = norm_label(label)
        if norm in seen:
            continue
        scope = _scope(s)
        parts, line = [rest], s.parent.sourceline or 0
        for nxt in strings[i + 1:]:
            if scope not in nxt.parents or (nxt.strip() and _split_label(str(nxt), labels)):
                break
            parts.append(str(nxt))
            if nxt.strip() and not rest:
                line = nxt.parent.sourceline or line
        seen.add(norm)
        scopes.append(scope)
        cells.append((label, clean_text("".join(parts)), line))
    return cells, scopes


def _common_block(scopes: list[Tag], body: Tag) -> list[Tag]:
    """Metadata that sits inside the body container: its enclosing table/dl/list, or each scope."""
    inside = [s for s in scopes if body in s.parents]
    blocks = []
    for s in inside:
        block = s.find_parent(("table", "dl", "ul")) or s
        if block is not body and body in block.parents and block not in blocks:
            blocks.append(block)
    return blocks


def read_html(path: Path, where: str, options: dict, problems: Problems, root: Path | None = None) -> Source | None:
    """One saved page; links and images may copy files only from ``root`` (default: the page's folder)."""
    root = root or path.parent
    try:
        text, how, warning = decode_html(safeio.read_bytes(path, root, "import"))
    except safeio.Refused as exc:
        problems.add(where, 0, "", exc.problem, exc.fix)
        return None
    if text is None:
        problems.add(where, 0, "", f"无法读取：{how}", "在浏览器中重新“另存为 → 网页，全部”，或另存为 UTF-8 编码")
        return None
    if warning:
        problems.warn(where, 1, "", *warning)
    try:
        return _read(path, where, options, problems, root, text, how)
    except RecursionError:
        problems.add(where, 0, "", "网页的元素嵌套层级过深，无法转换", "检查这个网页是否完整；确属正常页面时把正文复制到表格中导入")
        return None


def too_deep(soup: BeautifulSoup, limit: int = MAX_DEPTH) -> Tag | None:
    """The first element nested deeper than ``limit`` (the converter recurses per level), or None."""
    depth = {id(soup): 0}
    for el in soup.descendants:
        if isinstance(el, Tag):
            level = depth[id(el.parent)] + 1
            if level > limit:
                return el
            depth[id(el)] = level
    return None


def _read(path: Path, where: str, options: dict, problems: Problems, root: Path, text: str, how: str) -> Source | None:
    soup = BeautifulSoup(text, "html.parser")
    deep = too_deep(soup)
    if deep is not None:
        problems.add(where, deep.sourceline or 0, "", f"网页的元素嵌套超过 {MAX_DEPTH} 层，无法转换",
                     "检查这个网页是否完整；确属正常页面时把正文复制到表格中导入")
        return None
    labels = {k for k, v in options.get("labels", {}).items() if v not in (BODY, ATTACHMENTS)}
    base_url = options.get("base_url") or original_url(text, soup)
    body = find_body(soup, options.get("body"))
    cells, scopes = extract_fields(soup, labels, body)
    record = Record(where, 0, cells, path.parent, base_url, root=root)
    if not cells:
        problems.add(where, 0, "", "页面中没有找到索引号、标题等元数据标签",
                     "确认这是信息公开条目页面；标签名称不同时在映射文件 columns 中对应")
        return Source(path, where, "html", how, [])
    mapped = {options.get("labels", {}).get(norm_label(c[0])) for c in cells}
    if "title" not in mapped:
        heading = soup.find("h1")
        if heading is not None and heading.get_text(strip=True):
            record.cells.append(("标题", clean_text(heading.get_text()), heading.sourceline or 0))
            record.notes.append(("title", "元数据中没有标题，已使用页面大标题（h1）", "核对标题是否完整", heading.sourceline or 0))
    if body is None:
        record.notes.append(("body", "没有找到正文", "在映射文件 html.body 中写正文所在元素的 CSS 选择器，如 \"#UCAP-CONTENT\"", 0))
        record.body = ""
    else:
        for block in _common_block(scopes, body):
            block.decompose()
        title = next((v for label, v, _ in record.cells if options.get("labels", {}).get(norm_label(label)) == "title"), "")
        record.body = _drop_title(_convert(soup, body, path, record), title)
    return Source(path, where, "html", f"{how}" + (f"，原网址 {base_url}" if base_url else ""), [record])


def _drop_title(markdown: str, title: str) -> str:
    """Pages often repeat the title as the body's first line; the item page already shows it as the h1."""
    first, _, rest = markdown.partition("\n\n")
    if title and _MARKS.sub("", first) == _MARKS.sub("", title):
        return rest
    return markdown


def _convert(soup: BeautifulSoup, body: Tag, path: Path, record: Record) -> str:
    """Body Markdown; local attachments are copied, relative links made absolute, remote ones listed.

    Only the body's links and images, and document links outside it (the page's 附件 list), are
    followed; a local file is copied only from inside the source folder (:mod:`.confine`).
    """
    links: dict[str, str] = {}
    local_names: set[str] = set()

    def resolve(href: str, title: str, line: int) -> str:
        if not href or _ABSOLUTE.match(href) or href.startswith("//"):
            return ("https:" + href) if href.startswith("//") else href
        target, instead = confine.follow_link(
            href, path.parent, record.root, record.base_url,
            lambda error, problem, fix: (record.errors if error else record.notes).append(("body", problem, fix, line)))
        if instead is not None:
            return instead
        if target is not None:
            if target.name not in local_names:
                local_names.add(target.name)
                record.files.append((title or target.name, target))
            return htmlmd.quote_name(target.name)
        if record.base_url:
            return urljoin(record.base_url, href)
        record.notes.append(("body", f"链接 {href!r} 是相对地址，原网址未知，已原样保留",
                             "用 --base-url 指定原网站地址后重新导入", line))
        return href

    for tag, attr in (("a", "href"), ("img", "src")):
        for el in soup.find_all(tag):
            href = htmlmd.safe_href(el.get(attr) or "")
            if not href or href in links:
                continue
            if body not in el.parents and (tag == "img" or _suffix(href) not in DOC_EXTENSIONS):
                continue
            title = el.get_text(" ", strip=True) if tag == "a" else (el.get("alt") or "").strip()
            links[href] = resolve(href, title, el.sourceline or 0)
    markdown = htmlmd.to_markdown(body, lambda href: links.get(href, href))
    extra = []
    for a in soup.find_all("a", href=True):
        if body in a.parents or _suffix(a["href"]) not in DOC_EXTENSIONS:
            continue
        href = links.get(htmlmd.safe_href(a["href"]), "")
        if href and not any(f[1].name == unquote(href) for f in record.files):
            text = htmlmd.escape(a.get_text(" ", strip=True) or href)
            extra.append(f"{len(extra) + 1}. [{text}]({htmlmd.url(href)})")
    if extra:
        markdown = (markdown + "\n\n" if markdown else "") + "**附件：**\n\n" + "\n".join(extra)
    return markdown


def _suffix(href: str) -> str:
    return Path(unquote(href.split("?")[0].split("#")[0])).suffix.lower()
