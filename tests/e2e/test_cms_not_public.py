"""The web editor is never part of the public site: no page, script, config or stylesheet of it in the
output of make html (the sample site) or make publish (publishconf.py builds from the same sources)."""
from __future__ import annotations

import hashlib

import pytest

from gongkai.cms import bundle
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
MARKERS = ("decap", "CMS_MANUAL_INIT", "gk-widgets", "gk-index-no", "local_backend", "网页编辑器")


def test_sample_site_contains_nothing_of_the_editor(sample_site):
    theme = ROOT / "theme"
    editor_files = {hashlib.sha256(p.read_bytes()).hexdigest() for p in bundle.plan(ROOT).values()
                    if theme not in p.parents}   # the site's own stylesheet is shared with the preview
    found = []
    for path in sample_site.rglob("*"):
        if not path.is_file():
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() in editor_files or path.name == "config.yml":
            found.append(str(path))
        elif path.suffix in (".html", ".js", ".json", ".css", ".xml", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path}: {m}" for m in MARKERS if m in text]
    assert not found, found[:20]
    assert not (sample_site / "admin").exists() and not (sample_site / "cms").exists()


def test_publish_settings_do_not_add_the_editor():
    text = (ROOT / "publishconf.py").read_text(encoding="utf-8") + (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    assert "gongkai/cms" not in text and "node_modules/decap" not in text
