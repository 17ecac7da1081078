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

from gongkai.engine import parallel

from . import cache
from .digests import Digests, identity, same_file, sha256_file

DEFAULTS = {
    "PUBLISH_COMPRESS": ["gzip", "brotli"],
    "PUBLISH_COMPRESS_TYPES": [".html", ".css", ".js", ".json", ".xml", ".txt", ".csv", ".svg", ".map",
                               ".webmanifest", ".ico"],
    "PUBLISH_COMPRESS_MIN_BYTES": 256,
    "PUBLISH_BROTLI_QUALITY": 7,     # 11 is ~25× slower here for ~9% smaller files
    "PUBLISH_GZIP_LEVEL": 6,         # 9 takes twice as long for files 1.5 % smaller (browsers take .br first)
}
SUFFIX = {"gzip": ".gz", "brotli": ".br"}
INDEX = "compress.json"
OBJECTS = "objects"


@dataclasses.dataclass
class Packed:
    twins: int = 0          # twins now in the tree
    compressed: int = 0     # originals compressed this run
    reused: int = 0         # originals whose twins came from the cache


def options(settings: dict) -> tuple[list[str], set[str], int, int, int]:
    """(kinds, file types, minimum size, brotli quality, gzip level) of ``settings``; brotli only if installed."""
    get = lambda k: settings.get(k, DEFAULTS[k])  # noqa: E731
    kinds = [k for k in (get("PUBLISH_COMPRESS") or []) if k in SUFFIX]
    if "brotli" in kinds:
        try:
            import brotli  # noqa: F401
        except ImportError:
            kinds.remove("brotli")
    return (kinds, {t.lower() for t in get("PUBLISH_COMPRESS_TYPES")}, int(get("PUBLISH_COMPRESS_MIN_BYTES")),
            int(get("PUBLISH_BROTLI_QUALITY")), int(get("PUBLISH_GZIP_LEVEL")))


def version_key(kinds: list[str], min_bytes: int, quality: int, level: int) -> str:
    libs = f"{kinds}|{min_bytes}|{quality}|{level}|zlib {zlib.ZLIB_RUNTIME_VERSION}"
    if "brotli" in kinds:
        import brotli

        libs += f"|brotli {getattr(brotli, '__version__', '?')}"
    return "compress-" + cache.code_version(sys.modules[__name__], extra=libs)


def candidates(root: Path, types) -> list[str]:
    """Site-relative paths of the files to compress, sorted (strings: pathlib costs seconds here)."""
    out = []
    top = str(root)
    for dirpath, _, filenames in os.walk(top):
        rel = os.path.relpath(dirpath, top).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        out.extend(prefix + name for name in filenames if os.path.splitext(name)[1].lower() in types)
    return sorted(out)


def pack(data: bytes, kind: str, quality: int, level: int = 6) -> bytes:
    if kind == "gzip":
        return gzip.compress(data, compresslevel=level, mtime=0)
    import brotli

    return brotli.compress(data, quality=quality)


def _object(folder, digest: str) -> str:
    return f"{folder}/{OBJECTS}/{digest[:2]}/{digest}"


def _store(folder, data: bytes) -> tuple[str, int]:
    """Write ``data`` as an object (once; atomically) and return (sha256, size)."""
    digest = hashlib.sha256(data).hexdigest()
    target = _object(folder, digest)
    if not os.path.exists(target):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        tmp = f"{os.path.dirname(target)}/.{digest}.{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    return digest, len(data)


def _one(path: str, args):
    """Compress one original; returns [(sha256, size) or None per kind] (None: no twin)."""
    kinds, min_bytes, quality, level, folder = args
    with open(path, "rb") as fh:
        data = fh.read()
    out = []
    for kind in kinds:
        packed = pack(data, kind, quality, level) if len(data) >= min_bytes else None
        if packed is None or len(packed) >= len(data):
            out.append(None)
        elif folder is None:
            Path(f"{path}{SUFFIX[kind]}").unlink(missing_ok=True)     # never write through a hard link
            with open(f"{path}{SUFFIX[kind]}", "wb") as fh:
                fh.write(packed)
            out.append((hashlib.sha256(packed).hexdigest(), len(packed)))
        else:
            out.append(_store(folder, packed))
    return out


def _run_chunk(bounds: tuple[int, int]) -> list:
    paths, args = parallel.shared()
    return [_one(p, args) for p in paths[bounds[0]:bounds[1]]]


def _run(paths: list[str], args) -> list:
    parts = parallel.map_tasks("compress", len(paths), _run_chunk, parallel.chunks(len(paths), per_worker=8, minimum=50),
                               (paths, args))
    return [row for part in parts for row in part]


def _link(source: str, twin: str) -> None:
    try:
        os.link(source, twin)
    except FileExistsError:
        os.unlink(twin)
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
            try:
                os.unlink(path)
            except OSError:
                pass
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
            try:
                os.unlink(_object(self.folder, digest))
            except FileNotFoundError:
                pass
        cache.write_json(self.folder / INDEX, {"version": self.version, "entries": self.used,
                                              "objects": {d: self.objects[d] for d in live if d in self.objects}})


def compress_tree(root: Path, settings: dict, digests: Digests | None = None, folder: Path | None = None,
                  stats: dict | None = None) -> Packed:
    """Write the twins of every text file under ``root``. ``folder``: the publish cache (None: none);
    ``digests``: the run's :class:`Digests` (given the twins' digests, so the manifest reads none);
    ``stats``: path -> lstat of every file of ``root``, when the caller has listed it."""
    top = str(root)
    kinds, types, min_bytes, quality, level = options(settings)
    result = Packed()
    if not kinds:
        return result
    if stats is None:
        rels = candidates(root, types)
    else:
        rels = sorted(r for r, st in stats.items() if stat.S_ISREG(st.st_mode)
                      and os.path.splitext(r)[1].lower() in types and not r.endswith(tuple(SUFFIX.values())))
    stats = stats or {}
    paths = [f"{top}/{rel}" for rel in rels]
    if folder is None:
        for twins in _run(paths, (kinds, min_bytes, quality, level, None)):
            result.twins += sum(1 for t in twins if t)
        result.compressed = len(paths)
        return result
    digests = digests or Digests(None)
    store = Store(folder, version_key(kinds, min_bytes, quality, level))
    sums = digests.of(Path(top), {rel: stats.get(rel) or os.lstat(path) for rel, path in zip(rels, paths)})
    plan, todo = {}, []
    for rel, path in zip(rels, paths):
        digest = sums.get(rel)
        found = store.lookup(digest, len(kinds)) if digest else None
        if found is None:
            todo.append((rel, path, digest))
        else:
            plan[rel] = found
            store.used[digest] = store.entries[digest]
            result.reused += 1
    for (rel, _, digest), twins in zip(todo, _run([p for _, p, _ in todo], (kinds, min_bytes, quality, level, folder))):
        if digest:                   # None: unreadable when hashed, yet read now (a race): not cached
            store.record(digest, twins)
            store.used[digest] = store.entries[digest]
        plan[rel] = [(t[0], os.lstat(_object(folder, t[0]))) if t else None for t in twins]
        result.compressed += 1
    for rel, path in zip(rels, paths):
        for kind, twin in zip(kinds, plan[rel]):
            if twin is None:
                continue
            digest, st = twin
            _link(_object(folder, digest), path + SUFFIX[kind])
            digests.note(rel + SUFFIX[kind], st, digest)
            result.twins += 1
    store.save()
    return result
