"""item_files (plugins/catalog/load.py): the list of item files, and the preview's memo of it by folder
mtime — a rebuild lists only folders whose entries changed, and never misses an added, removed or
renamed file."""
import os
import shutil
import time

from plugins.catalog import load
from plugins.catalog.load import item_files
from tests.conftest import ROOT

OLD = time.time() - 3600


def _age(root):
    """Make every folder's mtime an hour old: older than load.RACY_SECONDS, so the memo trusts them."""
    for folder, _, _ in os.walk(root):
        os.utime(folder, (OLD, OLD))


def _tree(tmp_path):
    catalog = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", catalog)
    (catalog / "gz" / "attachments").mkdir(parents=True, exist_ok=True)
    (catalog / "gz" / "attachments" / "not-an-item.md").write_text("x", encoding="utf-8")
    (catalog / ".hidden").mkdir()
    (catalog / ".hidden" / "draft.md").write_text("x", encoding="utf-8")
    (catalog / "odd.yml").mkdir()           # a folder named like an item is listed (and refused by the reader)
    _age(catalog)
    return catalog


def _walked(catalog):
    """What the function returned before the memo: os.walk with the same rules."""
    found = []
    for dirpath, dirnames, filenames in os.walk(catalog):
        odd = [d for d in dirnames if d.lower().endswith(load.ITEM_SUFFIXES) and not d.startswith(".")]
        found += [os.path.join(dirpath, d) for d in odd]
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d not in ("files", "attachments") and d not in odd]
        found += [os.path.join(dirpath, n) for n in filenames if n.lower().endswith(load.ITEM_SUFFIXES)
                  and not n.startswith(".") and not (dirpath == str(catalog) and n in load.SETTINGS_FILES)]
    return sorted(found)


def test_the_list_is_what_walking_the_catalog_gives(tmp_path):
    catalog = _tree(tmp_path)
    listed = [str(p) for p in item_files(catalog)]
    assert listed == _walked(catalog)
    assert str(catalog / "odd.yml") in listed and not any("attachments" in p or ".hidden" in p for p in listed)
    assert str(catalog / "taxonomy.yml") not in listed


def test_an_unchanged_catalog_lists_no_folder_again(tmp_path, monkeypatch):
    catalog = _tree(tmp_path)
    memo = {}
    first = item_files(catalog, memo)
    calls = []
    real = load._list_folder
    monkeypatch.setattr(load, "_list_folder", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    assert item_files(catalog, memo) == first and calls == []


def test_added_removed_and_renamed_files_are_seen(tmp_path, monkeypatch):
    catalog = _tree(tmp_path)
    memo = {}
    before = item_files(catalog, memo)
    folder = before[0].parent
    calls = []
    real = load._list_folder
    monkeypatch.setattr(load, "_list_folder", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    added = folder / "new-item.md"
    added.write_text("x", encoding="utf-8")
    assert item_files(catalog, memo) == sorted(before + [added]) and calls == [str(folder)]
    before[0].rename(folder / "renamed.md")
    added.unlink()
    expected = sorted([folder / "renamed.md"] + before[1:])
    assert item_files(catalog, memo) == expected == sorted(item_files(catalog))
    shutil.rmtree(folder)
    assert item_files(catalog, memo) == [p for p in expected if p.parent != folder] == item_files(catalog)


def test_a_folder_changed_just_now_is_listed_again(tmp_path, monkeypatch):
    catalog = _tree(tmp_path)
    memo = {}
    folder = item_files(catalog, memo)[0].parent
    (folder / "a.md").write_text("x", encoding="utf-8")       # its mtime is now: not trusted yet
    item_files(catalog, memo)
    calls = []
    real = load._list_folder
    monkeypatch.setattr(load, "_list_folder", lambda *a, **k: calls.append(a[0]) or real(*a, **k))
    item_files(catalog, memo)
    assert calls == [str(folder)]
