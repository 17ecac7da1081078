"""Run Pelican into a scratch directory and move it into place only when the build is clean.

A failed build never leaves a half-written site where publishing would pick it up: the
new tree is written to ``<output>.partial`` and swapped in with two renames.
"""
from __future__ import annotations

import gc
import logging
import os
import shutil
import subprocess
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record):
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(record.getMessage())


def load_settings(settings_file: str | Path, **override) -> dict:
    return read_settings(str(settings_file), override=override or None)


def build(settings_file: str | Path = "pelicanconf.py", output: str | Path | None = None,
          fatal_warnings: bool = False, quiet: bool = False, incremental: bool = False,
          **override) -> tuple[int, dict]:
    """Build the site; return (exit code, stats). Exit 0 only if no errors (and no warnings if fatal).

    The default writes a complete new tree and swaps it in. ``incremental=True`` (the preview
    server, the rebuild benchmark) writes in place and, within one process, re-renders only pages
    whose inputs changed (see plugins/_shared/output.py); it is never used for publishing.
    """
    settings = load_settings(settings_file, **override)
    final = Path(output or settings["OUTPUT_PATH"]).resolve()
    partial = final if incremental else final.with_name(final.name + ".partial")
    if partial.exists() and not incremental:
        discard(partial, final)
    extra = {"DELETE_OUTPUT_DIRECTORY": False, "GONGKAI_INCREMENTAL": True} if incremental else {}
    settings = load_settings(settings_file, **{**override, **extra, "OUTPUT_PATH": str(partial)})
    counter = _Counter()
    root_logger = logging.getLogger()
    root_logger.addHandler(counter)
    if not quiet and not root_logger.handlers[:-1]:
        logging.basicConfig(level=logging.WARNING, format="%(message)s")
    started = time.perf_counter()
    thresholds = gc.get_threshold()
    # A build allocates millions of long-lived objects (items, postings): the default thresholds
    # collect them over and over for nothing (~2 % of the build at 20,000 items).
    gc.set_threshold(100_000, 50, 1000)
    try:
        Pelican(settings).run()
    finally:
        gc.set_threshold(*thresholds)
        root_logger.removeHandler(counter)
    elapsed = time.perf_counter() - started
    failed = bool(counter.errors) or (fatal_warnings and bool(counter.warnings))
    stats = {"seconds": elapsed, "errors": len(counter.errors), "warnings": len(counter.warnings),
             "output": str(final)}
    if incremental:
        return (1 if failed else 0), stats
    if failed:
        discard(partial, final)
        return 1, stats
    swap_into_place(partial, final)
    return 0, stats


def swap_into_place(partial: Path, final: Path) -> None:
    """Two renames; a process killed between them left ``final`` missing and ``old`` as the only copy."""
    old = final.with_name(final.name + ".old")
    if old.exists() and not final.exists():
        old.rename(final)
    if old.exists():
        discard(old, final)
    if final.exists():
        final.rename(old)
    partial.rename(final)
    if old.exists():
        discard(old, final)


TRASH = ".trash-"


def discard(tree: Path, final: Path) -> None:
    """Delete a replaced or failed tree without making the build wait for it.

    Deleting 50,000 files takes ~15 s on a slow disk. The tree is renamed to ``<final>.trash-*`` at
    once (publishing never looks there) and removed by a detached ``rm -rf`` that outlives this
    process; trash left by an interrupted removal is removed by the next build.
    """
    trash = final.with_name(f"{final.name}{TRASH}{os.getpid()}-{time.monotonic_ns()}")
    tree.rename(trash)
    leftovers = [p for p in final.parent.glob(f"{final.name}{TRASH}*") if p.is_dir()]
    # At the lowest CPU and disk priority: whatever runs next (publishing, checks) keeps the machine.
    polite = [arg for tool in (["nice", "-n", "19"], ["ionice", "-c", "3"]) if shutil.which(tool[0]) for arg in tool]
    try:
        subprocess.Popen([*polite, "rm", "-rf", "--", *map(str, leftovers)], start_new_session=True, close_fds=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:                      # no rm on this system: delete here
        for path in leftovers:
            shutil.rmtree(path, ignore_errors=True)
