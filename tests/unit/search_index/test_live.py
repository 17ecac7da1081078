"""Patching a built index after an edit (plugins/search_index/live.py), checked against full builds."""
import collections
import dataclasses
import json

from plugins.search_index import live
from plugins.search_index.build import Options, build_index
from tests.unit.search_index.helpers import run_queries

OPTIONS = Options(processes=1, partition_kb=1, top_k=2)


def built(catalog, dest):
    figures = build_index(catalog.items, catalog.taxonomy, dest, OPTIONS, version="v0", keep=True)
    return figures["state"]


def edited(catalog, n, **changes):
    """The catalog's items with item ``n`` replaced by an edited copy (a new object, as a re-read file is)."""
    items = list(catalog.items)
    items[n] = dataclasses.replace(items[n], **changes)
    return items


def files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.json")}


def test_an_edit_rewrites_only_what_it_touches_and_finds_what_a_full_build_finds(search_catalog, tmp_path):
    state = built(search_catalog, tmp_path / "live")
    before = files(tmp_path / "live")
    old = search_catalog.items[5]
    items = edited(search_catalog, 5, body=old.body.replace("数据安全制度", "港口疏浚台账"), title=old.title + "（修订）")
    result = live.update(state, items, search_catalog.taxonomy, tmp_path / "live", OPTIONS, "seed")
    assert result["changed"] == 1 and 0 < result["partitions"] < len([n for n in before if n[:2] in ("w/", "x/")])
    after = files(tmp_path / "live")
    assert after.keys() == before.keys()
    rewritten = {n for n in after if after[n] != before[n]}
    assert {"manifest.json", f"d/{5 // OPTIONS.display_chunk}.json"} <= rewritten and "table.json" not in rewritten
    assert json.loads(after["manifest.json"])["v"] != "v0"
    build_index(items, search_catalog.taxonomy, tmp_path / "full", OPTIONS, version="v1")
    queries = [{"q": q} for q in ("港口疏浚", "安全制度", "暂行规定（修订）", "数据共享", "数据", "海政规〔2023〕1号")]
    patched = run_queries(tmp_path / "live", queries, tmp_path)
    full = run_queries(tmp_path / "full", queries, tmp_path)
    assert [(r["total"], sorted(r["ids"])) for r in patched] == [(r["total"], sorted(r["ids"])) for r in full]
    assert patched[0]["titles"] == ["海澄市数据安全管理暂行规定（修订）"] and patched[1]["total"] == 0


def test_patched_postings_equal_freshly_counted_ones(search_catalog, tmp_path):
    state = built(search_catalog, tmp_path / "live")
    items = edited(search_catalog, 2, body="全新的正文：港口疏浚，港口疏浚。", summary="新的概述")
    live.update(state, items, search_catalog.taxonomy, tmp_path / "live", OPTIONS, "seed")
    fresh = build_index(items, search_catalog.taxonomy, tmp_path / "full", OPTIONS, keep=True)["state"].post
    for f in range(len(fresh.fields)):
        assert {t: list(v) for t, v in state.post.terms[f].items()} == {t: list(v) for t, v in fresh.terms[f].items()}
        assert list(state.post.lengths[f]) == list(fresh.lengths[f])
    for family, buckets in state.plans.items():
        listed = sorted(t for bucket in buckets for t in bucket)
        present = sorted({t for by_term in fresh.terms for t in by_term if (family == "x") == any(c in t for c in "[/-")})
        assert listed == present


def test_nothing_changed_writes_nothing(search_catalog, tmp_path):
    state = built(search_catalog, tmp_path / "live")
    before = files(tmp_path / "live")
    assert live.update(state, list(search_catalog.items), search_catalog.taxonomy, tmp_path / "live", OPTIONS,
                       "seed")["changed"] == 0
    assert files(tmp_path / "live") == before


def test_declines_when_a_full_build_is_needed(search_catalog, tmp_path):
    out = tmp_path / "live"
    tax = search_catalog.taxonomy
    items = list(search_catalog.items)
    assert live.update(built(search_catalog, out), items[:-1], tax, out, OPTIONS, "s") is None          # removed
    assert live.update(built(search_catalog, out), items, tax, out, dataclasses.replace(OPTIONS, top_k=9), "s") is None
    moved = edited(search_catalog, 0, published=items[-1].published.replace(year=2001))                  # reordered
    assert live.update(built(search_catalog, out), moved, tax, out, OPTIONS, "s") is None
    repealed = edited(search_catalog, 0, validity={"status": "失效"})      # a new facet value: positions change
    assert live.update(built(search_catalog, out), repealed, tax, out, OPTIONS, "s") is None


def test_moved_facet_values_patch_the_counts_and_the_table_as_a_full_build_writes_them(search_catalog, tmp_path):
    """The patch moves the edited documents' facet counts and rewrites their cells of table.json instead
    of counting every document again: it must give what a full build gives."""
    items = list(search_catalog.items)
    shared = [(key, collections.Counter(key(item) for item in items))
              for key in (lambda i: i.category.key, lambda i: i.publisher.key, lambda i: i.status)]
    n = next(i for i, item in enumerate(items) if all(count[key(item)] > 1 for key, count in shared))   # none empties
    other = next(o for o in items if all(key(o) != key(items[n]) for key, _ in shared[:2]))
    status = next(o.status for o in items if o.status != items[n].status)
    moved = edited(search_catalog, n, category=other.category, publisher=other.publisher, validity={"status": status})
    state = built(search_catalog, tmp_path / "live")
    counts = sum(row[-1] for row in state.facets["category"])
    result = live.update(state, moved, search_catalog.taxonomy, tmp_path / "live", OPTIONS, "seed")
    assert result is not None and result["changed"] == 1
    build_index(moved, search_catalog.taxonomy, tmp_path / "full", OPTIONS, version="v1")
    patched, full = files(tmp_path / "live"), files(tmp_path / "full")
    assert patched["table.json"] == full["table.json"]
    assert json.loads(patched["manifest.json"])["facets"] == json.loads(full["manifest.json"])["facets"]
    assert sum(row[-1] for row in state.facets["category"]) == counts
