"""Run Pelican into a scratch directory and move it into place only when the build is clean.

A failed build never leaves a half-written site where publishing would pick it up: the
new tree is written to ``<output>.partial`` and swapped in with two renames.
"""
from __future__ import annotations

import logging
import shutil
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
          fatal_warnings: bool = False, quiet: bool = False, **override) -> tuple[int, dict]:
    """Build the site; return (exit code, stats). Exit 0 only if no errors (and no warnings if fatal)."""
    settings = load_settings(settings_file, **override)
    final = Path(output or settings["OUTPUT_PATH"]).resolve()
    partial = final.with_name(final.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    settings = load_settings(settings_file, **{**override, "OUTPUT_PATH": str(partial)})
    counter = _Counter()
    root_logger = logging.getLogger()
    root_logger.addHandler(counter)
    if not quiet and not root_logger.handlers[:-1]:
        logging.basicConfig(level=logging.WARNING, format="%(message)s")
    started = time.perf_counter()
    try:
        Pelican(settings).run()
    finally:
        root_logger.removeHandler(counter)
    elapsed = time.perf_counter() - started
    failed = bool(counter.errors) or (fatal_warnings and bool(counter.warnings))
    stats = {"seconds": elapsed, "errors": len(counter.errors), "warnings": len(counter.warnings),
             "output": str(final)}
    if failed:
        shutil.rmtree(partial, ignore_errors=True)
        return 1, stats
    swap_into_place(partial, final)
    return 0, stats


def swap_into_place(partial: Path, final: Path) -> None:
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    partial.rename(final)
    if old.exists():
        shutil.rmtree(old)
