"""Patch a built index in place after a few items changed: the preview server's fast path.

A full build (build.py) counts every document and writes every partition: about 15 s at 20,000
items. When ``gongkai serve`` rebuilds after an editor saved one file, the document set and order
are usually the same and one document's text changed. :func:`update` then

- re-tokenizes only the changed documents, and moves their postings in the kept :class:`Postings`;
- rewrites only the partitions holding a term whose postings changed (a term's bucket is fixed by
  its hash and the bucket counts of the last full build), the display chunks of the changed
  documents, ``table.json`` and ``manifest.json`` (with a new version, so browsers refetch).

What it leaves slightly stale, until the next full build: the BM25 length normalisation of
unchanged terms (a document that grew keeps its old weights for the terms it already had, and the
average field length is that of the rewritten partitions' build time). Rankings move by a little;
which documents match a query is exact. ``make html`` and ``make publish`` always build in full.

It declines (returns None, and the caller builds in full) when the documents or their order
changed, a facet value appeared or vanished, the options changed, or many documents changed.
"""
from __future__ import annotations

import dataclasses
import json
import operator
from array import array
from bisect import bisect_left, insort
from pathlib import Path

from . import display, lunrfmt, postings
from . import tokenize as T
from .text import index_fields

MAX_CHANGED = 200          # documents: above this (or 2 % of the catalog), a full build is about as fast


@dataclasses.dataclass
class State:
    """What a full build leaves for later updates (kept in the serving process only)."""
    options: object
    version: str
    items: list                # documents in id order
    keys: list[str]            # content digest per document
    post: postings.Postings
    plans: dict                # family -> [sorted terms of bucket n]
    facets: dict
    table: dict                # tokenizer translation table (繁→简)
    columns: dict | None = None     # the facet table as written (table.json)
    taxonomy: str = ""         # repr of the taxonomy the facets were counted with
    refs: tuple | None = None  # build.document_refs of the documents, made at the first update


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _positions(facets: dict) -> dict:
    """The facet values in order, without counts: display records and the table point into these."""
    return {name: [tuple(row[:-1]) for row in rows] for name, rows in facets.items()}


def _move_postings(post: postings.Postings, doc: int, old: tuple, new: tuple, state: State) -> set[str]:
    """Replace document ``doc``'s postings (fields ``old`` → ``new``); return the terms whose postings changed."""
    dirty = set()
    opts = state.options
    for f, (before, after) in enumerate(zip(old, new)):
        old_counts, _ = T.counts(before, state.table, opts.unigrams)
        new_counts, length = T.counts(after, state.table, opts.unigrams)
        by_term = post.terms[f]
        post.lengths[f][doc] = length
        key = doc << postings.TF_BITS
        for term in old_counts.keys() | new_counts.keys():
            tf_old, tf_new = old_counts.get(term, 0), min(new_counts.get(term, 0), postings.MAX_TF)
            if min(tf_old, postings.MAX_TF) == tf_new:
                continue
            dirty.add(term)
            values = by_term.get(term)
            if values is None:
                values = by_term[term] = array(postings.typecode(post.doc_count))
            i = bisect_left(values, key)
            if i < len(values) and values[i] >> postings.TF_BITS == doc:
                if tf_new:
                    values[i] = key | tf_new
                else:
                    del values[i]
            elif tf_new:
                values.insert(i, key | tf_new)
            if not values:
                del by_term[term]
    return dirty


def _facet_rows(facets: dict) -> dict:
    """Each facet's rows by the value an item has (category and publisher key, year, status label)."""
    return {"category": {row[0]: row for row in facets["category"]},
            "publisher": {row[0]: row for row in facets["publisher"]},
            "year": {row[0]: row for row in facets["year"]},
            "status": {row[1]: row for row in facets["status"]}}


def _values(item) -> dict:
    return {"category": item.category.key, "publisher": item.publisher.key, "year": item.year, "status": item.status}


def _moved_counts(state: State, changed: list[int], items: list) -> dict | None:
    """The facet vocabularies of ``items``, from the last ones with the counts of the changed documents
    moved: what :func:`display.facet_vocabularies` gives when no value appears or vanishes (None then),
    without a pass over every item (a second of a rebuild at 100,000 items)."""
    facets = {name: [list(row) for row in rows] for name, rows in state.facets.items()}
    rows = _facet_rows(facets)
    for d in changed:
        for sign, item in ((-1, state.items[d]), (1, items[d])):
            for name, value in _values(item).items():
                row = rows[name].get(value)
                if row is None:
                    return None
                row[-1] += sign
    if any(row[-1] <= 0 for found in facets.values() for row in found):
        return None
    return facets


def _patched_table(state: State, changed: list[int], items: list, facets: dict) -> dict | None:
    """The facet table (:func:`display.facet_table`) of ``items`` from the last one, rewriting the columns
    of the changed documents only; None when their years moved (the year ranges are counted again)."""
    table = dict(state.columns)
    if any(state.items[d].year != items[d].year for d in changed):
        return None
    position = {name: {value: i for i, value in enumerate(found)} for name, found in _facet_rows(facets).items()}
    for name in ("category", "publisher", "status"):
        column = table[name]
        width, text = column["w"], column["v"]
        for d in changed:
            digits = display.digits(position[name][_values(items[d])[name]], width)
            text = text[:d * width] + digits + text[(d + 1) * width:]
        table[name] = {"w": width, "v": text}
    return table


def update(state: State, items: list, taxonomy, out: Path, options, version_seed: str,
           in_order: bool = False) -> dict | None:
    """Patch the index in ``out`` for ``items`` (any order, or catalog order when ``in_order``: a
    catalog's items); None when a full build is needed."""
    from .build import FIELDS, _dump, document_refs, write_partitions

    if not in_order:
        items = sorted(items, key=lambda i: (-i.published.toordinal(), i.index_no))
    n = len(items)
    if options != state.options or n != len(state.items) or not (out / "manifest.json").exists():
        return None
    number = operator.attrgetter("index_no")      # (attrgetter and map: the passes over 100,000 items run in C)
    if list(map(number, items)) != list(map(number, state.items)):
        return None
    keys = list(map(operator.attrgetter("content_digest"), items))
    changed = [d for d in range(n) if keys[d] != state.keys[d]]
    if len(changed) > max(MAX_CHANGED, n // 50):
        return None
    same_taxonomy = repr(taxonomy) == state.taxonomy
    facets = _moved_counts(state, changed, items) if same_taxonomy else None
    if facets is None:
        facets = display.facet_vocabularies(items, taxonomy)
    if _positions(facets) != _positions(state.facets):
        return None
    if not changed:
        return {"docs": n, "changed": 0, "partitions": 0}
    post = state.post
    dirty: set[str] = set()
    for d in changed:
        dirty |= _move_postings(post, d, index_fields(state.items[d]), index_fields(items[d]), state)
    todo: dict[str, set[int]] = {}
    for term in dirty:
        family = "x" if T.is_identifier(term) else "w"
        buckets = state.plans[family]
        n_bucket = lunrfmt.fnv1a(term) % len(buckets)
        terms = buckets[n_bucket]
        present = any(term in by_term for by_term in post.terms)
        key = lunrfmt.utf16_key(term)
        i = bisect_left(terms, key, key=lunrfmt.utf16_key)
        listed = i < len(terms) and terms[i] == term
        if present and not listed:
            insort(terms, term, key=lunrfmt.utf16_key)
        elif listed and not present:
            del terms[i]
        todo.setdefault(family, set()).add(n_bucket)
    only = [(family, b) for family in sorted(todo) for b in sorted(todo[family])]
    if state.refs is None or len(state.refs[0]) != n:
        state.refs = document_refs(n)
    written = write_partitions(post, state.plans, out, dataclasses.replace(options, processes=1), only, state.refs)
    size = options.display_chunk
    vocab_pos = {
        "publisher": {row[0]: i for i, row in enumerate(facets["publisher"])},
        "category": {row[0]: i for i, row in enumerate(facets["category"])},
        "status": {row[1]: i for i, row in enumerate(facets["status"])},
    }
    for chunk in sorted({d // size for d in changed}):
        records = [display.display_record(item, vocab_pos, options.snippet_chars)
                   for item in items[chunk * size:(chunk + 1) * size]]
        _dump(out / "d" / f"{chunk}.json", records)
    columns = _patched_table(state, changed, items, facets) if same_taxonomy and state.columns else None
    state.columns = columns or display.facet_table(items, facets)
    _dump(out / "table.json", state.columns)
    version = lunrfmt.fnv1a(state.version + version_seed + "".join(keys[d] for d in changed))
    state.version = f"{version:08x}"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest.update(v=state.version, facets=facets, fields=FIELDS)
    _dump(out / "manifest.json", manifest)
    for d in changed:
        state.items[d], state.keys[d] = items[d], keys[d]
    state.facets = facets
    return {"docs": n, "changed": len(changed), "partitions": len(written), "terms": len(dirty)}
