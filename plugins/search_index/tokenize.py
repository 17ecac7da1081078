"""The search tokenizer, build side. Its twin is theme/static/js/search-tokenize.js; both must give
the same tokens for the same text (tests/unit/search_index/test_tokenizer_agreement.py).

Text is normalised first: NFKC (full-width letters, digits and brackets become half-width), then the
繁体→简体 character map (charmap.py, OpenCC's t2s data), then lower case. Tokens, group by group,
each group in text order:

- one token per run of Latin letters/digits (``pm2`` ``5``);
- the character bigrams of each run of Chinese characters;
- single characters: of one-character runs only (``single``) or every Chinese character (``all``);
- identifiers, each as one exact token beside the parts above: a 索引号 (``mb1c37512/2025-00003``, plus
  its ``2025-00003`` suffix), a bare suffix, and a 文号 written with any bracket pair
  (``国办发〔2019〕5号`` = ``国办发[2019]5号`` = ``国办发(2019)5号`` → ``国办发[2019]5号``; the issuer code
  is the last ≤6 Chinese characters before the bracket, and every shorter tail of it down to none is a
  token too, so ``根据国办发〔2019〕5号`` still yields the exact token a reader types); and an order
  number with no year (``国令第707号``, ``海澄市人民政府令第15号`` → ``国令[]707号``, ``澄市人民政府令[]15号``
  and the shorter tails down to ``令[]15号``), whose issuer code is the ≤6 Chinese characters before
  ``令``. Identifier tokens are the only tokens holding ``[``, ``/`` or ``-``.

Which single characters to index is a setting: ``single`` (the default) keeps the index a quarter
smaller and its build faster; ``all`` also finds a character inside longer runs (bench/search.py).

The JavaScript twin uses no look-behind (older Safari cannot parse it): identifier boundaries are
checked by hand, the same way on both sides.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

VERSION = 1
UNIGRAM_MODES = ("single", "all")
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af"
WORD = "0-9a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
WORDS = re.compile(f"[{WORD}]+")
HAN_BIGRAMS = re.compile(f"(?=([{HAN}]{{2}}))")   # every overlapping pair, in text order (one C call)
HAN_CHAR = re.compile(f"[{HAN}]")
HAN_CHARS = HAN_CHAR
LONE_HAN = re.compile(f"(?<![{HAN}])[{HAN}](?![{HAN}])")
SPACES = " \t\r\n"
ALNUM = re.compile("[0-9a-z]")
INDEX_NO = re.compile(r"[0-9a-z]{6,20}[/-]([0-9]{4,6}-[0-9]{3,8})")
SUFFIX = re.compile(r"[0-9]{4,6}-[0-9]{3,8}")
SP = "[ \\t\\r\\n]*"   # not \\s: Python and JavaScript disagree on a few exotic spaces
DOC_NO = re.compile(f"[\\[(【〔]{SP}([0-9]{{4}}){SP}[\\])】〕]{SP}第?{SP}([0-9]{{1,5}}){SP}号")
ORDER_NO = re.compile(f"令{SP}第{SP}([0-9]{{1,5}}){SP}号")   # 国令第707号: 令 numbers carry no year
DOC_NO_PREFIX = 6       # longest issuer code kept in an exact 文号 token
ID_CHARS = "[/-"
ID_HINT = "-[(【〔令"      # text without any of these holds no identifier


def settings(unigrams: str = "single") -> dict:
    """The tokenizer settings written into the manifest; the JS side refuses other versions."""
    if unigrams not in UNIGRAM_MODES:
        raise ValueError(f"unigrams must be one of {UNIGRAM_MODES}, got {unigrams!r}")
    return {"version": VERSION, "unigrams": unigrams}


class Table(dict):
    """A str.translate table (code point → character) that knows a regex matching its keys."""

    def __init__(self, mapping: dict[str, str]):
        super().__init__((ord(k), v) for k, v in mapping.items())
        chars = "".join(re.escape(c) for c in sorted(mapping))
        self.keys_re = re.compile(f"[{chars}]") if chars else None


def translation(t2s: dict[str, str] | None) -> Table:
    """The translate table of a 繁→简 map (charmap.char_map("t2s"))."""
    return Table(t2s or {})


def normalize(text: str, table: dict[int, str]) -> str:
    """NFKC, then 繁→简 per character, then lower case.

    Fast path, same result: full-width ASCII is replaced by plain ASCII (exactly NFKC's mapping of
    those characters), the 繁→简 map runs only if the text holds one of its keys, and NFKC runs only if
    what is left is not already NFKC (the map's keys and values are NFKC-stable CJK characters).
    """
    fast = text
    for wide, narrow in _COMMON_WIDE:
        if wide in fast:
            fast = fast.replace(wide, narrow)
    if _WIDE.search(fast):
        fast = fast.translate(_FULLWIDTH)
    keys = table.keys_re if isinstance(table, Table) else _keys_re(table)
    if keys is not None and keys.search(fast):
        fast = fast.translate(table)
    if unicodedata.is_normalized("NFKC", fast):
        return fast.lower()
    return unicodedata.normalize("NFKC", text).translate(table).lower()


_FULLWIDTH = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_WIDE = re.compile("[\uff01-\uff5e]")
_COMMON_WIDE = [(w, chr(ord(w) - 0xFEE0)) for w in "，：；（）！？％．"]


def _keys_re(table: dict[int, str]) -> re.Pattern | None:
    chars = "".join(re.escape(chr(c)) for c in sorted(table))
    return re.compile(f"[{chars}]") if chars else None


def _bounded(match: re.Match, text: str) -> bool:
    """A match that is not part of a longer run of ASCII letters/digits."""
    start, end = match.start(), match.end()
    return not ((start > 0 and ALNUM.match(text, start - 1)) or (end < len(text) and ALNUM.match(text, end)))


def _find(pattern: re.Pattern, text: str):
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return
        if not _bounded(m, text):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()


def _issuer(norm: str, end: int) -> str:
    """The last DOC_NO_PREFIX Chinese characters before ``end``, skipping spaces: a 文号's issuer code."""
    i = end
    while i > 0 and norm[i - 1] in SPACES:
        i -= 1
    start = i
    while start > 0 and i - start < DOC_NO_PREFIX and HAN_CHAR.match(norm, start - 1):
        start -= 1
    return norm[start:i]


def identifiers(norm: str) -> list[str]:
    """Exact tokens for 索引号, their suffixes and 文号 found in normalised text."""
    out = []
    if "-" in norm:
        out += _index_numbers(norm)
    for m in DOC_NO.finditer(norm):
        code, tail = _issuer(norm, m.start()), f"[{m.group(1)}]{int(m.group(2))}号"
        out.extend(code[len(code) - n:] + tail for n in range(len(code), -1, -1))
    if "令" in norm:
        for m in ORDER_NO.finditer(norm):
            code, tail = _issuer(norm, m.start()), f"令[]{int(m.group(1))}号"
            out.extend(code[len(code) - n:] + tail for n in range(len(code), -1, -1))
    return out


def _index_numbers(norm: str) -> list[str]:
    out = []
    for m in _find(INDEX_NO, norm):
        out.append(m.group(0))
        out.append(m.group(1))
    for m in _find(SUFFIX, norm):
        if not (m.start() > 0 and norm[m.start() - 1] in "/-") and not (m.end() < len(norm) and norm[m.end()] == "-"):
            out.append(m.group(0))
    return out


def counts(text: str, table: dict[int, str], unigrams: str = "single") -> tuple[Counter, int]:
    """The tokens of :func:`tokens` counted, and how many there are (build side: no token list)."""
    out = tokens(text, table, unigrams)
    return Counter(out), len(out)


def tokens(text: str, table: dict[int, str], unigrams: str = "single") -> list[str]:
    """Document tokens of ``text``: words, then bigrams, then single characters, then identifiers,
    each group in text order (duplicates kept: they are term frequencies)."""
    norm = normalize(text, table)
    out = WORDS.findall(norm)
    out += HAN_BIGRAMS.findall(norm)
    out += (HAN_CHARS if unigrams == "all" else LONE_HAN).findall(norm)
    if any(c in norm for c in ID_HINT):
        out += identifiers(norm)
    return out


def is_identifier(term: str) -> bool:
    return any(c in term for c in ID_CHARS)
