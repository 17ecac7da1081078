"""Which URLs may become links: parsed the way browsers parse them, never matched by a regex.

A browser (the WHATWG URL standard) first strips leading and trailing C0 control characters and
spaces, then removes every ASCII tab and newline *anywhere*, and only then reads the scheme: so
``java<TAB>script:``, ``\\x01javascript:`` and `` JaVaScRiPt:`` are all ``javascript:``. In an
HTML attribute, character references are decoded before that (``&#x6A;avascript:``). This module
does the same steps and allows only ``http``, ``https``, ``mailto``, ``tel`` and relative URLs.

* :func:`check_url` — the Chinese problem with a URL an editor wrote (``service.online_url``, a
  calendar's notice link …), or None; callers add ``FIX`` or their own fix to the ``path:line`` message.
* :func:`safe_href` — the URL to put in ``href`` when rendering, or None (render text, not a link).
* :func:`scheme` — the scheme a browser would see, for checks of built pages (``gongkai/publish/checks``).

The same scheme list is the sanitizer's (``plugins/_shared/sanitize.py``), so body links and
field links follow one rule.
"""
from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

SCHEMES = frozenset({"http", "https", "mailto", "tel"})
FIX = "写成 https:// 开头的完整网址，如 https://www.example.gov.cn/"

_EDGES = "".join(chr(c) for c in range(0x21))          # C0 controls and space (WHATWG "C0 control or space")
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_REASONS = {
    "javascript": "可在读者的浏览器中执行脚本",
    "vbscript": "可在读者的浏览器中执行脚本",
    "data": "可直接嵌入网页或脚本",
    "file": "指向读者电脑上的文件",
}


def browser_form(text: str) -> str:
    """The URL as a browser reads it before parsing: edges stripped, tabs and newlines removed."""
    return str(text).strip(_EDGES).translate(_TAB_NEWLINE)


def scheme(text: str, decode_entities: bool = False) -> str | None:
    """The lower-case scheme a browser would see in ``text`` (None for a relative URL).

    ``decode_entities``: the text is an HTML attribute as written in markup, so character
    references (``&#106;``, ``&Tab;``) are decoded first, as the HTML parser does.
    """
    value = html.unescape(text) if decode_entities and "&" in text else text
    match = _SCHEME.match(browser_form(value))
    return match.group(1).lower() if match else None


def _schemes(text: str) -> set:
    """Schemes of the text both as written and entity-decoded (either may reach a browser)."""
    found = {scheme(text), scheme(text, decode_entities=True)}
    found.discard(None)
    return found


def check_url(text, relative: bool = True) -> str | None:
    """The problem with a URL written by an editor, in Chinese, or None when it is safe to link.

    ``relative=False`` also refuses relative URLs (a field that must name another website).
    """
    if not isinstance(text, str):
        return "网址应为文字"
    value = text.strip(" \u3000")
    if not value:
        return "网址为空"
    found = _schemes(value)
    refused = sorted(s for s in found if s not in SCHEMES)
    if refused:
        name = refused[0]
        reason = _REASONS.get(name, "不是网页、邮箱或电话链接")
        return f"不允许使用 {name}: 网址（{reason}），只能用 http、https、mailto 或 tel"
    bad = _CONTROL.search(value)
    if bad:
        return f"网址中含有制表符、换行或其他控制字符（U+{ord(bad.group()):04X}）"
    if " " in value or "\u3000" in value:
        return "网址中不能有空格"
    if value.startswith(("//", "\\\\", "/\\", "\\/")):
        return "网址以 // 或 \\\\ 开头，缺少 https: 协议"
    if "\\" in value:
        return "网址中不能有反斜杠“\\”（浏览器会把它当作“/”）"
    kind = next(iter(found), None)
    if kind is None:
        return None if relative else "应为完整网址（以 https:// 开头），实际是相对地址"
    try:
        parts = urlsplit(value)
    except ValueError:
        return "网址格式不正确（方括号或端口写法有误）"
    if kind in ("http", "https"):
        if not value[len(kind) + 1:].startswith("//") or not parts.hostname:
            return "网址缺少域名（应为 https://域名/…）"
        if "@" in parts.netloc:
            return "网址的域名前含有“@”（用户名），读者会被带到“@”之后的网站"
    elif len(value) <= len(kind) + 1:
        return f"{kind}: 之后缺少内容"
    return None


def safe_href(text) -> str | None:
    """What to put in ``href`` for an editor's URL, or None when it must not become a link."""
    if check_url(text) is not None:
        return None
    return text.strip(" \u3000")
