"""Page weight and 繁体-mirror cost (issue 3): gzip bytes of HTML + CSS + JS for the home page and an item
page, and the extra build time of the zh-hant mirror, on synthetic catalogs (bench/synth.py).

The build runs without plugins.hant; the mirror is then written on that output and timed on its own,
so ``hant_extra_pct`` is the mirror's share on top of the rest of the build (wall time) and
``hant_extra_cpu_pct`` the same in CPU time (steadier on a busy machine).
"""
from __future__ import annotations

import gzip
import re
import resource
import statistics
import time
from pathlib import Path

from . import synth

ROOT = Path(__file__).resolve().parent.parent
ASSET = re.compile(r"""<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)\"""")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(output: Path, page: str) -> dict:
    """gzip bytes of a page's HTML and of every stylesheet and script it loads (site-relative URLs)."""
    html = (output / page).read_bytes()
    assets = [output / url.lstrip("/") for url in ASSET.findall(html.decode("utf-8")) if url.startswith("/")]
    css = sum(gz(p.read_bytes()) for p in assets if p.suffix == ".css")
    js = sum(gz(p.read_bytes()) for p in assets if p.suffix == ".js")
    return {"html": gz(html), "css": css, "js": js, "total": gz(html) + css + js}


def _timed(cls, name: str, spent: dict) -> None:
    """Wrap ``cls.name`` so its wall time is added to ``spent[name]``."""
    original = getattr(cls, name)

    def wrapper(self, *args):
        started = time.perf_counter()
        try:
            return original(self, *args)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

    setattr(cls, name, wrapper)


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (forked render/convert workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run(sizes: list[int], workdir: Path) -> list[dict]:
    from gongkai.sitebuild import build, load_settings
    from plugins.hant.mirror import Options, write_mirror
    from plugins.listings.generator import ListingsGenerator

    spent: dict = {}
    _timed(ListingsGenerator, "generate_context", spent)
    _timed(ListingsGenerator, "generate_output", spent)

    rows = []
    for n in sizes:
        site = workdir / f"pageweight-{n}"
        settings_file = synth.make_site(n, site)
        settings = load_settings(settings_file)
        plugins = [p for p in settings["PLUGINS"] if p != "plugins.hant"]
        out = site / "output"
        spent.clear()
        cpu0 = cpu_seconds()
        # PLUGIN_PATHS: synth's settings list the repository root, where catalog/ shadows plugins/catalog.
        code, stats = build(settings_file, out, quiet=True, PLUGINS=plugins, PLUGIN_PATHS=[str(ROOT / "plugins")])
        if code:
            raise RuntimeError(f"build of {n} items failed: {stats}")
        cpu1 = cpu_seconds()
        started = time.perf_counter()
        pages = write_mirror(out, Options.from_settings(settings))
        hant_s = time.perf_counter() - started
        cpu2 = cpu_seconds()
        items = sorted((out / "gk").rglob("index.html"))
        item_weights = [page_weight(out, p.relative_to(out).as_posix()) for p in items[:: max(1, len(items) // 200)]]
        median_item = sorted(item_weights, key=lambda w: w["total"])[len(item_weights) // 2]
        home = page_weight(out, "index.html")
        rows.append({
            "items": n,
            "home_html_gz": home["html"], "home_total_gz": home["total"],
            "item_html_gz_median": median_item["html"], "item_css_gz": median_item["css"],
            "item_js_gz": median_item["js"], "item_total_gz_median": median_item["total"],
            "item_total_gz_max": max(w["total"] for w in item_weights),
            "listing_total_gz": page_weight(out, "fdzdgknr/nf/" + sorted(p.name for p in (out / "fdzdgknr/nf").iterdir() if p.is_dir())[-1] + "/index.html")["total"],
            "build_s_without_hant": round(stats["seconds"], 1),
            "listings_s": round(spent.get("generate_context", 0) + spent.get("generate_output", 0), 2),
            "listing_pages": sum(1 for _ in (out / "fdzdgknr").rglob("index.html")),
            "hant_pages": pages, "hant_s": round(hant_s, 1),
            "hant_extra_pct": round(100 * hant_s / stats["seconds"], 1),
            "build_cpu_s": round(cpu1 - cpu0, 1), "hant_cpu_s": round(cpu2 - cpu1, 1),
            "hant_extra_cpu_pct": round(100 * (cpu2 - cpu1) / (cpu1 - cpu0), 1),
            "item_weight_spread": round(statistics.pstdev(w["total"] for w in item_weights)),
        })
    return rows
