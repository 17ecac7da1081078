"""``manifest.json``: sha256 and size of every file of a built site, and comparison with a deployed tree.

The manifest is written last by ``gongkai publish`` and only when the site checks pass, so "has a
manifest that verifies" is what makes a tree deployable. ``build_id`` is a hash of the file list,
so the same site always gets the same id.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

NAME = "manifest.json"
VERSION = 1


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def tree_files(root: Path) -> list[str]:
    """Site-relative POSIX paths of every regular file under ``root`` except the manifest, sorted."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel = os.path.relpath(dirpath, root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        out.extend(prefix + f for f in filenames)
    return sorted(p for p in out if p != NAME)


def build_id(files: dict) -> str:
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(f"{path}\0{files[path]['sha256']}\0{files[path]['size']}\n".encode("utf-8", "surrogateescape"))
    return h.hexdigest()[:16]


def compute(root: Path) -> dict:
    """The manifest of the tree at ``root`` (without writing it)."""
    files = {}
    for path in tree_files(root):
        full = root / path
        files[path] = {"sha256": sha256_file(full), "size": full.stat().st_size}
    return {"version": VERSION, "build_id": build_id(files), "count": len(files), "files": files}


def write(root: Path) -> dict:
    """Compute and write ``root/manifest.json`` atomically; returns the manifest."""
    manifest = compute(root)
    tmp = root / f".{NAME}.tmp"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
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
        raise ValueError(f"清单文件 {where} 格式不正确（应为 version {VERSION} 的 manifest.json）")
    if build_id(data["files"]) != data.get("build_id"):
        raise ValueError(f"清单文件 {where} 的 build_id 与文件列表不符：清单本身可能被改动")
    return data


@dataclasses.dataclass
class Diff:
    changed: list = dataclasses.field(default_factory=list)
    missing: list = dataclasses.field(default_factory=list)
    extra: list = dataclasses.field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.extra)

    def lines(self) -> list[str]:
        out = [f"已改动：{p}" for p in self.changed] + [f"缺失：{p}" for p in self.missing]
        out += [f"多出：{p}" for p in self.extra]
        return out

    def summary(self) -> str:
        text = ("与清单一致" if self.ok else
                f"与清单不一致：{len(self.changed)} 个文件被改动，{len(self.missing)} 个缺失，{len(self.extra)} 个多出")
        return text + (f"（{self.note}）" if self.note else "")


def compare(manifest: dict, found: dict[str, str | None], extra_known: bool = True) -> Diff:
    """``found``: path -> sha256 (None when it could not be read) of the deployed files."""
    diff = Diff()
    for path, entry in sorted(manifest["files"].items()):
        digest = found.get(path, "<missing>")
        if digest == "<missing>":
            diff.missing.append(path)
        elif digest != entry["sha256"]:
            diff.changed.append(path)
    if extra_known:
        diff.extra = sorted(p for p in found if p not in manifest["files"] and p != NAME)
    return diff


def verify_tree(root: Path, manifest: dict) -> Diff:
    """Compare the directory ``root`` with ``manifest`` byte for byte (sizes first, then sha256)."""
    root = Path(root)
    found = {}
    for path in tree_files(root):
        entry = manifest["files"].get(path)
        full = root / path
        if entry is not None and full.stat().st_size != entry["size"]:
            found[path] = "size-differs"
        else:
            found[path] = sha256_file(full)
    return compare(manifest, found)


def sha256sum_listing(text: str) -> dict[str, str]:
    """Parse ``sha256sum`` output for files listed as ``./path`` (backslash-escaped names supported)."""
    found = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        escaped = line.startswith("\\")
        if escaped:
            line = line[1:]
        digest, _, name = line.partition("  ")
        if not name:
            digest, _, name = line.partition(" *")
        if escaped:
            name = name.replace("\\n", "\n").replace("\\r", "\r").replace("\\\\", "\\")
        found[name[2:] if name.startswith("./") else name] = digest
    return found
