"""What every check gets: the built output, its pages, the settings, and a problem collector."""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from urllib.parse import urlsplit

from plugins._shared.diagnostics import Problem, Problems, relpath

from .config import OFF


@dataclasses.dataclass
class Site:
    output: Path
    root: Path                      # repository root: message paths are relative to it
    settings: dict                  # Pelican settings
    cfg: dict                       # merged SITE_CHECKS
    pages: dict                     # site-relative path -> facts.Facts (checked pages only)
    files: set                      # every site-relative file in the output
    catalog: object = None
    items_by_page: dict = dataclasses.field(default_factory=dict)   # save_as (also mirrored) -> Item
    problems: Problems = dataclasses.field(default_factory=Problems)
    externals: dict = dataclasses.field(default_factory=dict)       # external URL -> [page paths]
    stats: dict = dataclasses.field(default_factory=dict)
    resolved: dict = dataclasses.field(default_factory=dict)       # (folder, URL) -> links.resolve()
    memo: dict = dataclasses.field(default_factory=dict)           # compiled rules, built once a run
    parsed: int = 0                                                  # pages parsed this run (the rest: cache)
    shown: Path | None = None     # the folder messages name (publishing checks a staging copy of it)

    def parse(self, page_path: str):
        """The page parsed again (:mod:`.scan`): for the lines of its problems."""
        from .scan import parse_page

        return parse_page(page_path, (self.output / page_path).read_text(encoding="utf-8", errors="replace"))

    def out_path(self, page_path: str) -> str:
        """A page's path for messages (``output/gk/…/index.html``)."""
        return relpath((self.shown or self.output) / page_path, self.root)

    def strip_mirror(self, path: str) -> tuple[str, str]:
        """(mirror prefix or '', path without it)."""
        for prefix in self.cfg["mirror_prefixes"]:
            if path.startswith(prefix):
                return prefix, path[len(prefix):]
        return "", path

    def report(self, check: str, path, line, key, message, fix="", label=""):
        level = self.cfg.get(check, "error")
        if level != OFF:
            # without a field key, the check's SITE_CHECKS name is the key: it says how to tune or turn it off
            self.problems.append(Problem(str(path), int(line or 0), key or check, message, fix, label, level))

    @property
    def site_host_path(self) -> tuple[str, str]:
        """(host, path prefix without trailing '/') of the production site."""
        siteurl = self.settings.get("SITEURL") or ""
        parts = urlsplit(siteurl)
        if parts.scheme in ("http", "https"):
            return parts.netloc.lower(), parts.path.rstrip("/")
        return (self.settings.get("SITE_DOMAIN") or "").lower(), ""


def list_files(output: Path) -> set[str]:
    found = set()
    for dirpath, _, filenames in os.walk(output):
        rel = os.path.relpath(dirpath, output).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found.update(prefix + f for f in filenames)
    return found


class Aggregate:
    """One problem per distinct issue, with a count and a few example locations."""

    def __init__(self):
        self.groups: dict = {}

    def add(self, key, path: str, line: int, example: str):
        group = self.groups.setdefault(key, {"path": path, "line": line, "count": 0, "examples": [], "seen": set()})
        if example in group["seen"]:
            return
        group["seen"].add(example)
        group["count"] += 1
        if len(group["examples"]) < 3:
            group["examples"].append(example)

    def items(self):
        return self.groups.items()


def examples_text(group: dict, unit: str = "个页面") -> str:
    more = "等" if group["count"] > len(group["examples"]) else ""
    return f"共 {group['count']} {unit}，如 {'、'.join(group['examples'])}{more}"
