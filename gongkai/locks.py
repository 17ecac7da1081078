"""Advisory locks so that two builds never write the same tree (``fcntl.flock`` on a lock file).

* the checkout: ``<site>/.cache/build.lock`` — held by ``gongkai build/publish/sitecheck`` for their
  whole run and by ``gongkai serve`` around each rebuild;
* an output folder: ``<output>.lock`` beside it — held while a tree is written, swapped in or
  previewed (``output.lock``, ``output.publish.lock``, ``output.preview.lock``).

The kernel releases a ``flock`` when its holder exits, however it exits, so a killed build never
leaves a lock held (at most an unlocked file, taken over by the next build). The file holds the
holder's pid and command line for the message of whoever has to wait; the holder removes it when
done.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import sys
import time
from pathlib import Path

WAIT_SECONDS = 10.0        # a second build waits this long for the first, then refuses
ENV_WAIT = "GONGKAI_LOCK_WAIT"


class Busy(Exception):
    """The lock is held by another process; ``str()`` is the Chinese message for the operator."""


def wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get(ENV_WAIT, WAIT_SECONDS)))
    except ValueError:
        return WAIT_SECONDS


def command_line() -> str:
    """``gongkai build`` / ``gongkai serve --port 8001``: what a waiting user recognises."""
    argv = list(sys.argv)
    if argv and argv[0].endswith(("__main__.py", "-m")):
        argv[0] = "gongkai"
    elif argv:
        argv[0] = Path(argv[0]).name
    return " ".join(argv)[:200]


def holder(path: Path) -> str:
    """``进程 1234：gongkai build，10:02:03 开始`` from the lock file, or ``另一个进程``."""
    try:
        info = json.loads(Path(path).read_text(encoding="utf-8") or "{}")
        return f"进程 {int(info['pid'])}：{info['command']}，{info['since']} 开始"
    except (OSError, ValueError, KeyError, TypeError):
        return "另一个进程"


def lock_path(tree: Path) -> Path:
    """The lock file of an output folder: ``<folder>.lock`` beside it."""
    tree = Path(tree)
    return tree.with_name(tree.name + ".lock")


def checkout_lock_path(site_root: Path) -> Path:
    return Path(site_root) / ".cache" / "build.lock"


@contextlib.contextmanager
def held(path: Path, what: str, wait: float | None = None):
    """Hold the lock ``path`` for the block; raise :class:`Busy` after ``wait`` seconds (default
    :func:`wait_seconds`). ``what`` names the protected thing in the message (``output/``)."""
    handle = acquire(path, what, wait)
    try:
        yield
    finally:
        release(handle)


def acquire(path: Path, what: str, wait: float | None = None) -> tuple[int, Path]:
    """Take the lock and return its file descriptor (give it to :func:`release`).

    The holder removes the file when it is done (no ``output.lock`` is left lying around); a
    process that locked a file just removed retries on the new one (same inode check as flock(1)).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    limit = wait_seconds() if wait is None else wait
    deadline = time.monotonic() + limit
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                waited = f"已等待 {limit:.0f} 秒，" if limit >= 1 else ""
                raise Busy(f"{what} 正被另一个进程使用（{holder(path)}）；{waited}本次未运行 — 等它结束后再运行"
                           f"（锁文件 {path}，该进程结束后自动释放）。") from None
            time.sleep(0.1)
            continue
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)             # the previous holder removed it after we opened it: lock the new one
    info = {"pid": os.getpid(), "command": command_line(), "since": dt.datetime.now().strftime("%H:%M:%S")}
    os.ftruncate(fd, 0)
    os.pwrite(fd, (json.dumps(info, ensure_ascii=False) + "\n").encode("utf-8"), 0)
    return fd, path


def release(handle) -> None:
    fd, path = handle
    with contextlib.suppress(OSError):
        os.unlink(path)          # still holding it: whoever opens the path now gets a new file
    os.close(fd)                 # closing the descriptor releases the flock


def checkout(settings_file) -> contextlib.AbstractContextManager:
    """The lock of the checkout a settings file belongs to (``<its folder>/.cache/build.lock``)."""
    root = Path(settings_file).resolve().parent
    return held(checkout_lock_path(root), f"仓库 {root}")
