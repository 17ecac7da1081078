"""``make check`` benchmark (issue 12): the pull-request check on N synthetic items, cold and warm.

Cold: a fresh checkout (no ``.cache/``: attachment texts extracted); warm: the same check again, as on
an editor's second push. Each run is a real ``python -m gongkai check`` process; peak RSS from
``resource.getrusage`` of the child.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import synth

ROOT = Path(__file__).resolve().parent.parent


def _check(settings: Path) -> tuple[float, int, int]:
    """(seconds, peak RSS in MB, exit code) of one ``gongkai check``."""
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "gongkai", "check", "-s", str(settings)], cwd=ROOT,
                         capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(seconds, 1), round(max(peak, before) / 1024), out.returncode


def run(sizes: list[int], workdir: Path) -> list[dict]:
    rows = []
    for n in sizes:
        site = workdir / f"check-{n}"
        settings = synth.make_site(n, site)
        shutil.rmtree(site / ".cache", ignore_errors=True)
        attachments = sum(1 for p in (site / "catalog").rglob("*") if p.is_file() and p.suffix.lower() in (".pdf", ".xlsx", ".docx"))
        cold, rss, code = _check(settings)
        warm, _, _ = _check(settings)
        rows.append({"items": n, "attachments": attachments, "check_cold_s": cold, "check_warm_s": warm,
                     "peak_rss_MB": rss, "exit": code})
    return rows
