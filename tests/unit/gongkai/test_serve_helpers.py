"""The preview's pure parts: port parsing, bind errors, what a (re)build line says, script injection."""
import errno

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
