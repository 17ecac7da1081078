"""Incremental deploy: a new release hard-links the live one's unchanged files and only changed
bytes travel; verification hashes what was sent, and a byte changed anywhere is still caught —
in the live release before the next deploy (not inherited), or after it (make verify)."""
import os
import subprocess
from pathlib import Path

import pytest

from gongkai.publish import manifest as mf
from gongkai.publish.digests import Digests
from gongkai.publish.release import deploy, rollback
from gongkai.publish.remote import DeployError, Shell
from gongkai.publish.serverside import verify_release

PAGES = 30


def publish(root: Path, version: str, cache: Path, changed=("index.html",), old: bool = False) -> Path:
    """A freshly built tree (every mtime new), published with the cache like make publish;
    ``old``: with an item folder later versions no longer have."""
    out = root / f"out-{version}"
    (out / "gk").mkdir(parents=True)
    if old:
        (out / "gk/old/sub").mkdir(parents=True)
        (out / "gk/old/sub/index.html").write_text("<html>已删除的条目</html>", encoding="utf-8")
    for n in range(PAGES):
        text = f"<html>第 {n} 页 {'（版本 ' + version + '）' if f'gk/p{n}.html' in changed else ''}" + "内容" * 200
        (out / "gk" / f"p{n}.html").write_text(text + "</html>", encoding="utf-8")
    (out / "index.html").write_text(f"<html>首页 版本 {version if 'index.html' in changed else ''}</html>",
                                    encoding="utf-8")
    (out / "gk/名 单.pdf").write_bytes(b"%PDF " * 400)
    digests = Digests(cache)
    digests.save(mf.write(out, digests)["files"])
    return out


def live(target) -> Path:
    return Path(target.path) / "current"


def flip_keeping_mtime(path: Path) -> None:
    """Change one byte, same size, and put the old mtime back (rsync would take it as unchanged)."""
    st = os.stat(path)
    data = bytearray(path.read_bytes())
    data[10] ^= 1
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_unchanged_files_are_linked_and_only_the_changes_travel(tmp_path, target):
    cache, said = tmp_path / "cache", []
    first = deploy(publish(tmp_path, "1", cache), target, said.append, folder=cache)
    # PAGES pages, index.html, a PDF and manifest.json (hashed: every file the manifest lists)
    assert (first.previous, first.files, first.sent_files, first.linked_files, first.hashed) == \
        (None, PAGES + 3, PAGES + 3, 0, PAGES + 2)
    second = deploy(publish(tmp_path, "2", cache, changed=("index.html", "gk/p4.html")), target, said.append, folder=cache)
    assert (second.previous, second.sent_files, second.linked_files) == (first.name, 3, PAGES)
    assert second.trusted and second.hashed == 2                  # only what was sent is hashed
    assert second.bytes_sent < 20_000 < (live(target) / "gk/p5.html").stat().st_size * PAGES
    old, new = Path(target.path) / "releases" / first.name, Path(target.path) / "releases" / second.name
    assert os.stat(old / "gk/p5.html").st_ino == os.stat(new / "gk/p5.html").st_ino
    assert os.stat(old / "gk/p4.html").st_ino != os.stat(new / "gk/p4.html").st_ino
    assert said[-1] == (f"已上线 {second.name}（上一版本：{first.name}）：已上传 3 个文件（"
                        f"{second.bytes_sent / 1e6:.2f} MB），其余 {PAGES:,} 个文件与上一版本相同（硬链接）；"
                        "服务器上核对了 2 个文件的校验值；清理旧版本 0 个。")
    with Shell(target) as shell:
        assert verify_release(shell, str(live(target)), mf.load(tmp_path / "out-2" / "manifest.json")).ok
    check = ["sh", "-c", f"cd '{live(target)}' && sha256sum --quiet --strict -c '{target.path}/verify.sha256'"]
    assert subprocess.run(check, capture_output=True).returncode == 0     # the cron lists follow the release


@pytest.mark.parametrize("keep_mtime", [True, False], ids=["mtime-restored", "plain-write"])
def test_a_byte_changed_in_the_live_release_is_not_inherited(tmp_path, target, keep_mtime):
    cache, said = tmp_path / "cache", []
    first = deploy(publish(tmp_path, "1", cache), target, said.append, folder=cache)
    page = live(target) / "gk/p7.html"
    original = page.read_bytes()
    if keep_mtime:
        flip_keeping_mtime(page)
    else:
        page.write_bytes(original.replace("第".encode(), "笫".encode(), 1))
    second = deploy(publish(tmp_path, "2", cache), target, said.append, folder=cache)
    assert [x for x in said if x.startswith("警告")] == [
        f"警告：当前版本 {first.name} 中有 1 个文件在上次部署校验之后被改动（如 gk/p7.html）：新版本中的这些文件将"
        "重新核对，被改动的内容不会带入新版本；请运行 make verify 并检查服务器是否被入侵。"]
    assert (live(target) / "gk/p7.html").read_bytes() == original
    assert second.repaired == ["gk/p7.html"]          # linked from the live release, found by its hash, sent again
    with Shell(target) as shell:
        assert verify_release(shell, str(live(target)), mf.load(tmp_path / "out-2" / "manifest.json")).ok
    with pytest.raises(DeployError, match=f"拒绝回滚：版本 {first.name} 与清单不一致：1 个文件被改动"):
        rollback(target, log=lambda *a: None, folder=cache)


def test_a_file_changed_after_the_new_release_is_live_is_caught(tmp_path, target):
    cache, quiet = tmp_path / "cache", (lambda *a: None)
    deploy(publish(tmp_path, "1", cache), target, quiet, folder=cache)
    second = deploy(publish(tmp_path, "2", cache), target, quiet, folder=cache)
    flip_keeping_mtime(live(target) / "gk/p3.html")       # shared with release 1: both change
    with Shell(target) as shell:
        diff = verify_release(shell, str(live(target)), mf.load(tmp_path / "out-2" / "manifest.json"))
    assert diff.lines() == ["已改动：gk/p3.html"]           # make verify hashes the live release in full
    said = []
    third = deploy(publish(tmp_path, "3", cache), target, said.append, folder=cache)
    assert f"当前版本 {second.name} 中有 1 个文件在上次部署校验之后被改动（如 gk/p3.html）" in said[0]
    assert said[1].startswith(f"上传 {len(mf.load(tmp_path / 'out-3' / 'manifest.json')['files'])} 个文件到 ")
    assert third.repaired == ["gk/p3.html"]
    with Shell(target) as shell:
        assert verify_release(shell, str(live(target)), mf.load(tmp_path / "out-3" / "manifest.json")).ok


def test_a_record_rewritten_on_the_server_is_not_trusted(tmp_path, target):
    cache, said = tmp_path / "cache", []
    first = deploy(publish(tmp_path, "1", cache), target, said.append, folder=cache)
    flip_keeping_mtime(live(target) / "gk/p9.html")
    record = Path(target.path) / "records" / first.name      # the intruder updates the record too
    subprocess.run(f"find . -type f ! -path ./manifest.json -printf '%i %s %T@ %C@ %p\\0' | LC_ALL=C sort -z > '{record}'",
                   shell=True, cwd=live(target), check=True)
    second = deploy(publish(tmp_path, "2", cache), target, said.append, folder=cache)
    assert said[2] == "本机没有当前版本的部署记录，或服务器上的校验记录与之不符：新版本的每个文件都将在服务器上计算校验值。"
    assert not second.trusted and second.repaired == ["gk/p9.html"]
    assert b"\xe7\xac\xac" in (live(target) / "gk/p9.html").read_bytes()[:20]     # 第, as published


def test_without_what_this_machine_knows_every_file_is_hashed(tmp_path, target):
    deploy(publish(tmp_path, "1", tmp_path / "cache"), target, lambda *a: None, folder=tmp_path / "cache")
    second = deploy(publish(tmp_path, "2", tmp_path / "cache"), target, lambda *a: None, folder=tmp_path / "other")
    assert not second.trusted and second.hashed == PAGES + 2 and second.linked_files == PAGES + 1   # all but 2 sent


def test_rollback_records_the_release_it_switches_to(tmp_path, target):
    cache, quiet = tmp_path / "cache", (lambda *a: None)
    first = deploy(publish(tmp_path, "1", cache), target, quiet, folder=cache)
    deploy(publish(tmp_path, "2", cache), target, quiet, folder=cache)
    assert rollback(target, log=quiet, folder=cache) == first.name
    assert sorted(os.listdir(Path(target.path) / "records")) == [first.name]
    third = deploy(publish(tmp_path, "3", cache), target, quiet, folder=cache)
    assert third.trusted and third.previous == first.name and third.sent_files == 2     # index.html, manifest.json


def test_files_added_on_the_server_or_gone_from_the_build_are_not_in_the_new_release(tmp_path, target):
    cache, said = tmp_path / "cache", []
    first = deploy(publish(tmp_path, "1", cache, old=True), target, said.append, folder=cache)
    (live(target) / "gk/shell.php").write_text("<?php system($_GET['c']);", encoding="utf-8")
    (live(target) / "gk/p2.html").unlink()                  # and one removed there
    second = deploy(publish(tmp_path, "2", cache), target, said.append, folder=cache)
    assert f"警告：当前版本 {first.name} 中有 2 个文件在上次部署校验之后被改动（如 gk/p2.html、gk/shell.php）" in said[2]
    assert second.repaired == ["gk/p2.html", "gk/shell.php"]
    assert not (live(target) / "gk/shell.php").exists() and not (live(target) / "gk/old").exists()
    assert (live(target) / "gk/p2.html").read_bytes() == (tmp_path / "out-2" / "gk/p2.html").read_bytes()
    assert (Path(target.path) / "releases" / first.name / "gk/old/sub/index.html").exists()    # the old release is intact
    with Shell(target) as shell:
        assert verify_release(shell, str(live(target)), mf.load(tmp_path / "out-2" / "manifest.json")).ok


def test_old_releases_are_deleted_during_the_upload_without_disturbing_the_next_deploys_trust(tmp_path, target):
    """Pruned releases share inodes with the live one: their deletion runs while the new release is
    sent (prune/finish_prune) and must be over before the new release is recorded, or the next
    deploy would find the live files' ctimes moved and distrust them. Leftovers of a deploy that
    died (a .trash- folder, an interrupted upload) are deleted too; nothing is left behind."""
    cache, base = tmp_path / "cache", Path(target.path)
    said = []
    results = [deploy(publish(tmp_path, str(n), cache), target, said.append, folder=cache) for n in range(1, 4)]
    (base / ".trash-crashed" / "gk").mkdir(parents=True)
    (base / ".trash-crashed" / "gk" / "p1.html").write_text("old", encoding="utf-8")
    (base / "releases" / ".incoming-crashed").mkdir()
    results.append(deploy(publish(tmp_path, "4", cache), target, said.append, folder=cache))
    assert not [x for x in said if x.startswith("警告") or "没有当前版本的部署记录" in x]
    assert all(r.trusted and r.hashed <= 3 for r in results[1:])       # only what was sent is hashed
    assert sorted(os.listdir(base / "releases")) == [results[-2].name, results[-1].name]
    assert not [p for p in os.listdir(base) if p.startswith((".trash-", ".deploy-", ".lists-"))]
    with Shell(target) as shell:
        assert verify_release(shell, str(live(target)), mf.load(tmp_path / "out-4" / "manifest.json")).ok
