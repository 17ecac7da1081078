"""manifest.json: every file's sha256 and size; one changed byte, a missing and an extra file are found."""
import gzip
import json

import brotli
import pytest

from gongkai.release import compress
from gongkai.release import manifest as mf


def make_tree(root):
    (root / "gk/a").mkdir(parents=True)
    (root / "index.html").write_text("<html>首页" + "内容" * 300 + "</html>", encoding="utf-8")
    (root / "gk/a/index.html").write_text("<html>条目</html>", encoding="utf-8")
    (root / "gk/a/附件.pdf").write_bytes(b"%PDF-1.4 binary")
    return root


def test_manifest_lists_every_file_with_hash_and_size(tmp_path):
    root = make_tree(tmp_path / "site")
    m = mf.write(root)
    assert sorted(m["files"]) == ["gk/a/index.html", "gk/a/附件.pdf", "index.html"]
    assert m["files"]["gk/a/附件.pdf"] == {"sha256": mf.sha256_file(root / "gk/a/附件.pdf"), "size": 15}
    assert mf.load(root / "manifest.json") == m
    assert mf.verify_tree(root, m).ok


def test_same_tree_same_build_id(tmp_path):
    assert mf.compute(make_tree(tmp_path / "a"))["build_id"] == mf.compute(make_tree(tmp_path / "b"))["build_id"]


def test_one_changed_byte_a_missing_and_an_extra_file(tmp_path):
    root = make_tree(tmp_path / "site")
    m = mf.write(root)
    data = bytearray((root / "gk/a/附件.pdf").read_bytes())
    data[3] ^= 1                                             # same size, one byte different
    (root / "gk/a/附件.pdf").write_bytes(bytes(data))
    (root / "gk/a/index.html").unlink()
    (root / "shell.php").write_text("<?php")
    diff = mf.verify_tree(root, m)
    assert (diff.changed, diff.missing, diff.extra) == (["gk/a/附件.pdf"], ["gk/a/index.html"], ["shell.php"])
    assert diff.summary() == "与清单不一致：1 个文件被改动，1 个缺失，1 个多出"
    assert diff.lines() == ["已改动：gk/a/附件.pdf", "缺失：gk/a/index.html", "多出：shell.php"]


def test_a_tampered_manifest_is_rejected(tmp_path):
    root = make_tree(tmp_path / "site")
    m = mf.write(root)
    m["files"]["index.html"]["sha256"] = "0" * 64
    (root / "manifest.json").write_text(json.dumps(m), encoding="utf-8")
    with pytest.raises(ValueError, match="build_id 与文件列表不符"):
        mf.load(root / "manifest.json")
    with pytest.raises(ValueError, match="找不到清单文件"):
        mf.load(tmp_path / "nothing" / "manifest.json")


def test_sha256sum_listing_with_escaped_names():
    text = "aa  ./index.html\n\\bb  ./odd\\nname.html\ncc  ./空 格.html\n"
    assert mf.sha256sum_listing(text) == {"index.html": "aa", "odd\nname.html": "bb", "空 格.html": "cc"}


def test_precompression_is_deterministic_and_only_for_text(tmp_path):
    root = make_tree(tmp_path / "site")
    written = compress.compress_tree(root, {})
    html = (root / "index.html").read_bytes()
    assert gzip.decompress((root / "index.html.gz").read_bytes()) == html
    assert brotli.decompress((root / "index.html.br").read_bytes()) == html
    assert not (root / "gk/a/附件.pdf.gz").exists()               # not a text type
    assert not (root / "gk/a/index.html.gz").exists()            # too small to gain anything
    assert written == 2
    first = (root / "index.html.gz").read_bytes()
    (root / "index.html.gz").unlink()
    compress.compress_tree(root, {"PUBLISH_COMPRESS": ["gzip"]})
    assert (root / "index.html.gz").read_bytes() == first        # mtime 0, no file name: same bytes


def test_http_verify_finds_changed_and_missing_and_skips_refused_files(tmp_path):
    import functools
    import http.server
    import threading

    from gongkai.release.httpverify import verify_url

    root = make_tree(tmp_path / "site")
    (root / "checks").mkdir()
    (root / "checks" / "index.html").write_text("内网报告", encoding="utf-8")
    m = mf.write(root)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_GET(self):
            if self.path.startswith("/checks/"):
                return self.send_error(403)
            return super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        diff, failed = verify_url(url, m)
        assert diff.ok and failed == [] and "1 个文件拒绝外部访问，未核对（如 checks/index.html）" in diff.summary()
        (root / "index.html").write_text("<html>被篡改</html>", encoding="utf-8")
        (root / "gk/a/附件.pdf").unlink()
        diff, failed = verify_url(url, m)
        assert (diff.changed, diff.missing, failed) == (["index.html"], ["gk/a/附件.pdf"], [])
    finally:
        server.shutdown()
