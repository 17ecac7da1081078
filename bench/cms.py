"""The web editor (Decap CMS, local backend) on a synthetic catalog, driven by headless Chromium.

``python -m bench --only cms [--sizes 20000]``. For each size: a synthetic site (bench/synth.py), the
editor as ``make cms`` serves it (decap-server on loopback, live catalog.json), and the times an editor
waits for: the largest collection's list, Decap's search for a title and for a 文号, opening an item,
and the relation picker (gk-refs over catalog.json). Indicative figures, not a timed test: they
depend on what else the machine is doing. Results are written to docs/architecture.md by hand.
"""
from __future__ import annotations

import collections
import os
import time
from pathlib import Path

from bench import synth

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def _site(n: int, workdir: Path) -> Path:
    dest = workdir / f"site-{n}"
    settings = synth.make_site(n, dest)
    for name in ("node_modules", "theme"):
        link = dest / name
        if not link.exists():
            link.symlink_to(REPO / name)
    return settings


def _largest(catalog: Path) -> tuple[str, Path]:
    counts = collections.Counter(p.relative_to(catalog).parts[0] for p in catalog.rglob("*.md"))
    key = counts.most_common(1)[0][0]
    return key, sorted((catalog / key).rglob("*.md"))[len(counts) // 2]


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return round(time.perf_counter() - start, 2)


def measure(settings: Path, timeout_ms: int = 120_000) -> dict:
    from playwright.sync_api import sync_playwright

    from gongkai.cms import config
    from gongkai.cms.server import Editor
    from gongkai.commands.cms import catalog_json
    from gongkai.sitebuild import load_settings
    from plugins._shared.diagnostics import Problems
    from plugins.catalog.reader import read_item

    root = settings.parent
    text = config.dump(config.generate(load_settings(settings))).encode("utf-8")
    live = catalog_json(str(settings))
    row = {"items": sum(1 for _ in (root / "catalog").rglob("*.md")) + sum(1 for _ in (root / "catalog").rglob("*.yml")) - 1}
    row["catalog.json cold s"] = _timed(live)
    key, sample = _largest(root / "catalog")
    raw = read_item(sample.read_bytes(), sample.name, Problems()).data
    row["largest collection"] = f"{key} ({sum(1 for _ in (root / 'catalog' / key).rglob('*.md'))})"
    slug = sample.relative_to(root / "catalog" / key).with_suffix("").as_posix()
    editor = Editor(root, 0, {"config.yml": lambda: text, "catalog.json": live})
    url = editor.start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000}).new_page()
            page.set_default_timeout(timeout_ms)
            page.goto(url)
            page.get_by_role("button", name="登录").click()
            page.get_by_role("link", name="机构职能").first.wait_for()
            row["open list s"] = _timed(lambda: (page.goto(f"{url}#/collections/{key}"),
                                                 page.locator(f"a[href*='#/collections/{key}/entries/']").first.wait_for()))
            title = str(raw["title"])
            row["search title s"] = _timed(lambda: (page.goto(f"{url}#/search/{title[-12:]}"),
                                                    page.get_by_text(title).first.wait_for()))
            if raw.get("doc_no"):
                row["search 文号 s"] = _timed(lambda: (page.goto(f"{url}#/search/{raw['doc_no']}"),
                                                      page.get_by_text(title).first.wait_for()))
            row["open item s"] = _timed(lambda: (page.goto(f"{url}#/collections/{key}/entries/{slug}"),
                                                 page.wait_for_function(
                                                     "() => { const e = document.querySelector(\"[id^='title-field-']\");"
                                                     " return e && e.value !== ''; }")))
            box = page.locator("[id^='supersedes-field-']").first

            def pick():
                box.fill(str(raw["index_no"])[:-2])
                page.locator(".gk-refs__pick").first.wait_for()

            row["relation picker s"] = _timed(pick)
            browser.close()
    finally:
        editor.stop()
    return row


def run(sizes: list[int], workdir: Path) -> list[dict]:
    if not Path(CHROMIUM).exists():
        return [{"error": "chromium missing"}]
    rows = []
    for n in sizes:
        settings = _site(n, workdir)
        row = measure(settings)
        row["load avg"] = round(os.getloadavg()[0], 1)
        rows.append(row)
    return rows
