"""Loopback web servers for the HTTP tamper-check tests: one that serves a release like the nginx
configuration of docs/operator-guide.md (production headers, /checks/ refused), and hostile ones."""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from gongkai.publish import headers as hdr
from gongkai.publish import manifest as mf


def sample_release(root: Path, checks: bool = False) -> tuple[Path, dict]:
    """A small published tree (pages, a PDF, a spreadsheet, a second file named manifest.json; with
    ``checks`` the intranet-only report) and its manifest."""
    (root / "gk/a").mkdir(parents=True)
    (root / "search").mkdir()
    (root / "index.html").write_text("<html>首页</html>", encoding="utf-8")
    (root / "gk/a/index.html").write_text("<html>条目</html>", encoding="utf-8")
    (root / "gk/a/附件.pdf").write_bytes(b"%PDF-1.4")
    (root / "gk/a/名单.xlsx").write_bytes(b"PK\x03\x04 xlsx")
    (root / "search/manifest.json").write_text("{}", encoding="utf-8")
    if checks:
        (root / "checks").mkdir()
        (root / "checks/index.html").write_text("内网报告", encoding="utf-8")
    return root, mf.write(root)


class Production(http.server.SimpleHTTPRequestHandler):
    """A release served like nginx with the operator guide's configuration."""

    private = ("/checks/", "/manifest.json")
    headers_for = staticmethod(lambda path: hdr.required(path))

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.startswith(self.private):
            return self.send_error(403)
        return super().do_GET()

    def end_headers(self):
        path = unquote(urlsplit(self.path).path).lstrip("/")
        for name, value in self.headers_for(path):
            self.send_header(name, value)
        super().end_headers()


class Hacked(http.server.BaseHTTPRequestHandler):
    """Defaced: every URL answers 403 "Hacked by X"."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        body = b"Hacked by X"
        self.send_response(403)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def running(handler, root: Path | None = None):
    """Serve on 127.0.0.1 (a free port) for the block; yields the base URL."""
    factory = functools.partial(handler, directory=str(root)) if root is not None else handler
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), factory)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
