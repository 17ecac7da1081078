"""Build the partitioned search index of a catalog into a folder (``output/search/`` in a site build).

Layout (all JSON; ``manifest.json`` says where everything is):

- ``manifest.json`` — tokenizer settings, the partition families and their hash bucket counts, the facet
  vocabularies with counts, document count, display chunk size; small, fetched first;
- ``w/<n>.json`` — word partitions (bigrams, characters, Latin words), ``x/<n>.json`` — exact 索引号/文号
  partitions: each a lunr 2.3.9 index (``lunr.Index.load``) holding the terms whose FNV-1a hash modulo
  the family's bucket count is ``n`` (lunrfmt.py);
- ``table.json`` — the facets of every document, compact (display.py); ``d/<n>.json`` — display
  records of documents ``n*size …``; ``t2s.json``/``s2t.json`` — character maps (charmap.py).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
import shutil
import time
from pathlib import Path

from gongkai.engine import parallel

from . import charmap, display, lunrfmt, postings
from . import tokenize as T
from .text import index_fields

FIELDS = ["t", "b"]          # title (title, 文号, 索引号, 主题词) and body (概述, body, publisher, category)
FORMAT = 1


@dataclasses.dataclass(frozen=True)
class Options:
    unigrams: str = "single"
    top_k: int = 300
    partition_kb: int = 8
    boosts: tuple = (10.0, 1.0)
    display_chunk: int = 5
    snippet_chars: int = 120
    processes: int = 0


def _dump(path: Path, data) -> int:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def _estimate(term: str, post: postings.Postings, top_k: int, ref_len: int, n_docs: int) -> int:
    """Rough bytes of a term in a partition (postings, vector entries, membership)."""
    df = [len(post.terms[f].get(term, ())) for f in range(len(post.fields))]
    total = sum(df)
    kept = sum(min(d, top_k) for d in df)
    size = 40 + 3 * len(term) + kept * (ref_len + 14)
    if total > top_k:
        size += n_docs // 6
    return size


def _prior(store, key: str, options: Options) -> dict | None:
    """What the last complete index of a site was built from (None when unknown or other options)."""
    if store is None:
        return None
    blob = store.get_many(STATE_NS, [key]).get(key)
    if blob is None:
        return None
    prior = json.loads(blob)
    return prior if prior.get("options") == options_key(options) else None


def options_key(options: Options) -> str:
    """The options an index's files depend on: all of them but the number of processes."""
    return repr(dataclasses.replace(options, processes=0))


def _changed(prior: dict | None, keys: list[str], facets: dict) -> list[int] | None:
    """Documents whose content changed since the last index (same ids), or None: everything changes."""
    if prior is None or len(prior["keys"]) != len(keys) or prior["facets"] != json.loads(json.dumps(facets)):
        return None
    return [i for i, (a, b) in enumerate(zip(prior["keys"], keys)) if a != b]


def _terms_of(store, keys: list[str]) -> set[str]:
    """Every term of the documents whose cached counts are ``keys`` (their old and new versions)."""
    terms: set[str] = set()
    for blob in store.get_many(postings.CACHE_NS, keys).values():
        for words, _tfs, _length in pickle.loads(blob):
            terms.update(words)
    return terms


def plan_buckets(terms: list[str], post, options: Options, n_docs: int) -> tuple[int, list[list[str]]]:
    """Bucket count for a family (so buckets average ``partition_kb``) and each bucket's sorted terms."""
    ref_len = len(lunrfmt.ref(max(n_docs - 1, 0)))
    total = sum(_estimate(t, post, options.top_k, ref_len, n_docs) for t in terms)
    count = max(1, -(-total // (options.partition_kb * 1024)))
    buckets: list[list[str]] = [[] for _ in range(count)]
    for term in terms:
        buckets[lunrfmt.fnv1a(term) % count].append(term)
    for bucket in buckets:
        bucket.sort(key=lunrfmt.utf16_key)
    return count, buckets


def _write_buckets(todo: list[tuple[str, int]]) -> list[tuple[str, int, int, int]]:
    post, norms, boosts, refs, entries, top_k, out, plans = parallel.shared()
    done = []
    for family, n in todo:
        text, stats = lunrfmt.partition_json(plans[family][n], post, norms, boosts, refs, entries, top_k)
        data = text.encode("utf-8")
        (out / family / f"{n}.json").write_bytes(data)
        done.append((f"{family}/{n}.json", len(data), stats["terms"], stats["pruned"]))
    return done


def document_refs(n_docs: int) -> tuple[list[str], list[str]]:
    """The refs of ``n_docs`` documents and their posting texts (:func:`lunrfmt.ref_entries`)."""
    refs = [lunrfmt.ref(i) for i in range(n_docs)]
    return refs, lunrfmt.ref_entries(refs)


def write_partitions(post, plans: dict, out: Path, options: Options,
                     only: list[tuple[str, int]] | None = None, refs: tuple | None = None) -> list[tuple[str, int, int, int]]:
    """Write every partition of ``plans`` (family -> bucket term lists), or those listed in ``only``.
    ``refs``: :func:`document_refs` of the documents, when the caller keeps them (the preview)."""
    n_docs = post.doc_count
    norms = [lunrfmt.field_norms(post.lengths[f]) for f in range(len(post.fields))]
    refs, entries = refs if refs is not None and len(refs[0]) == n_docs else document_refs(n_docs)
    todo = only if only is not None else [(family, n) for family, buckets in plans.items() for n in range(len(buckets))]
    job = (post, norms, list(options.boosts), refs, entries, options.top_k, out, plans)
    workers = options.processes or parallel.cpus()
    chunks = [todo[i::workers * 4] for i in range(workers * 4)]
    # beside one forked worker, not two: a worker copies the postings it reads (parallel.share_work)
    parts = parallel.share_tasks("partitions", n_docs, _write_buckets, [c for c in chunks if c], job, workers)
    return [row for part in parts for row in part]


def hash_table(table: dict) -> str:
    """Digest of the tokenizer's 繁→简 translation table (part of each document's cached counts key)."""
    return hashlib.sha1(json.dumps(sorted(table.items())).encode()).hexdigest()[:12]


def count_keys(items, options: Options) -> list[str]:
    """The names of the items' term counts in the persistent cache (what a build of them reads or writes)."""
    key_of = counts_key(options, T.translation(charmap.char_map("t2s")))
    return [key_of(item) for item in items]


def counts_key(options: Options, table: dict):
    """How a document's term counts are named in the persistent cache (tokenizer settings + content digest)."""
    settings_key = f"{T.VERSION}|{options.unigrams}|{FIELDS}|{hash_table(table)}"
    return lambda item: hashlib.sha1(f"{settings_key}|{item.content_digest}".encode()).hexdigest()


def count_into_cache(items: list, options: Options, store) -> None:
    """Count the terms of ``items`` into the persistent cache only (a shard: the merge builds the index)."""
    table = T.translation(charmap.char_map("t2s"))
    postings.count(items, index_fields, FIELDS, table, options.unigrams, options.processes, None, store,
                   counts_key(options, table))


class Detached:
    """``items`` as :meth:`Item.detached <plugins.catalog.model.Item.detached>` gives them, one at a time
    as they are read (and dropped after by the reader).

    The index process reads nearly every field of every item, twice (display data, then term counts).
    Read from the parent's objects, a large catalog's items would all be copied into it; detached
    copies of its lean items are made from the build cache and live only while they are used."""

    def __init__(self, items: list):
        self._items = items

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, n: int):
        return self._items[n].detached(links=False)

    def __iter__(self):
        for item in self._items:
            yield item.detached(links=False)


STATE_NS = "search-state"


def build_index(items: list, taxonomy, out: Path, options: Options = Options(), version: str = "",
                keep: bool = False, store=None, reuse=None, site: str = "", last: str = "",
                count_processes: int = 0) -> dict:
    """Write the index of ``items`` (catalog order) into ``out``; return figures about it.

    ``count_processes`` (default: ``options.processes``) counts terms in that many processes: a worker
    forked to count reads every item it counts, and so copies them from its parent.

    ``keep`` also returns, under ``"state"``, what :func:`live.update` needs to patch the index later.
    ``reuse(rel)`` (a warm build): hard-link ``rel`` (under ``out``) from the last complete index of this
    site — version ``last``, whose shape ``store`` remembers under ``site``; then only the partitions holding a term of a
    changed document, and the display chunks of changed documents, are written — the files are the ones
    a full write gives (the same numbers of documents and buckets, the same rounded average lengths, every
    other term's postings unchanged), which ``tests/e2e/test_engine.py`` checks against a cold build.
    """
    out = Path(out)
    items = sorted(items, key=lambda i: (-i.published.toordinal(), i.index_no))   # catalog order: ids by date
    for sub in ("w", "x", "d"):
        shutil.rmtree(out / sub, ignore_errors=True)
        (out / sub).mkdir(parents=True)
    t2s = charmap.char_map("t2s")
    table = T.translation(t2s)
    key_of = counts_key(options, table)
    keys = [key_of(item) for item in items]
    detached = Detached(items)    # what display data and counting read: the bodies, and most fields
    prior = _prior(store, f"{site}|{last}", options) if reuse and last else None
    facets = display.facet_vocabularies(items, taxonomy)
    changed = _changed(prior, keys, facets)
    clock = [time.perf_counter()]

    def lap() -> float:
        clock.append(time.perf_counter())
        return round(clock[-1] - clock[-2], 2)

    sizes: dict[str, int] = {}
    columns: dict = {}

    def meanwhile():
        """Display data and character maps, written while the workers count terms."""
        columns["table"] = display.facet_table(items, facets)
        sizes["table.json"] = _dump(out / "table.json", columns["table"])
        dirty = None if changed is None else {i // options.display_chunk for i in changed}
        wanted = None if dirty is None else (lambda n: n in dirty or not reuse(f"d/{n}.json"))
        for n, chunk in display.display_chunks(detached, facets, options.display_chunk, options.snippet_chars, wanted):
            sizes[f"d/{n}.json"] = _dump(out / "d" / f"{n}.json", chunk)
        sizes["t2s.json"] = _dump(out / "t2s.json", charmap.as_json(t2s))
        sizes["s2t.json"] = _dump(out / "s2t.json", charmap.as_json(charmap.char_map("s2t")))

    post = postings.count(detached, index_fields, FIELDS, table, options.unigrams,
                          count_processes or options.processes, meanwhile, store, key_of, keys)
    timings = {"count": lap()}
    parallel.give_back_memory()       # before the partition writer is forked: what tokenizing took
    vocab = post.vocabulary()
    families = {"w": sorted(t for t in vocab if not T.is_identifier(t)),
                "x": sorted(t for t in vocab if T.is_identifier(t))}
    plans, counts = {}, {}
    for family, terms in families.items():
        counts[family], plans[family] = plan_buckets(terms, post, options, len(items))
    timings["plan"] = lap()
    averages = [lunrfmt.average_length(lengths) for lengths in post.lengths]
    todo = None
    if changed is not None and prior["buckets"] == counts and prior["averages"] == averages:
        terms = _terms_of(store, [prior["keys"][i] for i in changed] + [keys[i] for i in changed])
        affected = {(("x" if T.is_identifier(t) else "w"), lunrfmt.fnv1a(t) % counts["x" if T.is_identifier(t) else "w"])
                    for t in terms}
        todo = [(family, n) for family, buckets in plans.items() for n in range(len(buckets))
                if (family, n) in affected or not reuse(f"{family}/{n}.json")]
    written = write_partitions(post, plans, out, options, only=todo)
    timings["partitions"] = lap()
    if store is not None and site:
        # kept per version: a build that fails after this point must not change what the last tree is known by
        store.put_many(STATE_NS, [(f"{site}|{version}", json.dumps({"options": options_key(options), "keys": keys,
                                                                   "facets": facets, "buckets": counts,
                                                                   "averages": averages}).encode())])
        store.drop_prefix(STATE_NS, f"{site}|", keep={f"{site}|{version}", f"{site}|{last}"})
    manifest = {
        "format": FORMAT,
        "v": version,
        "tokenizer": {**T.settings(options.unigrams), "t2s": "t2s.json", "t2sKeys": charmap.key_bitmap(t2s),
                      "t2sFirst": charmap.BLOCK[0]},
        "docs": len(items),
        "fields": FIELDS,
        "topK": options.top_k,
        "families": {family: {"buckets": counts[family], "path": f"{family}/", "hash": "fnv1a32-utf16"}
                     for family in families},
        "table": "table.json",
        "display": {"path": "d/", "size": options.display_chunk},
        "s2t": "s2t.json",
        "facets": facets,
    }
    sizes["manifest.json"] = _dump(out / "manifest.json", manifest)
    for name, size, _, _ in written:
        sizes[name] = size
    figures = {"timings": timings, "docs": len(items), "terms": sum(len(t) for t in families.values()),
               "pruned_terms": sum(row[3] for row in written), "partitions": len(written),
               "bytes": sum(sizes.values()), "sizes": sizes}
    if keep:
        from .live import State

        figures["state"] = State(options=options, version=version, items=list(items),
                                 keys=[i.content_digest for i in items], post=post, plans=plans, facets=facets,
                                 table=table, columns=columns["table"], taxonomy=repr(taxonomy))
    return figures
