"""``gongkai serve`` (make serve): its own folder, a busy port answered before building, production
headers, and a page that reloads itself after a rebuild — in real Chromium, under the site's CSP.

Before: a busy port built the whole site and then ended in ``内部错误…``; the preview wrote into
``output/``; nothing reloaded the page.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from gongkai.preview import MARKER
from gongkai.publish import headers as hdr
from gongkai.sitebuild import build
from tests.conftest import ROOT
from tests.unit.publish.sshd import free_port

pytestmark = pytest.mark.slow
FIXTURE = ROOT / "tests" / "fixtures" / "site"
ITEM_URL = "gk/MB1C37504/2024-00003/"
TITLE = "海澄市公共数据管理办法"


class Preview:
    """``python -m gongkai serve`` in a subprocess; its output lines in a queue."""

    def __init__(self, site, folder, port: int):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gongkai", "serve", "-s", str(site / "pelicanconf.py"), "-o", str(folder),
             "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = f"http://127.0.0.1:{port}/"

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, start: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.proc.poll() is None, f"gongkai serve exited: {self.seen}"
                continue
            self.seen.append(line)
            if line.startswith(start):
                return line
        raise AssertionError(f"no line starting with {start!r} in {self.seen}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture
def site(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "site")
    return tmp_path / "site"


@pytest.fixture
def preview(site, tmp_path):
    running = Preview(site, tmp_path / "preview", free_port())
    try:
        running.wait_for("预览地址：")
        yield running
    finally:
        running.stop()


def edit_title(site, new: str) -> None:
    rule = site / "catalog" / "gz" / "rule.md"
    text = rule.read_text(encoding="utf-8")
    rule.write_text(text.replace(f"title: {TITLE}", f"title: {new}"), encoding="utf-8")


def get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:      # noqa: S310 - loopback
        return response.status, dict(response.headers), response.read()


def test_a_busy_port_is_answered_before_building(site, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "gongkai", "serve", "-s", str(site / "pelicanconf.py"),
                                 "-o", str(tmp_path / "preview"), "--port", str(port)],
                                cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (f"端口 {port} 已被占用（可能已有一个预览在运行）— 关掉它，或换一个端口："
                             f"make serve PORT={port + 1}\n")
    assert not (tmp_path / "preview").exists()                         # nothing was built


def test_a_port_that_is_not_a_number(site):
    result = subprocess.run([sys.executable, "-m", "gongkai", "serve", "-s", str(site / "pelicanconf.py"),
                             "--port", "80;id"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr) == (2, "PORT 应为 1–65535 之间的数字，而不是“80;id”— 例如 make serve PORT=8001\n")


def test_the_preview_serves_its_own_folder_with_production_headers(preview, site, tmp_path):
    assert (tmp_path / "preview" / ITEM_URL / "index.html").is_file()
    assert not (site / "output").exists() and not (ROOT / "tests" / "fixtures" / "site" / "output").exists()
    status, headers, body = get(preview.url + ITEM_URL)
    assert status == 200 and headers["Content-Security-Policy"] == hdr.CSP
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Cache-Control"] == "no-store"
    assert body.count(MARKER.encode()) == 1
    assert body.rstrip().endswith(f'<script src="{MARKER}?v=1" defer></script></body>\n</html>'.encode())
    on_disk = (tmp_path / "preview" / ITEM_URL / "index.html").read_bytes()
    assert MARKER.encode() not in on_disk                                  # added while serving only
    status, headers, body = get(preview.url + "__gongkai/version")
    assert json.loads(body) == {"version": "1", "failed": False, "message": ""}
    status, headers, body = get(preview.url + "__gongkai/reload.js")
    assert headers["Content-Type"] == "text/javascript; charset=utf-8" and b"/__gongkai/version" in body
    status, headers, body = get(preview.url + "gk/MB1C37539/2025-00002/2025%E5%B9%B4%E9%83%A8%E9%97%A8%E9%A2%84%E7%AE%97.pdf")
    assert status == 200 and headers["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" not in headers


def test_the_reload_script_never_reaches_a_built_site(site, tmp_path):
    out = tmp_path / "out"
    assert build(site / "pelicanconf.py", out, quiet=True)[0] == 0
    marked = [p for p in out.rglob("*") if p.is_file() and b"__gongkai" in p.read_bytes()]
    assert marked == [] and sum(1 for _ in out.rglob("*.html")) > 50


@pytest.mark.browser
def test_the_open_page_reloads_itself_after_an_edit_and_tells_about_a_failed_rebuild(browser, preview, site):
    from playwright.sync_api import expect

    context = browser.new_context(locale="zh-CN")               # the CSP is enforced (not bypassed)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    try:
        page.goto(preview.url + ITEM_URL)
        assert page.locator("h1").first.inner_text() == TITLE
        with page.expect_navigation(timeout=30_000):             # the page reloads by itself
            edit_title(site, TITLE + "（修订）")
            preview.wait_for("已重建：")
        assert page.url == preview.url + ITEM_URL
        expect(page.locator("h1").first).to_have_text(TITLE + "（修订）", timeout=20_000)   # no eval under the CSP
        rule = site / "catalog" / "gz" / "rule.md"
        rule.write_text(rule.read_text(encoding="utf-8").replace("published: 2024-05-20", "published: 2024-05-32"),
                        encoding="utf-8")
        preview.wait_for("重建失败：")
        notice = page.locator("#gongkai-preview-notice")
        notice.wait_for(timeout=20_000)
        assert notice.get_attribute("role") == "alert"
        assert notice.inner_text().startswith("重建失败：1 个错误，0 个警告；预览保持不变（没有写入或删除任何文件）")
        assert page.locator("h1").first.inner_text() == TITLE + "（修订）"   # still served, unchanged
        # the watcher names the files: the item fixed and the item edited again are both read again
        rule.write_text(rule.read_text(encoding="utf-8").replace("published: 2024-05-32", "published: 2024-05-20"),
                        encoding="utf-8")
        preview.wait_for("已重建：")
        with page.expect_navigation(timeout=30_000):
            rule.write_text(rule.read_text(encoding="utf-8").replace("（修订）", "（二次修订）"), encoding="utf-8")
            preview.wait_for("已重建：")
        expect(page.locator("h1").first).to_have_text(TITLE + "（二次修订）", timeout=20_000)
        assert [m for m in console if "Content Security Policy" in m] == []
    finally:
        context.close()


def test_a_failed_first_build_serves_a_page_that_says_so_until_a_build_succeeds(site, tmp_path):
    rule = site / "catalog" / "gz" / "rule.md"
    good = rule.read_text(encoding="utf-8")
    rule.write_text(good.replace("published: 2024-05-20", "published: 2024-05-32"), encoding="utf-8")
    running = Preview(site, tmp_path / "preview", free_port())
    try:
        running.wait_for("预览地址：")
        assert "首次构建失败：1 个错误，0 个警告；预览目录中还没有页面 — 按上面的提示修改后保存，将自动重建。" in running.seen
        with pytest.raises(urllib.error.HTTPError) as caught:
            get(running.url)
        body = caught.value.read().decode("utf-8")
        assert caught.value.code == 404 and "<h1>预览中还没有这个页面</h1>" in body
        assert "<p>首次构建失败：1 个错误，0 个警告；预览目录中还没有页面" in body
        assert f'<script src="{MARKER}?v=0" defer></script></body>' in body
        rule.write_text(good, encoding="utf-8")
        running.wait_for("已重建：")
        status, _, body = get(running.url)
        assert status == 200 and f'<script src="{MARKER}?v=1" defer></script>'.encode() in body
    finally:
        running.stop()
