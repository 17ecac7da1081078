"""manifest.json: every file's sha256, size and mode; one changed byte, a missing and an extra file,
a changed mode, a symbolic link and a FIFO are found — without following the link or opening the FIFO."""
import gzip
import json
import os
import threading

import brotli
import pytest

from gongkai.publish import compress
from gongkai.publish import manifest as mf
from gongkai.publish.digests import sha256_file


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
    assert m["files"]["gk/a/附件.pdf"] == {"sha256": sha256_file(root / "gk/a/附件.pdf"), "size": 15, "mode": "0644"}
    assert m["version"] == 2
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


def test_modes_are_normalized_recorded_and_compared(tmp_path):
    root = make_tree(tmp_path / "site")
    os.chmod(root / "index.html", 0o600)                      # whatever the umask of the build
    os.chmod(root / "gk", 0o700)
    m = mf.write(root)
    assert {e["mode"] for e in m["files"].values()} == {"0644"}
    assert oct(os.stat(root / "gk").st_mode & 0o777) == "0o755"
    os.chmod(root / "gk/a/index.html", 0o777)
    diff = mf.verify_tree(root, m)
    assert diff.lines() == ["权限不符：gk/a/index.html（0777，应为 0644）"]
    assert diff.summary() == "与清单不一致：0 个文件被改动，0 个缺失，0 个多出，1 个权限不符"
    m["files"]["index.html"]["mode"] = "0600"                   # a mode is part of the build id
    with pytest.raises(ValueError, match="build_id 与文件列表不符"):
        mf.parse(m)


def test_a_symlink_and_a_fifo_are_reported_never_followed_or_opened(tmp_path):
    root = make_tree(tmp_path / "site")
    m = mf.write(root)
    (tmp_path / "secret").write_text("not part of the site")
    (root / "index.html").unlink()
    (root / "index.html").symlink_to(tmp_path / "secret")        # same name, now a link
    os.mkfifo(root / "gk/a/index.html.tmp")                      # an added FIFO
    (root / "gk/a/index.html").unlink()
    os.mkfifo(root / "gk/a/index.html")                          # a listed file replaced by a FIFO
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("diff", mf.verify_tree(root, m)), daemon=True)
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "verify_tree blocked on a FIFO"
    assert result["diff"].lines() == ["多出：gk/a/index.html.tmp（命名管道）",
                                      "类型不符：gk/a/index.html（命名管道，应为普通文件）",
                                      "类型不符：index.html（符号链接，应为普通文件）"]
    with pytest.raises(OSError):
        sha256_file(root / "index.html")                      # O_NOFOLLOW: never read through a link


def test_a_missing_or_unusable_target_is_an_error_not_a_list_of_missing_files(tmp_path):
    m = mf.write(make_tree(tmp_path / "site"))
    with pytest.raises(ValueError, match="^找不到 .*nothing：该目录不存在$"):
        mf.verify_tree(tmp_path / "nothing", m)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ValueError, match="^.*file 不是目录$"):
        mf.verify_tree(tmp_path / "file", m)


def test_a_release_with_a_link_cannot_be_published(tmp_path):
    root = make_tree(tmp_path / "site")
    (root / "link.html").symlink_to(root / "index.html")
    with pytest.raises(ValueError, match="link.html 不是普通文件（符号链接），不能发布"):
        mf.write(root)


def test_filelist_is_what_find_and_c_sort_print(tmp_path):
    import subprocess

    root = make_tree(tmp_path / "site")
    (root / "gk/a.b").mkdir()
    (root / "gk/a.b/x").write_text("x")
    (root / "gk/a\tb").write_text("tab in a name")
    m = mf.write(root)
    listed = subprocess.run("find . -type f ! -path ./manifest.json | LC_ALL=C sort", shell=True, cwd=root,
                            capture_output=True, text=True, check=True).stdout
    assert mf.filelist(m) == listed


def test_precompression_is_deterministic_and_only_for_text(tmp_path):
    root = make_tree(tmp_path / "site")
    written = compress.compress_tree(root, {})
    html = (root / "index.html").read_bytes()
    assert gzip.decompress((root / "index.html.gz").read_bytes()) == html
    assert brotli.decompress((root / "index.html.br").read_bytes()) == html
    assert not (root / "gk/a/附件.pdf.gz").exists()               # not a text type
    assert not (root / "gk/a/index.html.gz").exists()            # too small to gain anything
    assert written.twins == 2 and written.compressed == 2
    first = (root / "index.html.gz").read_bytes()
    (root / "index.html.gz").unlink()
    compress.compress_tree(root, {"PUBLISH_COMPRESS": ["gzip"]})
    assert (root / "index.html.gz").read_bytes() == first        # mtime 0, no file name: same bytes
