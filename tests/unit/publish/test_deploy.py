"""Deploy, verify, switch and roll back releases: to a local directory and over SSH to a test sshd."""
import os
import subprocess
from pathlib import Path

import pytest

from gongkai.publish import manifest as mf
from gongkai.publish.release import deploy, rollback, state
from gongkai.publish.remote import DeployError, Shell, Target
from gongkai.publish.serverside import verify_release


def published(root: Path, version: str) -> Path:
    out = root / f"out-{version}"
    (out / "gk/a").mkdir(parents=True)
    (out / "index.html").write_text(f"<html>版本 {version}</html>", encoding="utf-8")
    (out / "gk/a/index.html").write_text("<html>条目</html>", encoding="utf-8")
    (out / "gk/a/名 单.pdf").write_bytes(b"%PDF " + version.encode())
    mf.write(out)
    return out


def served(target: Target) -> str:
    return (Path(target.path) / "current" / "index.html").read_text(encoding="utf-8")


def test_deploy_switch_prune_and_rollback_round_trip(tmp_path, target):
    quiet = lambda *a: None  # noqa: E731
    first = deploy(published(tmp_path, "1"), target, quiet).name
    assert served(target) == "<html>版本 1</html>"
    current = Path(target.path) / "current"
    assert current.is_symlink() and os.readlink(current) == f"releases/{first}"   # relative: the tree can move
    second = deploy(published(tmp_path, "2"), target, quiet).name
    assert served(target) == "<html>版本 2</html>" and first < second
    third = deploy(published(tmp_path, "3"), target, quiet).name
    with Shell(target) as shell:
        names, now = state(shell)
    assert names == [second, third] and now == third                          # keep = 2
    assert rollback(target, log=quiet) == second and served(target) == "<html>版本 2</html>"
    with pytest.raises(DeployError, match="没有比当前版本 .* 更早的版本可以回滚"):
        rollback(target, log=quiet)
    assert rollback(target, to=third, log=quiet) == third and served(target) == "<html>版本 3</html>"
    with Shell(target) as shell:
        assert verify_release(shell, f"{target.path}/current", mf.load(tmp_path / "out-3" / "manifest.json")).ok
    # the server-side cron check (docs/operator-guide.md) needs nothing but coreutils
    check = ["sh", "-c", f"cd '{target.path}/current' && sha256sum --quiet --strict -c '{target.path}/verify.sha256'"]
    assert subprocess.run(check, capture_output=True).returncode == 0
    (Path(target.path) / "current" / "index.html").write_text("<html>被篡改</html>", encoding="utf-8")
    assert subprocess.run(check, capture_output=True).returncode == 1


def test_refuses_an_output_without_manifest_or_that_changed_after_publish(tmp_path, target):
    out = published(tmp_path, "1")
    (out / "index.html").write_text("<html>改过</html>", encoding="utf-8")
    with pytest.raises(DeployError, match=r"拒绝部署：.*1 个文件被改动.*已改动：index.html"):
        deploy(out, target, lambda *a: None)
    (out / "manifest.json").unlink()
    with pytest.raises(DeployError, match="拒绝部署：找不到清单文件"):
        deploy(out, target, lambda *a: None)
    assert not (Path(target.path) / "current").exists()


def test_rollback_refuses_a_tampered_release(tmp_path, target):
    quiet = lambda *a: None  # noqa: E731
    first = deploy(published(tmp_path, "1"), target, quiet).name
    deploy(published(tmp_path, "2"), target, quiet)
    (Path(target.path) / "releases" / first / "index.html").write_text("<html>被篡改</html>", encoding="utf-8")
    with pytest.raises(DeployError, match=f"拒绝回滚：版本 {first} 与清单不一致：1 个文件被改动"):
        rollback(target, log=quiet)
    assert served(target) == "<html>版本 2</html>"


def test_an_interrupted_upload_is_never_live(tmp_path, target):
    quiet = lambda *a: None  # noqa: E731
    first = deploy(published(tmp_path, "1"), target, quiet).name
    leftover = Path(target.path) / "releases" / ".incoming-20990101T000000.000000Z-dead"
    (leftover / "gk").mkdir(parents=True)                     # what a killed rsync leaves behind
    (leftover / "index.html").write_text("<html>半个网站</html>", encoding="utf-8")
    with Shell(target) as shell:
        assert state(shell) == ([first], first)       # not a release: rollback can never pick it
    deploy(published(tmp_path, "2"), target, quiet)
    assert not leftover.exists()                             # cleaned by the next deploy


def test_target_settings_are_checked():
    with pytest.raises(DeployError, match="没有配置部署目录"):
        Target.from_settings({"host": "x"})
    with pytest.raises(DeployError, match="至少为 2"):
        Target.from_settings({"path": "/srv/x", "keep": 1})
    with pytest.raises(DeployError, match="未知的键：hots"):
        Target.from_settings({"path": "/srv/x", "hots": "typo"})


def test_listing_a_missing_target_fails_instead_of_listing_the_login_directory(tmp_path, target):
    """Before: ``cd <missing> && find … ; find …`` listed the deploy user's home as "extra" files."""
    (tmp_path / "not-a-dir").write_text("x")
    with Shell(target) as shell:
        for where in (f"{target.path}/current", str(tmp_path / "not-a-dir")):
            with pytest.raises(DeployError) as caught:
                verify_release(shell, where, {"files": {}})
            assert str(caught.value) == f"{where} 不存在或无法进入（不是目录，或没有权限）— 检查部署目录和 current 链接"


def test_server_side_verify_reports_links_fifos_and_modes_without_blocking(tmp_path, target):
    deploy(published(tmp_path, "1"), target, lambda *a: None)
    live = Path(target.path) / "current"
    manifest = mf.load(tmp_path / "out-1" / "manifest.json")
    os.chmod(live / "gk/a/index.html", 0o666)
    (live / "index.html").unlink()
    (live / "index.html").symlink_to("/etc/hostname")
    os.mkfifo(live / "gk/a/pipe")
    with Shell(target, timeout=60) as shell:
        diff = verify_release(shell, f"{target.path}/current", manifest)
    assert diff.lines() == ["多出：gk/a/pipe（命名管道）", "类型不符：index.html（符号链接，应为普通文件）",
                            "权限不符：gk/a/index.html（0666，应为 0644）"]
