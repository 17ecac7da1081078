"""The preview's pure parts: port parsing, bind errors, what a (re)build line says, script injection."""
import errno
import time

import pytest

from gongkai.commands.serve import bind_error, outcome, parse_port
from gongkai.preview import State, inject

STATS = {"seconds": 0.4, "errors": 0, "warnings": 0, "output": "/x", "stopped": False, "written": [], "removed": [],
         "failure": ""}


@pytest.mark.parametrize("text,port", [("8000", 8000), (" 8001 ", 8001), ("0", None), ("65536", None), ("80;id", None),
                                       ("-1", None), ("", None), ("８０００", 8000), ("٨٠", None)])
def test_parse_port(text, port):
    assert parse_port(text) == port


def test_bind_errors():
    assert bind_error(OSError(errno.EADDRINUSE, "in use"), "127.0.0.1", 8000) == (
        "端口 8000 已被占用（可能已有一个预览在运行）— 关掉它，或换一个端口：make serve PORT=8001")
    assert bind_error(OSError(errno.EACCES, "denied"), "127.0.0.1", 80) == (
        "没有权限使用端口 80（1024 以下的端口需要管理员权限）— 换一个端口：make serve PORT=8000")
    assert bind_error(OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address"), "10.9.9.9", 8000) == (
        "无法在 10.9.9.9 上监听（Cannot assign requested address）：本机没有这个地址 — 用 BIND=127.0.0.1（只有本机能访问）"
        "或 BIND=0.0.0.0（局域网也能访问）")


def test_outcome_lines():
    assert outcome(0, STATS, first=True) == "首次构建完成：0.4 秒，0 个警告。"
    assert outcome(0, STATS, first=False) == "已重建：0.4 秒，0 个警告；打开的页面将自动刷新。"
    stopped = {**STATS, "errors": 2, "stopped": True}
    assert outcome(1, stopped, first=True) == ("首次构建失败：2 个错误，0 个警告；预览目录中还没有页面 — "
                                               "按上面的提示修改后保存，将自动重建。")
    partial = {**STATS, "errors": 1, "written": ["a/index.html", "b/index.html", "c/index.html", "d/index.html"],
               "removed": ["gk/x/index.html"]}
    assert outcome(1, partial, first=False) == (
        "重建失败：1 个错误，0 个警告；预览已部分更新：写入 4 个页面（a/index.html、b/index.html、c/index.html等），"
        "删除 1 个页面（gk/x/index.html） — 按上面的提示修改后保存，将自动重建。")
    assert outcome(1, {**STATS, "failure": "重建失败：磁盘空间不足"}, first=False) == "重建失败：磁盘空间不足"


def test_inject_before_the_last_body_end():
    assert inject(b"<html><body>x</body></html>", 3) == (
        b'<html><body>x<script src="/__gongkai/reload.js?v=3" defer></script></body></html>')
    assert inject(b"<p>fragment", 1) == b'<p>fragment<script src="/__gongkai/reload.js?v=1" defer></script>'


def test_state_versions_and_failures():
    state = State()
    state.succeeded()
    state.failed("重建失败：…")
    assert state.as_json().decode() == '{"version": "1", "failed": true, "message": "重建失败：…"}'
    state.succeeded()
    assert state.as_json().decode() == '{"version": "2", "failed": false, "message": ""}'


def test_changes_made_before_the_first_iteration_are_reported(tmp_path):
    """The watcher starts when it is made: a save during the first build (before anyone iterates) is held
    for the first rebuild. Before, watching began at the first ``next()``, after the address was printed,
    so a save in between was lost until the next one (seen in CI: the fixed file never rebuilt)."""
    from gongkai.commands.serve import Changes

    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / ".hidden").mkdir()
    watch = Changes([tmp_path / "catalog"])
    (tmp_path / "catalog" / ".hidden" / "x.md").write_text("not a source", encoding="utf-8")
    (tmp_path / "catalog" / "rule.md").write_text("saved while the first build ran", encoding="utf-8")
    (tmp_path / "catalog" / "rule.md.swp").write_text("editor swap file", encoding="utf-8")
    time.sleep(0.3)
    assert next(iter(watch)) == {str(tmp_path / "catalog" / "rule.md")}


def test_changes_fall_back_to_a_snapshot_taken_when_made(tmp_path, monkeypatch):
    """Without inotify the sources are compared with the snapshot taken when the watcher was made."""
    import builtins

    from gongkai.commands import serve

    real = builtins.__import__

    def no_watchfiles(name, *args, **kwargs):
        if name.startswith("watchfiles"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_watchfiles)
    watch = serve.Changes([tmp_path])
    monkeypatch.setattr(builtins, "__import__", real)
    assert watch.notify is None
    (tmp_path / "rule.md").write_text("saved", encoding="utf-8")
    assert next(iter(watch)) is None
