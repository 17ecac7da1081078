"""The build engine: every page announced to Pelican plugins, and warm builds identical to cold ones.

A warm build (the persistent cache in ``.cache/build`` from an earlier build) links unchanged pages from
the last tree instead of rendering them; whatever changed since — an item edited, added or removed, a
template, a setting — it must give the tree a cold build gives, byte for byte.
"""
import hashlib
import shutil
from pathlib import Path

import pytest

from gongkai.engine import parallel
from gongkai.sitebuild import build

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "site"
pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "site")
    return tmp_path / "site"


def test_every_page_is_announced_to_pelican_plugins_also_from_forked_workers(site, tmp_path, monkeypatch):
    log = tmp_path / "written.txt"
    monkeypatch.setenv("WRITTEN_LOG", str(log))
    plugins = {"PLUGIN_PATHS": [str(ROOT / "plugins"), str(ROOT / "tests" / "fixtures" / "plugins")]}
    for threshold, name in ((1, "forked"), (10 ** 9, "single")):
        monkeypatch.setitem(parallel.THRESHOLDS, "pages", threshold)
        log.write_text("", encoding="utf-8")
        out = tmp_path / name
        from pelican.settings import read_settings

        conf = read_settings(str(site / "pelicanconf.py"))
        code, _ = build(site / "pelicanconf.py", out, quiet=True, cache=False,
                        PLUGINS=[*conf["PLUGINS"], "written_log"], **plugins)
        assert code == 0
        announced = {Path(p).relative_to(out.with_name(out.name + ".partial")).as_posix()
                     for p in log.read_text(encoding="utf-8").split()}
        pages = {p for p in tree(out) if p.endswith(".html") and not p.startswith("zh-hant/")}
        assert pages - announced == set(), name        # every page, whoever rendered it
        assert "gk/MB1C37504/2024-00003/index.html" in announced


def _edit(site: Path, change: str) -> None:
    rule = site / "catalog" / "gz" / "rule.md"
    if change == "edit":
        rule.write_text(rule.read_text(encoding="utf-8").replace("第一条", "第一条（修订）"), encoding="utf-8")
    elif change == "title":        # shows in listings, search and the 解读's relation box
        new = site / "catalog" / "gfxwj" / "new.md"
        new.write_text(new.read_text(encoding="utf-8").replace("海澄市政务数据共享管理办法", "海澄市政务数据共享管理规定", 1),
                       encoding="utf-8")
    elif change == "add":
        text = rule.read_text(encoding="utf-8").replace("2024-00003", "2024-00013").replace("海澄市公共数据管理办法",
                                                                                        "海澄市公共数据安全办法")
        (site / "catalog" / "gz" / "rule2.md").write_text(text, encoding="utf-8")
    elif change == "remove":
        (site / "catalog" / "jgzn" / "functions.md").unlink()
    elif change == "template":
        theme = site / "theme"
        shutil.copytree(ROOT / "theme", theme)
        footer = theme / "templates" / "components" / "footer.html"
        footer.write_text(footer.read_text(encoding="utf-8").replace("主办单位", "主办机关"), encoding="utf-8")
        conf = site / "pelicanconf.py"
        conf.write_text(conf.read_text(encoding="utf-8") + f"\nTHEME = {str(theme)!r}\n", encoding="utf-8")
    elif change == "setting":
        conf = site / "pelicanconf.py"
        conf.write_text(conf.read_text(encoding="utf-8") + "\nLISTINGS_PAGE_SIZE = 2\n", encoding="utf-8")


@pytest.mark.parametrize("change", ["nothing", "edit", "title", "add", "remove", "template", "setting"])
def test_a_warm_build_is_byte_identical_to_a_cold_one(site, tmp_path, change):
    out = tmp_path / "out"
    assert build(site / "pelicanconf.py", out, quiet=True)[0] == 0         # fills the cache
    _edit(site, change)
    code, warm = build(site / "pelicanconf.py", out, quiet=True)
    assert code == 0
    code, cold = build(site / "pelicanconf.py", tmp_path / "cold", quiet=True, cache=False)
    assert code == 0
    assert tree(out) == tree(tmp_path / "cold")
    if change == "nothing":
        assert warm["rendered"] == 0 and warm["reused"] == cold["rendered"]
    if change == "edit":                          # one item page (and its twin), nothing else rendered
        assert warm["rendered"] == 1


def test_the_cache_is_safe_to_delete(site, tmp_path, build_cache):
    out = tmp_path / "out"
    assert build(site / "pelicanconf.py", out, quiet=True)[0] == 0
    shutil.rmtree(build_cache)
    _edit(site, "edit")
    assert build(site / "pelicanconf.py", out, quiet=True)[0] == 0
    assert build(site / "pelicanconf.py", tmp_path / "cold", quiet=True, cache=False)[0] == 0
    assert tree(out) == tree(tmp_path / "cold")


def test_a_cached_item_is_never_served_for_other_settings(site, tmp_path):
    """The item cache key holds the catalog settings: another 索引号 pattern re-checks every item."""
    assert build(site / "pelicanconf.py", tmp_path / "out", quiet=True)[0] == 0
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nINDEX_NO_PATTERN = "unit-dash"\n', encoding="utf-8")
    code, stats = build(site / "pelicanconf.py", tmp_path / "out", quiet=True)
    assert code == 1 and stats["errors"] >= 1         # every 索引号 now fails the new pattern


def test_three_shards_merge_into_the_single_machine_tree(site, tmp_path):
    from gongkai.engine import shards

    single = tmp_path / "single"
    assert build(site / "pelicanconf.py", single, quiet=True, cache=False)[0] == 0
    folders = []
    for i in range(3):
        folder = tmp_path / f"shard-{i}"
        code, stats = build(site / "pelicanconf.py", folder, quiet=True, shard=(i, 3))
        assert code == 0
        folders.append(folder)
    owned = [set(json_prints(f)) for f in folders]
    assert not set.intersection(*owned[:2]) and sum(map(len, owned)) > 0          # each page from one shard
    code, merged = build(site / "pelicanconf.py", tmp_path / "merged", quiet=True, shard_folders=folders)
    assert code == 0
    assert tree(tmp_path / "merged") == tree(single)
    assert merged["reused"] == sum(len(p) for p in owned)      # every shard page linked, none rendered again
    with pytest.raises(ValueError, match="缺少分片 2"):
        shards.read_records(folders[:2])


def json_prints(folder: Path) -> dict:
    import json

    return json.loads((folder / "shard.json").read_text(encoding="utf-8"))["prints"]


def test_shard_and_merge_commands(site, tmp_path):
    import subprocess
    import sys

    def gongkai(*argv):
        return subprocess.run([sys.executable, "-m", "gongkai", *argv, "-s", str(site / "pelicanconf.py")],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)

    assert gongkai("build", "--shard", "3/2", "-o", str(tmp_path / "x")).stderr.strip() == \
        "--shard 3/2：序号应在 0 到 1 之间（从 0 开始）"
    for i in range(2):
        assert gongkai("build", "--shard", f"{i}/2", "-o", str(tmp_path / f"s{i}")).returncode == 0
    done = gongkai("merge", str(tmp_path / "s0"), str(tmp_path / "s1"), "-o", str(tmp_path / "site-out"))
    assert done.returncode == 0 and "构建完成" in done.stdout
    assert gongkai("merge", str(tmp_path / "s0"), "-o", str(tmp_path / "bad")).stderr.strip() == \
        "合并失败：缺少分片 1（共 2 个）— 把所有分片的输出都交给 merge"


def test_a_warm_build_rewrites_only_the_index_partitions_an_edit_touches(tmp_path):
    """On a catalog large enough that one edit leaves the rounded average lengths unchanged, the warm
    build links most index partitions from the last tree — and the index equals a cold build's."""
    from bench import synth

    site = tmp_path / "synth"
    settings = synth.make_site(300, site)
    out = tmp_path / "out"
    assert build(settings, out, quiet=True)[0] == 0
    before = {p: out.joinpath(p).stat().st_ino for p in tree(out) if p.startswith("search/w/")}
    synth.edit_one(site, 5)
    assert build(settings, out, quiet=True)[0] == 0
    assert build(settings, tmp_path / "cold", quiet=True, cache=False)[0] == 0
    assert tree(out) == tree(tmp_path / "cold")
    after = {p: out.joinpath(p).stat().st_ino for p in tree(out) if p.startswith("search/w/")}
    kept = [p for p in after if before.get(p) == after[p]]           # the same file: hard-linked, not written
    # the edit adds hundreds of distinct terms, which land in most of 300 items' few buckets; the
    # partitions none of them lands in are linked (at 20,000 items about nine in ten are)
    assert len(before) > 20 and len(kept) >= 5, (len(kept), len(after))


@pytest.mark.parametrize("change", ["nothing", "edit"])
def test_a_lean_build_is_byte_identical(site, tmp_path, monkeypatch, change):
    """Bodies left in the build cache (a large catalog's full build) and read back by forked page writers
    and the search index process: the same tree as a build that kept them in memory, cold and warm."""
    from plugins.catalog import cache

    arranged = []
    real = cache.StoredBodies.arrange
    monkeypatch.setattr(cache.StoredBodies, "arrange",
                        lambda self, *orders: arranged.append(len(orders[0])) or real(self, *orders))
    for kind in ("lean_items", "pages", "background_index", "read", "partitions"):
        monkeypatch.setitem(parallel.THRESHOLDS, kind, 0)
    out = tmp_path / "out"
    assert build(site / "pelicanconf.py", out, quiet=True)[0] == 0
    _edit(site, change)
    assert build(site / "pelicanconf.py", out, quiet=True)[0] == 0
    assert len(arranged) == 2 and arranged[0] > 0                        # both builds were lean
    code, _ = build(site / "pelicanconf.py", tmp_path / "cold", quiet=True, cache=False)   # no store: bodies in memory
    assert code == 0 and len(arranged) == 2
    assert tree(out) == tree(tmp_path / "cold")


def test_lean_shards_merge_into_the_single_machine_tree(site, tmp_path, monkeypatch):
    """A shard's exported cache carries the bodies, so a lean merge on another machine finds them."""
    monkeypatch.setitem(parallel.THRESHOLDS, "lean_items", 0)
    single = tmp_path / "single"
    assert build(site / "pelicanconf.py", single, quiet=True, cache=False)[0] == 0
    folders = []
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(tmp_path / "shard-machine"))
    for i in range(2):
        folders.append(tmp_path / f"shard-{i}")
        assert build(site / "pelicanconf.py", folders[-1], quiet=True, shard=(i, 2))[0] == 0
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(tmp_path / "merge-machine"))      # only what the shards export
    from plugins.catalog import cache

    parsed = []
    real = cache._parse
    monkeypatch.setattr(cache, "_parse", lambda path, *a: parsed.append(path.name) or real(path, *a))
    code, _ = build(site / "pelicanconf.py", tmp_path / "merged", quiet=True, shard_folders=folders)
    assert code == 0 and tree(tmp_path / "merged") == tree(single)
    assert parsed == []                       # items and bodies both came from the shards' caches


def test_the_cache_forgets_what_no_site_needs(site, tmp_path, monkeypatch):
    """A change of what every item's cache key holds (taxonomy.yml here) gives every item a new entry: the
    old ones are forgotten once the build is complete, unless the last build of another site still
    needs them, and not after a failed build; what no complete build used stays."""
    import sqlite3

    cache = tmp_path / "cache"
    monkeypatch.setenv("GONGKAI_CACHE_DIR", str(cache))

    def entries(ns):
        db = sqlite3.connect(cache / "store.sqlite")
        try:
            return db.execute("SELECT count(*) FROM blobs WHERE ns = ?", (ns,)).fetchone()[0]
        finally:
            db.close()

    items = len([p for p in (site / "catalog").rglob("*") if p.suffix in (".md", ".yml") and p.name not in
                 ("taxonomy.yml", "law-map.yml") and "files" not in p.parts])
    assert build(site / "pelicanconf.py", tmp_path / "a", quiet=True)[0] == 0
    first = entries("catalog-items"), entries("search-counts")
    assert first[0] == items and first[1] > 0
    taxonomy = site / "catalog" / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace(
        "  综合政务: [政务公开, 其他]", "  综合政务: [政务公开, 政府信息公开年报, 其他]"), encoding="utf-8")
    assert build(site / "pelicanconf.py", tmp_path / "b", quiet=True)[0] == 0      # another site: "a" still counts
    assert entries("catalog-items") == 2 * items
    assert build(site / "pelicanconf.py", tmp_path / "a", quiet=True)[0] == 0      # "a" now needs the new ones
    assert entries("catalog-items") == items and entries("catalog-bodies") == items
    assert entries("search-counts") == first[1]
    rule = site / "catalog" / "gz" / "rule.md"
    rule.write_text(rule.read_text(encoding="utf-8").replace("published: 2024-05-20", "published: 2024-05-32"),
                    encoding="utf-8")
    assert build(site / "pelicanconf.py", tmp_path / "a", quiet=True)[0] == 1      # failed: nothing forgotten
    assert entries("catalog-items") == items + 1
    rule.write_text(rule.read_text(encoding="utf-8").replace("published: 2024-05-32", "published: 2024-05-20"),
                    encoding="utf-8")
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace("政府信息公开年报, ", ""), encoding="utf-8")
    shutil.rmtree(tmp_path / "b")                                                  # a site gone no longer counts
    assert build(site / "pelicanconf.py", tmp_path / "a", quiet=True)[0] == 0
    assert entries("catalog-items") == items + 1       # the first keys again, and the failed build's parse
