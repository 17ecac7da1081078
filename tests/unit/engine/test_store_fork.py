"""The build cache's SQLite store across forks: a worker forked after the parent used the store
(a second build in one process: make serve, shard after shard) must be able to read and write it."""
from gongkai.engine import parallel
from gongkai.engine.store import Store


def _work(n: int) -> int:
    store = parallel.shared()
    found = store.get_many("t", [f"k{n}"])
    store.put_many("t", [(f"w{n}-{i}", b"x" * 100) for i in range(50)])
    return len(found)


def test_workers_forked_after_the_parent_used_the_store(tmp_path):
    store = Store(tmp_path / "cache")
    for round_ in range(3):                              # one build after another in the same process
        store.put_many("t", [(f"k{n}", b"v" * 100) for n in range(40)])
        assert len(store.get_many("t", [f"k{n}" for n in range(40)])) == 40
        found = parallel.fork_map(_work, list(range(40)), store, processes=2,
                                  meanwhile=lambda: store.put_many("t", [("parent", b"p")]))
        assert found == [1] * 40, round_
    assert len(store.get_many("t", ["w39-49", "parent"])) == 2


def _first_use(n: int) -> int:
    store = parallel.shared()
    store.put_many("t", [(f"w{n}-{i}", b"x" * 100) for i in range(20)])
    return len(store.get_many("t", [f"w{n}-0"]))


def test_workers_that_are_the_first_to_use_a_new_store(tmp_path):
    """A cold build: the cache folder was just deleted and the workers are the first to open it."""
    for round_ in range(15):
        store = Store(tmp_path / f"cache{round_}")
        assert parallel.fork_map(_first_use, list(range(8)), store, processes=2) == [1] * 8
