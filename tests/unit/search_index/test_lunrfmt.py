"""The partition writer: lunr's format, integer BM25 weights, pruning with full document sets."""
import json
import math
from array import array

import pytest

from plugins.search_index import lunrfmt
from plugins.search_index.postings import TF_BITS, Postings


def postings(rows: dict, n_docs: int, fields=("t", "b")) -> Postings:
    """rows: {field: {term: [(doc, tf), …]}}."""
    terms = []
    for f in fields:
        terms.append({t: array("q", [d << TF_BITS | tf for d, tf in pairs]) for t, pairs in rows.get(f, {}).items()})
    lengths = [array("I", [5] * n_docs) for _ in fields]
    return Postings(list(fields), terms, lengths)


def write(post, terms, top_k=100, boosts=(10.0, 1.0)):
    n = post.doc_count
    refs = [lunrfmt.ref(i) for i in range(n)]
    norms = [lunrfmt.field_norms(post.lengths[f]) for f in range(len(post.fields))]
    text, stats = lunrfmt.partition_json(sorted(terms, key=lunrfmt.utf16_key), post, norms, list(boosts), refs,
                                         lunrfmt.ref_entries(refs), top_k)
    return json.loads(text), stats


def test_refs_are_base36():
    assert [lunrfmt.ref(i) for i in (0, 9, 10, 35, 36, 46655)] == ["0", "9", "a", "z", "10", "zzz"]


def test_fnv1a_known_values():
    assert lunrfmt.fnv1a("") == 0x811C9DC5
    assert lunrfmt.fnv1a("a") == 0xE40C292C          # published FNV-1a test vector
    assert lunrfmt.fnv1a("数据") != lunrfmt.fnv1a("据数")


def test_terms_sort_like_javascript_strings():
    astral, bmp = "\U00020000", "\uffe0"
    assert sorted([astral, bmp]) == [bmp, astral]                           # code points
    assert sorted([astral, bmp], key=lunrfmt.utf16_key) == [astral, bmp]    # UTF-16 units, as lunr.js


@pytest.mark.parametrize("docs,n", [([], 10), ([0], 1), ([3, 4, 9], 10), (list(range(0, 1000, 3)), 1000),
                                    (list(range(1, 999)), 1000), ([70000, 70001, 99999], 100000)])
def test_member_sets_round_trip(docs, n):
    text = lunrfmt.encode_members(docs, n)
    assert lunrfmt.decode_members(text, n) == docs
    if len(docs) > n * 0.9:
        assert text[0] == "c"                  # dense sets store the documents that lack the term


def test_partition_is_lunr_shaped_with_bm25_integer_weights():
    post = postings({"t": {"数据": [(0, 1)]}, "b": {"数据": [(0, 2), (1, 1)], "共享": [(1, 3)]}}, 3)
    data, stats = write(post, ["数据", "共享"])
    assert data["version"] == "2.3.9" and data["fields"] == ["t", "b"] and data["pipeline"] == []
    assert [t for t, _ in data["invertedIndex"]] == ["共享", "数据"]
    share, shu = dict(data["invertedIndex"])["共享"], dict(data["invertedIndex"])["数据"]
    assert share == {"_index": 0, "t": {}, "b": {"1": {}}}
    assert shu == {"_index": 1, "t": {"0": {}}, "b": {"0": {}, "1": {}}}
    vectors = dict(data["fieldVectors"])
    idf = math.log(1 + abs((3 - 3 + 0.5) / (3 + 0.5)))     # lunr counts 数据 once per field it is in
    assert vectors["t/0"] == [1, round(idf * 2.2 * 10 * 100 * 1 / (1.2 + 1))]
    assert vectors["b/1"][0::2] == [0, 1]                   # term indexes ascending, as lunr.Vector needs
    assert data["gk"] == {"m": {}} and stats == {"terms": 2, "pruned": 0}


def test_frequent_terms_keep_top_k_postings_and_every_document():
    pairs = [(d, 1 + (d % 4)) for d in range(40)]
    post = postings({"t": {"公开": [(39, 1)]}, "b": {"公开": pairs}}, 40)
    data, stats = write(post, ["公开"], top_k=5)
    posting = dict(data["invertedIndex"])["公开"]
    kept = set(posting["t"]) | set(posting["b"])
    assert len(kept) == 5 and "13" in kept                  # the title document (39 = "13") is kept first
    assert {int(r, 36) for r in posting["b"]} - {39} <= {d for d, tf in pairs if tf == 4}
    assert lunrfmt.decode_members(data["gk"]["m"]["公开"], 40) == list(range(40))
    assert stats["pruned"] == 1
