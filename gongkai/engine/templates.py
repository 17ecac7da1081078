"""Compiled templates shared by every Jinja environment of a build, and kept between builds.

Pelican gives each generator its own Jinja environment, so one build compiled the theme's base
templates about ten times over (68 compilations for 25 templates, ~0.7 s of a 1,000-item build).
:class:`BytecodeCache` is handed to all of them (``JINJA_ENVIRONMENT["bytecode_cache"]``): a template
is compiled once per build, and with the persistent cache on, once until it changes
(``.cache/jinja``; Jinja checks each entry against the template's source, so an edited template is
compiled again and a stale entry is never used).
"""
from __future__ import annotations

from pathlib import Path

from jinja2.bccache import Bucket, FileSystemBytecodeCache
from jinja2.bccache import BytecodeCache as _Base

NAME = "gongkai-bytecode-cache"


class BytecodeCache(_Base):
    """Jinja bytecode in this process's memory, backed by ``folder`` when given."""

    def __init__(self, folder: Path | None = None):
        self.memory: dict[str, bytes] = {}
        self.disk = None
        if folder is not None:
            try:
                Path(folder).mkdir(parents=True, exist_ok=True)
                self.disk = FileSystemBytecodeCache(str(folder))
            except OSError:       # no cache folder: templates are compiled once per build instead
                self.disk = None

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.memory.get(bucket.key)
        if data is None and self.disk is not None:
            self.disk.load_bytecode(bucket)
            if bucket.code is not None:
                self.memory[bucket.key] = bucket.bytecode_to_string()
            return
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.memory[bucket.key] = bucket.bytecode_to_string()
        if self.disk is not None:
            try:
                self.disk.dump_bytecode(bucket)
            except OSError:       # a read-only or full cache folder costs a compilation, nothing else
                pass

    # Settings are digested (a changed setting re-renders every page) and deep-copied by Pelican:
    # the cache is the same object everywhere and digests as one constant string.
    def __str__(self) -> str:
        return NAME

    __repr__ = __str__

    def __deepcopy__(self, memo) -> BytecodeCache:
        return self


def install(settings: dict, folder: Path | None) -> None:
    """Give the build's Jinja environments one bytecode cache (``folder``: kept between builds) and
    turn off their per-lookup freshness check (a build's templates do not change while it runs;
    every build makes new environments)."""
    env = dict(settings.get("JINJA_ENVIRONMENT") or {})
    env.setdefault("auto_reload", False)
    env["bytecode_cache"] = BytecodeCache(folder)
    settings["JINJA_ENVIRONMENT"] = env
