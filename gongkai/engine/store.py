"""The persistent build cache in ``.cache/build/`` — content-addressed, safe to delete at any time.

Two kinds of entries:

* **blobs** in one SQLite file (``store.sqlite``), by namespace and key: a parsed and rendered item
  keyed by the SHA-256 of its file's bytes and of everything that shapes it (code, taxonomy,
  settings); an item's search-term counts keyed by its content digest … A key says everything the
  value depends on, so a hit is always right and a stale entry is simply never asked for again.
* **trees**: for each site (output folder), the fingerprint of every page of its last complete build,
  which is the output folder itself. The next build into a fresh folder hard-links a page from there
  instead of rendering it when its fingerprint is unchanged — the same bytes a render would produce.

Deleting the folder costs one cold build. CI restores and saves it between runs (``docs/ci/``).
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path

from . import parallel

VERSION = 1


class Store:
    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._db = None
        self._pid = 0
        self.touched: dict[str, set] = {}      # namespace -> keys read or written by this process
        # create the file, its table and WAL mode now, in this process: forked workers that are the
        # first to open a new store would otherwise race to set it up ("database is locked")
        self.db  # noqa: B018 - opens and sets up the file
        self.close()

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():   # a forked worker opens its own connection
            self._pid = os.getpid()
            self._db = sqlite3.connect(self.folder / "store.sqlite", timeout=60, isolation_level=None)
            parallel.close_before_fork(self)
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
        self.touched.setdefault(ns, set()).update(keys)
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            rows = self.db.execute(f"SELECT key, value FROM blobs WHERE ns = ? AND key IN ({','.join('?' * len(part))})",
                                   [ns, *part])
            found.update(rows)
        return found

    def has_many(self, ns: str, keys: list[str]) -> set[str]:
        """The keys of ``keys`` the store holds (their values are not read)."""
        keys = list(dict.fromkeys(keys))
        self.touched.setdefault(ns, set()).update(keys)
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            found.update(row[0] for row in self.db.execute(
                f"SELECT key FROM blobs WHERE ns = ? AND key IN ({','.join('?' * len(part))})", [ns, *part]))
        return found

    def put_many(self, ns: str, pairs) -> None:
        pairs = list(pairs)
        if not pairs:
            return
        self.touched.setdefault(ns, set()).update(key for key, _ in pairs)
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("INSERT OR REPLACE INTO blobs (ns, key, value) VALUES (?, ?, ?)",
                                [(ns, key, value) for key, value in pairs])

    def export(self, path: Path, namespaces: tuple[str, ...]) -> int:
        """Copy the entries of ``namespaces`` this process used into a new store file ``path`` (a shard's
        parsed items and search counts, for the merge on another machine); returns how many."""
        out = Store.__new__(Store)
        out.folder, out._db, out._pid, out.touched = Path(path).parent, None, 0, {}
        Path(path).unlink(missing_ok=True)
        out._db = sqlite3.connect(path, isolation_level=None)
        out._pid = os.getpid()
        out._db.execute("CREATE TABLE blobs (ns TEXT, key TEXT, value BLOB, PRIMARY KEY (ns, key)) WITHOUT ROWID")
        count = 0
        for ns in namespaces:
            rows = self.get_many(ns, sorted(self.touched.get(ns, ())))
            out.put_many(ns, rows.items())
            count += len(rows)
        out.close()
        return count

    def absorb(self, path: Path) -> int:
        """Add every entry of another store file (a shard's export) to this store; returns how many."""
        source = sqlite3.connect(path)
        try:
            rows = source.execute("SELECT ns, key, value FROM blobs").fetchall()
        finally:
            source.close()
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("INSERT OR IGNORE INTO blobs (ns, key, value) VALUES (?, ?, ?)", rows)
        return len(rows)

    def drop_prefix(self, ns: str, prefix: str, keep: set[str]) -> None:
        """Forget the entries of ``ns`` whose key starts with ``prefix``, except ``keep``."""
        known = [row[0] for row in self.db.execute("SELECT key FROM blobs WHERE ns = ? AND key >= ? AND key < ?",
                                                   (ns, prefix, prefix + "\uffff"))]
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("DELETE FROM blobs WHERE ns = ? AND key = ?", [(ns, k) for k in known if k not in keep])

    def drop(self, ns: str, keep: set[str]) -> None:
        """Forget the entries of ``ns`` not in ``keep`` (the cache does not grow without bound)."""
        known = [row[0] for row in self.db.execute("SELECT key FROM blobs WHERE ns = ?", (ns,))]
        stale = [k for k in known if k not in keep]
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("DELETE FROM blobs WHERE ns = ? AND key = ?", [(ns, k) for k in stale])

    def sweep(self, final: Path, used: dict[str, set]) -> int:
        """Forget the entries no site needs any more; returns how many.

        ``used``: namespace -> the keys the complete build of the site ``final`` just used. An entry that
        the last complete build of this site used and this one does not (its item changed, or whatever
        every key holds: taxonomy.yml, a setting, the code) is deleted unless the last complete build of
        another site sharing the store (``make html`` and ``make publish`` into their own folders) still
        uses it; sites whose folder is gone no longer count. Without this the store would grow by a whole
        catalog's entries at every such change: 1–2 GB at 100,000 items (measured). Only the ``used`` table (a key
        per row) is read, never the entries themselves; entries that no complete build ever used (a
        preview's parse of a file saved halfway) stay until the cache is deleted. SQLite reuses the space
        of deleted entries; the file does not shrink."""
        db = self.db
        site = self.site_key(final)
        db.execute("CREATE TABLE IF NOT EXISTS used (site TEXT, ns TEXT, key TEXT, PRIMARY KEY (site, ns, key))"
                   " WITHOUT ROWID")
        db.execute("CREATE TABLE IF NOT EXISTS sites (site TEXT PRIMARY KEY, path TEXT)")
        gone = [other for other, path in db.execute("SELECT site, path FROM sites").fetchall()
                if other != site and not os.path.isdir(path)]
        removed = 0
        with db:
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT OR REPLACE INTO sites (site, path) VALUES (?, ?)", (site, str(Path(final).resolve())))
            dropped: dict[str, set] = {}
            for other in gone:
                for ns, key in db.execute("SELECT ns, key FROM used WHERE site = ?", (other,)).fetchall():
                    dropped.setdefault(ns, set()).add(key)
                db.execute("DELETE FROM sites WHERE site = ?", (other,))
                db.execute("DELETE FROM used WHERE site = ?", (other,))
            for ns, keys in used.items():
                before = {row[0] for row in db.execute("SELECT key FROM used WHERE site = ? AND ns = ?", (site, ns))}
                db.executemany("DELETE FROM used WHERE site = ? AND ns = ? AND key = ?",
                               [(site, ns, k) for k in before - keys])
                db.executemany("INSERT INTO used (site, ns, key) VALUES (?, ?, ?)", [(site, ns, k) for k in keys - before])
                candidates = (before - keys) | (dropped.get(ns, set()) - keys)
                if candidates:
                    needed = {row[0] for row in db.execute("SELECT key FROM used WHERE ns = ?", (ns,))}
                    stale = [(ns, k) for k in candidates - needed]
                    db.executemany("DELETE FROM blobs WHERE ns = ? AND key = ?", stale)
                    removed += len(stale)
        return removed

    # --- trees -------------------------------------------------------------------------------------
    @staticmethod
    def site_key(final: Path) -> str:
        return hashlib.sha1(str(Path(final).resolve()).encode()).hexdigest()[:16]

    def _record(self, final: Path, kind: str) -> Path:
        return self.folder / "trees" / f"{self.site_key(final)}.{kind}.json"

    def tree(self, final: Path) -> tuple[Path | None, dict]:
        """(folder, {save_as: fingerprint}) of the last complete build of this site: the output folder
        ``final`` itself, as long as it is the very folder that build swapped in (same inode)."""
        try:
            data = json.loads(self._record(final, "tree").read_text(encoding="utf-8"))
            st = os.stat(final)
        except (OSError, ValueError):
            return None, {}
        if data.get("version") != VERSION or data.get("inode") != [st.st_dev, st.st_ino]:
            return None, {}
        return Path(final), data["prints"]

    def save_tree(self, final: Path, prints: dict) -> float:
        """Remember that ``final`` (a complete, successful build just swapped in) holds these pages.

        The next build of the site hard-links its unchanged pages from there into its new tree: no copy
        is made, and the old tree can be deleted as usual once the new one is in place."""
        started = time.perf_counter()
        try:
            st = os.stat(final)
            self._write(self._record(final, "tree"), {"version": VERSION, "inode": [st.st_dev, st.st_ino],
                                                       "prints": prints})
        except OSError:
            pass                      # only an optimisation: the next build renders everything
        return time.perf_counter() - started

    def in_place_prints(self, folder: Path) -> dict:
        """Fingerprints of the files an in-place build (the preview) left in ``folder``."""
        try:
            rows = self.db.execute("SELECT key, value FROM blobs WHERE ns = ?", (self._in_place(folder),))
            return {key: bytes(value).decode() for key, value in rows}
        except sqlite3.Error:
            return {}

    def save_in_place_prints(self, folder: Path, prints: dict, saved: dict) -> bool:
        """Record ``prints`` for ``folder``, where ``saved`` is what the store holds now: only the
        difference is written (a one-page rebuild of a 100,000-item preview writes a few rows, not a
        record of 230,000 pages). False when the store could not be written (the caller keeps ``saved``)."""
        ns = self._in_place(folder)
        changed = [(key, value.encode()) for key, value in prints.items() if saved.get(key) != value]
        gone = [(ns, key) for key in saved if key not in prints]
        if not changed and not gone:
            return True
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.executemany("INSERT OR REPLACE INTO blobs (ns, key, value) VALUES (?, ?, ?)",
                                    [(ns, key, value) for key, value in changed])
                self.db.executemany("DELETE FROM blobs WHERE ns = ? AND key = ?", gone)
        except sqlite3.Error:
            return False
        return True

    def _in_place(self, folder: Path) -> str:
        return f"in-place:{VERSION}:{self.site_key(folder)}"

    @staticmethod
    def _write(path: Path, data: dict) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)


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
