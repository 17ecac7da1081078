"""Incremental builds (``gongkai serve``): after an edit, the output is what a full build gives.

The only files allowed to differ are the search index's partitions and manifest: the live index is
patched in place (plugins/search_index/live.py), so its BM25 weights may be slightly stale and its
bucket plan is that of the first build. For those, the same queries must find the same documents.
"""
import filecmp
import os
import shutil

import pytest

from gongkai.sitebuild import build
from tests.conftest import ROOT
from tests.unit.search_index.helpers import run_queries

pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "fixtures" / "site"
ITEM = "catalog/gfxwj/new.md"
SEARCH_PATCHED = ("search/w/", "search/x/", "search/manifest.json")


def tree(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def edit(site, old: str, new: str) -> None:
    path = site / ITEM
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    later = path.stat().st_mtime + 2
    os.utime(path, (later, later))     # a coarse file-system clock must still see the change


def full_build(site, dest):
    code, stats = build(site / "pelicanconf.py", dest, quiet=True)
    assert code == 0, stats
    return dest


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("incremental")
    site = tmp / "site"
    shutil.copytree(FIXTURE, site)
    live = tmp / "live"
    code, _ = build(site / "pelicanconf.py", live, quiet=True, incremental=True)
    assert code == 0
    edit(site, "title: 海澄市政务数据共享管理办法", "title: 海澄市政务数据共享和开放管理办法")
    edit(site, "制定本办法。", "制定本办法。海港疏浚工程的数据同样适用。")
    code, _ = build(site / "pelicanconf.py", live, quiet=True, incremental=True)
    assert code == 0
    return {"live": live, "full": full_build(site, tmp / "full"), "tmp": tmp, "site": site}


def test_every_page_and_file_matches_a_full_build(builds):
    live, full = builds["live"], builds["full"]
    same = [n for n in tree(full) if not n.startswith(SEARCH_PATCHED)]
    assert [n for n in tree(live) if not n.startswith(SEARCH_PATCHED)] == same
    match, mismatch, errors = filecmp.cmpfiles(live, full, same, shallow=False)
    assert mismatch == [] and errors == []
    assert "zh-hant/gk/MB1C37504/2024-00011/index.html" in match


def test_the_edit_is_on_the_page_and_its_traditional_twin(builds):
    page = (builds["live"] / "gk/MB1C37504/2024-00011/index.html").read_text(encoding="utf-8")
    twin = (builds["live"] / "zh-hant/gk/MB1C37504/2024-00011/index.html").read_text(encoding="utf-8")
    assert "海港疏浚工程" in page and "共享和开放管理办法" in page
    assert "海港疏浚工程" in twin and "開放管理辦法" in twin


def test_the_patched_search_index_finds_what_a_full_index_finds(builds):
    queries = [{"q": q} for q in ("海港疏浚", "共享和开放", "政务数据共享", "海政规〔2024〕5号", "数据", "规范")]
    live = run_queries(builds["live"] / "search", queries, builds["tmp"])
    full = run_queries(builds["full"] / "search", queries, builds["tmp"])
    for a, b in zip(live, full):
        assert (a["q"], a["total"], sorted(a["ids"])) == (b["q"], b["total"], sorted(b["ids"]))
    assert live[0]["total"] == 1 and live[0]["titles"] == ["海澄市政务数据共享和开放管理办法"]


def test_a_second_edit_back_restores_the_first_tree(builds, tmp_path):
    site, live = builds["site"], builds["live"]
    edit(site, "海港疏浚工程的数据同样适用。", "")
    code, _ = build(site / "pelicanconf.py", live, quiet=True, incremental=True)
    assert code == 0
    full = full_build(site, tmp_path / "full")
    r = run_queries(live / "search", [{"q": "海港疏浚"}, {"q": "共享和开放"}], tmp_path)
    assert [x["total"] for x in r] == [0, 1]
    same = [n for n in tree(full) if not n.startswith(SEARCH_PATCHED)]
    assert filecmp.cmpfiles(live, full, same, shallow=False)[1:] == ([], [])


def test_a_removed_item_loses_its_page_twin_and_sitemap_entry(builds, tmp_path):
    site, live = builds["site"], builds["live"]
    removed = site / "catalog/gz/rule.md"
    number = next(line.split(": ", 1)[1] for line in removed.read_text(encoding="utf-8").splitlines()
                  if line.startswith("index_no:"))
    removed.unlink()
    code, _ = build(site / "pelicanconf.py", live, quiet=True, incremental=True)
    assert code == 0
    full = full_build(site, tmp_path / "full")
    assert not (live / "gk" / number).exists() and not (live / "zh-hant" / "gk" / number).exists()
    assert f"gk/{number}/" not in (live / "sitemap.xml").read_text(encoding="utf-8")
    assert tree(live) == tree(full)
    assert filecmp.cmpfiles(live, full, tree(full), shallow=False)[1:] == ([], [])



def test_a_preview_session_sees_edits_and_removals_like_a_full_build(tmp_path):
    """``gongkai serve`` keeps one Session between rebuilds: the list of item files (kept by folder
    mtime) and the listing rows (kept by content digest) must never show what is gone."""
    from gongkai.engine.run import Session

    site, live = tmp_path / "site", tmp_path / "live"
    shutil.copytree(FIXTURE, site)
    session = Session()

    def rebuild():
        code, stats = build(site / "pelicanconf.py", live, quiet=True, incremental=True, session=session)
        assert code == 0, stats

    old = os.stat(site / ITEM).st_mtime - 3600
    for folder, _, _ in os.walk(site / "catalog"):
        os.utime(folder, (old, old))          # old enough for the folder memo to trust
    rebuild()
    rebuild()
    edit(site, "title: 海澄市政务数据共享管理办法", "title: 海澄市政务数据共享和开放管理办法")
    removed = site / "catalog/gz/rule.md"
    number = next(line.split(": ", 1)[1] for line in removed.read_text(encoding="utf-8").splitlines()
                  if line.startswith("index_no:"))
    removed.unlink()
    rebuild()
    listing = (live / "fdzdgknr" / "gfxwj" / "index.html").read_text(encoding="utf-8")
    assert "海澄市政务数据共享和开放管理办法" in listing and "海澄市政务数据共享管理办法<" not in listing
    assert not (live / "gk" / number).exists()
    full = full_build(site, tmp_path / "full")
    same = [n for n in tree(full) if not n.startswith(SEARCH_PATCHED)]
    assert [n for n in tree(live) if not n.startswith(SEARCH_PATCHED)] == same
    assert filecmp.cmpfiles(live, full, same, shallow=False)[1:] == ([], [])


def test_a_restarted_preview_knows_what_is_on_disk_and_rewrites_only_what_changed(tmp_path):
    """The fingerprints of the preview's files are kept in the build cache, one row a page, and only the
    rows that changed are written after a rebuild; a new preview process starts from them."""
    from gongkai.engine.run import Session

    site, live = tmp_path / "site", tmp_path / "live"
    shutil.copytree(FIXTURE, site)
    code, first = build(site / "pelicanconf.py", live, quiet=True, incremental=True, session=Session())
    assert code == 0 and len(first["written"]) > 50
    restarted = Session()
    code, again = build(site / "pelicanconf.py", live, quiet=True, incremental=True, session=restarted)
    assert code == 0 and again["written"] == []
    edit(site, "title: 海澄市政务数据共享管理办法", "title: 海澄市政务数据共享和开放管理办法")
    code, edited = build(site / "pelicanconf.py", live, quiet=True, incremental=True, session=restarted)
    assert code == 0 and "gk/MB1C37504/2024-00011/index.html" in edited["written"]
    code, third = build(site / "pelicanconf.py", live, quiet=True, incremental=True, session=Session())
    assert code == 0 and third["written"] == []       # the edit's rows were saved too


def test_a_watched_preview_rereads_the_files_reported_and_checks_all_when_unsure(tmp_path):
    """``gongkai serve`` names the changed files (Session.note_changes): the catalog reads those again
    and trusts what it kept of the rest; an unreported change is seen once the watcher is unsure."""
    from gongkai.engine.run import Session

    site, live = tmp_path / "site", tmp_path / "live"
    shutil.copytree(FIXTURE, site)
    session = Session(watched=True)
    page = live / "gk/MB1C37504/2024-00011/index.html"

    def rebuild():
        code, stats = build(site / "pelicanconf.py", live, quiet=True, incremental=True, session=session)
        assert code == 0, stats

    rebuild()
    edit(site, "title: 海澄市政务数据共享管理办法", "title: 海澄市政务数据共享和开放管理办法")
    session.note_changes({site / ITEM})
    rebuild()
    assert "共享和开放管理办法" in page.read_text(encoding="utf-8")
    edit(site, "共享和开放管理办法", "共享与开放管理办法")       # not reported: kept as it was read
    rebuild()
    assert "共享和开放管理办法" in page.read_text(encoding="utf-8")
    (site / "catalog" / "gz" / "notes.txt").write_text("x", encoding="utf-8")
    session.note_changes({site / "catalog" / "gz" / "notes.txt"})      # not an item file: every file is checked
    rebuild()
    assert "共享与开放管理办法" in page.read_text(encoding="utf-8")
    edit(site, "共享与开放管理办法", "共享及开放管理办法")
    session.note_changes(None)                           # the watcher could not say what changed
    rebuild()
    assert "共享及开放管理办法" in page.read_text(encoding="utf-8")
    full = full_build(site, tmp_path / "full")
    same = [n for n in tree(full) if not n.startswith(SEARCH_PATCHED)]
    assert filecmp.cmpfiles(live, full, same, shallow=False)[1:] == ([], [])


def test_a_preview_folder_made_again_is_written_again_in_full(tmp_path):
    """Within a session the files of the last build are known to exist; a preview folder deleted and
    made again (``make clean`` while ``gongkai serve`` runs) is not that folder: every page is written."""
    from gongkai.engine.run import Session

    site, live = tmp_path / "site", tmp_path / "live"
    shutil.copytree(FIXTURE, site)
    session = Session()
    code, first = build(site / "pelicanconf.py", live, quiet=True, incremental=True, session=session)
    assert code == 0
    code, again = build(site / "pelicanconf.py", live, quiet=True, incremental=True, session=session)
    assert code == 0 and again["written"] == []
    shutil.rmtree(live)
    live.mkdir()
    code, remade = build(site / "pelicanconf.py", live, quiet=True, incremental=True, session=session)
    assert code == 0 and set(first["written"]) <= set(remade["written"])
    full = full_build(site, tmp_path / "full")
    assert [n for n in tree(live) if not n.startswith(SEARCH_PATCHED)] == \
        [n for n in tree(full) if not n.startswith(SEARCH_PATCHED)]


def test_a_watched_edit_keeps_the_catalog_wide_checks_only_while_they_cannot_change(tmp_path, monkeypatch):
    """An edit that leaves what the catalog-wide checks read of an item as it was (here: its body) keeps
    the last catalog's order, relations and checks; an edit that changes it (a relation to a number that
    does not exist) is checked in full and reported."""
    from gongkai.engine.run import Session
    from plugins.catalog import load

    site, live = tmp_path / "site", tmp_path / "live"
    shutil.copytree(FIXTURE, site)
    session = Session(watched=True)
    calls = []
    real = load.cross_check
    monkeypatch.setattr(load, "cross_check", lambda *a, **k: calls.append(1) or real(*a, **k))
    rule = site / "catalog" / "gz" / "rule.md"

    def rebuild(text):
        rule.write_text(text, encoding="utf-8")
        session.note_changes({rule})
        calls.clear()
        return build(site / "pelicanconf.py", live, quiet=True, incremental=True, session=session)

    assert build(site / "pelicanconf.py", live, quiet=True, incremental=True, session=session)[0] == 0
    original = rule.read_text(encoding="utf-8")
    code, _ = rebuild(original + "\n本办法的解释权属于市人民政府办公室。\n")
    assert code == 0 and calls == []
    full = full_build(site, tmp_path / "full")
    same = [n for n in tree(full) if not n.startswith(SEARCH_PATCHED)]
    assert [n for n in tree(live) if not n.startswith(SEARCH_PATCHED)] == same
    assert filecmp.cmpfiles(live, full, same, shallow=False)[1:] == ([], [])
    code, stats = rebuild(original.replace("genre: 办法", "genre: 办法\nsupersedes: [MB1C37504/2019-00099]"))
    assert code == 1 and calls == [1]


def test_an_item_that_moves_in_the_catalog_order_is_listed_where_a_full_build_lists_it(tmp_path):
    """A date edit moves an item among the others: the preview's kept rows and groupings, which follow
    the items by position, must not take one item for another."""
    from gongkai.engine.run import Session

    site, live = tmp_path / "site", tmp_path / "live"
    shutil.copytree(FIXTURE, site)
    session = Session()
    assert build(site / "pelicanconf.py", live, quiet=True, incremental=True, session=session)[0] == 0
    newest = site / "catalog/jgzn/functions.md"          # the newest item becomes the second oldest: the others move up
    newest.write_text(newest.read_text(encoding="utf-8").replace("published: 2025-03-01", "published: 2024-06-01"),
                      encoding="utf-8")
    later = newest.stat().st_mtime + 2
    os.utime(newest, (later, later))
    code, stats = build(site / "pelicanconf.py", live, quiet=True, incremental=True, session=session)
    assert code == 0, stats
    full = full_build(site, tmp_path / "full")
    same = [n for n in tree(full) if not n.startswith(SEARCH_PATCHED)]
    assert [n for n in tree(live) if not n.startswith(SEARCH_PATCHED)] == same
    assert filecmp.cmpfiles(live, full, same, shallow=False)[1:] == ([], [])
