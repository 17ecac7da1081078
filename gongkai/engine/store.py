"""The persistent build cache in ``.cache/build/`` — content-addressed, safe to delete at any time.

Two kinds of entries:

* **blobs** in one SQLite file (``store.sqlite``), by namespace and key: a parsed and rendered item
  keyed by the SHA-256 of its file's bytes and of everything that shapes it (code, taxonomy,
  settings); an item's search-term counts keyed by its content digest … A key says everything the
  value depends on, so a hit is always right and a stale entry is simply never asked for again.
* **trees**: the last complete output of each site (one per output folder), as hard links, with the
  fingerprint of every page in it. A build into a fresh folder links a page from there instead of
  rendering it when its fingerprint is unchanged — the same bytes a render would produce.

Deleting the folder costs one cold build. CI restores and saves it between runs (``docs/ci/``).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

VERSION = 1


class Store:
    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._db = None
        self._pid = 0

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():   # a forked worker opens its own connection
            self._pid = os.getpid()
            self._db = sqlite3.connect(self.folder / "store.sqlite", timeout=60, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS blobs (ns TEXT, key TEXT, value BLOB, PRIMARY KEY (ns, key))"
                             " WITHOUT ROWID")
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __getstate__(self):
        return {"folder": self.folder, "_db": None, "_pid": 0}

    # --- blobs -------------------------------------------------------------------------------------
    def get_many(self, ns: str, keys: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        keys = list(dict.fromkeys(keys))
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            rows = self.db.execute(f"SELECT key, value FROM blobs WHERE ns = ? AND key IN ({','.join('?' * len(part))})",
                                   [ns, *part])
            found.update(rows)
        return found

    def put_many(self, ns: str, pairs) -> None:
        pairs = list(pairs)
        if not pairs:
            return
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO blobs (ns, key, value) VALUES (?, ?, ?)",
                                [(ns, key, value) for key, value in pairs])

    def drop(self, ns: str, keep: set[str]) -> None:
        """Forget the entries of ``ns`` not in ``keep`` (the cache does not grow without bound)."""
        known = [row[0] for row in self.db.execute("SELECT key FROM blobs WHERE ns = ?", (ns,))]
        stale = [k for k in known if k not in keep]
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("DELETE FROM blobs WHERE ns = ? AND key = ?", [(ns, k) for k in stale])

    # --- trees -------------------------------------------------------------------------------------
    @staticmethod
    def site_key(final: Path) -> str:
        return hashlib.sha1(str(Path(final).resolve()).encode()).hexdigest()[:16]

    def tree(self, final: Path) -> tuple[Path | None, dict]:
        """(folder, {save_as: fingerprint}) of the last complete tree of the site built into ``final``."""
        key = self.site_key(final)
        folder, prints = self.folder / "trees" / key, self.folder / "trees" / f"{key}.json"
        try:
            data = json.loads(prints.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None, {}
        if data.get("version") != VERSION or not folder.is_dir():
            return None, {}
        return folder, data["prints"]

    def in_place_prints(self, folder: Path) -> dict:
        """Fingerprints of the files an in-place build (the preview) left in ``folder``."""
        try:
            data = json.loads((self.folder / "trees" / f"{self.site_key(folder)}.in-place.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data.get("prints", {}) if data.get("version") == VERSION else {}

    def save_in_place_prints(self, folder: Path, prints: dict) -> None:
        path = self.folder / "trees" / f"{self.site_key(folder)}.in-place.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps({"version": VERSION, "prints": prints}, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)

    def save_tree(self, final: Path, prints: dict) -> float:
        """Remember ``final`` (a complete, successful build) as its site's tree; returns the seconds spent.

        The tree is only an optimisation: when it cannot be made (the output on another file system, a
        full disk) the next build renders everything, and this build is not affected."""
        started = time.perf_counter()
        key = self.site_key(final)
        trees = self.folder / "trees"
        new, current = trees / f"{key}.new-{os.getpid()}", trees / key
        shutil.rmtree(new, ignore_errors=True)
        (trees / f"{key}.json").unlink(missing_ok=True)      # prints and tree must never disagree
        try:
            link_tree(Path(final), new)
        except OSError:
            shutil.rmtree(new, ignore_errors=True)
            shutil.rmtree(current, ignore_errors=True)
            return time.perf_counter() - started
        if current.exists():
            old = trees / f"{key}.old-{os.getpid()}"
            current.rename(old)
            shutil.rmtree(old, ignore_errors=True)
        new.rename(current)
        tmp = trees / f"{key}.json.tmp"
        tmp.write_text(json.dumps({"version": VERSION, "prints": prints}, ensure_ascii=False), encoding="utf-8")
        tmp.replace(trees / f"{key}.json")
        return time.perf_counter() - started


def link_tree(source: Path, dest: Path) -> int:
    """Hard-link every regular file of ``source`` into ``dest`` (same layout); returns the count."""
    count = 0
    src_root = str(source)
    for dirpath, _dirnames, filenames in os.walk(src_root):
        rel = os.path.relpath(dirpath, src_root)
        target_dir = os.path.join(dest, rel) if rel != "." else str(dest)
        os.makedirs(target_dir, exist_ok=True)
        for name in filenames:
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                continue
            os.link(path, os.path.join(target_dir, name))
            count += 1
    return count


def code_digest(*packages: str) -> str:
    """Digest of the source files of ``packages`` (folders under the repository): a cache key part, so a
    code change never serves an entry made by older code."""
    root = Path(__file__).resolve().parents[2]
    h = hashlib.sha1()
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()
