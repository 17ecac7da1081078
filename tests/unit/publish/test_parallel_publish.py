"""Publishing's hashing, precompression and page checks give the same results in forked workers
(gongkai.engine.parallel, as on a large site) as in one process (a small one)."""
import pytest

from gongkai.engine import parallel
from gongkai.publish import compress, digests
from gongkai.publish.checks.run import run_checks
from tests.unit.publish.checks.helpers import SITE_META, html, settings, write_site


def _tree(root, n=60):
    for i in range(n):
        page = root / f"p{i}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("<html><body>" + f"第 {i} 页的正文。" * 80 + "</body></html>", encoding="utf-8")
    return root


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(params=["forked", "serial"])
def mode(request, monkeypatch):
    """Every parallel step forked (threshold 1) or run in this process; checks that it really was."""
    limit = 1 if request.param == "forked" else 10 ** 9
    for kind in ("hash", "compress", "checks"):
        monkeypatch.setitem(parallel.THRESHOLDS, kind, limit)
    monkeypatch.setattr(parallel, "cpus", lambda: 2)
    forks = []
    real = parallel.fork_map
    monkeypatch.setattr(parallel, "fork_map", lambda *a, **k: forks.append(1) or real(*a, **k))
    yield request.param
    assert bool(forks) == (request.param == "forked")


def test_hash_and_compress(tmp_path, mode):
    root = _tree(tmp_path / "site")
    rels = sorted(_files(root)) + ["missing.html"]
    found = digests.hash_many(root, rels)
    assert found["missing.html"] is None and len(found) == 61
    assert found["p7/index.html"] == digests.sha256_file(root / "p7" / "index.html")
    packed = compress.compress_tree(root, {})
    assert packed.compressed == 60 and len(_files(root)) == 60 * 3


def test_same_twins_and_digests_either_way(tmp_path, monkeypatch):
    results = []
    for limit in (1, 10 ** 9):
        for kind in ("hash", "compress"):
            monkeypatch.setitem(parallel.THRESHOLDS, kind, limit)
        root = _tree(tmp_path / f"site{limit}")
        compress.compress_tree(root, {})
        results.append((_files(root), digests.hash_many(root, sorted(_files(root)))))
    assert results[0] == results[1]


def test_page_checks(tmp_path, mode):
    pages = {f"a{i}/index.html": html(f'<a href="/a{(i + 1) % 30}/">下一页</a><a href="/gone{i % 2}/">旧</a>',
                                      SITE_META) for i in range(30)}
    site = run_checks(write_site(tmp_path, pages), settings(tmp_path, broken_links="warning",
                                                            overrides={"unreachable_links": "测试：链接故意失效"}))
    assert site.parsed == 30 and len(site.pages) == 30
    assert site.stats["internal_links"] == 33 and site.stats["unreachable_links"] == 2
    broken = [p.message for p in site.problems if p.key == "broken_links"]
    assert sorted(broken) == ["链接指向的页面或文件不存在：/gone0/（共 15 个页面，如 /a0/、/a10/、/a12/等）",
                              "链接指向的页面或文件不存在：/gone1/（共 15 个页面，如 /a1/、/a11/、/a13/等）"]
