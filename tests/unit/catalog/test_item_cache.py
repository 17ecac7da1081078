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


def test_a_lean_load_keeps_bodies_and_lines_in_the_store_and_gives_the_same_items_and_messages(tmp_path, monkeypatch):
    """A large catalog's full build keeps each item's body, rendered body and line numbers in the store
    (LeanItem): cold and warm, they read back as a load that kept them gives them, and messages that
    need a line after the read (a duplicate 索引号) name the same lines."""
    from gongkai.engine import parallel
    from plugins.catalog.model import LeanItem

    shutil.copytree(ROOT / "catalog", tmp_path / "catalog")
    first = sorted((tmp_path / "catalog" / "gz").rglob("*.md"))[0]
    shutil.copy(first, first.with_name("copy-" + first.name))        # a duplicate 索引号
    monkeypatch.setitem(parallel.THRESHOLDS, "lean_items", 0)

    def load(store, lean):
        problems = Problems()
        catalog = load_catalog(Settings(root=tmp_path, catalog_dir=tmp_path / "catalog"), problems, render={},
                               store=store, lean=lean)
        return catalog, [p.format() for p in problems]

    def items(catalog):
        return [(i.index_no, i.body, i.body_html, i.lines, i.content_digest) for i in catalog.items]

    full, messages = load(Store(tmp_path / "full"), False)
    assert any("索引号" in m and "copy-" in m for m in messages)
    store = Store(tmp_path / "lean")
    for _ in ("cold", "warm"):
        lean, lean_messages = load(store, True)
        assert all(type(i) is LeanItem for i in lean.items)
        assert vars(lean.items[0])["lines"] is None and vars(lean.items[0])["body"] == ""     # not held
        assert lean_messages == messages and items(lean) == items(full)


def test_stored_bodies_fetch_a_batch_along_an_order_and_one_entry_out_of_order():
    """Going through the items in one of the arranged orders fetches the next BATCH entries at once;
    a jump (another order, a message) fetches only the entry asked for."""
    import pickle

    class Store:
        def __init__(self):
            self.asked = []

        def get_many(self, ns, keys):
            self.asked.append(len(keys))
            return {key: pickle.dumps((f"正文{key}", f"<p>{key}</p>")) for key in keys}

    files = [f"k{n:03d}" for n in range(600)]
    bodies = cache.StoredBodies(Store())
    bodies.BATCH = 100
    bodies.arrange(files, list(reversed(files)))
    assert bodies.get("k000") == ("正文k000", "<p>k000</p>")
    for key in files[1:150]:                 # in file order: batches of 100 after the first
        assert bodies.get(key)[0] == f"正文{key}"
    assert bodies.store.asked == [1, 100, 100]
    bodies.get("k599"), bodies.get("k598")   # the other order, from its start
    assert bodies.store.asked[3:] == [1, 100]
    bodies.get("k300")                       # out of order
    assert bodies.store.asked[5:] == [1]


def test_a_lean_catalog_is_checked_without_reading_every_items_lines(tmp_path, monkeypatch):
    """Lines live in the store for a lean item and are read for a message only: the checks after the
    read (content pages against item URLs, attachments) must not fetch them item by item (100,000 reads)."""
    from gongkai.engine import parallel
    from plugins.catalog.model import LeanItem
    from plugins.catalog.pages import check_pages, read_pages

    shutil.copytree(ROOT / "catalog", tmp_path / "catalog")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    monkeypatch.setitem(parallel.THRESHOLDS, "lean_items", 0)
    read = []
    real = LeanItem.lines
    monkeypatch.setattr(LeanItem, "lines", property(lambda self: read.append(self.source) or real.fget(self)))
    settings = Settings(root=tmp_path, catalog_dir=tmp_path / "catalog")
    problems = Problems()
    catalog = load_catalog(settings, problems, render={}, store=Store(tmp_path / "lean"), lean=True)
    pages = read_pages({"PATH": str(tmp_path / "content")}, tmp_path, problems)
    assert pages and all(type(i) is LeanItem for i in catalog.items)
    check_pages(pages, catalog, problems)
    assert set(read) <= {p.path for p in problems}       # only for the items a message is about
    assert len(read) < 3 and not problems.errors
