"""Full builds split across processes give exactly what one process gives, and fail cleanly."""
import filecmp
import logging
import os

import pytest

from gongkai.engine import parallel
from gongkai.sitebuild import build
from tests.e2e.test_incremental import FIXTURE, full_build, tree

pytestmark = [pytest.mark.slow, pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores")]


def test_page_workers_and_their_twins_give_the_same_tree_as_one_process(tmp_path, monkeypatch):
    monkeypatch.setitem(parallel.THRESHOLDS, "pages", 1)          # item and listing pages: forked workers
    workers = full_build(FIXTURE, tmp_path / "workers")
    monkeypatch.setitem(parallel.THRESHOLDS, "pages", 10 ** 9)    # everything in this process
    single = full_build(FIXTURE, tmp_path / "single")
    assert tree(workers) == tree(single)
    assert filecmp.cmpfiles(workers, single, tree(single), shallow=False)[1:] == ([], [])
    assert "zh-hant/gk/MB1C37504/2024-00011/index.html" in tree(workers)


def test_search_index_written_by_a_background_process_is_the_same(tmp_path, monkeypatch):
    from plugins.search_index import generator

    index = generator.build_index

    def marked(*args, **kwargs):
        if os.getpid() != parent:
            (tmp_path / "child-ran").touch()
        return index(*args, **kwargs)

    parent = os.getpid()
    monkeypatch.setattr(generator, "build_index", marked)
    monkeypatch.setitem(parallel.THRESHOLDS, "background_index", 0)
    background = full_build(FIXTURE, tmp_path / "background")
    assert (tmp_path / "child-ran").exists()
    monkeypatch.setitem(parallel.THRESHOLDS, "background_index", 10 ** 9)
    inline = full_build(FIXTURE, tmp_path / "inline")
    names = [n for n in tree(inline) if n.startswith("search/")]
    assert "search/manifest.json" in names and [n for n in tree(background) if n.startswith("search/")] == names
    assert filecmp.cmpfiles(background, inline, names, shallow=False)[1:] == ([], [])


def test_a_failing_background_index_fails_the_build_with_a_message(tmp_path, monkeypatch, caplog):
    from plugins.search_index import generator

    def broken(*args, **kwargs):
        raise OSError("磁盘已满")

    monkeypatch.setitem(parallel.THRESHOLDS, "background_index", 0)
    monkeypatch.setattr(generator, "build_index", broken)
    with caplog.at_level(logging.ERROR):
        code, stats = build(FIXTURE / "pelicanconf.py", tmp_path / "out", quiet=True)
    assert code == 1 and stats["errors"] >= 1
    assert "search_index: 生成搜索索引失败：OSError: 磁盘已满 — 修正后重新构建" in caplog.messages
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.partial").exists()


def test_the_build_waits_for_the_index_process_only_after_every_generator(tmp_path, monkeypatch):
    """The index process runs on while the listings, exports and the other generators write; the build
    waits for it at the end (before: the search generator waited at once, and the generators after it
    could not start until the index was done — at 1,000 items the listings waited ~1 s)."""
    from plugins.listings.generator import ListingsGenerator

    order = []
    wait, listings = parallel.Background.wait, ListingsGenerator.generate_output

    def waited(self):
        order.append("index waited")
        return wait(self)

    def listed(self, writer):
        order.append("listings written")
        return listings(self, writer)

    monkeypatch.setattr(parallel.Background, "wait", waited)
    monkeypatch.setattr(ListingsGenerator, "generate_output", listed)
    monkeypatch.setitem(parallel.THRESHOLDS, "background_index", 0)
    assert build(FIXTURE / "pelicanconf.py", tmp_path / "out", quiet=True)[0] == 0
    assert order == ["listings written", "index waited"]
    assert (tmp_path / "out" / "search" / "manifest.json").is_file()
    # a large catalog waits before the listings: their writers beside the index process cost memory
    order.clear()
    monkeypatch.setitem(parallel.THRESHOLDS, "index_waited_early", 1)
    assert build(FIXTURE / "pelicanconf.py", tmp_path / "large", quiet=True)[0] == 0
    assert order == ["index waited", "listings written"]
