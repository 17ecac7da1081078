"""Pure helpers for writing the site: the one output-path gate, page files, digests and page walks.

Pages are written by the build engine (:class:`gongkai.engine.run.BuildRun`: fingerprints, the warm tree,
page hooks, parallel rendering); this module holds what it and the plugins share without state.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path

# Top-level paths the build writes itself (plugins); a content page may not claim them.
RESERVED = ("gk/", "fdzdgknr/", "search/", "ysqgk/", "ndbg/", "jg/", "zh-hant/", "theme/", "feeds/", "index.html", "404.html",
            "sitemap.xml", "robots.txt", "catalog.json", "catalog.csv", "manifest.json")


class UnsafePath(ValueError):
    """An output path that would land outside the output folder (never written)."""


def safe_join(output_path, save_as: str) -> str:
    """``output_path/save_as``, proven to stay inside ``output_path`` — the one gate before every write.

    Values from content (taxonomy keys, slugs, 索引号, attachment names) are validated where they are
    read; this gate makes a missed case a refused write instead of a file outside the site.
    """
    text = str(save_as)
    if not text or "\x00" in text or "\\" in text or text.startswith(("/", "~")) or \
            any(part == ".." for part in text.split("/")):
        raise UnsafePath(f"输出路径 {text!r} 不安全，已拒绝写入")
    root = _real(str(output_path))
    target = os.path.normpath(os.path.join(root, text))
    if not target.startswith(root + os.sep):      # the build never creates links inside its output
        raise UnsafePath(f"输出路径 {text!r} 位于输出目录以外，已拒绝写入")
    return target


@functools.lru_cache(maxsize=64)
def _real(path: str) -> str:
    return os.path.realpath(path)


def find_pages(root, exclude: tuple = ()) -> list[str]:
    """Site-relative paths of every ``.html`` file under ``root``, sorted, skipping paths (and folders)
    that start with one of the ``exclude`` prefixes (``"zh-hant/"``, ``"theme/"``)."""
    found: list[str] = []

    def walk(path: str, rel: str) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                name = rel + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if not (name + "/").startswith(exclude):
                        walk(entry.path, name + "/")
                elif name.endswith(".html") and not name.startswith(exclude):
                    found.append(name)

    walk(str(root), "")
    return sorted(found)


def digest(*parts) -> str:
    """Stable short hash of JSON-able parts (dates and objects via str)."""
    return hashlib.sha1(json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def theme_digest(theme_path) -> str:
    """Hash of every template file: a template edit re-renders every page."""
    h = hashlib.sha1()
    for path in sorted(Path(theme_path, "templates").rglob("*.html")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC


def write_text(path: str, text: str) -> None:
    """Write a page as UTF-8 (what ``open(path, "w", encoding="utf-8")`` writes on POSIX, without the
    text layer: 40,000 files per build at 20,000 items)."""
    fd = os.open(path, _FLAGS, 0o666)
    try:
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)
