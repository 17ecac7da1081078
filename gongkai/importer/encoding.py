"""Reading an export's bytes safely and decoding them without silent mojibake.

Exports are read through ``safeio`` (no symbolic links, FIFOs or devices; size limit), confined to
the source folder. Decoding tries UTF-8 (with or without BOM), UTF-16 with a BOM, then GBK/GB18030
— the default of Chinese Excel. A file that starts with a UTF-8 BOM but is not UTF-8 (a GBK file
an editor "converted" by adding a BOM) is read as GBK with a warning; text that decodes as GB18030
only into private-use characters is not GBK at all and is refused. Nothing is ever decoded with
replacement characters.
"""
from __future__ import annotations

import re
from pathlib import Path

from plugins._shared import safeio
from plugins._shared.diagnostics import Problems

UTF8_BOM = b"\xef\xbb\xbf"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
RESAVE = "在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”，或在映射文件 csv.encoding 中写明编码"
BOM_GBK = ("文件开头有 UTF-8 标记（BOM），但内容不是 UTF-8 编码，已按 GBK/GB18030 读取",
           "核对报告中的中文是否正确；建议在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”")


def _private_use(text: str) -> int:
    """Offset of the first private-use character (GB18030 maps bytes GBK lacks there), or -1."""
    for n, ch in enumerate(text):
        if "\ue000" <= ch <= "\uf8ff":
            return n
    return -1


def _gbk(raw: bytes) -> tuple[str | None, str]:
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        return None, f"既不是 UTF-8 也不是 GBK/GB18030 编码（第 {exc.start + 1} 字节起无法识别）"
    bad = _private_use(text)
    if bad >= 0:
        line = text.count("\n", 0, bad) + 1
        return None, f"既不是 UTF-8 也不是 GBK/GB18030 编码（第 {line} 行有无法识别的字符）"
    return text, "编码 GBK/GB18030（已自动识别）"


def decode(raw: bytes, forced: str | None = None) -> tuple[str | None, str, tuple[str, str] | None]:
    """(text, how it was decoded, a warning (problem, fix) or None) — or (None, why not, None)."""
    if forced:
        try:
            return raw.decode(forced), f"编码 {forced}（按设置）", None
        except (LookupError, UnicodeDecodeError) as exc:
            return None, f"无法按 {forced} 解码：{exc}", None
    if raw.startswith(UTF8_BOM):
        try:
            return raw[3:].decode("utf-8"), "编码 UTF-8（带 BOM）", None
        except UnicodeDecodeError:
            text, how = _gbk(raw[3:])
            return (text, how, BOM_GBK) if text is not None else (None, f"文件开头有 UTF-8 标记（BOM），但{how}", None)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "编码 UTF-16（Excel“Unicode 文本”）", None
        except UnicodeDecodeError as exc:
            return None, f"UTF-16 编码不完整（第 {exc.start + 1} 字节起无法识别）", None
    try:
        return raw.decode("utf-8"), "编码 UTF-8", None
    except UnicodeDecodeError:
        pass
    text, how = _gbk(raw)
    return text, how, None


def decode_html(raw: bytes) -> tuple[str | None, str, tuple[str, str] | None]:
    """Saved pages of older sites are often GB2312: BOM, then <meta charset>, then UTF-8, then GB18030.

    (text, how, warning) — or (None, why not, None); never decoded with replacement characters.
    """
    if raw.startswith(UTF8_BOM):
        try:
            return raw[3:].decode("utf-8"), "编码 UTF-8（带 BOM）", None
        except UnicodeDecodeError:
            text, how = _gbk(raw[3:])
            return (text, how, BOM_GBK) if text is not None else (None, how, None)
    declared = _CHARSET.search(raw[:4096])
    name = declared.group(1).decode("ascii").lower() if declared else ""
    if name in ("gb2312", "gbk", "gb18030", "x-gbk"):
        text, how = _gbk(raw)
        return (text, f"编码 GBK/GB18030（网页声明 {name}）", None) if text is not None else (None, how, None)
    try:
        return raw.decode("utf-8"), "编码 UTF-8", None
    except UnicodeDecodeError:
        text, how = _gbk(raw)
        return text, how, None


def read_text(path: Path, root: Path, where: str, options: dict, problems: Problems,
              fix: str = RESAVE) -> tuple[str | None, str]:
    """The decoded text of an export (``options['encoding']`` forces one), or (None, '') after adding a problem."""
    try:
        raw = safeio.read_bytes(path, root, "import")
    except safeio.Refused as exc:
        problems.add(where, 0, "", exc.problem, exc.fix)
        return None, ""
    text, how, warning = decode(raw, options.get("encoding"))
    if text is None:
        problems.add(where, 0, "", f"无法读取：{how}", fix)
        return None, how
    if warning:
        problems.warn(where, 1, "", *warning)
    return text, how
