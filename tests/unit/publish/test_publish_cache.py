"""The publish cache (gongkai/publish/cache.py): twins reused byte for byte, digests reused only for
unchanged files (a write with the old mtime restored is still seen: ctime), unchanged files keep
their mtime for rsync, and a cold cache gives exactly what no cache gives."""
import gzip
import hashlib
import json
import os
import shutil

import brotli

from gongkai.publish import compress
from gongkai.publish import manifest as mf
from gongkai.publish.digests import Digests


def make_tree(root, pages=40):
    (root / "gk").mkdir(parents=True)
    for n in range(pages):
        (root / "gk" / f"p{n}.html").write_text(f"<html>第 {n} 页" + "政府信息公开" * (60 + n) + "</html>", encoding="utf-8")
    (root / "search.json").write_text(json.dumps({"docs": list(range(400))}), encoding="utf-8")
    (root / "tiny.css").write_text("a{}", encoding="utf-8")
    (root / "gk" / "附件.pdf").write_bytes(b"%PDF-1.4 " * 100)
    return root


def twins(root) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.suffix in (".gz", ".br")}


def test_reused_twins_are_byte_identical_to_fresh_ones_and_linked_from_the_cache(tmp_path):
    plain = make_tree(tmp_path / "plain")
    fresh = compress.compress_tree(plain, {})
    cache = tmp_path / "cache"
    cold_tree = make_tree(tmp_path / "cold")
    cold = compress.compress_tree(cold_tree, {}, Digests(cache), cache)
    warm_tree = make_tree(tmp_path / "warm")
    warm = compress.compress_tree(warm_tree, {}, Digests(cache), cache)
    assert twins(plain) == twins(cold_tree) == twins(warm_tree)
    assert len(twins(plain)) == fresh.twins == cold.twins == warm.twins == 82      # 41 files × gz + br; tiny.css too small
    assert (cold.compressed, cold.reused, warm.compressed, warm.reused) == (42, 0, 0, 42)
    page = (warm_tree / "gk/p3.html").read_bytes()
    assert gzip.decompress((warm_tree / "gk/p3.html.gz").read_bytes()) == page
    assert brotli.decompress((warm_tree / "gk/p3.html.br").read_bytes()) == page
    assert os.stat(warm_tree / "gk/p3.html.gz").st_ino == os.stat(cold_tree / "gk/p3.html.gz").st_ino   # no copy


def test_one_changed_file_is_the_only_one_compressed(tmp_path):
    cache = tmp_path / "cache"
    compress.compress_tree(make_tree(tmp_path / "a"), {}, Digests(cache), cache)
    tree = make_tree(tmp_path / "b")
    (tree / "gk/p7.html").write_text("<html>改过的页面" + "内容" * 300 + "</html>", encoding="utf-8")
    packed = compress.compress_tree(tree, {}, Digests(cache), cache)
    assert (packed.compressed, packed.reused) == (1, 41)
    assert gzip.decompress((tree / "gk/p7.html.gz").read_bytes()) == (tree / "gk/p7.html").read_bytes()
    # the old page's twins are no longer used: their objects are gone from the cache
    objects = {p.name for p in (cache / "objects").rglob("*") if p.is_file()}
    assert len(objects) == 82


def test_a_damaged_or_missing_cache_object_is_compressed_again(tmp_path):
    cache = tmp_path / "cache"
    first = make_tree(tmp_path / "a")
    compress.compress_tree(first, {}, Digests(cache), cache)
    index = json.loads((cache / "compress.json").read_text(encoding="utf-8"))
    shutil.rmtree(first)                                      # the objects are linked nowhere else now

    def obj(page, kind):
        digest = index["entries"][hashlib.sha256((tmp_path / "plain" / page).read_bytes()).hexdigest()][kind][0]
        return cache / "objects" / digest[:2] / digest

    plain = make_tree(tmp_path / "plain")
    compress.compress_tree(plain, {})
    damaged = obj("gk/p3.html", 0)
    data = bytearray(damaged.read_bytes())
    data[20] ^= 0xFF
    damaged.write_bytes(bytes(data))                           # same size, other bytes
    obj("gk/p4.html", 1).unlink()
    tree = make_tree(tmp_path / "b")
    packed = compress.compress_tree(tree, {}, Digests(cache), cache)
    assert (packed.compressed, packed.reused) == (2, 40)
    assert twins(tree) == twins(plain)


def test_cache_key_includes_the_settings(tmp_path):
    cache = tmp_path / "cache"
    compress.compress_tree(make_tree(tmp_path / "a"), {}, Digests(cache), cache)
    tree = make_tree(tmp_path / "b")
    packed = compress.compress_tree(tree, {"PUBLISH_BROTLI_QUALITY": 5}, Digests(cache), cache)
    assert packed.reused == 0
    assert brotli.decompress((tree / "gk/p1.html.br").read_bytes()) == (tree / "gk/p1.html").read_bytes()


def test_manifest_reuses_digests_of_unchanged_files_only(tmp_path):
    cache = tmp_path / "cache"
    tree = make_tree(tmp_path / "site")
    digests = Digests(cache)
    compress.compress_tree(tree, {}, digests, cache)
    first = mf.write(tree, digests)
    assert digests.hashed == 43                               # the originals once; the twins were known
    digests.save(first["files"])
    again = Digests(cache)
    assert mf.compute(tree, again) == first and again.hashed == 0
    # one byte changed, same size, and the old mtime put back: the ctime still tells
    page = tree / "gk/p5.html"
    st = os.stat(page)
    data = bytearray(page.read_bytes())
    data[-8] ^= 1
    page.write_bytes(bytes(data))
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    third = Digests(cache)
    changed = mf.compute(tree, third)
    assert third.hashed == 1 and changed["files"]["gk/p5.html"]["sha256"] != first["files"]["gk/p5.html"]["sha256"]
    assert changed == mf.compute(tree)                        # as without any cache
    assert mf.verify_tree(tree, first, Digests(cache)).lines() == ["已改动：gk/p5.html"]


def test_cold_cache_manifest_equals_no_cache_manifest(tmp_path):
    cache = tmp_path / "cache"
    a, b = make_tree(tmp_path / "a"), make_tree(tmp_path / "b")
    compress.compress_tree(a, {})
    digests = Digests(cache)
    compress.compress_tree(b, {}, digests, cache)
    assert mf.write(a) == mf.write(b, digests)


def test_unchanged_files_keep_the_mtime_of_the_last_publish(tmp_path):
    cache = tmp_path / "cache"
    old = make_tree(tmp_path / "old")
    for path in old.rglob("*.html"):
        os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))   # published long ago
    digests = Digests(cache)
    digests.save(mf.write(old, digests)["files"])
    new = make_tree(tmp_path / "new")                          # a fresh build: every mtime is now
    (new / "gk/p2.html").write_text("<html>新内容</html>", encoding="utf-8")
    mf.write(new, Digests(cache))
    assert os.stat(new / "gk/p1.html").st_mtime_ns == 1_600_000_000_000_000_000
    assert os.stat(new / "gk/p2.html").st_mtime_ns > 1_600_000_000_000_000_000


def test_pages_a_build_linked_from_the_last_output_are_not_hashed_again(tmp_path):
    """The build links unchanged pages from the last output (one inode, two names, a new ctime) and
    the old output is then deleted (the ctime changes again): the digests still hold; a write does not."""
    cache = tmp_path / "cache"
    old = make_tree(tmp_path / "old")
    digests = Digests(cache)
    digests.save(mf.write(old, digests)["files"])
    new = tmp_path / "new"
    for path in sorted(old.rglob("*")):
        target = new / path.relative_to(old)
        if path.is_dir():
            target.mkdir(parents=True)
        elif path.name != "manifest.json":
            os.link(path, target)
    linked = Digests(cache)
    first = mf.write(new, linked)
    assert linked.hashed == 0
    linked.save(first["files"])
    shutil.rmtree(old)
    page = new / "gk/p1.html"
    st = os.stat(page)
    page.write_bytes(page.read_bytes().replace("第".encode(), "笫".encode(), 1))      # same size, new mtime
    again = Digests(cache)
    second = mf.compute(new, again)
    assert again.hashed == 1 and second == mf.compute(new) and os.stat(page).st_size == st.st_size
