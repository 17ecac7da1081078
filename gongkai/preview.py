"""The preview web server of ``gongkai serve``: the preview folder, production's headers, live reload.

* Files are served from the preview folder like nginx with the operator guide's configuration:
  no directory listings, the site's 404 page, the headers of :mod:`gongkai.publish.headers`
  (the same Content-Security-Policy, nosniff, attachments as downloads).
* Every HTML response gets ``<script src="/__gongkai/reload.js?v=N" defer></script>`` before
  ``</body>``: an external same-origin script (the CSP allows it, no inline script), added here
  and never written into the folder, so it cannot reach ``make html`` or ``make publish`` output.
  The script polls ``/__gongkai/version`` and reloads the page after a successful rebuild.
"""
from __future__ import annotations

import functools
import html
import http.server
import io
import json
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

from gongkai.publish import headers as hdr

PREFIX = "/__gongkai/"
RELOAD_JS = Path(__file__).resolve().parent / "static" / "reload.js"
MARKER = PREFIX + "reload.js"


class State:
    """What the page's script asks for: the current build's number and the last rebuild's failure."""

    def __init__(self):
        from gongkai.engine.run import Session

        self._lock = threading.Lock()
        self.version = 0
        self.message = ""
        self.session = Session()        # what the builds of this preview keep from one to the next

    def succeeded(self) -> None:
        with self._lock:
            self.version += 1
            self.message = ""

    def failed(self, message: str) -> None:
        with self._lock:
            self.message = message

    def as_json(self) -> bytes:
        with self._lock:
            return json.dumps({"version": str(self.version), "failed": bool(self.message),
                               "message": self.message}, ensure_ascii=False).encode("utf-8")


def inject(html: bytes, version: int) -> bytes:
    """The page with the reload script before its last ``</body>`` (or at the end)."""
    tag = f'<script src="{MARKER}?v={version}" defer></script>'.encode()
    at = html.rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


class Handler(http.server.SimpleHTTPRequestHandler):
    state: State = State()

    def log_message(self, *args):
        pass

    extra: list = []               # headers of the file being answered (set in send_head)

    def end_headers(self):
        for name, value in self.extra:
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def list_directory(self, path):          # like nginx without autoindex: no directory listings
        self.send_error(404)

    def send_head(self):
        self.extra = []
        if self.path.startswith(PREFIX):
            return self._own()
        path = self.translate_path(self.path)
        if os.path.isdir(path) and urlsplit(self.path).path.endswith("/"):
            path = os.path.join(path, "index.html")
        self.extra = hdr.for_preview(os.path.relpath(path, self.directory).replace(os.sep, "/"))
        if path.endswith(".html") and os.path.isfile(path):
            with open(path, "rb") as fh:
                return self._send(200, "text/html; charset=utf-8", inject(fh.read(), self.state.version))
        return super().send_head()

    def _own(self):
        name = urlsplit(self.path).path[len(PREFIX):]
        if name == "reload.js":
            return self._send(200, "text/javascript; charset=utf-8", RELOAD_JS.read_bytes())
        if name == "version":
            return self._send(200, "application/json; charset=utf-8", self.state.as_json())
        return self._send(404, "text/plain; charset=utf-8", "未找到".encode())

    def _send(self, code: int, content_type: str, body: bytes):
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            self.extra = [hdr.NOSNIFF]
            return super().send_error(code, message, explain)
        page = Path(self.directory) / "404.html"
        self.extra = hdr.for_preview("404.html")
        text = page.read_bytes() if page.is_file() else placeholder(self.state.message)
        body = self._send(404, "text/html; charset=utf-8", inject(text, self.state.version))
        if self.command != "HEAD":
            self.wfile.write(body.getvalue())


def placeholder(failure: str) -> bytes:
    """The 404 page while the preview has none (its first build failed): says why, and reloads
    itself (the reload script is added like on every page) once a build succeeds."""
    why = html.escape(failure or "这个地址没有页面。")
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>预览中还没有这个页面</title></head>'
            f"<body><h1>预览中还没有这个页面</h1><p>{why}</p><p>修改后保存，构建成功时本页会自动刷新。</p></body></html>\n"
            ).encode()


def make_server(bind: str, port: int, folder: Path, state: State) -> http.server.ThreadingHTTPServer:
    """Bind (raises OSError when the port is taken) but do not serve yet."""
    handler = type("PreviewHandler", (Handler,), {"state": state})
    return http.server.ThreadingHTTPServer((bind, port), functools.partial(handler, directory=str(folder)))
