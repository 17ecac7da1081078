"""Queries over an index built by Python, answered by the real lunr.js in Node (tests/node/search_query.js)."""
import json

import pytest

from plugins.search_index import lunrfmt
from tests.unit.search_index.helpers import index_of, run_queries

pytestmark = pytest.mark.node


def one(index, tmp_path, q, **opts):
    return run_queries(index, [{"q": q, **opts}], tmp_path)[0]


def test_title_match_ranks_above_body_match(search_index, tmp_path):
    r = one(search_index, tmp_path, "政务数据共享")
    assert r["titles"][:2] == ["海澄市政务数据共享管理办法", "《海澄市政务数据共享管理办法》政策解读"]
    assert r["titles"][2:] == ["海澄市公共资源交易管理办法"]            # body only
    assert r["scores"] == sorted(r["scores"], reverse=True) and r["scores"][1] > r["scores"][2]


def test_body_words_are_found(search_index, tmp_path):
    assert one(search_index, tmp_path, "预算编制")["titles"] == ["海澄市财政局主要职责"]
    assert one(search_index, tmp_path, "评估风险")["titles"] == ["海澄市数据安全管理暂行规定"]


def test_all_words_are_required(search_index, tmp_path):
    assert one(search_index, tmp_path, "数据 职责")["total"] == 0
    assert one(search_index, tmp_path, "财政 职责")["titles"] == ["海澄市财政局主要职责"]


@pytest.mark.parametrize("typed", ["海政规〔2024〕10号", "海政规[2024]10号", "海政规(2024)10号", "海政规（2024）10号",
                                   "海政规【2024】10号", "海政规 〔2024〕 第10号"])
def test_doc_number_in_any_bracket_finds_its_document_exactly(search_index, tmp_path, typed):
    r = one(search_index, tmp_path, typed)
    assert r["titles"] == ["海澄市公共资源交易管理办法"] and r["terms"] == ["海政规[2024]10号"]


def test_doc_number_cited_in_a_body_is_found_exactly(search_index, tmp_path):
    r = one(search_index, tmp_path, "国办发（2019）5号")
    assert r["titles"] == ["海澄市人民政府办公室主要职责"] and r["terms"] == ["国办发[2019]5号"]


ORDERS = [
    ("gz/g.md", dict(index_no="MB1C37504/2024-00009", title="海澄市养犬管理规定", category="规章", published="2024-09-01",
                     doc_no="海澄市人民政府令第18号"),
     "第一条 为了规范养犬行为，根据《条例》（国令第707号）制定本规定。"),
    ("gz/h.md", dict(index_no="MB1C37504/2024-00011", title="海澄市停车场管理规定", category="规章", published="2024-11-01",
                     doc_no="海澄市人民政府令第19号"),
     "第一条 为了加强停车场管理，制定本规定。本规定自海澄市人民政府令第18号公布之日起三十日后施行的条款除外。"),
]


@pytest.fixture(scope="module")
def order_index(tmp_path_factory):
    from tests.unit.search_index.helpers import ITEMS, load, write_catalog

    root = tmp_path_factory.mktemp("orders")
    write_catalog(root, ITEMS + ORDERS)
    return index_of(load(root), root / "index")


@pytest.mark.parametrize("typed,term", [
    ("海澄市人民政府令第18号", "澄市人民政府令[]18号"), ("海澄市人民政府令第 18 号", "澄市人民政府令[]18号"),
    ("人民政府令第18号", "人民政府令[]18号"), ("国令第707号", "国令[]707号"), ("国令第７０７号", "国令[]707号"),
])
def test_order_number_finds_its_documents_exactly(order_index, tmp_path, typed, term):
    r = one(order_index, tmp_path, typed)
    assert r["terms"] == [term]
    assert r["looseRuns"] == []                   # nothing of the 文号 is left to search word by word
    expected = {"国令[]707号": ["海澄市养犬管理规定"]}.get(term, ["海澄市停车场管理规定", "海澄市养犬管理规定"])
    assert sorted(r["titles"]) == sorted(expected)


def test_words_beside_a_doc_number_stay_words(order_index, tmp_path):
    r = one(order_index, tmp_path, "停车场 海澄市人民政府令第18号")
    assert r["titles"] == ["海澄市停车场管理规定"] and r["terms"] == ["澄市人民政府令[]18号", "停车", "车场"]
    assert r["looseRuns"] == [{"type": "han", "text": "停车场"}]
    bracketed = one(order_index, tmp_path, "海政规〔2024〕10号")
    assert bracketed["looseRuns"] == [] and [run["text"] for run in bracketed["runs"]] == ["海政规", "2024", "10", "号"]


def test_unknown_doc_number_falls_back_to_its_parts(search_index, tmp_path):
    r = one(search_index, tmp_path, "海政规〔2023〕9号")
    assert r["total"] == 0           # 9 is in no document: the parts plan finds nothing either
    r = one(search_index, tmp_path, "海政规〔2025〕")
    assert r["titles"] == ["海澄市政务数据共享管理办法"]


@pytest.mark.parametrize("typed,title", [
    ("MB1C37504/2024-00002", "海澄市人民政府办公室主要职责"),
    ("mb1c37504/2024-00002", "海澄市人民政府办公室主要职责"),
    ("ＭＢ１Ｃ３７５３９／２０２３－００００１", "海澄市财政局主要职责"),
    ("2023-00008", "海澄市数据安全管理暂行规定"),
])
def test_index_number_exact_and_by_suffix(search_index, tmp_path, typed, title):
    r = one(search_index, tmp_path, typed)
    assert r["titles"] == [title]
    assert all("/" in t or "-" in t for t in r["terms"])


def test_traditional_query_finds_simplified_items(search_index, tmp_path):
    simp, trad = run_queries(search_index, [{"q": "政务数据共享"}, {"q": "政務數據共享"}], tmp_path)
    assert trad["titles"] == simp["titles"] and trad["total"] == 3
    assert "t2s.json" in [f[0] for f in trad["files"]] and "t2s.json" not in [f[0] for f in simp["files"]]


def test_facets_filter_and_count(search_index, tmp_path):
    r = one(search_index, tmp_path, "数据")
    assert r["total"] == 4
    manifest = json.loads((search_index / "manifest.json").read_text(encoding="utf-8"))
    counts = {row[0]: n for row, n in zip(manifest["facets"]["category"], r["facets"]["category"])}
    assert {k: v for k, v in counts.items() if v} == {"gfxwj": 3, "zcjd": 1}
    f = one(search_index, tmp_path, "数据", filters={"category": "gfxwj", "status": "fz"})
    assert f["titles"] == ["海澄市公共资源交易管理办法"]
    statuses = {row[0]: n for row, n in zip(manifest["facets"]["status"], f["facets"]["status"])}
    assert statuses == {"yx": 2, "fz": 1}         # a facet's counts ignore its own selection
    y = one(search_index, tmp_path, "数据", filters={"year": "2023"})
    assert y["titles"] == ["海澄市数据安全管理暂行规定"]
    assert one(search_index, tmp_path, "数据", filters={"category": "nope"})["total"] == 0


def test_sort_by_date_and_pages(search_index, tmp_path):
    r = one(search_index, tmp_path, "数据", sort="date", pageSize=2, page=2)
    assert r["total"] == 4 and r["titles"] == ["海澄市公共资源交易管理办法", "海澄市数据安全管理暂行规定"]
    fetched = [f[0] for f in r["files"] if f[0].startswith("d/")]
    assert fetched and len(fetched) <= 2             # display data only for this page's documents


def test_many_partitions_rank_like_one(search_catalog, tmp_path):
    """Scores from several partitions add up to the single-partition score (same terms, same weights)."""
    single = index_of(search_catalog, tmp_path / "one", partition_kb=100000)
    many = index_of(search_catalog, tmp_path / "many", partition_kb=1)
    manifest = json.loads((many / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["families"]["w"]["buckets"] > 5
    queries = [{"q": q} for q in ["政务数据共享", "数据 安全", "管理办法", "海政规〔2025〕3号 数据"]]
    spread = []
    for a, b in zip(run_queries(single, queries, tmp_path), run_queries(many, queries, tmp_path)):
        assert a["ids"] == b["ids"] and a["total"] == b["total"] > 0
        assert a["scores"] == pytest.approx(b["scores"], rel=1e-9)
        spread.append(len({f[0] for f in b["files"] if f[0].startswith("w/")}))
    assert max(spread) >= 3                              # the merge really combined several partitions


def test_pruned_terms_still_find_every_document(search_catalog, tmp_path):
    full = index_of(search_catalog, tmp_path / "full")
    pruned = index_of(search_catalog, tmp_path / "pruned", top_k=1)
    queries = [{"q": q} for q in ["数据", "政务数据", "海澄市", "管理"]]
    for a, b in zip(run_queries(full, queries, tmp_path), run_queries(pruned, queries, tmp_path)):
        assert a["total"] == b["total"] > 1
        assert sorted(a["ids"]) == sorted(b["ids"])
    data = json.loads(next((tmp_path / "pruned" / "w").glob("*.json")).read_text(encoding="utf-8"))
    assert set(data) >= {"version", "fields", "fieldVectors", "invertedIndex", "pipeline", "gk"}


def test_hash_buckets_agree_with_python(search_index, tmp_path):
    """The browser finds a term's partition by the same FNV-1a hash the build used."""
    manifest = json.loads((search_index / "manifest.json").read_text(encoding="utf-8"))
    buckets = manifest["families"]["w"]["buckets"]
    for path in (search_index / "w").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for term, _ in data["invertedIndex"]:
            assert lunrfmt.fnv1a(term) % buckets == int(path.stem)
    r = one(search_index, tmp_path, "政务数据共享")
    assert {f[0] for f in r["files"] if f[0].startswith("w/")} == \
        {f"w/{lunrfmt.fnv1a(t) % buckets}.json" for t in r["terms"]}


def test_no_terms_no_results(search_index, tmp_path):
    assert one(search_index, tmp_path, "，。！")["total"] == 0


def test_a_pasted_paragraph_fetches_a_bounded_number_of_partitions(search_catalog, tmp_path):
    many = index_of(search_catalog, tmp_path / "many", partition_kb=1)
    text = "第一条 为规范政务数据共享，提高行政效率，制定本办法。第二条 政务数据共享遵循统一标准，各部门应当推进。"
    r = run_queries(many, [{"q": text}], tmp_path)[0]
    assert len(r["terms"]) == 32
    assert len([f for f in r["files"] if f[0].startswith("w/")]) <= 32


def test_an_empty_catalog_gives_a_working_empty_index(search_catalog, tmp_path):
    from plugins.search_index.build import Options, build_index

    stats = build_index([], search_catalog.taxonomy, tmp_path / "empty", Options(processes=1))
    assert stats["docs"] == 0
    r = run_queries(tmp_path / "empty", [{"q": "数据"}, {"q": "MB1C37504/2025-00003"}], tmp_path)
    assert [x["total"] for x in r] == [0, 0]


def test_every_partition_loads_in_lunr_and_lunr_scores_every_term(search_catalog, tmp_path):
    import subprocess

    from tests.conftest import ROOT

    index = index_of(search_catalog, tmp_path / "idx", partition_kb=2, top_k=2)
    out = subprocess.run(["node", str(ROOT / "tests" / "node" / "search_lunr_load.js"), str(index)],
                         capture_output=True, text=True, check=True)
    summary = json.loads(out.stdout)
    assert summary["version"] == "2.3.9" and summary["warnings"] == []
    assert summary["files"] > 5 and summary["terms"] > 100
    assert summary["unscored"] == []
