"""Counting: field texts → term postings (doc ids and term frequencies per field), in parallel.

Documents are split into contiguous ranges counted by forked worker processes; each returns, per
field, ``{term: array of doc << 16 | tf}``, and the parent concatenates them
range by range, so every posting list stays sorted by doc id.
"""
from __future__ import annotations

import dataclasses
import functools
from array import array
from collections import defaultdict, deque
from itertools import repeat

from gongkai.engine import parallel

from . import tokenize as T

MAX_TF = 65535


@dataclasses.dataclass
class Postings:
    """Per field: ``terms[f][term]`` = array of ``doc << 16 | tf`` ascending, and ``lengths[f][doc]``."""
    fields: list[str]
    terms: list[dict]
    lengths: list[array]

    @property
    def doc_count(self) -> int:
        return len(self.lengths[0]) if self.lengths else 0

    def vocabulary(self) -> set[str]:
        out = set()
        for by_term in self.terms:
            out.update(by_term)
        return out


_append = array.append


def typecode(n_docs: int) -> str:
    """Posting arrays hold ``doc << 16 | tf``: 32 bits suffice below 65,536 documents (half the memory
    and half the bytes workers send back), 64 bits above."""
    return "I" if n_docs < 1 << 16 else "q"


def _count(bounds: tuple[int, int]) -> tuple[list[dict], list[array]]:
    """Postings of documents [start, stop). The per-pair work runs in C (map over bound methods):
    this loop is most of the index build time."""
    items, fields_of, table, unigrams, nfields = parallel.shared()
    new_list = functools.partial(array, typecode(len(items)))
    terms = [defaultdict(new_list) for _ in range(nfields)]
    getters = [t.__getitem__ for t in terms]
    lengths = [array("I") for _ in range(nfields)]
    for doc in range(bounds[0], bounds[1]):
        base = doc << 16
        for f, text in enumerate(fields_of(items[doc])):
            counts, length = T.counts(text, table, unigrams)
            lengths[f].append(length)
            tfs = counts.values()
            if length > MAX_TF:
                tfs = map(min, tfs, repeat(MAX_TF))
            deque(map(_append, map(getters[f], counts.keys()), map(base.__or__, tfs)), maxlen=0)
    return [dict(t) for t in terms], lengths


def count(items: list, fields_of, fields: list[str], table: dict, unigrams: str,
          processes: int = 0, meanwhile=None) -> Postings:
    """Postings of ``items`` (doc id = list position); ``fields_of(item)`` gives its field texts.
    ``meanwhile()``, if given, runs in this process while the workers count."""
    workers = processes or parallel.cpus()
    n = len(items)
    job = (items, fields_of, table, unigrams, len(fields))
    if parallel.worth_forking("count", n, workers):
        ranges = parallel.chunks(n, per_worker=2, processes=workers)
    else:
        ranges = [(0, n)]
    parts = parallel.map_tasks("count", n, _count, ranges, job, workers, meanwhile)
    return _merge(parts, fields)


def _merge(parts, fields) -> Postings:
    if len(parts) == 1:
        terms, lengths = parts[0]
        return Postings(list(fields), terms, lengths)
    terms = [{} for _ in fields]
    lengths = [array("I") for _ in fields]
    for part_terms, part_lengths in parts:          # ranges in order: posting lists stay sorted
        for f, by_term in enumerate(part_terms):
            lengths[f].extend(part_lengths[f])
            merged = terms[f]
            for term, values in by_term.items():
                entry = merged.get(term)
                if entry is None:
                    merged[term] = values
                else:
                    entry.extend(values)
    return Postings(list(fields), terms, lengths)
