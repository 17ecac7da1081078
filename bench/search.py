"""Search benchmarks (issue 4): index build time and peak RSS, index size, bytes and time of a cold query,
recall against a brute-force substring scan — and Pagefind (extended) on the same built site.

Each build runs in a fresh process (``python -m bench.search <mode> …``) so peak RSS is that build's.
Queries run in Node with the real lunr.js (tests/node/search_query.js); every query starts cold (no file
cached) and its bytes are the gzip sizes (level 6) of the files it fetched. The query set is drawn from
the synthetic items with a fixed seed: 2–4 character words (recall and precision against ``word in
text`` over the same normalised fields), single characters, and two-word queries (bytes and time).
Pagefind is optional (``pip install "pagefind[extended]==1.5.2"``); without it its columns say so.
"""
from __future__ import annotations

import gzip
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY_JS = ROOT / "tests" / "node" / "search_query.js"
PAGEFIND_MAX = 20000          # items: Pagefind needs ~8 GB at 20,000 (issue 4); larger runs are skipped
VARIANT_MAX = 1000            # items: the unigram-mode comparison runs at this size and below


def _worker(*args) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.search", *map(str, args)], cwd=ROOT, capture_output=True,
                         text=True)
    if out.returncode:
        raise RuntimeError(f"bench.search worker failed: {out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _rss_mb() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) // 1024


def _catalog(site: Path):
    from plugins._shared.diagnostics import Problems
    from plugins.catalog.load import Settings, load_catalog

    return load_catalog(Settings(root=site, catalog_dir=site / "catalog"), Problems())


def worker_build(site: str, out: str, unigrams: str = "single") -> dict:
    """Load the catalog (not timed), then build the index and measure it."""
    from plugins.search_index.build import Options, build_index

    catalog = _catalog(Path(site))
    started = time.perf_counter()
    stats = build_index(catalog.items, catalog.taxonomy, Path(out), Options(unigrams=unigrams))
    seconds = time.perf_counter() - started
    gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in Path(out).rglob("*.json"))
    return {"seconds": round(seconds, 2), "rss_mb": _rss_mb(), "bytes": stats["bytes"], "gz_bytes": gz,
            "files": len(stats["sizes"]), "terms": stats["terms"], "pruned": stats["pruned_terms"],
            "timings": stats["timings"]}


def worker_queries(site: str, dest: str, seed: str = "0") -> dict:
    """Draw the query set from the items and compute brute-force answers; write them to ``dest``."""
    from plugins.search_index import charmap
    from plugins.search_index import tokenize as T
    from plugins.search_index.text import index_fields

    catalog = _catalog(Path(site))
    table = T.translation(charmap.char_map("t2s"))
    texts = [T.normalize("\n".join(index_fields(item)), table) for item in catalog.items]
    rng = random.Random(int(seed))
    han_runs = re.compile(f"[{T.HAN}]+")
    runs = [[r for r in han_runs.findall(text) if len(r) >= 4] for text in texts]

    def word(doc: int, length: int) -> str:
        run = rng.choice(runs[doc])
        start = rng.randrange(0, len(run) - length + 1)
        return run[start:start + length]

    docs = [d for d in range(len(texts)) if runs[d]]
    words = [word(rng.choice(docs), 2 + i % 3) for i in range(60)]
    chars = [word(rng.choice(docs), 1) for _ in range(20)]
    pairs = []
    for i in range(30):
        d = rng.choice(docs)
        pairs.append(f"{word(d, 2 + i % 3)} {word(d, 2 + (i + 1) % 3)}")
    truth = {w: [d for d, text in enumerate(texts) if w in text] for w in words + chars}
    Path(dest).write_text(json.dumps({"words": words, "chars": chars, "pairs": pairs, "truth": truth},
                                     ensure_ascii=False), encoding="utf-8")
    return {"words": len(words), "pairs": len(pairs)}


def worker_site(settings: str, out: str) -> dict:
    """The site's item pages as HTML for Pagefind (catalog + search plugins only: no 繁体 twin pages)."""
    from gongkai.sitebuild import build

    started = time.perf_counter()
    code, _ = build(settings, out, quiet=True, PLUGINS=["plugins.catalog", "plugins.search_index"],
                    PLUGIN_PATHS=[str(ROOT / "plugins")])
    assert code == 0, "site build failed"
    return {"seconds": round(time.perf_counter() - started, 2), "rss_mb": _rss_mb()}


def node_queries(index: Path, queries: list[dict], tmp: Path) -> list[dict]:
    qfile = tmp / "bench-queries.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(["node", str(QUERY_JS), str(index), str(qfile)], capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout)


def recall(results: list[dict], truth: dict) -> tuple[float, float]:
    """Mean recall and precision of result sets against the brute-force sets."""
    rec, prec = [], []
    for r in results:
        want, got = set(truth[r["q"]]), set(r["all"])
        rec.append(len(want & got) / len(want) if want else 1.0)
        prec.append(len(want & got) / len(got) if got else 1.0)
    return round(statistics.mean(rec), 4), round(statistics.mean(prec), 4)


def _kb(values) -> str:
    return f"{statistics.median(values) / 1024:.0f}/{max(values) / 1024:.0f}"


def measure(index: Path, qs: dict, tmp: Path) -> dict:
    cold = node_queries(index, [{"q": q} for q in qs["pairs"]], tmp)
    index_bytes = [sum(f[2] for f in r["files"] if not f[0].startswith("d/") and f[0] != "table.json") for r in cold]
    page_bytes = [sum(f[2] for f in r["files"]) for r in cold]
    found = node_queries(index, [{"q": w, "all": True} for w in qs["words"]], tmp)
    singles = node_queries(index, [{"q": c, "all": True} for c in qs["chars"]], tmp)
    r24, p24 = recall(found, qs["truth"])
    r1, _ = recall(singles, qs["truth"])
    return {"cold_query_kb_gz": _kb(index_bytes), "with_ui_kb_gz": _kb(page_bytes),
            "query_ms": f"{statistics.median(r['ms'] for r in cold):.0f}/{max(r['ms'] for r in cold):.0f}",
            "recall_2_4": r24, "precision_2_4": p24, "recall_1char": r1,
            "pairs_with_hits": sum(1 for r in cold if r["total"])}


def run(sizes: list[int], workdir: Path) -> list[dict]:
    from bench import search_pagefind as pf
    from bench import synth

    rows = []
    for n in sizes:
        site = workdir / f"search-{n}"
        settings = synth.make_site(n, site)
        qfile = site / "queries.json"
        _worker("queries", site, qfile)
        qs = json.loads(qfile.read_text(encoding="utf-8"))
        variants = ["single", "all"] if n <= VARIANT_MAX else ["single"]
        for unigrams in variants:
            built = _worker("build", site, site / f"index-{unigrams}", unigrams)
            row = {"items": n, "engine": f"lunr ({unigrams})", "build_s": built["seconds"],
                   "phases_s": "/".join(str(v) for v in built["timings"].values()),
                   "build_rss_mb": built["rss_mb"], "index_mb": round(built["bytes"] / 1e6, 1),
                   "index_gz_mb": round(built["gz_bytes"] / 1e6, 1), "files": built["files"]}
            row.update(measure(site / f"index-{unigrams}", qs, workdir))
            rows.append(row)
        rows.append(pf.compare(n, site, settings, qs, _worker) if n <= PAGEFIND_MAX else
                    {"items": n, "engine": "pagefind", "note": f"not run above {PAGEFIND_MAX} items (memory)"})
    return rows


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import logging

    logging.disable(logging.WARNING)
    mode, *rest = sys.argv[1:]
    print(json.dumps({"build": worker_build, "queries": worker_queries, "site": worker_site}[mode](*rest)))
