"""sha256 of the files of a tree, each computed at most once: by content, reused by file identity.

The site checks, the compression and the manifest all need the sha256 of the same files;
:class:`Digests` hashes a file once per run and remembers, in the publish cache, each file's
digest with its identity ``(device, inode, size, mtime_ns, ctime_ns)``. A later run (or ``make
deploy`` checking ``output/`` before uploading it) reuses a digest only when that identity is
unchanged: any write to a file changes its ctime, which no one but root can set back, so a
changed file is always hashed again. A file with several links (a twin hard-linked from the
compression cache, or a page the build linked from the last output) may have its ctime changed by
another of its links being made or removed; for those, inode, size and mtime must match.
"""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from gongkai.engine import parallel

from . import cache

STORE = "digests.json"
VERSION = "digests-2"


def sha256_file(path) -> str:
    """sha256 of a regular file, opened without following a link and without blocking on a FIFO."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not a regular file")
        h = hashlib.sha256()
        while block := os.read(fd, 1 << 20):
            h.update(block)
    finally:
        os.close(fd)
    return h.hexdigest()


def walk(root: Path, skip: str = "", folders: dict | None = None) -> tuple[dict[str, os.stat_result], list[str]]:
    """(site-relative path -> lstat of everything under ``root`` that is not a folder, folders that
    could not be listed). Links are never followed; ``skip`` (a top-level name) is left out;
    ``folders`` (optional) receives path -> lstat of every folder below ``root``."""
    found: dict[str, os.stat_result] = {}
    unreadable: list[str] = []

    def visit(path: str, rel: str) -> None:
        try:
            entries = list(os.scandir(path))
        except OSError:
            unreadable.append(rel.rstrip("/") or ".")
            return
        for entry in entries:
            name = rel + entry.name
            try:
                st = entry.stat(follow_symlinks=False)
            except FileNotFoundError:          # removed while we looked
                continue
            if stat.S_ISDIR(st.st_mode):
                if folders is not None:
                    folders[name] = st
                visit(entry.path, name + "/")
            elif name != skip:
                found[name] = st

    visit(str(root), "")
    return found, unreadable


def identity(st: os.stat_result) -> list:
    """What a stored entry records of a file (its digest follows): device, inode, size, mtime, ctime,
    and whether it had several links."""
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, int(st.st_nlink > 1)]


def same_file(entry, st: os.stat_result) -> bool:
    """``entry`` (a stored identity + digest) still describes the file whose lstat is ``st``. A file
    that has or had several links (a page the build linked from the last output, whose old copy is
    then deleted; a twin from the compression cache) is judged without its ctime."""
    if len(entry) != 7:
        return False
    if st.st_nlink > 1 or entry[5]:
        return entry[:4] == [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]
    return entry[:5] == [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _hash_chunk(bounds: tuple[int, int]) -> list[str | None]:
    root, rels = parallel.shared()
    out = []
    for rel in rels[bounds[0]:bounds[1]]:
        try:
            out.append(sha256_file(f"{root}/{rel}"))
        except OSError:
            out.append(None)
    return out


def hash_many(root: Path, rels: list[str]) -> dict[str, str | None]:
    """sha256 of each file (None: it could not be read), in forked workers when there are many."""
    parts = parallel.map_tasks("hash", len(rels), _hash_chunk, parallel.chunks(len(rels), per_worker=8, minimum=50),
                               (str(root), rels))
    return dict(zip(rels, (digest for part in parts for digest in part)))


class Digests:
    """Digests of one tree for one run, seeded from the cache (``folder`` None: no cache)."""

    def __init__(self, folder: Path | None = None):
        self.path = folder / STORE if folder is not None else None
        data = cache.read_json(self.path, VERSION) or {}
        files = data.get("files")
        self.known: dict = files if isinstance(files, dict) else {}    # the last recorded tree
        self.now: dict = {}                                             # rel -> identity + digest, this run
        self.hashed = 0                                                 # files actually read this run

    def cached(self, rel: str, st: os.stat_result) -> str | None:
        for table in (self.now, self.known):
            entry = table.get(rel)
            if isinstance(entry, list) and same_file(entry, st):
                return entry[6]
        return None

    def note(self, rel: str, st: os.stat_result, digest: str) -> None:
        self.now[rel] = [*identity(st), digest]

    def previous(self, rel: str) -> tuple[str, int] | None:
        """(digest, mtime_ns) of ``rel`` in the tree recorded by the last successful publish."""
        entry = self.known.get(rel)
        if isinstance(entry, list) and len(entry) == 7:
            return entry[6], entry[3]
        return None

    def of(self, root: Path, stats: dict[str, os.stat_result]) -> dict[str, str | None]:
        """Digest of every regular file in ``stats`` (path -> lstat): reused or hashed."""
        out: dict[str, str | None] = {}
        todo = []
        for rel, st in stats.items():
            if not stat.S_ISREG(st.st_mode):
                continue
            digest = self.cached(rel, st)
            if digest is None:
                todo.append(rel)
            else:
                out[rel] = digest
                self.now.setdefault(rel, [*identity(st), digest])
        self.hashed += len(todo)
        for rel, digest in hash_many(root, sorted(todo)).items():
            out[rel] = digest
            if digest is not None:
                self.note(rel, stats[rel], digest)
        return out

    def save(self, keep) -> bool:
        """Record this run's digests of the paths in ``keep`` (the tree as published)."""
        return cache.write_json(self.path, {"version": VERSION,
                                            "files": {rel: self.now[rel] for rel in keep if rel in self.now}})
