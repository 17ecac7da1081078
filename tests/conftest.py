"""Shared fixtures: the built sample site, a loopback HTTP server, Chromium (Playwright) and axe-core.

Browser tests are skipped only when Chromium is absent *and* CI is not set; in CI a missing
browser is a failure, because scripts/setup-system.sh must have installed it.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def build_site(tmp: Path, settings_file: Path | str = ROOT / "pelicanconf.py", fatal_warnings: bool = False,
               **override) -> Path:
    """Build a site into ``tmp/output`` with the real pipeline; fail the test on any build error."""
    import logging

    from gongkai.sitebuild import build

    out = tmp / "output"
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    keep = Keep(logging.WARNING)
    logging.getLogger().addHandler(keep)
    try:
        code, stats = build(settings_file, out, quiet=True, fatal_warnings=fatal_warnings, **override)
    finally:
        logging.getLogger().removeHandler(keep)
    assert code == 0, f"build failed: {stats}\n" + "\n".join(records[:50])
    return out


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory):
    """One persistent build cache for the test session (never the repository's own .cache/)."""
    folder = tmp_path_factory.mktemp("build-cache")
    old = os.environ.get("GONGKAI_CACHE_DIR")
    os.environ["GONGKAI_CACHE_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("GONGKAI_CACHE_DIR", None)
    else:
        os.environ["GONGKAI_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample catalog (catalog/ + content/) built once per test session, as CI builds it:
    Pelican's fatal-warnings mode — any warning or error fails the build."""
    return build_site(tmp_path_factory.mktemp("sample"), fatal_warnings=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def site_url(sample_site):
    """Base URL (no trailing slash) of the sample site on loopback."""
    server, url = serve(sample_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: scripts/setup-system.sh should have installed it")
        pytest.skip("Chromium not installed (run make setup)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors
    yield pg
    context.close()


def axe_violations(pg, tags=AXE_TAGS) -> list[dict]:
    """Run axe-core in the page; return violations as plain dicts (id, impact, nodes' targets)."""
    # evaluated through the DevTools protocol, so a strict page CSP (no inline script) cannot block axe
    pg.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = pg.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "targets": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


def assert_no_axe_violations(pg, label: str = ""):
    violations = axe_violations(pg)
    assert not violations, f"axe violations {label}: " + json.dumps(violations, ensure_ascii=False, indent=1)
