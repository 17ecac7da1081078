"""``make cms``: the web editor on http://127.0.0.1:PORT, writing to this working tree.

One HTTP server on 127.0.0.1 serves the editor's files (:func:`bundle.plan`), a fresh
``config.yml``, a live ``catalog.json`` (the 索引号 widget and the relation picker read it) and passes
``POST /api/v1`` to ``decap-server`` (Decap's local backend, from the pinned npm package), which it
starts on another loopback port with ``BIND_HOST=127.0.0.1`` and stops on exit. Both only ever listen
on the loopback interface: whoever reaches the local backend can write files. Requests whose Host is
not this server (DNS rebinding) or whose Origin is another site are refused.
"""
from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from . import bundle

LOOPBACK = "127.0.0.1"
MAX_BODY = 64 * 1024 * 1024          # decap-server accepts 50 MB JSON bodies (base64 attachments)
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".yml": "text/yaml; charset=utf-8", ".json": "application/json; charset=utf-8", ".wasm": "application/wasm",
         ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


class DecapServer:
    """decap-server (MODE=fs: edits the working tree) on a loopback port, as a child process."""

    def __init__(self, root: Path, port: int | None = None):
        self.root, self.port = Path(root), port or free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/api/v1"

    def start(self, timeout: float = 20.0) -> None:
        script = self.root / "node_modules" / "decap-server" / "dist" / "index.js"
        if not script.is_file():
            raise bundle.MissingPackages(str(script))
        env = {**os.environ, "PORT": str(self.port), "BIND_HOST": LOOPBACK, "MODE": "fs",
               "GIT_REPO_DIRECTORY": str(self.root), "LOG_LEVEL": "warn", "ORIGIN": f"http://{LOOPBACK}"}
        self.proc = subprocess.Popen(["node", str(script)], cwd=self.root, env=env, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"decap-server exited with {self.proc.returncode}")
            try:
                self.call({"action": "info"})
                return
            except (OSError, urllib.error.URLError):
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("decap-server did not start")

    def call(self, payload: dict) -> dict:
        body = json.dumps(payload).encode()
        return json.loads(self.forward(body)[1])

    def forward(self, body: bytes) -> tuple[int, bytes]:
        req = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:  # noqa: S310 - fixed loopback URL
                return resp.status, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class EditorServer(http.server.ThreadingHTTPServer):
    """The editor's HTTP server; ``dynamic`` maps a URL path to a function returning fresh bytes."""

    daemon_threads = True

    def __init__(self, port: int, files: dict, dynamic: dict, backend: DecapServer):
        self.files, self.dynamic, self.backend = files, dynamic, backend
        super().__init__((LOOPBACK, port), Handler)
        self.hosts = {f"{LOOPBACK}:{self.server_port}", f"localhost:{self.server_port}"}


class Handler(http.server.BaseHTTPRequestHandler):
    server: EditorServer

    def log_message(self, *args):
        pass

    def _allowed(self) -> bool:
        origin = self.headers.get("Origin")
        if self.headers.get("Host") not in self.server.hosts or (
                origin and origin.split("://", 1)[-1] not in self.server.hosts):
            self._send(403, b"forbidden", ".txt")
            return False
        return True

    def _send(self, status: int, body: bytes, suffix: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", TYPES.get(suffix, "application/octet-stream"))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Content-Security-Policy", bundle.CSP)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):  # noqa: N802 - http.server's naming
        if not self._allowed():
            return
        path = self.path.split("?", 1)[0].split("#", 1)[0].lstrip("/") or "index.html"
        if path in self.server.dynamic:
            self._send(200, self.server.dynamic[path](), Path(path).suffix)
        elif path in self.server.files:
            self._send(200, self.server.files[path].read_bytes(), Path(path).suffix)
        else:
            self._send(404, "找不到该文件".encode(), ".txt")

    do_HEAD = do_GET

    def do_POST(self):  # noqa: N802
        if not self._allowed():
            return
        if self.path != "/api/v1":
            self._send(404, b"not found", ".txt")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(413, "附件过大".encode(), ".txt")
            return
        status, body = self.server.backend.forward(self.rfile.read(length))
        self._send(status, body, ".json")


class Editor:
    """The running editor: ``start()`` (returns the URL), ``stop()``; usable as a context manager."""

    def __init__(self, root: Path, port: int, dynamic: dict):
        self.root, self.port, self.dynamic = Path(root), port, dynamic
        self.backend = DecapServer(self.root)
        self.httpd: EditorServer | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> str:
        files = bundle.plan(self.root)
        self.backend.start()
        try:
            self.httpd = EditorServer(self.port, files, self.dynamic, self.backend)
        except OSError:
            self.backend.stop()
            raise
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return f"http://{LOOPBACK}:{self.httpd.server_port}/"

    def stop(self) -> None:
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
        self.backend.stop()

    def __enter__(self):
        self.url = self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
