"""The publish cache: what earlier publishes computed, keyed by content, so an unchanged file costs a hash.

Location: the setting ``PUBLISH_CACHE`` (default ``.cache/publish``, relative to ``GONGKAI_ROOT``);
``None`` or ``""`` turns it off. The folder is safe to delete at any time: a missing, unreadable or
outdated entry is recomputed, and a cold cache gives exactly what a run without it gives.

    digests.json         sha256 of the last published tree's files by (path, size, mtime, inode, ctime)
    checks-<settings>.json  per-page facts of the site checks by page content (gongkai/publish/checks/facts.py)
    compress.json        precompressed twins by the sha256 of the original (gongkai/publish/compress.py)
    objects/ab/<sha256>  the twins' bytes, named by their own sha256 (hard-linked into the site)

Every file records the version of the code that wrote it (:func:`code_version`); another version
is ignored as a whole. The cache is trusted like the code: in CI it must never be shared between
branches that do not trust each other (docs/ci/, docs/operator-guide.md).
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

SETTING = "PUBLISH_CACHE"
DEFAULT = ".cache/publish"


def folder(settings: dict) -> Path | None:
    """The cache folder of ``settings`` (created on first write), or None when caching is off."""
    value = settings.get(SETTING, DEFAULT)
    if not value:
        return None
    path = Path(value)
    if not path.is_absolute():
        path = Path(settings.get("GONGKAI_ROOT") or ".") / path
    return path


def code_version(*modules, extra: str = "") -> str:
    """A digest of the source of ``modules`` (and ``extra``, e.g. library versions): any change to the
    code that produced a cached result makes that result unusable."""
    h = hashlib.sha256(f"{sys.version_info[:2]}\0{extra}\0".encode())
    for module in modules:
        h.update(Path(module.__file__).read_bytes())
    return h.hexdigest()[:20]


def read_json(path: Path | None, version: str) -> dict | None:
    """The JSON object at ``path`` if it was written by code of ``version``; None for anything else
    (missing, unreadable, malformed, older code): the caller then starts cold."""
    if path is None:
        return None
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != version:
        return None
    return data


def write_json(path: Path | None, data: dict) -> bool:
    """Write ``data`` atomically (a reader sees the old file or the new one); False when it could not
    be written (a full disk, no permission): the cache is an optimisation, never a reason to fail."""
    if path is None:
        return False
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
        return True
    except OSError:
        tmp.unlink(missing_ok=True)
        return False
