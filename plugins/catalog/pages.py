"""Content pages (公开指南, 公开制度 … in ``content/pages``): the checks that need no built site.

Each page claims a URL. A page whose URL is another page's, an item's, or one the build writes
itself (``/gk/…``, ``/search/`` …) would overwrite it — today a crash deep inside Pelican, here a
``path:line`` error naming both. Pages are also scanned for personal data, like catalog bodies.
"""
from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

from pelican.utils import slugify

from plugins._shared import pii, safeio
from plugins._shared.diagnostics import Problems, relpath
from plugins._shared.output import RESERVED

from .privacy import FIX, LABEL

PAGE_SUFFIXES = (".md", ".markdown", ".html", ".htm")
_META = re.compile(r"^([A-Za-z_][A-Za-z0-9_ -]*):\s*(.*)$")
_SAFE_SAVE_AS = re.compile(r"^(?:[0-9A-Za-z_\-]+/)*[0-9A-Za-z_\-.]+$")


def unsafe_files(content: Path, root: Path) -> list[tuple[Path, str, str]]:
    """Anything under ``content/`` that is not a regular file inside the repository: ``[(path, problem, fix)]``.

    Pelican reads pages and copies static files itself, following links and blocking on FIFOs, so
    these are found before it runs (:func:`ignore_unsafe`) and reported as errors.
    """
    found = []
    for dirpath, dirnames, filenames in os.walk(content):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            if name in dirnames and not path.is_symlink():
                continue
            try:
                safeio.check_file(path, root, "attachment")
            except safeio.Refused as exc:
                if name in dirnames:   # a linked folder: os.walk does not follow it, Pelican's walker might
                    found.append((path, "是指向别处的符号链接（快捷方式）文件夹，出于安全考虑不予读取", "用文件夹本身替换符号链接"))
                else:
                    found.append((path, exc.problem, exc.fix))
    return found


def ignore_unsafe(settings: dict, root: Path) -> None:
    """Keep Pelican away from unsafe content files (their names join ``IGNORE_FILES``); the check reports them."""
    content = Path(settings.get("PATH", root / "content"))
    names = sorted({path.name for path, _, _ in unsafe_files(content, root)})
    if names:
        settings["IGNORE_FILES"] = [*settings.get("IGNORE_FILES", []), *names]


def check_content_files(settings: dict, root: Path, problems: Problems) -> None:
    """Report unsafe files under content/, and personal data in reports and calendars (pages: :func:`check_pages`)."""
    content = Path(settings.get("PATH", root / "content"))
    for path, problem, fix in unsafe_files(content, root):
        problems.add(relpath(path, root), 0, "", problem, fix)
    for path in sorted(content.glob("reports/**/*.yml")):
        try:
            lines = safeio.read_text(path, root, "report").split("\n")
        except (safeio.Refused, UnicodeDecodeError):
            continue          # the report loader reports these
        for n, line in enumerate(lines, 1):
            for kind, masked in pii.find_in_text(line):
                problems.add(relpath(path, root), n, "", f"年度报告含有疑似{pii.KINDS[kind]} {masked}", FIX.split("；")[0], LABEL)


@dataclasses.dataclass
class PageSource:
    rel: str
    save_as: str
    slug_line: int
    lines: list[str]


def read_pages(settings: dict, root: Path, problems: Problems) -> list[PageSource]:
    """Every content page under PATH/PAGE_PATHS with the URL it will be written to."""
    content = Path(settings.get("PATH", root / "content"))
    pattern = settings.get("PAGE_SAVE_AS", "pages/{slug}.html")
    subs = settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
    found = []
    for folder in settings.get("PAGE_PATHS", ["pages"]):
        base = content / folder
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.name.lower().endswith(PAGE_SUFFIXES)):
            rel = relpath(path, root)
            try:
                text = safeio.read_text(path, root, "page")
            except safeio.Refused:
                continue            # reported by check_content_files
            except UnicodeDecodeError:
                problems.add(rel, 0, "", "文件不是 UTF-8 编码", "用编辑器另存为 UTF-8（无 BOM）")
                continue
            lines = text.split("\n")
            meta, slug_line = {}, 1
            for n, line in enumerate(lines, 1):
                m = _META.match(line)
                if not m:
                    break
                meta[m.group(1).strip().lower()] = m.group(2).strip()
                if m.group(1).strip().lower() == "slug":
                    slug_line = n
            slug = meta.get("slug") or slugify(meta.get("title", path.stem), regex_subs=subs)
            save_as = meta.get("save_as") or pattern.format(slug=slug, lang=settings.get("DEFAULT_LANG", ""))
            if not _SAFE_SAVE_AS.match(save_as) or ".." in save_as.split("/"):
                problems.add(rel, slug_line, "Slug", f"Slug {slug!r} 不能用于网址",
                             "Slug 只用小写字母、数字和 -，如 Slug: gkzn")
                continue
            found.append(PageSource(rel, save_as, slug_line, lines))
    return found


def check_pages(pages: list[PageSource], catalog, problems: Problems) -> None:
    """URL claims (each other, items, the build's own paths) and personal data of content pages."""
    claims: dict[str, tuple] = {}
    # the items' URLs; an item's line is looked up only for a clash (a lean item reads it from the cache)
    items = {item.save_as: item for item in catalog.items} if catalog and pages else {}
    for page in pages:
        url = "/" + page.save_as.removesuffix("index.html")
        other = claims.get(page.save_as)
        item = items.get(page.save_as) if other is None else None
        if item is not None:
            other = (item.source, item.lines.get("index_no", item.line), "index_no")
        reserved = next((r for r in RESERVED if page.save_as == r or page.save_as.startswith(r)), None)
        if other:
            for (rel, line, key), (name, where) in (((page.rel, page.slug_line, "Slug"), other[:2]),
                                                     (other, (page.rel, page.slug_line))):
                problems.add(rel, line, key, f"网址 {url} 同时被 {name}:{where} 使用", "给其中一个页面改用别的 Slug")
        elif reserved:
            problems.add(page.rel, page.slug_line, "Slug", f"页面网址 {url} 与网站自动生成的 /{reserved} 冲突",
                         "改用别的 Slug（不要以 " + "、".join(r.rstrip("/") for r in RESERVED if r.endswith("/")) + " 开头）")
        else:
            claims[page.save_as] = (page.rel, page.slug_line, "Slug")
        for n, line in enumerate(page.lines, 1):
            for kind, masked in pii.find_in_text(line):
                problems.add(page.rel, n, "", f"页面含有疑似{pii.KINDS[kind]} {masked}", FIX.split("；")[0], LABEL)
