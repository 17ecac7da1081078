"""Which local files an import may copy: regular files inside the source folder, of an allowed type.

``make import SRC=…`` reads an export someone else produced, so a path in it (an 附件 cell, an
``<a href>`` or ``<img src>`` in a saved page or an HTML body) is untrusted. It may point only
into the *source folder*: the folder given as ``SRC``, or the folder of the file given as ``SRC``.
Absolute paths and ``../`` paths that leave it are refused without looking at the disk outside;
inside it, a file is checked with ``safeio`` (no symbolic links, FIFOs or devices, size limit)
and its type with :data:`ATTACHMENT_TYPES` — the same types the catalog accepts, so an import
never produces an item ``make check`` refuses.
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urljoin

from plugins._shared import safeio
from plugins.catalog import attachments

# Attachment types the catalog publishes (documents, tables, archives, images, audio/video); never
# .html/.htm/.xhtml/.svg/.xml/.js/.mjs/.css — the browser would run them from the site's own origin.
# The catalog's attachment allow-list (plugins/catalog/attachments.py DEFAULT_TYPES); this constant is
# the one place to point at it.
ATTACHMENT_TYPES = frozenset(attachments.DEFAULT_TYPES)      # the catalog's own list (plugins/catalog/attachments.py)
TYPES_TEXT = attachments.DEFAULT_TEXT
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


OUTSIDE, UNSAFE, TYPE = "outside", "unsafe", "type"


class Refused(Exception):
    """A reference the import will not follow; ``problem``/``fix`` are Chinese; ``kind`` is
    :data:`OUTSIDE` (leaves the source folder), :data:`UNSAFE` (link, FIFO, device, too large) or :data:`TYPE`."""

    def __init__(self, problem: str, fix: str, kind: str):
        super().__init__(problem)
        self.problem, self.fix, self.kind = problem, fix, kind


def source_root(path: Path) -> Path:
    """The folder an import of ``path`` may read attachments from."""
    return path if path.is_dir() else path.parent


def is_absolute(ref: str) -> bool:
    """A filesystem path that does not depend on the source folder: /…, \\…, C:\\…, file:…"""
    return ref.startswith(("/", "\\")) or bool(_DRIVE.match(ref)) or ref.lower().startswith("file:")


def relative_target(ref: str, base_dir: Path, root: Path) -> Path | None:
    """``ref`` (a relative path, %-escapes decoded) joined to ``base_dir``; None when it leaves ``root``.

    Computed on the names only (no symbolic link is followed, nothing outside is looked at).
    """
    joined = posixpath.normpath(posixpath.join(base_dir.as_posix(), unquote(ref).replace("\\", "/")))
    top = root.as_posix().rstrip("/")
    if joined != top and not joined.startswith(top + "/"):
        return None
    return Path(joined)


def check_type(path: Path) -> None:
    ext = path.suffix.lower().lstrip(".")
    if ext not in ATTACHMENT_TYPES:
        kind = f".{ext} " if ext else "没有扩展名的"
        raise Refused(f"附件 {path.name!r} 是{kind}文件，本站不发布这种类型的附件",
                      f"附件只能是 {TYPES_TEXT}；网页、脚本、SVG 等请转成 PDF", TYPE)


def attachment(ref: str, base_dir: Path, root: Path) -> Path | None:
    """The file an 附件 cell names, checked; None when there is no such file in the source folder.

    :class:`Refused` for an absolute path, a path out of the source folder, a link, FIFO or device,
    an oversized file or a type the catalog refuses.
    """
    if is_absolute(ref):
        raise Refused(f"附件路径 {ref!r} 是绝对路径，导入只复制源文件夹中的文件",
                      "把附件放到源文件所在的文件夹（或其子文件夹）中，写相对路径，如 files/预算表.pdf", OUTSIDE)
    target = relative_target(ref, base_dir, root)
    if target is None:
        raise Refused(f"附件路径 {ref!r} 指向源文件夹以外，导入只复制源文件夹中的文件",
                      "把附件放到源文件所在的文件夹（或其子文件夹）中，路径中不要用 ../", OUTSIDE)
    return checked(target, root)


def checked(target: Path, root: Path) -> Path | None:
    """``target`` inside ``root`` if it is a regular file of an allowed type; None if nothing is there."""
    if not target.exists() and not target.is_symlink():
        return None
    try:
        safeio.check_file(target, root, "attachment")
    except safeio.Refused as exc:
        raise Refused(f"附件 {target.name!r} {exc.problem}", exc.fix, UNSAFE) from None
    check_type(target)
    bad_name = attachments.check_name(target.name)
    if bad_name:
        raise Refused(bad_name, "重命名文件（只用中文、字母、数字、-、_ 和 .）", TYPE)
    ext = target.suffix.lower().lstrip(".")
    if not attachments.sniff(safeio.read_head(target, root, 512), ext):
        raise Refused(f"附件 {target.name!r} 的内容不是 {ext.upper()} 文件（扩展名与内容不符）",
                      f"用原程序另存为真正的 {ext.upper()} 文件，或改成与内容相符的扩展名", TYPE)
    return target


def link_target(href: str, base_dir: Path, root: Path) -> Path | None:
    """A body link or image that names a saved local file: the checked file, or None (not a local file).

    Site-absolute (``/xxgk/…``) and scheme URLs are never local files; a relative link that leaves
    the source folder is :class:`Refused`.
    """
    if not href or _SCHEME.match(href) or href.startswith(("/", "\\", "#")):
        return None
    path = href.split("#")[0].split("?")[0]
    if not path:
        return None
    target = relative_target(path, base_dir, root)
    if target is None:
        raise Refused(f"链接 {href!r} 指向源文件夹以外，不予复制",
                      "保存网页时选择“网页，全部”，让附件保存在网页旁的文件夹中；或用 --base-url 指定原网址，链接将指向原网站",
                      OUTSIDE)
    return checked(target, root) if Path(path).suffix.lower() not in (".html", ".htm", ".shtml") else None


def follow_link(href: str, base_dir: Path, root: Path, base_url: str,
                report: Callable[[bool, str, str], None]) -> tuple[Path | None, str | None]:
    """A relative body link or image: (the local file to copy, or None; the href to write instead, or None).

    Outside the source folder with the original address known, it points to the old site; otherwise
    a refusal is reported (``report(is_error, problem, fix)``: an error, or a warning for a type the
    catalog does not publish) and the link is dropped (href ``""``).
    """
    try:
        return link_target(href, base_dir, root), None
    except Refused as exc:
        if exc.kind == OUTSIDE and base_url:
            return None, urljoin(base_url, href)
        if exc.kind == TYPE:
            report(False, f"{exc.problem}，未复制，链接已删除", exc.fix)
        else:
            report(True, exc.problem, exc.fix)
        return None, ""
