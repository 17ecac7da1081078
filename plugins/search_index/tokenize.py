"""The search tokenizer, build side. Its twin is theme/static/js/search-tokenize.js; both must give
the same tokens for the same text (tests/unit/search_index/test_tokenizer_agreement.py).

Text is normalised first: NFKC (full-width letters, digits and brackets become half-width), then the
繁体→简体 character map (charmap.py, OpenCC's t2s data), then lower case. Tokens, in this order:

- one token per run of Latin letters/digits (``pm2`` ``5``), and for each run of Chinese characters its
  character bigrams, plus single characters: for a one-character run only (``single``) or for every
  character (``all``, the default — see the bench figures in the search notes);
- identifiers, each as one exact token beside the parts above: a 索引号 (``mb1c37512/2025-00003``, plus
  its ``2025-00003`` suffix), a bare suffix, and a 文号 written with any bracket pair
  (``国办发〔2019〕5号`` = ``国办发[2019]5号`` = ``国办发(2019)5号`` → ``国办发[2019]5号``, plus the forms
  with the last 0–5 characters of the issuer code, so ``根据国办发〔2019〕5号`` still yields the exact
  token a reader types). Identifier tokens are the only tokens holding ``[``, ``/`` or ``-``.

No regular expression here uses look-behind (older Safari cannot parse it), so boundaries are checked
by hand in the same way on both sides.
"""
from __future__ import annotations

import re
import unicodedata

VERSION = 1
UNIGRAM_MODES = ("single", "all")
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af"
WORD = "0-9a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
RUN = re.compile(f"([{HAN}]+)|([{WORD}]+)")
ALNUM = re.compile("[0-9a-z]")
INDEX_NO = re.compile(r"[0-9a-z]{6,20}[/-]([0-9]{4,6}-[0-9]{3,8})")
SUFFIX = re.compile(r"[0-9]{4,6}-[0-9]{3,8}")
SP = "[ \\t\\r\\n]*"   # not \\s: Python and JavaScript disagree on a few exotic spaces
DOC_NO = re.compile(f"([{HAN}]*){SP}[\\[(【〔]{SP}([0-9]{{4}}){SP}[\\])】〕]{SP}第?{SP}([0-9]{{1,5}}){SP}号")
DOC_NO_PREFIX = 6       # longest issuer code kept in an exact 文号 token
ID_CHARS = "[/-"


def settings(unigrams: str = "all") -> dict:
    """The tokenizer settings written into the manifest; the JS side refuses other versions."""
    if unigrams not in UNIGRAM_MODES:
        raise ValueError(f"unigrams must be one of {UNIGRAM_MODES}, got {unigrams!r}")
    return {"version": VERSION, "unigrams": unigrams}


def translation(t2s: dict[str, str] | None) -> dict[int, str]:
    return {ord(k): v for k, v in (t2s or {}).items()}


def normalize(text: str, table: dict[int, str]) -> str:
    """NFKC, then 繁→简 per character, then lower case."""
    return unicodedata.normalize("NFKC", text).translate(table).lower()


def _bounded(match: re.Match, text: str) -> bool:
    """A match that is not part of a longer run of ASCII letters/digits."""
    start, end = match.start(), match.end()
    return not ((start > 0 and ALNUM.match(text, start - 1)) or (end < len(text) and ALNUM.match(text, end)))


def _find(pattern: re.Pattern, text: str, bounded: bool = True):
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return
        if bounded and not _bounded(m, text):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()


def identifiers(norm: str) -> list[str]:
    """Exact tokens for 索引号, their suffixes and 文号 found in normalised text."""
    out = []
    for m in _find(INDEX_NO, norm):
        out.append(m.group(0))
        out.append(m.group(1))
    for m in _find(SUFFIX, norm):
        if not (m.start() > 0 and norm[m.start() - 1] in "/-") and not (m.end() < len(norm) and norm[m.end()] == "-"):
            out.append(m.group(0))
    for m in _find(DOC_NO, norm, bounded=False):
        code, tail = m.group(1), f"[{m.group(2)}]{int(m.group(3))}号"
        longest = min(len(code), DOC_NO_PREFIX)
        out.extend(code[len(code) - n:] + tail for n in range(longest, -1, -1))
    return out


def tokens(text: str, table: dict[int, str], unigrams: str = "all") -> list[str]:
    """Document tokens of ``text`` in order (duplicates kept: they are term frequencies)."""
    norm = normalize(text, table)
    out = []
    for m in RUN.finditer(norm):
        run = m.group(1)
        if run is None:
            out.append(m.group(2))
        elif len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
            if unigrams == "all":
                out.extend(run)
    if any(c in norm for c in "/-[(【〔"):
        out.extend(identifiers(norm))
    return out


def is_identifier(term: str) -> bool:
    return any(c in term for c in ID_CHARS)
