"""Publishing figures: a cold ``make publish`` + local ``make deploy``, then the same after editing one item.

``run([1000], workdir)`` → two rows per size: ``cold`` (empty publish cache, nothing deployed yet)
and ``warm`` (one item's body changed: the build, the checks of changed pages, the compression of
changed files, the manifest, and a deploy that sends only what changed). Each run is a fresh process
(bench/publish_worker.py). Seconds per phase, files and bytes sent; then a full ``make verify`` of
the live release (every file hashed, as the server's cron check does). Figures only, no assertions.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _worker(settings: Path, site: Path, today: str) -> dict:
    os.sync()     # the catalog or the last tree is on disk, not being written back meanwhile
    out = subprocess.run([sys.executable, "-m", "bench.publish_worker", str(settings), str(site), today], cwd=ROOT,
                         capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"publish worker failed: {(out.stderr or out.stdout)[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(sizes: list[int], workdir: Path) -> list[dict]:
    from bench.synth import END, edit_one, make_site
    from gongkai.publish import manifest as mf

    rows = []
    trash = []
    for n in sizes:
        site = Path(workdir) / f"publish-{n}"
        settings = make_site(n, site)
        # cold: no cache, no output, nothing deployed (a fresh CI runner and a new server). What an
        # earlier run left is moved aside and deleted after the measurements (deleting ~150,000 files
        # keeps the disk busy for a while).
        for name in (".cache", "output", "output.publish", "srv"):
            old, aside = site / name, site / f"{name.lstrip('.')}.old-bench"
            shutil.rmtree(aside, ignore_errors=True)
            if old.exists():
                old.rename(aside)
                trash.append(aside)
        for run_name in ("cold", "warm"):
            if run_name == "warm":
                edit_one(site, 7)
            row = {"items": n, "run": run_name, **_worker(settings, site, END.isoformat())}
            started = time.perf_counter()
            diff = mf.verify_tree(site / "srv" / "current", mf.load(site / "output" / mf.NAME))
            row.update(verify_full_s=round(time.perf_counter() - started, 1), verify_ok=diff.ok)
            rows.append(row)
    for path in trash:
        shutil.rmtree(path, ignore_errors=True)
    return rows
