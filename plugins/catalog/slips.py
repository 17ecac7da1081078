"""The slips Chinese editors actually make in YAML, found line by line before parsing.

A Chinese input method types a full-width colon ``：`` after a key, indents with a full-width
space ``　``, wraps a value in curly quotes ``“…”``; text pasted from Word brings non-breaking
spaces, zero-width characters and soft hyphens; a Tab key indents with a Tab. YAML either refuses
these (and points at the *next* line, saying nothing an editor understands) or silently keeps
them in the value. :func:`scan` names each slip on its own line and returns the text with the
safe repairs applied, so parsing can go on and every other problem of the file is reported in
the same run. The file still fails: every slip found here is reported (most as errors).
"""
from __future__ import annotations

import re
import unicodedata

from plugins._shared.diagnostics import Problems

from . import schema

# Invisible characters that arrive with text pasted from Word, WPS or web pages.
INVISIBLE = {
    "\u00a0": "不换行空格（U+00A0）",
    "\u00ad": "软连字符（U+00AD）",
    "\u200b": "零宽空格（U+200B）",
    "\u200c": "零宽非连接符（U+200C）",
    "\u200d": "零宽连接符（U+200D）",
    "\u2060": "零宽不换行（U+2060）",
    "\ufeff": "零宽不换行空格（U+FEFF）",
    "\u202f": "窄不换行空格（U+202F）",
    "\u2028": "行分隔符（U+2028）",
    "\u2029": "段分隔符（U+2029）",
}
INVISIBLE_RE = re.compile("[" + "".join(INVISIBLE) + "]")
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CURLY = (("“", "”"), ("‘", "’"), ("＂", "＂"), ("「", "」"), ("『", "』"))

# Every key the schema knows, at any level: only these are recognised before a full-width colon,
# so a body line that happens to start with a word and a colon is never touched.
_KEYS = sorted({f.key for f in schema.FIELDS}
               | {sub.key for f in schema.FIELDS for sub in f.fields}
               | {sub.key for sub in schema.VALIDITY_FIELDS}, key=len, reverse=True)
_KEY = "(?:" + "|".join(map(re.escape, _KEYS)) + ")"
_FULLWIDTH_COLON = re.compile(rf"^(?P<lead>[ \t\u3000]*(?:-[ \u3000]+)?)(?P<key>{_KEY})[ \u3000]*：[ \u3000]*")
_NO_SPACE = re.compile(rf"^(?P<lead>[ \t\u3000]*(?:-[ \u3000]+)?)(?P<key>{_KEY}):(?=[^\s/])")
_LEAD = re.compile(r"^[ \t\u3000]*")
_STRUCTURAL = re.compile(rf"^(?:-(?:[ \t\u3000]|$)|{_KEY}[ \u3000]*[:：])")   # a list item or a key, not body text
_VALUE = re.compile(rf"^[ \t]*(?:-[ \t]+)?(?P<key>{_KEY}):[ \t]+(?P<value>.*?)[ \t]*$")
# Keys whose value must be exact: a slip there is always an error.
STRICT = {"index_no", "category", "publisher", "published", "written", "doc_no", "status", "effective",
          "expires", "repealed", "promulgated", "year", "type", "interprets", "supersedes", "path"}


def char_names(text: str) -> str:
    """'零宽空格（U+200B）、不换行空格（U+00A0）' for the invisible characters in ``text``."""
    seen = []
    for ch in INVISIBLE_RE.findall(text):
        if INVISIBLE[ch] not in seen:
            seen.append(INVISIBLE[ch])
    return "、".join(seen)


def invisible(text: str) -> bool:
    return bool(INVISIBLE_RE.search(text))


def control(text: str) -> str | None:
    """The first control character in ``text`` as ``U+0000``, or None."""
    m = CONTROL_RE.search(text)
    return f"U+{ord(m.group()):04X}" if m else None


def fullwidth(text: str) -> bool:
    """True when NFKC would change ASCII-range characters (full-width digits, letters, ``－``, ``／``)."""
    return any("\uff01" <= ch <= "\uff5e" for ch in text)


def normalize(text: str) -> str:
    """Full-width ASCII to half-width (``２０２６－１２－０１`` → ``2026-12-01``), other text unchanged."""
    return "".join(unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" else ch for ch in text)


_ANY = re.compile(rf"[\t\u3000：{''.join(o for o, _ in CURLY)}]|^[ \t]*(?:-[ \t]+)?{_KEY}:(?=[^\s/])", re.M)


def scan(text: str, rel: str, problems: Problems, first_line: int = 1) -> str:
    """Report the slips in YAML ``text`` (whose first line is ``first_line`` of the file); return it repaired."""
    if not _ANY.search(text):      # the usual file: nothing to look at line by line
        return text
    lines = text.split("\n")
    for n, line in enumerate(lines):
        where = first_line + n
        lead = _LEAD.match(line).group()
        structural = bool(_STRUCTURAL.match(line[len(lead):]))
        if "\t" in lead and structural:
            problems.add(rel, where, "", "行首用了制表符（Tab）缩进，YAML 只认空格",
                         "把行首的 Tab 换成空格（每级两个空格），编辑器可设置“Tab 键输入空格”")
            line = lead.replace("\t", "  ") + line[len(lead):]
            lead = _LEAD.match(line).group()
        if "\u3000" in lead and structural:
            problems.add(rel, where, "", "行首用了全角空格“　”缩进，YAML 只认半角空格",
                         "切换到半角输入（Shift 键）后，删除行首的全角空格，重新用半角空格缩进")
            line = lead.replace("\u3000", "  ") + line[len(lead):]
        m = _FULLWIDTH_COLON.match(line)
        if m:
            key = m.group("key")
            problems.add(rel, where, key, f"键 {key} 后面用了全角冒号“：”",
                         f"改成半角冒号加一个空格：{key}: …（切换到英文标点后输入）", schema.label(key))
            line = f"{m.group('lead')}{key}: {line[m.end():]}"
        else:
            m = _NO_SPACE.match(line)
            if m:
                key = m.group("key")
                problems.add(rel, where, key, f"键 {key} 的冒号后面缺少空格", f"在冒号后加一个空格：{key}: …",
                             schema.label(key))
                line = f"{m.group('lead')}{key}: {line[m.end():]}"
        m = _VALUE.match(line)
        if m:
            line = _check_value(line, m, rel, where, problems)
        lines[n] = line
    return "\n".join(lines)


def _check_value(line: str, m: re.Match, rel: str, where: int, problems: Problems) -> str:
    key, value = m.group("key"), m.group("value")
    for open_, close in CURLY:
        if len(value) >= 2 and value.startswith(open_) and value.endswith(close):
            inner = value[1:-1]
            if key in STRICT:
                problems.add(rel, where, key, f"值两端用了中文引号 {open_}{close}，引号会被当作内容的一部分",
                             f"去掉引号，写成 {key}: {inner}", schema.label(key))
                return line[: m.start("value")] + inner + line[m.end("value"):]
            problems.warn(rel, where, key, f"值两端用了中文引号 {open_}{close}，页面上会连引号一起显示",
                          "如果引号不是标题的一部分，请删除；需要加引号时用英文引号 \"…\"", schema.label(key))
            break
    return line
