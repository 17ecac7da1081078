"""The persistent item cache (plugins/catalog/cache.py): a warm load parses only changed files, and the
items it gives back equal freshly parsed ones."""
import shutil

from gongkai.engine.store import Store
from plugins._shared.diagnostics import Problems
from plugins.catalog import cache
from plugins.catalog.load import Settings, load_catalog
from tests.conftest import ROOT


def _load(root, store):
    problems = Problems()
    catalog = load_catalog(Settings(root=root, catalog_dir=root / "catalog"), problems, render={}, store=store)
    return catalog, problems


def _items(catalog):
    return [(i.index_no, i.title, i.body_html, i.content_digest) for i in catalog.items]


def test_a_warm_load_parses_only_the_changed_file(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "catalog", tmp_path / "catalog")
    store = Store(tmp_path / "cache")
    cold, problems = _load(tmp_path, store)
    parsed = []
    real = cache._parse
    monkeypatch.setattr(cache, "_parse", lambda path, *a: parsed.append(path.name) or real(path, *a))
    warm, again = _load(tmp_path, store)
    assert parsed == [] and _items(warm) == _items(cold) and [p.format() for p in again] == [p.format() for p in problems]
    edited = sorted((tmp_path / "catalog" / "gz").rglob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace("\n---\n", "\n---\n新增一段。\n\n", 1), encoding="utf-8")
    after, _ = _load(tmp_path, store)
    assert parsed == [edited.name] and len(after.items) == len(cold.items)
    changed = next(i for i in after.items if i.source == edited.relative_to(tmp_path).as_posix())
    assert "新增一段。" in changed.body_html


def test_a_cold_store_is_detected_and_left_to_the_workers(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "catalog", tmp_path / "catalog")
    looked = []
    real = Store.get_many
    monkeypatch.setattr(Store, "get_many", lambda self, ns, keys: looked.append(len(keys)) or real(self, ns, keys))
    _load(tmp_path, Store(tmp_path / "cache"))
    assert looked[0] <= cache.PROBE      # the probe found nothing: no second batch in this process
