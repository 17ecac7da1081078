"""Counting: field texts → term postings (doc ids and term frequencies per field), in parallel.

Documents are split into contiguous ranges counted by forked worker processes; each returns, per
field, ``{term: array of doc << TF_BITS | tf}``, and the parent concatenates them
range by range, so every posting list stays sorted by doc id.
"""
from __future__ import annotations

import dataclasses
import functools
import pickle
from array import array
from collections import defaultdict, deque
from itertools import repeat

from gongkai.engine import parallel

from . import tokenize as T

TF_BITS = 12                 # a posting is doc << TF_BITS | tf
MAX_TF = (1 << TF_BITS) - 1  # 4,095: BM25 saturates long before (tf / (norm + tf) > 0.999); higher counts are capped


@dataclasses.dataclass
class Postings:
    """Per field: ``terms[f][term]`` = array of ``doc << TF_BITS | tf`` ascending, and ``lengths[f][doc]``."""
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
    """Posting arrays hold ``doc << TF_BITS | tf``: 32 bits suffice below 1,048,576 documents (half the
    memory of 64 bits, and half the bytes workers send back: 5,000 synthetic documents have 4.5 million
    postings, so 100,000 have about 90 million, ~0.35 GB less)."""
    return "I" if n_docs < 1 << (32 - TF_BITS) else "q"


def _count(bounds: tuple[int, int]) -> tuple[list[dict], list[array], list]:
    """Postings of documents [start, stop), and the per-document counts made here (to be cached).
    The per-pair work runs in C (map over bound methods): this loop is most of the index build time.
    A document whose counts are in ``known`` (from the persistent cache) is not tokenized again."""
    items, fields_of, table, unigrams, nfields, keys, known, sink = parallel.shared()
    new_list = functools.partial(array, typecode(len(items)))
    terms = [defaultdict(new_list) for _ in range(nfields)]
    getters = [t.__getitem__ for t in terms]
    lengths = [array("I") for _ in range(nfields)]
    made = []
    for doc in range(bounds[0], bounds[1]):
        base = doc << TF_BITS
        key = keys[doc] if keys else None
        cached = known.get(key) if key else None
        if cached is not None:
            per_field = pickle.loads(cached)
        else:
            per_field = [(list(c.keys()), list(c.values()), n)
                         for c, n in (T.counts(text, table, unigrams) for text in fields_of(items[doc]))]
            if key:
                made.append((key, pickle.dumps(per_field, pickle.HIGHEST_PROTOCOL)))
                if sink is not None and len(made) >= STORE_BATCH:   # counting in the process that holds the store
                    sink.put_many(CACHE_NS, made)
                    made = []
        for f, (words, tfs, length) in enumerate(per_field):
            lengths[f].append(length)
            if length > MAX_TF:
                tfs = map(min, tfs, repeat(MAX_TF))
            deque(map(_append, map(getters[f], words), map(base.__or__, tfs)), maxlen=0)
    return [dict(t) for t in terms], lengths, made


CACHE_NS = "search-counts"
STORE_BATCH = 2000        # documents' counts written to the store at a time


def count(items: list, fields_of, fields: list[str], table: dict, unigrams: str,
          processes: int = 0, meanwhile=None, store=None, key_of=None, keys: list | None = None) -> Postings:
    """Postings of ``items`` (doc id = list position); ``fields_of(item)`` gives its field texts.
    ``meanwhile()``, if given, runs in this process while the workers count. With a persistent ``store``,
    ``key_of(item)`` names each document's counts there (its content digest and the tokenizer settings),
    or ``keys`` gives those names in order."""
    workers = processes or parallel.cpus()
    n = len(items)
    if store is None:
        keys = []
    elif keys is None:
        keys = [key_of(item) for item in items] if key_of else []
    known = store.get_many(CACHE_NS, keys) if keys else {}
    forked = parallel.worth_forking("count", n - len(known), workers)
    # counted here, new counts go to the store as they are made: all of them are ~10 KB a document
    # pickled (195 MB for 20,000), ~1 GB to hold at 100,000
    job = (items, fields_of, table, unigrams, len(fields), keys, known, None if forked else store)
    ranges = parallel.chunks(n, per_worker=2, processes=workers) if forked else [(0, n)]
    parts = parallel.map_tasks("count", n - len(known), _count, ranges, job, workers, meanwhile)
    if store is not None:
        store.put_many(CACHE_NS, (row for part in parts for row in part[2]))
    return _merge([part[:2] for part in parts], fields)


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
