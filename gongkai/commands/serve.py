"""gongkai serve: build into the preview folder, serve it, rebuild when sources change, reload the page.

The preview has its own folder (``<OUTPUT_PATH>.preview``, i.e. ``output.preview/``), so
``make html``/``make publish`` and ``make serve`` never touch each other's output. The port is bound
before anything is built: a busy port is answered at once. A rebuild that fails in the content
checks leaves the preview exactly as it was (see gongkai/sitebuild.py).
"""
from __future__ import annotations

import errno
import os
import sys
import threading
import time
import traceback
import unicodedata
from pathlib import Path

from gongkai import locks, preview
from gongkai.sitebuild import build, load_settings, shown

SHOWN_PATHS = 3


def add_arguments(parser):
    parser.add_argument("--port", default="8000", help="端口（默认 8000）")
    parser.add_argument("--bind", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只有本机能访问）")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-o", "--output", default=None, help="预览目录（默认 output.preview/，与 make html 的 output/ 分开）")


def parse_port(text: str) -> int | None:
    """1–65535; full-width digits typed with a Chinese input method count (NFKC), nothing else does."""
    text = unicodedata.normalize("NFKC", str(text)).strip()
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) < 65536 else None


def bind_error(exc: Exception, bind: str, port: int) -> str:
    """The Chinese answer to a port or address that cannot be used."""
    code = getattr(exc, "errno", None)
    if code == errno.EADDRINUSE:
        other = port + 1 if port < 65535 else 8001
        return f"端口 {port} 已被占用（可能已有一个预览在运行）— 关掉它，或换一个端口：make serve PORT={other}"
    if code in (errno.EACCES, errno.EPERM):
        return f"没有权限使用端口 {port}（1024 以下的端口需要管理员权限）— 换一个端口：make serve PORT=8000"
    detail = (exc.strerror if isinstance(exc, OSError) else "") or "不是有效的地址"
    return (f"无法在 {bind} 上监听（{detail}）：本机没有这个地址 — 用 BIND=127.0.0.1（只有本机能访问）"
            "或 BIND=0.0.0.0（局域网也能访问）")


def watched(settings: dict, settings_file: str) -> list[Path]:
    """The sources of the site: catalog, content, theme, our plugins and the settings file."""
    root = Path(__file__).resolve().parent.parent.parent
    paths = [settings.get("CATALOG_PATH", "catalog"), settings.get("PATH", "content"),
             settings.get("THEME", "theme"), root / "plugins", settings_file]
    return [Path(p).resolve() for p in paths]


def snapshot(paths: list[Path]) -> dict:
    state = {}
    for path in paths:
        if path.is_file():
            st = path.stat()
            state[str(path)] = (st.st_mtime_ns, st.st_size)
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = [d for d in dirnames if d != "__pycache__" and not d.startswith(".")]
            for name in filenames:
                full = os.path.join(dirpath, name)
                try:
                    st = os.stat(full)
                except OSError:
                    continue
                state[full] = (st.st_mtime_ns, st.st_size)
    return state


def some(paths: list[str]) -> str:
    shown_ = "、".join(paths[:SHOWN_PATHS])
    return shown_ + ("等" if len(paths) > SHOWN_PATHS else "") if paths else ""


def outcome(code: int, stats: dict, first: bool) -> str:
    """One line on what the (re)build did to the preview."""
    what = "首次构建" if first else "重建"
    if stats["failure"]:
        return stats["failure"]
    counts = f"{stats['errors']} 个错误，{stats['warnings']} 个警告"
    if code == 0:
        return f"{'首次构建完成' if first else '已重建'}：{stats['seconds']:.1f} 秒，{stats['warnings']} 个警告" + \
            ("。" if first else "；打开的页面将自动刷新。")
    if stats["stopped"]:
        kept = "预览目录中还没有页面" if first else "预览保持不变（没有写入或删除任何文件）"
        return f"{what}失败：{counts}；{kept} — 按上面的提示修改后保存，将自动重建。"
    written, removed = stats["written"], stats["removed"]
    return (f"{what}失败：{counts}；预览已部分更新：写入 {len(written)} 个页面"
            + (f"（{some(written)}）" if written else "") + f"，删除 {len(removed)} 个页面"
            + (f"（{some(removed)}）" if removed else "") + " — 按上面的提示修改后保存，将自动重建。")


def rebuild(args, folder: Path, state: preview.State, first: bool = False) -> bool:
    """Build once into the preview; False when another build held the checkout (try again later)."""
    try:
        with locks.checkout(args.settings):
            code, stats = build(args.settings, folder, incremental=True, lock=False, session=state.session)
    except locks.Busy as exc:
        print(exc, file=sys.stderr, flush=True)
        return False
    except Exception:  # noqa: BLE001 - the preview keeps running; the next save tries again
        log = Path(".cache") / "gongkai-error.log"
        log.parent.mkdir(exist_ok=True)
        log.write_text(traceback.format_exc(), encoding="utf-8")
        message = f"内部错误：重建意外中止，详情已写入 {log}；保存任一文件将再次重建。"
        print(message, file=sys.stderr, flush=True)
        state.failed(message)
        return True
    line = outcome(code, stats, first)
    print(line, file=sys.stderr if code else sys.stdout, flush=True)
    if code == 0:
        state.succeeded()
    else:
        state.failed(line)
    return True


def run(args) -> int:
    port = parse_port(args.port)
    if port is None:
        print(f"PORT 应为 1–65535 之间的数字，而不是“{args.port}”— 例如 make serve PORT=8001", file=sys.stderr)
        return 2
    settings = load_settings(args.settings)
    folder = Path(args.output or f"{settings['OUTPUT_PATH']}.preview").resolve()
    state = preview.State()
    try:
        server = preview.make_server(args.bind, port, folder, state)
    # before building anything; an unknown name is a gaierror (an OSError), some non-ASCII ones a TypeError
    except (OSError, UnicodeError, TypeError, ValueError) as exc:
        print(bind_error(exc, args.bind, port), file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with locks.held(locks.lock_path(folder), f"预览目录 {shown(folder)}", wait=0):
            return _serve(args, settings, folder, server, state, port)
    finally:
        server.server_close()


def _serve(args, settings: dict, folder: Path, server, state: preview.State, port: int) -> int:
    # The watcher starts before the first build: a save made while it runs (or before the address is
    # printed) is held for the first rebuild, not lost.
    watch = Changes(watched(settings, args.settings))
    while not rebuild(args, folder, state, first=True):
        time.sleep(1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = "127.0.0.1" if args.bind in ("0.0.0.0", "::", "") else args.bind
    print(f"预览地址：http://{host}:{port}/   （预览目录 {shown(folder)}；保存修改后自动重建并刷新页面；Ctrl+C 退出）",
          flush=True)
    # From here on the builds are told which files changed; the first of them still checks every file.
    state.session.watched = True
    try:
        for changed in watch:
            state.session.note_changes(changed)
            while not rebuild(args, folder, state):     # another build holds the checkout: try again
                time.sleep(1)
    except KeyboardInterrupt:
        server.shutdown()
    return 0


class Changes:
    """Sets of files changed under ``paths``, as the operating system reports them (inotify, through
    watchfiles): nothing walks the catalog while the editor types — at 100,000 items a walk takes
    0.8–0.9 s, most of every second it would wait. Watching starts when the object is made, and what
    changes from then on is reported at the next iteration, however long the caller was busy. Where the
    system cannot report changes, the sources are compared with a snapshot (taken when the object is made)
    every second instead, and the build is told nothing: ``None``."""

    DEBOUNCE_MS, STEP_MS = 200, 50

    def __init__(self, paths: list[Path]):
        self.paths = paths
        self.notify = None
        try:
            from watchfiles import Change
            from watchfiles._rust_notify import RustNotify  # documented as watchfiles' "Rust backend"

            self.notify = RustNotify([str(p) for p in paths if p.exists()], False, False, 300, True, False)
            self.change, self.wanted = Change, Sources(paths)
        except (ImportError, OSError, RuntimeError):            # no inotify here (watch limit reached …)
            self.seen = snapshot(paths)

    def __iter__(self):
        if self.notify is not None:
            try:
                with self.notify as notify:
                    while True:
                        raw = notify.watch(self.DEBOUNCE_MS, self.STEP_MS, 0, None)
                        if raw == "signal":
                            raise KeyboardInterrupt
                        if isinstance(raw, str):        # "timeout" or "stop": neither is asked for here
                            continue
                        changed = {path for change, path in raw if self.wanted(self.change(change), path)}
                        if changed:
                            yield changed
            except (OSError, RuntimeError):             # the watch broke down: poll from here on
                self.seen = snapshot(self.paths)
        while True:
            time.sleep(1)
            now = snapshot(self.paths)
            if now != self.seen:
                self.seen = now
                yield None


class Sources:
    """The files :func:`snapshot` looks at: no hidden folders below a watched path, no __pycache__, and
    none of the editor swap and backup files watchfiles leaves out by default."""

    def __init__(self, roots: list[Path]):
        import watchfiles

        self.default = watchfiles.DefaultFilter()
        self.roots = [str(root) for root in roots]

    def __call__(self, change, path: str) -> bool:
        if not self.default(change, path):
            return False
        root = next((r for r in self.roots if path == r or path.startswith(r + os.sep)), None)
        folders = Path(path[len(root):]).parts[:-1] if root else ()
        return not any(part.startswith(".") for part in folders)
