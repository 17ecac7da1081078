"""The publish checks take the catalog the build just read, not parse every item again.

A large catalog's build is lean: its items live in the build cache, not in the session's memory. The
checks were given the session alone, so each ``make publish`` of a large site parsed every item a
second time (45 s of the 60 s checks after a one-item edit at 20,000 items, profiled)."""
import shutil

import pytest

from gongkai.engine import parallel
from gongkai.engine.run import Session
from gongkai.publish import pipeline
from gongkai.sitebuild import build, load_settings
from plugins.catalog import cache
from tests.e2e.test_incremental import FIXTURE

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("lean", [True, False])
def test_the_checks_after_a_build_parse_no_item_again(tmp_path, monkeypatch, lean):
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site, ignore=shutil.ignore_patterns(".cache", "output*"))
    monkeypatch.setitem(parallel.THRESHOLDS, "lean_items", 1 if lean else 10 ** 9)
    session = Session()
    code, stats = build(site / "pelicanconf.py", tmp_path / "out", quiet=True, session=session)
    assert code == 0
    parsed = []
    read_one = cache._read_one

    def spy(path, *args, **kwargs):
        parsed.append(path)
        return read_one(path, *args, **kwargs)

    monkeypatch.setattr(cache, "_read_one", spy)
    settings = load_settings(str(site / "pelicanconf.py"))
    checked = pipeline.check_site(settings, tmp_path / "out", "2026-12-07", report=False, after_build=True,
                                  session=session)
    assert parsed == []
    items = [p for p in (site / "catalog").glob("*/*") if p.suffix in (".md", ".yml")]     # jd.yml is an item too
    assert checked.stats["items"] == len(items) == 7
