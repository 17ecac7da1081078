"""Internal links, anchors and attachments of the built site; external links are listed, never fetched."""
from __future__ import annotations

import posixpath
from urllib.parse import unquote, urljoin, urlsplit

from .site import Aggregate, Site, examples_text

SKIP_SCHEMES = ("mailto", "tel", "data", "javascript", "sms", "fax")
_BASE = "http://gongkai.invalid/"


def resolve(site: Site, page_path: str, url: str) -> tuple[str, str, str]:
    """('skip'|'external'|'internal', site-relative path or absolute URL, fragment)."""
    if not url or url.startswith("#") and len(url) == 1:
        return "skip", "", ""
    scheme = urlsplit(url).scheme.lower()
    if scheme in SKIP_SCHEMES:
        return "skip", "", ""
    joined = urlsplit(urljoin(_BASE + page_path, url))
    host, prefix = site.site_host_path
    if joined.netloc == "gongkai.invalid":
        path = joined.path
    elif joined.netloc.lower() == host and joined.scheme in ("http", "https"):
        path = joined.path
        if prefix:
            if not (path + "/").startswith(prefix + "/"):
                return "external", url, ""
            path = path[len(prefix):]
    else:
        return "external", url, ""
    return "internal", unquote(posixpath.normpath(path) + ("/" if path.endswith("/") else "")).lstrip("/"), \
        unquote(joined.fragment)


def page_url(path: str) -> str:
    return path[: -len("index.html")] if path == "index.html" or path.endswith("/index.html") else path


def target_file(files: set, path: str) -> str | None:
    if path in ("", ".", "./"):
        path = ""
    if path == "" or path.endswith("/"):
        candidate = path + "index.html"
        return candidate if candidate in files else None
    if path in files:
        return path
    if f"{path}/index.html" in files:      # nginx redirects a directory without '/'
        return f"{path}/index.html"
    return None


def is_attachment(site: Site, path: str) -> bool:
    ext = posixpath.splitext(path)[1].lstrip(".").lower()
    return ext in site.cfg["attachment_types"]


def source_line(item, url: str) -> int | None:
    """Line of ``url`` in the item's Markdown body, so the editor sees the broken link in their file."""
    for n, line in enumerate((item.body or "").split("\n")):
        if url in line:
            return item.body_line + n
    return None


def resolved(site: Site, page_path: str, url: str) -> tuple[str, str, str]:
    """:func:`resolve`, remembered per (folder, URL): navigation links repeat on every page."""
    if url.startswith(("http://", "https://", "/")):
        key = ("", url)
    elif url.startswith(("#", "?")):         # relative to the page file itself, not only its folder
        key = (page_path, url)
    else:
        key = (page_path.rsplit("/", 1)[0] if "/" in page_path else "", url)
    hit = site.resolved.get(key)
    if hit is None:
        hit = site.resolved[key] = resolve(site, page_path, url)
    return hit


def link_facts(site: Site, page_path: str, page) -> tuple[list, list]:
    """(distinct (target, fragment) of the page's internal links in order, external URLs in order)."""
    targets, externals, seen = [], [], set()
    for link in page.links:
        kind, target, fragment = resolved(site, page_path, link.url)
        if kind == "external":
            externals.append(link.url)
        elif kind == "internal" and (target, fragment) not in seen:
            seen.add((target, fragment))
            targets.append((target, fragment))
    return targets, externals


def check_links(site: Site) -> None:
    broken, anchors, attachments = Aggregate(), Aggregate(), Aggregate()
    ok: dict = {}     # (target, fragment) -> no problem
    missing = 0       # distinct internal targets that reach no file (unreachable, not a missing anchor)
    for page_path, facts in sorted(site.pages.items()):
        for url in facts.externals:
            site.externals.setdefault(url, []).append(page_path)
        for pair in facts.targets:
            good = ok.get(pair)
            if good is None:
                problem = _problem(site, *pair)
                good = ok[pair] = problem is None
                missing += problem is not None and problem[0] is None
            if not good:          # name every bad link of the page with its line: parse it again
                _report_page(site, page_path, broken, anchors, attachments)
                break
    site.stats["internal_links"], site.stats["unreachable_links"] = len(ok), missing
    for target, g in broken.items():
        site.report("broken_links", g["path"], g["line"], "", f"链接指向的页面或文件不存在：/{target}（{examples_text(g)}）",
                    "改正链接地址，或补上目标页面；模板中的链接请改模板", "失效链接")
    for (found, fragment), g in anchors.items():
        site.report("missing_anchors", g["path"], g["line"], "", f"页内锚点 #{fragment} 在 /{found} 中不存在（{examples_text(g)}）",
                    "改正 # 后面的锚点名称，或在目标页面加上对应的标题", "失效锚点")
    for target, g in attachments.items():
        site.report("missing_attachments", g["path"], g["line"], "attachments", f"附件不存在：/{target}（{examples_text(g)}）",
                    "把附件放进仓库并在条目的 attachments 中登记", "附件")
    check_catalog_attachments(site)


def _problem(site: Site, target: str, fragment: str) -> tuple[str | None, bool] | None:
    """None when the link works, else (the file it reaches or None, the anchor is missing)."""
    found = target_file(site.files, target)
    if found is None:
        return None, False
    if fragment and fragment != "top" and found in site.pages and fragment not in site.pages[found].ids:
        return found, True
    return None


def _report_page(site: Site, page_path: str, broken: Aggregate, anchors: Aggregate, attachments: Aggregate) -> None:
    item = site.items_by_page.get(page_path)
    for link in site.parse(page_path).links:
        kind, target, fragment = resolved(site, page_path, link.url)
        if kind != "internal":
            continue
        problem = _problem(site, target, fragment)
        if problem is None:
            continue
        where_path, where_line = site.out_path(page_path), link.line
        if item is not None:
            body = source_line(item, link.url)
            if body:
                where_path, where_line = item.source, body
        example = "/" + page_url(page_path)
        found, _ = problem
        if found is None:
            group = attachments if is_attachment(site, target) else broken
            group.add(site.strip_mirror(target)[1], where_path, where_line, example)   # 繁体 twins: one problem
        else:
            anchors.add((found, fragment), where_path, where_line, example)


def check_catalog_attachments(site: Site) -> None:
    """Every attachment registered in the catalog is in the output (a copy step may have failed)."""
    if site.catalog is None:
        return
    for item in site.catalog.items:
        for att in item.attachments:
            if att.url not in site.files:
                site.report("missing_attachments", item.source, item.lines.get("attachments", item.line), "attachments",
                            f"附件 {att.source} 没有发布到网站（缺少 /{att.url}）",
                            "重新构建；若仍缺失，检查附件文件名", "附件")
