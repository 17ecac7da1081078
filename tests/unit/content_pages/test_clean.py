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


def make_pages(pages):
    """Unsafe or unreadable pages: symbolic link, FIFO, oversized, nested too deeply, not UTF-8."""
    os.symlink("/etc/hostname", pages / "c.md")
    os.mkfifo(pages / "d.md")
    (pages / "e.md").write_bytes(b"Title: x\n\n" + b"a" * (4 * 1024 * 1024 + 1))
    (pages / "f.md").write_text("Title: x\n\n" + "> " * 50_000 + "x\n", encoding="utf-8")   # minutes if rendered
    (pages / "g.md").write_bytes("Title: 指南\n\n正文".encode("gbk"))


@pytest.mark.parametrize("name,message", [
    ("c.md", "是符号链接（快捷方式），出于安全考虑不予读取 — 用文件本身替换符号链接，并提交到仓库"),
    ("d.md", "不是普通文件（是命名管道、设备或套接字），出于安全考虑不予读取 — 删除它，换成普通文件"),   # and never blocks
    ("e.md", "文件过大（4.0 MB，上限 4.0 MB） — 拆分内容，或把大文件作为附件"),
    ("f.md", "页面的列表或引用嵌套超过 100 层 — 减少列表或引用的嵌套层数（正文中行首的“- ”“> ”“1. ”不要层层叠加）"),
    ("g.md", "文件不是 UTF-8 编码 — 用编辑器另存为 UTF-8（无 BOM）"),
])
def test_unsafe_or_unreadable_pages_are_refused_with_a_message(readers, tmp_path, caplog, name, message):
    make_pages(tmp_path / "content" / "pages")
    with caplog.at_level(logging.ERROR), pytest.raises(PageRefused):
        read(readers, tmp_path, name)
    assert [r.getMessage() for r in caplog.records] == [f"content/pages/{name}: {message}"]
