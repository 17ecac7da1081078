"""Precompressed twins for nginx ``gzip_static``/``brotli_static``: ``x.html.gz`` and ``x.html.br``.

Deterministic: gzip with mtime 0 and no file name, brotli at a fixed quality, so the same site gives
the same bytes (and the same manifest). A twin is only written when it is smaller than the original.

With the publish cache (:mod:`.cache`), a file whose content was compressed before is never
compressed again: ``compress.json`` maps the sha256 of an original to its twins' sha256 and size,
and the twins' bytes are kept once each in ``objects/`` under their own sha256 and hard-linked into
the site (no copy, and the same mtime every time, so a deploy leaves them hard links to the live
release's copies on the server too). The cache key includes the compression settings and the versions of this code, zlib,
brotli and Python: a reused twin is byte for byte what compressing again would give. An object is
used only while its inode, size and mtime are the ones recorded when it was written; otherwise it
is hashed, and compressed again if its bytes are not its name.
"""
from __future__ import annotations

import dataclasses
import gzip
import hashlib
import os
import stat
import sys
import zlib
from pathlib import Path

from . import cache
from .digests import Digests, identity, same_file, sha256_file

DEFAULTS = {
    "PUBLISH_COMPRESS": ["gzip", "brotli"],
    "PUBLISH_COMPRESS_TYPES": [".html", ".css", ".js", ".json", ".xml", ".txt", ".csv", ".svg", ".map",
                               ".webmanifest", ".ico"],
    "PUBLISH_COMPRESS_MIN_BYTES": 256,
    "PUBLISH_BROTLI_QUALITY": 7,     # 11 is ~25× slower here for ~9% smaller files
}
SUFFIX = {"gzip": ".gz", "brotli": ".br"}
INDEX = "compress.json"
OBJECTS = "objects"
PARALLEL_FILES = 1000
_job: dict = {}


@dataclasses.dataclass
class Packed:
    twins: int = 0          # twins now in the tree
    compressed: int = 0     # originals compressed this run
    reused: int = 0         # originals whose twins came from the cache


def options(settings: dict) -> tuple[list[str], set[str], int, int]:
    """(kinds, file types, minimum size, brotli quality) of ``settings``; brotli only if installed."""
    get = lambda k: settings.get(k, DEFAULTS[k])  # noqa: E731
    kinds = [k for k in (get("PUBLISH_COMPRESS") or []) if k in SUFFIX]
    if "brotli" in kinds:
        try:
            import brotli  # noqa: F401
        except ImportError:
            kinds.remove("brotli")
    return (kinds, {t.lower() for t in get("PUBLISH_COMPRESS_TYPES")}, int(get("PUBLISH_COMPRESS_MIN_BYTES")),
            int(get("PUBLISH_BROTLI_QUALITY")))


def version_key(kinds: list[str], min_bytes: int, quality: int) -> str:
    libs = f"{kinds}|{min_bytes}|{quality}|zlib {zlib.ZLIB_RUNTIME_VERSION}"
    if "brotli" in kinds:
        import brotli

        libs += f"|brotli {getattr(brotli, '__version__', '?')}"
    return "compress-" + cache.code_version(sys.modules[__name__], extra=libs)


def candidates(root: Path, types) -> list[Path]:
    out = []
    for dirpath, _, filenames in os.walk(root):
        for name in filenames:
            if os.path.splitext(name)[1].lower() in types:
                out.append(Path(dirpath) / name)
    return sorted(out)


def pack(data: bytes, kind: str, quality: int) -> bytes:
    if kind == "gzip":
        return gzip.compress(data, compresslevel=9, mtime=0)
    import brotli

    return brotli.compress(data, quality=quality)


def _object(folder: Path, digest: str) -> Path:
    return folder / OBJECTS / digest[:2] / digest


def _store(folder: Path, data: bytes) -> tuple[str, int]:
    """Write ``data`` as an object (once; atomically) and return (sha256, size)."""
    digest = hashlib.sha256(data).hexdigest()
    target = _object(folder, digest)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{digest}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    return digest, len(data)


def _one(path: Path):
    """Compress one original; returns [(sha256, size) or None per kind] (None: no twin)."""
    kinds, min_bytes, quality, folder = _job["args"]
    data = path.read_bytes()
    out = []
    for kind in kinds:
        packed = pack(data, kind, quality) if len(data) >= min_bytes else None
        if packed is None or len(packed) >= len(data):
            out.append(None)
        elif folder is None:
            Path(f"{path}{SUFFIX[kind]}").write_bytes(packed)
            out.append((hashlib.sha256(packed).hexdigest(), len(packed)))
        else:
            out.append(_store(folder, packed))
    return out


def _run(paths: list[Path], args) -> list:
    _job["args"] = args
    try:
        cpus = os.cpu_count() or 1
        if len(paths) >= PARALLEL_FILES and cpus > 1:
            import multiprocessing

            with multiprocessing.get_context("fork").Pool(cpus) as pool:
                return pool.map(_one, paths, chunksize=50)
        return [_one(p) for p in paths]
    finally:
        _job.clear()


def _link(source: Path, twin: Path) -> None:
    try:
        os.link(source, twin)
    except FileExistsError:
        twin.unlink()
        os.link(source, twin)


class Store:
    """``compress.json``: original sha256 -> twins, and the identity of every object written."""

    def __init__(self, folder: Path | None, version: str):
        self.folder = folder
        self.version = version
        data = cache.read_json(folder / INDEX if folder else None, version) or {}
        self.entries: dict = data.get("entries") if isinstance(data.get("entries"), dict) else {}
        self.objects: dict = data.get("objects") if isinstance(data.get("objects"), dict) else {}
        self.used: dict = {}

    def usable(self, digest: str) -> os.stat_result | None:
        """The lstat of object ``digest`` if it still holds its bytes, else None (and it is forgotten)."""
        path = _object(self.folder, digest)
        try:
            st = os.lstat(path)
        except OSError:
            st = None
        if st is not None and stat.S_ISREG(st.st_mode):
            record = self.objects.get(digest)
            if isinstance(record, list) and same_file(record, st):
                return st
            try:
                if sha256_file(path) == digest:
                    st = os.lstat(path)
                    self.objects[digest] = [*identity(st), digest]
                    return st
            except OSError:
                pass
            path.unlink(missing_ok=True)
        self.objects.pop(digest, None)
        return None

    def lookup(self, digest: str, kinds: int) -> list | None:
        """The twins of an original, each with the lstat of its object, if all are usable."""
        entry = self.entries.get(digest)
        if not isinstance(entry, list) or len(entry) != kinds:
            return None
        out = []
        for twin in entry:
            if twin is None:
                out.append(None)
                continue
            st = self.usable(twin[0])
            if st is None or st.st_size != twin[1]:
                return None
            out.append((twin[0], st))
        return out

    def record(self, digest: str, twins: list) -> None:
        self.entries[digest] = [list(t) if t else None for t in twins]
        for twin in twins:
            if twin and twin[0] not in self.objects:
                self.objects[twin[0]] = [*identity(os.lstat(_object(self.folder, twin[0]))), twin[0]]

    def save(self) -> None:
        """Keep the entries used by this run; delete the objects nothing uses any more."""
        live = {t[0] for entry in self.used.values() for t in entry if t}
        for digest in set(self.objects) - live:
            _object(self.folder, digest).unlink(missing_ok=True)
        cache.write_json(self.folder / INDEX, {"version": self.version, "entries": self.used,
                                              "objects": {d: self.objects[d] for d in live if d in self.objects}})


def compress_tree(root: Path, settings: dict, digests: Digests | None = None, folder: Path | None = None) -> Packed:
    """Write the twins of every text file under ``root``. ``folder``: the publish cache (None: none);
    ``digests``: the run's :class:`Digests` (given the twins' digests, so the manifest reads none)."""
    root = Path(root)
    kinds, types, min_bytes, quality = options(settings)
    result = Packed()
    if not kinds:
        return result
    files = candidates(root, types)
    if folder is None:
        for twins in _run(files, (kinds, min_bytes, quality, None)):
            result.twins += sum(1 for t in twins if t)
        result.compressed = len(files)
        return result
    digests = digests or Digests(None)
    store = Store(folder, version_key(kinds, min_bytes, quality))
    rels = [f.relative_to(root).as_posix() for f in files]
    stats = {rel: os.lstat(f) for rel, f in zip(rels, files)}
    sums = digests.of(root, stats)
    plan, todo = {}, []
    for rel, path in zip(rels, files):
        digest = sums.get(rel)
        found = store.lookup(digest, len(kinds)) if digest else None
        if found is None:
            todo.append((rel, path, digest))
        else:
            plan[rel] = found
            store.used[digest] = store.entries[digest]
            result.reused += 1
    for (rel, _, digest), twins in zip(todo, _run([p for _, p, _ in todo], (kinds, min_bytes, quality, folder))):
        if digest:                   # None: unreadable when hashed, yet read now (a race): not cached
            store.record(digest, twins)
            store.used[digest] = store.entries[digest]
        plan[rel] = [(t[0], os.lstat(_object(folder, t[0]))) if t else None for t in twins]
        result.compressed += 1
    for rel in rels:
        for kind, twin in zip(kinds, plan[rel]):
            if twin is None:
                continue
            digest, st = twin
            _link(_object(folder, digest), root / f"{rel}{SUFFIX[kind]}")
            digests.note(f"{rel}{SUFFIX[kind]}", st, digest)
            result.twins += 1
    store.save()
    return result
