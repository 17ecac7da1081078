"""Content pages: Pelican's readers refuse unsafe files, and every page's HTML goes through the allow-list."""
import logging
import os

import pytest
from pelican.contents import Page
from pelican.readers import Readers
from pelican.settings import DEFAULT_CONFIG

from plugins.content_pages import register
from plugins.content_pages.clean import PageRefused


@pytest.fixture
def readers(tmp_path):
    register()      # connects module functions: connecting again (another test, a build) changes nothing
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path / "content"), "GONGKAI_ROOT": str(tmp_path), "CACHE_CONTENT": False}
    (tmp_path / "content" / "pages").mkdir(parents=True)
    return Readers(settings)


def read(readers, tmp_path, name):
    return readers.read_file(str(tmp_path / "content"), f"pages/{name}", content_class=Page, context={})


def test_markdown_page_is_sanitized(readers, tmp_path):
    (tmp_path / "content/pages/a.md").write_text(
        "Title: 指南\nSummary: 概述<script>alert(1)</script>\n\n正文<script>alert(1)</script>"
        '<iframe src="https://evil.example/"></iframe><a href="java&#x09;script:alert(1)">链接</a>'
        '<img src="x" onerror="alert(1)">\n', encoding="utf-8")
    page = read(readers, tmp_path, "a.md")
    assert page.content == '<p>正文<a rel="noopener noreferrer">链接</a><img src="x"></p>'
    assert page.summary == "<p>概述</p>"
    assert page.metadata["reader"] == "markdown"


def test_html_page_is_sanitized(readers, tmp_path):
    (tmp_path / "content/pages/b.html").write_text(
        '<html><head><title>页面</title></head><body><p>文字</p><script src="/gk/x/evil.js"></script>'
        '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">'
        '<form action="https://evil.example/"><input name="x"></form></body></html>', encoding="utf-8")
    page = read(readers, tmp_path, "b.html")
    assert page.content.strip() == "<p>文字</p>"


def test_symlink_page_is_refused_with_a_message(readers, tmp_path, caplog):
    os.symlink("/etc/hostname", tmp_path / "content/pages/c.md")
    with caplog.at_level(logging.ERROR), pytest.raises(PageRefused):
        read(readers, tmp_path, "c.md")
    assert [r.getMessage() for r in caplog.records] == [
        "content/pages/c.md: 是符号链接（快捷方式），出于安全考虑不予读取 — 用文件本身替换符号链接，并提交到仓库"]


def test_fifo_page_is_refused_without_blocking(readers, tmp_path, caplog):
    os.mkfifo(tmp_path / "content/pages/d.md")
    with caplog.at_level(logging.ERROR), pytest.raises(PageRefused):
        read(readers, tmp_path, "d.md")
    assert [r.getMessage() for r in caplog.records] == [
        "content/pages/d.md: 不是普通文件（是命名管道、设备或套接字），出于安全考虑不予读取 — 删除它，换成普通文件"]


def test_oversized_and_too_deeply_nested_pages_are_refused(readers, tmp_path, caplog):
    (tmp_path / "content/pages/e.md").write_bytes(b"Title: x\n\n" + b"a" * (4 * 1024 * 1024 + 1))
    (tmp_path / "content/pages/f.md").write_text("Title: x\n\n" + "> " * 50_000 + "x\n", encoding="utf-8")   # minutes if rendered
    with caplog.at_level(logging.ERROR):
        for name in ("e.md", "f.md"):
            with pytest.raises(PageRefused):
                read(readers, tmp_path, name)
    assert [r.getMessage() for r in caplog.records] == [
        "content/pages/e.md: 文件过大（4.0 MB，上限 4.0 MB） — 拆分内容，或把大文件作为附件",
        "content/pages/f.md: 页面的列表或引用嵌套超过 100 层 — 减少列表或引用的嵌套层数（正文中行首的“- ”“> ”“1. ”不要层层叠加）"]


def test_a_page_that_is_not_utf8_is_refused(readers, tmp_path, caplog):
    (tmp_path / "content/pages/g.md").write_bytes("Title: 指南\n\n正文".encode("gbk"))
    with caplog.at_level(logging.ERROR), pytest.raises(PageRefused):
        read(readers, tmp_path, "g.md")
    assert [r.getMessage() for r in caplog.records] == ["content/pages/g.md: 文件不是 UTF-8 编码 — 用编辑器另存为 UTF-8（无 BOM）"]
