"""Text of attachments, for the personal-data scan: PDF (pypdf), DOCX and XLSX (zip + XML).

Each extractor returns ``[(where, text)]`` chunks, e.g. ("第 3 页", …) or ("工作表 名单 B7", …),
or raises :class:`Unreadable` with a reason an editor understands.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
SUPPORTED = (".pdf", ".docx", ".xlsx")
MAX_XML_BYTES = 200 * 1024 * 1024   # zip-bomb guard for a single member


class Unreadable(Exception):
    """The file's text cannot be read; ``str()`` is the Chinese reason."""


def extract(path: Path) -> list[tuple[str, str]]:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return pdf_text(path)
    if suffix == ".docx":
        return docx_text(path)
    if suffix == ".xlsx":
        return xlsx_text(path)
    raise Unreadable(f"不支持自动检查 {suffix or '无扩展名'} 格式的文字")


def pdf_text(path: Path) -> list[tuple[str, str]]:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)   # malformed-but-readable PDFs are common
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - pypdf raises several types for protected files
                raise Unreadable("PDF 已加密，无法读取文字") from None
        chunks = [(f"第 {n} 页", page.extract_text() or "") for n, page in enumerate(reader.pages, 1)]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise Unreadable(f"PDF 无法解析（{type(exc).__name__}）") from None
    if not any(text.strip() for _, text in chunks):
        raise Unreadable("PDF 没有文字层（可能是扫描件）")
    return chunks


def _open_zip(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise Unreadable("文件已损坏或不是 Office 2007 及以后的格式") from None


def _read(z: zipfile.ZipFile, name: str) -> bytes:
    info = z.getinfo(name)
    if info.file_size > MAX_XML_BYTES:
        raise Unreadable(f"{name} 过大，未检查")
    return z.read(name)


def docx_text(path: Path) -> list[tuple[str, str]]:
    """Paragraph text of the body, headers, footers, footnotes and comments."""
    with _open_zip(path) as z:
        parts = sorted(n for n in z.namelist() if re.fullmatch(
            r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml", n))
        if "word/document.xml" not in parts:
            raise Unreadable("不是有效的 DOCX 文件")
        chunks = []
        for name in parts:
            root = ET.fromstring(_read(z, name))
            for n, para in enumerate(root.iter(f"{W}p"), 1):
                text = "".join(t.text or "" for t in para.iter(f"{W}t"))
                if text:
                    where = f"第 {n} 段" if name == "word/document.xml" else f"{name.split('/')[1][:-4]} 第 {n} 段"
                    chunks.append((where, text))
        return chunks


def xlsx_text(path: Path) -> list[tuple[str, str]]:
    """Every cell's value (shared strings, inline strings and numbers), located by sheet and cell."""
    with _open_zip(path) as z:
        names = z.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            for si in ET.fromstring(_read(z, "xl/sharedStrings.xml")).iter(f"{S}si"):
                shared.append("".join(t.text or "" for t in si.iter(f"{S}t")))
        sheets = _sheet_names(z, names)
        chunks = []
        for member, title in sheets:
            root = ET.fromstring(_read(z, member))
            for c in root.iter(f"{S}c"):
                value = _cell_text(c, shared)
                if value:
                    chunks.append((f"工作表 {title} {c.get('r', '')}".rstrip(), value))
        return chunks


def _sheet_names(z: zipfile.ZipFile, names: list[str]) -> list[tuple[str, str]]:
    """(member, sheet title) in workbook order."""
    try:
        wb = ET.fromstring(_read(z, "xl/workbook.xml"))
        rels = ET.fromstring(_read(z, "xl/_rels/workbook.xml.rels"))
    except KeyError:
        raise Unreadable("不是有效的 XLSX 文件") from None
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = []
    for sheet in wb.iter(f"{S}sheet"):
        target = targets.get(sheet.get(f"{R}id"), "")
        member = target.lstrip("/") if target.startswith("/") else "xl/" + target
        if member in names:
            out.append((member, sheet.get("name", member)))
    return out


def _cell_text(c, shared: list[str]) -> str:
    kind = c.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in c.iter(f"{S}t"))
    v = c.find(f"{S}v")
    if v is None or v.text is None:
        return ""
    if kind == "s":
        try:
            return shared[int(v.text)]
        except (ValueError, IndexError):
            return ""
    text = v.text
    if kind in (None, "n") and re.fullmatch(r"\d+\.0+|\d+(\.\d+)?E\+?\d+", text, re.I):
        try:   # numbers typed into a cell: 13812345678 is stored as 13812345678 or 1.3812345678E10
            value = float(text)
            if value.is_integer():
                text = str(int(value))
        except ValueError:
            pass
    return text
