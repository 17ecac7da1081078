"""gongkai serve: build, serve output/ on 127.0.0.1, rebuild when sources change."""
from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

from gongkai.sitebuild import build

WATCHED = ("catalog", "content", "theme", "plugins", "pelicanconf.py")


def add_arguments(parser):
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")


def snapshot(root: Path) -> dict:
    state = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else path.rglob("*")
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts:
                st = f.stat()
                state[str(f)] = (st.st_mtime_ns, st.st_size)
    return state


def run(args) -> int:
    root = Path.cwd()
    code, stats = build(args.settings, incremental=True)
    print("首次构建" + ("失败，请按上面的提示修改后保存，将自动重建。" if code else f"完成（{stats['seconds']:.1f} 秒）。"))
    output = Path(stats["output"])
    output.mkdir(exist_ok=True)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):  # always serve the current output/, even after a swap
            self.directory = str(output)
            return super().translate_path(path)

        def log_message(self, *a):
            pass

        def list_directory(self, path):  # like nginx without autoindex: no directory listings
            self.send_error(404)

        def send_error(self, code, message=None, explain=None):
            page = output / "404.html"
            if code != 404 or not page.exists():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    server = http.server.ThreadingHTTPServer((args.bind, args.port), functools.partial(Handler, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"预览地址：http://{args.bind}:{args.port}/   （Ctrl+C 退出）")
    state = snapshot(root)
    try:
        while True:
            time.sleep(1)
            now = snapshot(root)
            if now != state:
                state = now
                code, stats = build(args.settings, incremental=True)
                print("已重建" if not code else "重建失败（现有预览保持不变）", f"{stats['seconds']:.1f} 秒")
    except KeyboardInterrupt:
        server.shutdown()
    return 0
