"""Precompressed twins for nginx ``gzip_static``/``brotli_static``: ``x.html.gz`` and ``x.html.br``.

Deterministic: gzip with mtime 0 and no file name, so the same site gives the same bytes (and the
same manifest). A twin is only written when it is smaller than the original.
"""
from __future__ import annotations

import gzip
import os
from pathlib import Path

DEFAULTS = {
    "PUBLISH_COMPRESS": ["gzip", "brotli"],
    "PUBLISH_COMPRESS_TYPES": [".html", ".css", ".js", ".json", ".xml", ".txt", ".csv", ".svg", ".map",
                               ".webmanifest", ".ico"],
    "PUBLISH_COMPRESS_MIN_BYTES": 256,
    "PUBLISH_BROTLI_QUALITY": 7,     # 11 is ~25× slower here for ~9% smaller files
}
PARALLEL_FILES = 1000
_job: dict = {}


def candidates(root: Path, types) -> list[Path]:
    out = []
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            if os.path.splitext(name)[1].lower() in types:
                out.append(Path(dirpath) / name)
    return sorted(out)


def _one(path: Path) -> int:
    kinds, min_bytes, quality = _job["args"]
    data = path.read_bytes()
    if len(data) < min_bytes:
        return 0
    written = 0
    if "gzip" in kinds:
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) < len(data):
            Path(f"{path}.gz").write_bytes(packed)
            written += 1
    if "brotli" in kinds:
        import brotli

        packed = brotli.compress(data, quality=quality)
        if len(packed) < len(data):
            Path(f"{path}.br").write_bytes(packed)
            written += 1
    return written


def compress_tree(root: Path, settings: dict) -> int:
    """Write the twins of every text file under ``root``; returns the number of files written."""
    get = lambda k: settings.get(k, DEFAULTS[k])  # noqa: E731
    kinds = list(get("PUBLISH_COMPRESS") or [])
    if "brotli" in kinds:
        try:
            import brotli  # noqa: F401
        except ImportError:
            kinds.remove("brotli")
    if not kinds:
        return 0
    files = candidates(Path(root), {t.lower() for t in get("PUBLISH_COMPRESS_TYPES")})
    _job["args"] = (kinds, int(get("PUBLISH_COMPRESS_MIN_BYTES")), int(get("PUBLISH_BROTLI_QUALITY")))
    try:
        cpus = os.cpu_count() or 1
        if len(files) >= PARALLEL_FILES and cpus > 1:
            import multiprocessing

            with multiprocessing.get_context("fork").Pool(cpus) as pool:
                return sum(pool.map(_one, files, chunksize=100))
        return sum(_one(f) for f in files)
    finally:
        _job.clear()
