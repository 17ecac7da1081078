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
from .digests import Digests, walk

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


def scan(root: Path) -> dict[str, Found]:
    """Everything under ``root`` except folders and the manifest: path -> :class:`Found` (lstat only,
    no hashes). Raises ValueError with a Chinese message when ``root`` is not a readable folder."""
    stats, unreadable = walk(check_folder(root), skip=NAME)
    found = {rel: Found("d", 0, None) for rel in unreadable}                  # a folder that could not be listed
    for rel, st in stats.items():
        found[rel] = Found(kind_of(st.st_mode), stat.S_IMODE(st.st_mode), "", st.st_size)
    return found


def check_folder(root: Path) -> Path:
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
    return root


def build_id(files: dict) -> str:
    h = hashlib.sha256()
    for path in sorted(files):
        e = files[path]
        h.update(f"{path}\0{e['sha256']}\0{e['size']}\0{e.get('mode', '')}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()[:16]


def normalize_modes(root: Path, files: dict | None = None, folders: dict | None = None) -> dict:
    """Files 0644, folders 0755 — the modes the server keeps (rsync --chmod), so the manifest's
    modes are the deployed ones whatever the umask of the build. Only what differs is changed (a
    chmod changes a file's ctime). ``files``/``folders``: their lstat from :func:`walk`; returns
    ``files`` with fresh lstats."""
    root = Path(root)
    if files is None:
        folders = {}
        files, _ = walk(root, skip=NAME, folders=folders)
    for path in [root, *(root / rel for rel in folders or {})]:
        if stat.S_IMODE(os.lstat(path).st_mode) != DIR_MODE:
            os.chmod(path, DIR_MODE)
    for rel, st in files.items():
        if stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) != FILE_MODE:
            os.chmod(root / rel, FILE_MODE)
            files[rel] = os.lstat(root / rel)
    return files


def keep_mtimes(root: Path, files: dict, sums: dict, digests: Digests) -> int:
    """Give a file whose content is what the last publish had at its path that file's mtime again:
    a deploy then sees it unchanged (size and mtime) and leaves it a hard link on the server, and
    nginx's ETag/Last-Modified stay those of the content. Files with several links (twins from the
    compression cache) keep the mtime of their cache object. Returns the number of files changed."""
    changed = 0
    for rel, st in files.items():
        before = digests.previous(rel)
        if before is None or st.st_nlink != 1 or sums.get(rel) != before[0] or st.st_mtime_ns == before[1]:
            continue
        os.utime(root / rel, ns=(before[1], before[1]), follow_symlinks=False)
        files[rel] = os.lstat(root / rel)
        digests.note(rel, files[rel], sums[rel])
        changed += 1
    return changed


def _listed(root: Path, folders: dict | None = None) -> dict[str, os.stat_result]:
    files, unreadable = walk(check_folder(root), skip=NAME, folders=folders)
    if unreadable:
        raise ValueError(f"{root}/{unreadable[0]} 无法读取，不能发布")
    for path, st in sorted(files.items()):
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(f"{root}/{path} 不是普通文件（{Found(kind_of(st.st_mode), None).kind_label}），不能发布")
    return files


def _manifest(root: Path, files: dict, sums: dict) -> dict:
    entries = {}
    for path, st in sorted(files.items()):
        if sums.get(path) is None:
            raise ValueError(f"{root}/{path} 无法读取，不能发布")
        entries[path] = {"sha256": sums[path], "size": st.st_size, "mode": f"{stat.S_IMODE(st.st_mode):04o}"}
    return {"version": VERSION, "build_id": build_id(entries), "count": len(entries), "files": entries}


def text_of(manifest: dict) -> str:
    """``manifest.json`` as written: sorted keys, one file per line (json's C encoder, line by line:
    the indenting encoder is pure Python and takes seconds for 150,000 files)."""
    head = json.dumps({k: v for k, v in manifest.items() if k != "files"}, ensure_ascii=False, sort_keys=True)
    lines = ",\n".join(f"{json.dumps(path, ensure_ascii=False)}: {json.dumps(entry, sort_keys=True)}"
                        for path, entry in sorted(manifest["files"].items()))
    return f'{head[:-1]}, "files": {{\n{lines}\n}}}}\n'


def compute(root: Path, digests: Digests | None = None) -> dict:
    """The manifest of the tree at ``root`` (without writing it); only regular files may be in it.
    ``digests``: the run's :class:`Digests` (files it knows unchanged are not read again)."""
    files = _listed(root)
    return _manifest(root, files, (digests or Digests()).of(Path(root), files))


def write(root: Path, digests: Digests | None = None) -> dict:
    """Normalize modes, keep unchanged files' mtimes, compute and write ``root/manifest.json``
    atomically; returns the manifest."""
    root = Path(root)
    digests = digests or Digests()
    folders: dict = {}
    files = normalize_modes(root, _listed(root, folders), folders)
    sums = digests.of(root, files)
    keep_mtimes(root, files, sums, digests)
    manifest = _manifest(root, files, sums)
    tmp = root / f".{NAME}.tmp"
    tmp.write_text(text_of(manifest), encoding="utf-8")
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


def verify_tree(root: Path, manifest: dict, digests: Digests | None = None) -> Diff:
    """Compare the directory ``root`` with ``manifest``: types and modes by lstat, then sha256 of the
    regular files whose size matches (a different size is a change without reading the file).
    ``digests`` (``make deploy`` checking its own ``output/``): files the publish hashed and that are
    unchanged since (same inode, size, mtime and ctime) are not read again."""
    root = check_folder(root)
    stats, unreadable = walk(root, skip=NAME)
    found = {rel: Found("d", 0, None) for rel in unreadable}          # a folder that could not be listed
    todo = {}
    for rel, st in stats.items():
        got = Found(kind_of(st.st_mode), stat.S_IMODE(st.st_mode), "", st.st_size)
        entry = manifest["files"].get(rel)
        if got.kind == "f" and entry is not None:
            if st.st_size != entry["size"]:
                got = got.with_hash("size-differs")
            else:
                todo[rel] = st
        found[rel] = got
    for rel, digest in (digests or Digests()).of(root, todo).items():
        found[rel] = found[rel].with_hash(digest)
    return compare(manifest, found)


def checklist(manifest: dict) -> str:
    """``sha256sum -c`` input for a release (paths relative to ``current``), for the server's cron check."""
    return "".join(f"{entry['sha256']}  ./{path}\n" for path, entry in sorted(manifest["files"].items()))


def filelist(manifest: dict) -> str:
    """What ``find . -type f ! -path ./manifest.json | LC_ALL=C sort`` prints in an intact release."""
    lines = sorted(f"./{path}".encode("utf-8", "surrogateescape") for path in manifest["files"])
    return b"".join(line + b"\n" for line in lines).decode("utf-8", "surrogateescape")
