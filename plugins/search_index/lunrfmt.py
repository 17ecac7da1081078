"""lunr.js 2.3.9's serialised index format, written directly (lunr.py's Builder is ~12 ms per item).

One partition holds some of the terms, with their postings over every document, and the field vectors
of the documents it mentions restricted to those terms — exactly what ``lunr.Index.load`` reads and
``Index#query`` scores. Term weights are lunr's BM25 (k1 1.2, b 0.75, lunr's own idf) computed with
*global* statistics (all documents, all terms), so the scores of several partitions add up to the score
one big index would give (see search-engine.js). Weights are stored as integers (×100): lunr only
multiplies and adds them, so rankings are unchanged (up to rounding) and the files are smaller.

Terms with more than ``top_k`` documents keep lunr postings for ``top_k`` of them only (impact-ordered
pruning: see :func:`partition_json`); the full document set is kept beside the lunr data, under
the extra key ``gk`` that lunr ignores, so a query still finds every document (recall) and counts them.
"""
from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from itertools import chain, compress, islice, repeat
from operator import and_, eq, gt, rshift, sub

from .postings import MAX_TF as TF_MASK
from .postings import TF_BITS

LUNR_VERSION = "2.3.9"
K1, B = 1.2, 0.75
SCALE = 100
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def ref(i: int) -> str:
    """Short document ref (base 36): short refs shrink the index (design.md)."""
    if i == 0:
        return "0"
    out = ""
    while i:
        i, r = divmod(i, 36)
        out = _B36[r] + out
    return out


def fnv1a(term: str) -> int:
    """32-bit FNV-1a over UTF-16 code units (the JS side hashes charCodeAt values)."""
    h = 0x811C9DC5
    units = term.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h ^= units[i] | (units[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def utf16_key(term: str) -> bytes:
    """Sort key matching JavaScript string order (lunr's TokenSet.Builder needs sorted insertion)."""
    return term.encode("utf-16-be")


def lunr_idf(docs_with_term: int, doc_count: int) -> float:
    """lunr.idf: ``docs_with_term`` counts a document once per field it has the term in."""
    x = (doc_count - docs_with_term + 0.5) / (docs_with_term + 0.5)
    return math.log(1 + abs(x))


def average_length(lengths) -> float:
    """The average field length BM25 normalises by, to 4 significant digits: an edit of one document
    among thousands leaves it unchanged, so every other document's weights — and every index partition
    without one of the edited document's terms — stay byte for byte what they were (warm builds link them)."""
    avg = (sum(lengths) / len(lengths)) if lengths else 1.0
    return float(f"{avg or 1.0:.4g}")


def field_norms(lengths) -> list[float]:
    """Per document: k1 × (1 − b + b × length / average length), the BM25 length normalisation."""
    avg = average_length(lengths)
    return [K1 * (1 - B + B * n / avg) for n in lengths]


def varint(value: int) -> str:
    """A non-negative integer, 5 bits per base-64 character, most significant first; a character
    with the 32 bit set means more characters of the same number follow."""
    chunk = []
    while True:
        chunk.append(value & 31)
        value >>= 5
        if not value:
            break
    return "".join(_B64[32 | c] for c in reversed(chunk[1:])) + _B64[chunk[0]]


_STEP: list[str] = [""]      # _STEP[x] = varint(x - 1): the text of a step of x between ascending ids


def _steps(limit: int) -> list[str]:
    while len(_STEP) <= limit:
        _STEP.append(varint(len(_STEP) - 1))
    return _STEP


def _gaps(docs) -> str:
    """Ascending ids as varints of the gaps between them (the first from -1); the per-id work is in C."""
    if not docs:
        return ""
    table = _steps(docs[-1] + 1)
    return table[docs[0] + 1] + "".join(map(table.__getitem__, map(sub, docs[1:], docs)))


def encode_members(docs: list[int], doc_count: int) -> str:
    """A sorted doc-id set: ``g`` + gaps between members, or ``c`` + gaps between non-members
    (whichever is shorter)."""
    if len(docs) * 2 <= doc_count:
        return "g" + _gaps(docs)
    absent = bytearray(b"\x01") * doc_count
    deque(map(absent.__setitem__, docs, repeat(0)), maxlen=0)
    others = list(compress(range(doc_count), absent))
    members, complement = "g" + _gaps(docs), "c" + _gaps(others)
    return members if len(members) <= len(complement) else complement


def decode_members(text: str, doc_count: int) -> list[int]:
    """Inverse of :func:`encode_members` (tests; the browser has its own)."""
    kind, body = text[0], text[1:]
    ids, prev, gap = [], -1, 0
    for ch in body:
        v = _B64.index(ch)
        gap = (gap << 5) | (v & 31)
        if not v & 32:
            prev += gap + 1
            ids.append(prev)
            gap = 0
    if kind == "c":
        skip = set(ids)
        return [d for d in range(doc_count) if d not in skip]
    return ids


def ref_entries(refs: list[str]) -> list[str]:
    """The posting text of each document (``"ref":{}``), made once per build."""
    return [f'"{r}":{{}}' for r in refs]


def _select(values, room: int) -> list[int]:
    """The ``room`` postings with the highest term frequency, lowest id (newest) first among equals.
    The per-posting work is in C: this runs over every posting of a frequent term."""
    by_tf = Counter(map(and_, values, repeat(TF_MASK)))
    taken, floor = 0, 0
    for tf in sorted(by_tf, reverse=True):
        floor = tf
        if taken + by_tf[tf] >= room:
            break
        taken += by_tf[tf]
    above = compress(values, map(gt, map(and_, values, repeat(TF_MASK)), repeat(floor)))
    at = islice(compress(values, map(eq, map(and_, values, repeat(TF_MASK)), repeat(floor))), room - taken)
    return sorted(chain(above, at))


def _union(doc_lists: list[list[int]], doc_count: int) -> list[int]:
    flags = bytearray(doc_count)
    for docs in doc_lists:
        deque(map(flags.__setitem__, docs, repeat(1)), maxlen=0)
    return list(compress(range(doc_count), flags))


def _prune(lists: list, order: list[int], top_k: int) -> list:
    """Postings kept in lunr for a frequent term: fields in ``order`` (highest boost first) pick documents
    until ``top_k`` are kept; every kept document keeps its postings in every field."""
    keep: set[int] = set()
    kept = [()] * len(lists)
    for f in order:
        values = lists[f]
        if not values:
            continue
        room = top_k - len(keep)
        picked = values if len(values) <= room else (_select(values, room) if room > 0 else [])
        picked_docs = set(map(rshift, picked, repeat(TF_BITS)))
        extra = []
        for d in keep - picked_docs:            # documents kept by an earlier field
            i = bisect_left(values, d << TF_BITS)
            if i < len(values) and values[i] >> TF_BITS == d:
                extra.append(values[i])
        kept[f] = sorted(chain(picked, extra)) if extra else list(picked)
        keep |= picked_docs
    return kept


def partition_json(terms: list[str], postings, norms: list[list[float]], boosts: list[float],
                   refs: list[str], entries: list[str], top_k: int) -> tuple[str, dict]:
    """One partition as lunr JSON text (terms sorted by :func:`utf16_key`), and its stats.

    A pruned term keeps, in lunr, every document that has it in a field with a higher boost (titles
    first), then those with the highest term frequency in the other fields (newest first among
    equals), ``top_k`` in all; lunr then ranks them by BM25.
    """
    fields = postings.fields
    nf = len(fields)
    n_docs = postings.doc_count
    order = sorted(range(nf), key=lambda f: -boosts[f])
    vectors = [defaultdict(list) for _ in range(nf)]
    inverted, members, pruned = [], {}, 0
    for index, term in enumerate(terms):
        lists = [by_term.get(term) or () for by_term in postings.terms]
        total = sum(map(len, lists))
        idf = lunr_idf(total, n_docs)
        if total > top_k:
            present = [list(map(rshift, v, repeat(TF_BITS))) for v in lists if v]
            union = present[0] if len(present) == 1 else _union(present, n_docs)
            if len(union) > top_k:
                members[term] = encode_members(union, n_docs)
                pruned += 1
                lists = _prune(lists, order, top_k)
        parts = []
        for f, values in enumerate(lists):
            if not values:
                parts.append(f'"{fields[f]}":{{}}')
                continue
            nrm = norms[f]
            c = idf * (K1 + 1) * boosts[f] * SCALE
            docs = list(map(rshift, values, repeat(TF_BITS)))
            weights = [int(c * tf / (nrm[d] + tf) + 0.5) or 1 for d, tf in zip(docs, map(and_, values, repeat(TF_MASK)))]
            deque(map(list.extend, map(vectors[f].__getitem__, docs), zip(repeat(index), weights)), maxlen=0)
            parts.append(f'"{fields[f]}":{{' + ",".join(map(entries.__getitem__, docs)) + "}")
        inverted.append(f'[{json.dumps(term, ensure_ascii=False)},{{"_index":{index},' + ",".join(parts) + "}]")
    field_vectors = []
    for f in range(nf):
        vec = vectors[f]
        prefix = f'["{fields[f]}/'
        field_vectors.extend(f'{prefix}{refs[d]}",[' + ",".join(map(str, vec[d])) + "]]" for d in sorted(vec))
    extra = json.dumps({"m": members}, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = (f'{{"version":"{LUNR_VERSION}","fields":{json.dumps(fields)},"fieldVectors":[' + ",".join(field_vectors)
            + '],"invertedIndex":[' + ",".join(inverted) + '],"pipeline":[],"gk":' + extra + "}")
    return text, {"terms": len(terms), "pruned": pruned}
