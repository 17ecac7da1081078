"""Counting in one process hands the new per-document counts to the store in batches as it goes,
so a 100,000-document cold build never holds all of them (~0.5 GB); the postings do not change."""
from gongkai.engine.store import Store
from plugins.search_index import postings

TEXTS = ["政务数据共享管理办法", "公共资源交易", "财政预算编制和执行", "数据安全制度", "政府信息公开", "政务公开"]


def _count(store, processes=1):
    return postings.count(TEXTS, lambda text: (text, text + "实施"), ["title", "body"], {}, "single",
                          processes=processes, store=store, key_of=lambda text: f"k-{text}")


def test_counts_reach_the_store_in_batches_while_counting(tmp_path, monkeypatch):
    store = Store(tmp_path / "store")
    batches = []
    put = store.put_many

    def spy(ns, rows):
        rows = list(rows)
        batches.append(len(rows))
        put(ns, rows)

    monkeypatch.setattr(store, "put_many", spy)
    monkeypatch.setattr(postings, "STORE_BATCH", 2)
    counted = _count(store)
    assert batches[:3] == [2, 2, 2]                        # written while counting, two at a time
    keys = [f"k-{t}" for t in TEXTS]
    assert set(store.get_many(postings.CACHE_NS, keys)) == set(keys)
    plain = _count(None)
    assert counted.terms == plain.terms and counted.lengths == plain.lengths
    again = _count(store)                                  # every count now comes from the store
    assert again.terms == plain.terms and again.lengths == plain.lengths


def test_the_number_of_processes_is_not_part_of_what_a_warm_index_build_compares():
    """The background index runs in one process, a preview or shard build with one per core: a warm
    build must still find the index state the other wrote."""
    from plugins.search_index.build import Options, options_key

    assert options_key(Options(processes=1)) == options_key(Options(processes=0))
    assert options_key(Options(top_k=5)) != options_key(Options())


def test_postings_of_100000_documents_fit_32_bits_and_a_huge_count_is_capped():
    assert postings.typecode(100_000) == "I" and postings.typecode(1 << 20) == "q"
    post = postings.count(["数据" * 5000, "数据"], lambda text: (text,), ["body"], {}, "single", processes=1)
    values = post.terms[0]["数据"]
    assert [v >> postings.TF_BITS for v in values] == [0, 1]
    assert [v & postings.MAX_TF for v in values] == [postings.MAX_TF, 1]
