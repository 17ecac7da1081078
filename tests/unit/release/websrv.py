"""Loopback web servers for the HTTP tamper-check tests: one that serves a release like the nginx
configuration of docs/operator-guide.md (production headers, /checks/ refused), and hostile ones."""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from gongkai.release import headers as hdr


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
