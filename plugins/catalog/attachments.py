"""Attachments are documents, never pages or code.

An attachment is published beside its item page (``/gk/<索引号>/<file name>``), on the site's own
origin. A file that a browser would run or render as a page there (HTML, SVG, JavaScript, XML, CSS)
could run script on the government site, replace the item's page (``index.html``) or fool a reader,
so only the document types a 公开目录 publishes are accepted, checked by extension **and** by the
file's first bytes (a ``.pdf`` that is really HTML is refused). The importer uses the same rules.
"""
from __future__ import annotations

import re
from pathlib import Path

from plugins._shared import safeio
from plugins._shared.diagnostics import Problems, relpath
from plugins.catalog import index_numbers as idx

from .model import Attachment

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # legacy Office / WPS compound documents
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")           # OOXML, OFD, ZIP, newer WPS
_TEXT = "text"

# extension -> accepted signatures (bytes prefixes), or _TEXT for plain text that must not be markup.
SIGNATURES: dict[str, tuple] = {
    "pdf": (b"%PDF-",),
    "ofd": _ZIP,
    "doc": (_OLE2,), "xls": (_OLE2,), "ppt": (_OLE2,),
    "wps": (_OLE2, *_ZIP), "et": (_OLE2, *_ZIP), "dps": (_OLE2, *_ZIP),
    "docx": _ZIP, "xlsx": _ZIP, "pptx": _ZIP,
    "csv": _TEXT, "txt": _TEXT,
    "zip": _ZIP, "rar": (b"Rar!\x1a\x07",),
    "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",), "png": (b"\x89PNG\r\n\x1a\n",),
    "gif": (b"GIF87a", b"GIF89a"),
    "mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"\xff\xfa"),
    "mp4": ("ftyp",),      # ISO base media: "ftyp" at offset 4
}
DEFAULT_TYPES = tuple(SIGNATURES)
DEFAULT_TEXT = "PDF、OFD、DOC/DOCX、WPS、XLS/XLSX、ET、PPT/PPTX、DPS、CSV、TXT、ZIP/RAR、JPG/PNG/GIF、MP3/MP4"
# Never published whatever a setting says: what a browser runs or renders as a page on our origin.
NEVER = ("html", "htm", "xhtml", "shtml", "js", "mjs", "svg", "svgz", "xml", "xsl", "xslt", "css", "swf", "php",
         "jsp", "asp", "aspx", "cgi", "wasm", "json", "map", "appcache", "webmanifest")
_MARKUP = re.compile(rb"^\s*(?:<\?xml|<!doctype|<html|<head|<body|<script|<svg|<iframe|<meta|<!--)", re.I)
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f\"<>\\|?*#%&:;`$]")
RESERVED = ("index.html", "index.htm")
LABEL = "附件"


def allowed_types(settings) -> tuple[str, ...]:
    types = getattr(settings, "attachment_types", None) or DEFAULT_TYPES
    return tuple(t for t in types if t not in NEVER and t in SIGNATURES)


def types_text(types: tuple[str, ...] = DEFAULT_TYPES) -> str:
    """The allowed types as editors read them: PDF、OFD、DOC/DOCX …"""
    return DEFAULT_TEXT if set(types) == set(DEFAULT_TYPES) else "、".join(t.upper() for t in types)


def sniff(head: bytes, ext: str) -> bool:
    """True when the first bytes of a file are what its extension says."""
    expected = SIGNATURES.get(ext)
    if expected is None:
        return False
    if _MARKUP.match(head.lstrip(b"\xef\xbb\xbf")):
        return False
    if expected == _TEXT:
        if b"\x00" in head:
            return False
        for codec in ("utf-8", "gb18030"):
            try:
                head.decode(codec)
                return True
            except UnicodeDecodeError as exc:
                if exc.start >= len(head) - 4:   # a character cut at the end of the sample
                    return True
        return False
    if expected == ("ftyp",):
        return head[4:8] == b"ftyp"
    return head.startswith(expected)


def check_name(name: str) -> str | None:
    """A Chinese problem with an attachment's file name as published, or None."""
    if name.lower() in RESERVED or name.startswith("."):
        return f"附件文件名 {name!r} 与网站自身的文件冲突"
    if _BAD_NAME.search(name):
        return f"附件文件名 {name!r} 含有不能用于网址的字符"
    return None


def resolve(entry: dict, item_path: Path, settings, index_no: str, rel: str, problems: Problems) -> Attachment | None:
    """Attachment paths are relative to the item file (or to the repo with a leading /) and never leave the repo."""
    text = entry["path"]
    line = entry.get("_line", 0)
    base = settings.root if text.startswith("/") else item_path.parent
    target = base / text.lstrip("/")
    if not safeio.inside(target, settings.root):
        problems.add(rel, line, "attachments.path", f"附件路径 {text!r} 指向仓库以外",
                     "把附件放进仓库（如 catalog/files/）并写相对路径", LABEL)
        return None
    ext = target.suffix.lstrip(".").lower()
    types = allowed_types(settings)
    if ext not in types:
        why = "网页或脚本文件不能作为附件发布（会在本网站上运行）" if ext in NEVER else "不是本站允许的附件类型"
        problems.add(rel, line, "attachments.path", f"附件 {text!r}：{why}",
                     "转换为 PDF 或 OFD 后再附上；允许的类型：" + types_text(types), LABEL)
        return None
    try:
        st = safeio.check_file(target, settings.root, "attachment")
    except safeio.Refused as exc:
        if exc.problem == "文件不存在":
            problems.add(rel, line, "attachments.path", f"附件文件不存在：{text!r}",
                         "检查文件名和大小写，并确认附件已提交到仓库", LABEL)
        else:
            problems.add(rel, line, "attachments.path", f"附件 {text!r} {exc.problem}", exc.fix, LABEL)
        return None
    bad_name = check_name(target.name)
    if bad_name:
        problems.add(rel, line, "attachments.path", bad_name, "重命名文件（只用中文、字母、数字、-、_ 和 .）", LABEL)
        return None
    try:
        head = safeio.read_head(target, settings.root, 512)
    except safeio.Refused as exc:
        problems.add(rel, line, "attachments.path", f"附件 {text!r} {exc.problem}", exc.fix, LABEL)
        return None
    if not sniff(head, ext):
        problems.add(rel, line, "attachments.path", f"附件 {text!r} 的内容不是 {ext.upper()} 文件（扩展名与内容不符）",
                     f"用原程序另存为真正的 {ext.upper()} 文件，或改成与内容相符的扩展名", LABEL)
        return None
    slug = idx.url_slug(index_no)
    return Attachment(title=entry["title"], source=relpath(target, settings.root), name=target.name,
                      url=f"{settings.url_prefix}/{slug}/{target.name}", size=st.st_size, ext=ext.upper())
