"""``manifest.json``: sha256, size and mode of every file of a built site, and comparison with a deployed tree.

The manifest is written last by ``gongkai publish`` and only when the site checks pass, so "has a
manifest that verifies" is what makes a tree deployable. ``build_id`` is a hash of the file list,
so the same site always gets the same id.

Verification never follows a symbolic link and never opens anything but a regular file: a link,
a FIFO or a device in a release is itself reported (a FIFO would block a reader forever).
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from .diff import Diff, Found

NAME = "manifest.json"
VERSION = 2
FILE_MODE = 0o644            # what publish sets and rsync (--chmod=D755,F644) keeps on the server
DIR_MODE = 0o755


def kind_of(mode: int) -> str:
    """``find -printf %y`` letter of a file type."""
    for test, letter in ((stat.S_ISREG, "f"), (stat.S_ISDIR, "d"), (stat.S_ISLNK, "l"), (stat.S_ISFIFO, "p"),
                         (stat.S_ISSOCK, "s"), (stat.S_ISBLK, "b"), (stat.S_ISCHR, "c")):
        if test(mode):
            return letter
    return "?"


def sha256_file(path: Path) -> str:
    """sha256 of a regular file, opened without following a link and without blocking on a FIFO."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        h = hashlib.sha256()
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def scan(root: Path) -> dict[str, Found]:
    """Everything under ``root`` except folders and the manifest: path -> :class:`Found` (lstat only,
    no hashes). Raises ValueError with a Chinese message when ``root`` is not a readable folder."""
    root = Path(root)
    try:
        st = os.stat(root)
    except FileNotFoundError:
        raise ValueError(f"找不到 {root}：该目录不存在") from None
    except OSError as exc:
        raise ValueError(f"无法读取 {root}：{exc.strerror}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise ValueError(f"{root} 不是目录")
    if not os.access(root, os.R_OK | os.X_OK):
        raise ValueError(f"无法读取 {root}：没有权限")
    found: dict[str, Found] = {}

    def walk(path: str, rel: str) -> None:
        try:
            entries = list(os.scandir(path))
        except OSError:
            found[rel.rstrip("/") or "."] = Found("d", 0, None)      # an unreadable folder
            return
        for entry in entries:
            name = rel + entry.name
            try:
                st = entry.stat(follow_symlinks=False)
            except FileNotFoundError:          # removed while we looked
                continue
            if stat.S_ISDIR(st.st_mode):
                walk(entry.path, name + "/")
            elif name != NAME:
                found[name] = Found(kind_of(st.st_mode), stat.S_IMODE(st.st_mode), "", st.st_size)

    walk(str(root), "")
    return found


def build_id(files: dict) -> str:
    h = hashlib.sha256()
    for path in sorted(files):
        e = files[path]
        h.update(f"{path}\0{e['sha256']}\0{e['size']}\0{e.get('mode', '')}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()[:16]


def normalize_modes(root: Path) -> None:
    """Files 0644, folders 0755 — the modes the server keeps (rsync --chmod), so the manifest's
    modes are the deployed ones whatever the umask of the build."""
    for dirpath, _, filenames in os.walk(root):
        os.chmod(dirpath, DIR_MODE)
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)


def compute(root: Path) -> dict:
    """The manifest of the tree at ``root`` (without writing it); only regular files may be in it."""
    files = {}
    for path, entry in sorted(scan(root).items()):
        if entry.kind != "f":
            raise ValueError(f"{root}/{path} 不是普通文件（{entry.kind_label}），不能发布")
        files[path] = {"sha256": sha256_file(Path(root) / path), "size": entry.size, "mode": f"{entry.mode:04o}"}
    return {"version": VERSION, "build_id": build_id(files), "count": len(files), "files": files}


def write(root: Path) -> dict:
    """Normalize modes, compute and write ``root/manifest.json`` atomically; returns the manifest."""
    normalize_modes(root)
    manifest = compute(root)
    tmp = root / f".{NAME}.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    os.chmod(tmp, FILE_MODE)
    os.replace(tmp, root / NAME)
    return manifest


def load(path: Path) -> dict:
    """Read a manifest file; raises ValueError with a Chinese message when it is missing or malformed."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"找不到清单文件 {path}：该目录不是通过检查的完整构建（请先运行 make publish）") from None
    except (OSError, ValueError) as exc:
        raise ValueError(f"清单文件 {path} 无法读取：{exc}") from None
    return parse(data, str(path))


def parse(data, where: str = "manifest.json") -> dict:
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), dict):
        raise ValueError(f"清单文件 {where} 格式不正确（应为 version {VERSION} 的 manifest.json；"
                         "旧版本的清单请重新运行 make publish 生成）")
    if build_id(data["files"]) != data.get("build_id"):
        raise ValueError(f"清单文件 {where} 的 build_id 与文件列表不符：清单本身可能被改动")
    return data


def compare(manifest: dict, found: dict[str, Found], extra_known: bool = True) -> Diff:
    """``found``: path -> :class:`Found` of the deployed files (``sha256`` None: could not be read)."""
    diff = Diff()
    files = manifest["files"]
    for path, entry in sorted(files.items()):
        got = found.get(path)
        if got is None:
            diff.missing.append(path)
        elif got.kind != "f":
            diff.kinds.append(f"{path}（{got.kind_label}，应为普通文件）")
        elif got.sha256 is None:
            diff.unreadable.append(path)
        else:
            if got.sha256 != entry["sha256"]:
                diff.changed.append(path)
            if got.mode is not None and f"{got.mode:04o}" != entry["mode"]:
                diff.modes.append(f"{path}（{got.mode:04o}，应为 {entry['mode']}）")
    if extra_known:
        for path in sorted(p for p in found if p not in files and p != NAME):
            got = found[path]
            if got.kind == "d":
                diff.unreadable.append(path + "/")      # a folder that could not be listed
            else:
                diff.extra.append(path + ("" if got.kind == "f" else f"（{got.kind_label}）"))
    return diff


def verify_tree(root: Path, manifest: dict) -> Diff:
    """Compare the directory ``root`` with ``manifest``: types and modes by lstat, then sha256 of the
    regular files whose size matches (a different size is a change without reading the file)."""
    root = Path(root)
    found = scan(root)
    for path, got in found.items():
        entry = manifest["files"].get(path)
        if got.kind != "f" or entry is None:
            continue
        if got.size != entry["size"]:
            found[path] = got.with_hash("size-differs")
            continue
        try:
            found[path] = got.with_hash(sha256_file(root / path))
        except OSError:
            found[path] = got.with_hash(None)
    return compare(manifest, found)


def checklist(manifest: dict) -> str:
    """``sha256sum -c`` input for a release (paths relative to ``current``), for the server's cron check."""
    return "".join(f"{entry['sha256']}  ./{path}\n" for path, entry in sorted(manifest["files"].items()))


def filelist(manifest: dict) -> str:
    """What ``find . -type f ! -path ./manifest.json | LC_ALL=C sort`` prints in an intact release."""
    lines = sorted(f"./{path}".encode("utf-8", "surrogateescape") for path in manifest["files"])
    return b"".join(line + b"\n" for line in lines).decode("utf-8", "surrogateescape")
