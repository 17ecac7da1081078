"""Pagefind (extended, segments Chinese) on the same built site, for bench/search.py.

The site's item pages are built as HTML, ``python -m pagefind`` indexes them (``gk/**/*.html``, the
items our index holds), and Chromium runs each two-word query cold through Pagefind's own JS API
(search + the first 10 results' data, as its UI shows them), counting every file fetched under
/pagefind/. Bytes are gzip sizes (level 6) like ours; Pagefind's chunks are already compressed.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import importlib.util
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-quic"]
INSTALL = 'pip install "pagefind[extended]==1.5.2"'
QUERY = """async (q) => {
  const pf = await import('/pagefind/pagefind.js');
  const s = await pf.search(q);
  const data = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
  return {n: s.results.length, titles: data.map((d) => d.meta.title)};
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def index(html: Path) -> dict:
    """Run Pagefind over the item pages; time, peak RSS (GNU time) and index size, or the error."""
    timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    started = time.perf_counter()
    proc = subprocess.run(timer + [sys.executable, "-m", "pagefind", "--site", str(html), "--glob", "gk/**/*.html",
                                   "--output-subdir", "pagefind", "--quiet"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode:
        return {"error": (proc.stderr or proc.stdout).strip()[-500:]}
    rss = re.findall(r"^(\d+)\s*$", proc.stderr, re.M)
    files = [p for p in (html / "pagefind").rglob("*") if p.is_file()]
    return {"seconds": round(seconds, 1), "rss_mb": int(rss[-1]) // 1024 if rss else "",
            "bytes": sum(p.stat().st_size for p in files), "files": len(files)}


def queries(html: Path, pairs: list[str], words: list[str], truth: dict) -> dict:
    """Cold bytes and time per two-word query in Chromium; hit counts of the words against the scan."""
    from playwright.sync_api import sync_playwright

    server, url = _serve(html)
    sizes, times, found = [], [], []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            for q in pairs + words:
                context = browser.new_context()
                page = context.new_page()
                responses = []
                page.on("response", lambda r, seen=responses: seen.append(r) if "/pagefind/" in r.url else None)
                page.goto(url + "/search/")
                started = time.perf_counter()
                result = page.evaluate(QUERY, q)
                elapsed = (time.perf_counter() - started) * 1000
                if q in truth:
                    want = len(truth[q])
                    found.append(min(result["n"], want) / want if want else 1.0)
                else:
                    body = [r.body() for r in responses if r.ok]
                    sizes.append(sum(min(len(b), len(gzip.compress(b, 6))) for b in body))
                    times.append(elapsed)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return {"cold_query_kb_gz": f"{statistics.median(sizes) / 1024:.0f}/{max(sizes) / 1024:.0f}",
            "query_ms": f"{statistics.median(times):.0f}/{max(times):.0f} (browser)",
            "hits_vs_scan_2_4": round(statistics.mean(found), 4)}


def compare(n: int, site: Path, settings: Path, qs: dict, worker) -> dict:
    row = {"items": n, "engine": "pagefind 1.5.2 ext"}
    if importlib.util.find_spec("pagefind") is None:
        return {**row, "note": f"pagefind not installed (optional bench dependency: {INSTALL})"}
    html = site / "html"
    worker("site", settings, html)
    built = index(html)
    if "error" in built:
        return {**row, "note": "pagefind failed: " + built["error"]}
    row.update({"build_s": built["seconds"], "build_rss_mb": built["rss_mb"],
                "index_mb": round(built["bytes"] / 1e6, 1), "files": built["files"]})
    try:
        row.update(queries(html, qs["pairs"], qs["words"], qs["truth"]))
    except Exception as exc:  # noqa: BLE001 - a bench row reports what went wrong instead of stopping the table
        row["note"] = f"pagefind queries failed in Chromium: {exc}"[:300]
    return row
