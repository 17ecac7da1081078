"""Read content files safely: only regular files inside the repository, each within a size limit.

Content arrives from many hands (editors' pull requests, the web editor's uploads, imports of old
systems' exports), so a file named like an item may be a symbolic link to ``/etc/passwd`` or
``/dev/zero``, a FIFO that blocks forever, or a directory. Every reader of content (items,
attachments, pages, reports, calendars, taxonomy, importer references) goes through
:func:`read_bytes` or :func:`check_file`, which refuse anything but a regular file inside the
repository, never follow a symbolic link and never block.

Refusals are :class:`Refused` exceptions carrying a Chinese problem and fix, for the caller's
``path:line`` message.
"""
from __future__ import annotations

import functools
import os
import stat

MiB = 1024 * 1024

# Size limits per kind of input (bytes). A limit keeps one hostile or broken file from exhausting
# memory or time; each is far above anything an agency publishes in that kind of file.
LIMITS = {
    "item": 4 * MiB,          # one catalog item (front matter + body)
    "taxonomy": 1 * MiB,
    "page": 4 * MiB,          # a content/ page (公开指南, 公开制度)
    "report": 2 * MiB,        # content/reports/<year>.yml
    "calendar": 256 * 1024,   # content/calendar/<year>.yml
    "register": 64 * MiB,     # 依申请公开 register files
    "mapping": 256 * 1024,    # importer mapping files
    "attachment": 200 * MiB,
    "import": 512 * MiB,      # one export file read by the importer
}

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class Refused(Exception):
    """A file the project will not read; ``problem`` and ``fix`` are Chinese, for editors."""

    def __init__(self, problem: str, fix: str):
        super().__init__(problem)
        self.problem = problem
        self.fix = fix


def _human(size: int) -> str:
    return f"{size / MiB:.1f} MB" if size >= MiB else f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} 字节"


def inside(path: str | os.PathLike, root: str | os.PathLike) -> bool:
    """True when ``path`` (resolved, symbolic links followed) is ``root`` or lies under it."""
    real, base = os.path.realpath(path), _real_dir(os.fspath(root))
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


@functools.lru_cache(maxsize=8192)
def _real_dir(path: str) -> str:
    """realpath of a folder, memoised: 20,000 items live in a few hundred folders."""
    return os.path.realpath(path)


def forget_folders() -> None:
    """Drop memoised folder paths (a long-running preview calls this before each build)."""
    _real_dir.cache_clear()


def check_file(path: str | os.PathLike, root: str | os.PathLike, kind: str = "item",
               limit: int | None = None) -> os.stat_result:
    """The ``lstat`` of ``path`` if it is a regular file inside ``root`` within the size limit; else :class:`Refused`."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise Refused("文件不存在", "检查文件名和大小写，并确认文件已提交到仓库") from None
    except OSError as exc:
        raise Refused(f"无法读取文件（{exc.strerror}）", "检查文件权限") from None
    if stat.S_ISLNK(st.st_mode):
        raise Refused("是符号链接（快捷方式），出于安全考虑不予读取", "用文件本身替换符号链接，并提交到仓库")
    if stat.S_ISDIR(st.st_mode):
        raise Refused("是一个文件夹，不是文件", "删除或重命名这个文件夹（文件夹名不要以 .md、.yml 结尾）")
    if not stat.S_ISREG(st.st_mode):
        raise Refused("不是普通文件（是命名管道、设备或套接字），出于安全考虑不予读取", "删除它，换成普通文件")
    parent, base = _real_dir(os.path.dirname(os.fspath(path))), _real_dir(os.fspath(root))
    if not (parent == base or parent.startswith(base.rstrip(os.sep) + os.sep)):
        raise Refused("位于仓库以外（所在文件夹是指向别处的符号链接）", "把文件放进仓库本身的文件夹")
    cap = LIMITS[kind] if limit is None else limit
    if st.st_size > cap:
        raise Refused(f"文件过大（{_human(st.st_size)}，上限 {_human(cap)}）",
                      "拆分内容，或把大文件作为附件" if kind != "attachment" else "压缩或拆分该文件")
    return st


def _open(path, st: os.stat_result) -> int:
    """A descriptor for the very file ``st`` describes (no link followed, no blocking on a FIFO)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:   # replaced by a link or a FIFO since the check (ELOOP, ENXIO …)
        raise Refused(f"无法安全读取文件（{exc.strerror}）", "换成普通文件后重试") from None
    now = os.fstat(fd)
    if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
        os.close(fd)
        raise Refused("文件在读取时被替换", "重新运行")
    return fd


def read_head(path: str | os.PathLike, root: str | os.PathLike, size: int, kind: str = "attachment") -> bytes:
    """The first ``size`` bytes of a safe file (content sniffing)."""
    fd = _open(path, check_file(path, root, kind))
    try:
        return os.read(fd, size)
    finally:
        os.close(fd)


def read_bytes(path: str | os.PathLike, root: str | os.PathLike, kind: str = "item", limit: int | None = None) -> bytes:
    """The bytes of a regular file inside ``root`` (see :func:`check_file`); never follows a link or blocks."""
    st = check_file(path, root, kind, limit)
    fd = _open(path, st)
    try:
        cap = LIMITS[kind] if limit is None else limit
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > cap:
                raise Refused(f"文件过大（超过上限 {_human(cap)}）", "拆分内容，或把大文件作为附件")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike, root: str | os.PathLike, kind: str, limit: int | None = None) -> str:
    """UTF-8 text of a safe file; a decoding error raises :class:`UnicodeDecodeError` as ``bytes.decode`` does."""
    return read_bytes(path, root, kind, limit).decode("utf-8")
