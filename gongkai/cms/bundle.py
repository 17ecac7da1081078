"""The files that make up the web editor, and the Content-Security-Policy it needs.

``plan(root)`` maps each URL path of the editor to the file it is served from: our page, scripts
and styles (``gongkai/cms/static/``), the generated ``config.yml``, the site's stylesheet for the
preview, and Decap CMS and js-yaml from the pinned npm packages (``node_modules/``, no CDN, no
source maps). ``make cms`` serves the plan directly; ``make cms-build`` copies it into its own folder.
None of it is ever under ``output/``: the public site has no editor (tests/e2e/test_cms_not_public.py).
"""
from __future__ import annotations

import shutil
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"
CONFIG_FILE = STATIC / "config.yml"
BUILD_DIR = "output.cms"
DECAP_DIST = Path("node_modules/decap-cms/dist")
JS_YAML = Path("node_modules/js-yaml/dist/browser/js-yaml.umd.min.js")

# What the editor needs from the browser (checked by tests/browser/test_cms.py, which serves the
# editor with exactly this header): Decap compiles its config schema with ajv ('unsafe-eval') and
# styles its components at run time (emotion: style-src 'unsafe-inline'); the preview is an
# about:blank frame; uploads are shown from blob: URLs. connect-src adds the git host's API
# (docs/operator-guide-cms.md).
CSP = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' blob:; frame-src 'self' blob:; "
       "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


class MissingPackages(Exception):
    """node_modules lacks the editor's packages (run make setup)."""


def plan(root: Path) -> dict[str, Path]:
    """URL path (relative, no leading slash) → source file."""
    root = Path(root)
    dist = root / DECAP_DIST
    if not (dist / "decap-cms.js").is_file() or not (root / JS_YAML).is_file():
        raise MissingPackages(str(dist))
    files = {"index.html": STATIC / "index.html", "config.yml": CONFIG_FILE,
             "static/js-yaml.min.js": root / JS_YAML}
    for path in sorted(STATIC.iterdir()):
        if path.suffix in (".js", ".css"):
            files[f"static/{path.name}"] = path
    for path in sorted(dist.iterdir()):
        name = path.name
        if name == "decap-cms.js" or name.endswith((".decap-cms.js", ".wasm")) or name == "decap-cms.js.LICENSE.txt":
            files[f"decap/{name}"] = path
    theme = root / "theme" / "static"
    files["site/css/main.css"] = theme / "css" / "main.css"
    for path in sorted((theme / "img").glob("*.svg")):
        files[f"site/img/{path.name}"] = path
    return files


def build(root: Path, target: Path, extra: dict[str, bytes]) -> int:
    """Copy the plan into ``target`` (replaced as a whole), plus generated files; return the file count."""
    files = plan(root)
    partial = target.with_name(target.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    for rel, source in files.items():
        if rel in extra:
            continue
        dest = partial / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
    for rel, data in extra.items():
        dest = partial / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    if target.exists():
        shutil.rmtree(target)
    partial.rename(target)
    return len(set(files) | set(extra))
