"""Every build shows every problem, and a failed build changes nothing (issue 12.1).

Before: ``make html`` with a broken item printed only ``构建失败：1 个错误，0 个警告；…`` (the counting
handler sat on the root logger before ``logging.basicConfig()``, which then did nothing), and a
failed preview rebuild had already deleted the item's page and its 繁体 twin while it said
``重建失败（现有预览保持不变）``.
"""
from __future__ import annotations

import multiprocessing
import shutil
import subprocess
import sys

import pytest

from gongkai.commands.serve import outcome
from gongkai.sitebuild import build
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
FIXTURE = ROOT / "tests" / "fixtures" / "site"
BAD = ROOT / "tests" / "fixtures" / "bad"
PAGE = "gk/MB1C37504/2024-00003/index.html"
TWIN = "zh-hant/" + PAGE
BAD_LINK_PAGE = "Title: 坏链接\nSlug: badlink\n\n见[旧页]({filename}/nope.md)。\n"
PELICAN_WARNING = "Pelican: 警告: Unable to find '/nope.md', skipping url replacement."


@pytest.fixture
def site(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "site")
    return tmp_path / "site"


def gongkai(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gongkai", *argv], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def break_rule(site) -> None:
    rule = site / "catalog" / "gz" / "rule.md"
    rule.write_text(rule.read_text(encoding="utf-8").replace("published: 2024-05-20", "published: 2024-05-32"),
                    encoding="utf-8")


def test_build_prints_every_problem_like_check_then_the_count(site, tmp_path):
    for name in ("unknown_key.md", "date_not_exist.md"):
        shutil.copy(BAD / name, site / "catalog" / "gz" / name)
    break_rule(site)
    check = gongkai("check", "-s", str(site / "pelicanconf.py"))
    built = gongkai("build", "-s", str(site / "pelicanconf.py"), "-o", str(tmp_path / "out"))
    assert built.returncode == 1 and "Traceback" not in built.stderr
    problems = [
        "catalog/gz/date_not_exist.md:6: 发布日期 (published): 日期不存在：'2025-02-30' — 检查月份和日期（如 2 月没有 30 日）",
        "catalog/gz/rule.md:6: 发布日期 (published): 日期不存在：'2024-05-32' — 检查月份和日期（如 2 月没有 30 日）",
        "catalog/gz/unknown_key.md:7: titel: 未知字段“titel” — 是不是想写 title（名称）？",
    ]
    assert check.stderr.splitlines() == problems                     # make check says the same, in the same order
    assert built.stderr.splitlines() == problems + [f"构建失败：3 个错误，0 个警告；未改动 {tmp_path / 'out'}。"]
    assert built.stdout == ""                                        # no English "Done: Processed …" line
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.partial").exists()


def test_pelican_warnings_are_shown_one_line_each_and_again_in_the_next_build(site, tmp_path):
    (site / "content" / "pages" / "badlink.md").write_text(BAD_LINK_PAGE, encoding="utf-8")
    first = gongkai("build", "-s", str(site / "pelicanconf.py"), "-o", str(tmp_path / "out"))
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[0] == PELICAN_WARNING
    assert first.stdout.splitlines()[1].startswith("构建完成：") and "1 个警告" in first.stdout
    # Pelican forgets nothing between builds of one process (its logger drops repeated warnings):
    # the preview server and the tests build many times in one process
    for _ in range(2):
        code, stats = build(site / "pelicanconf.py", tmp_path / "again", quiet=True)
        assert (code, stats["warnings"]) == (0, 1)
    code, stats = build(site / "pelicanconf.py", tmp_path / "strict", quiet=True, fatal_warnings=True)
    assert code == 1 and stats["warnings"] == 1 and not (tmp_path / "strict").exists()


def test_quiet_builds_print_nothing(site, tmp_path, capfd):
    (site / "content" / "pages" / "badlink.md").write_text(BAD_LINK_PAGE, encoding="utf-8")
    assert build(site / "pelicanconf.py", tmp_path / "out", quiet=True)[0] == 0
    break_rule(site)
    assert build(site / "pelicanconf.py", tmp_path / "out", quiet=True)[0] == 1
    assert capfd.readouterr() == ("", "")


def test_a_failed_preview_rebuild_leaves_the_preview_byte_identical(site, tmp_path, capfd):
    preview = tmp_path / "preview"
    code, stats = build(site / "pelicanconf.py", preview, quiet=True, incremental=True)
    assert code == 0
    before = {p: (preview / p).read_bytes() for p in (PAGE, TWIN)}
    files = sorted(p.relative_to(preview) for p in preview.rglob("*"))
    break_rule(site)                                   # the item drops out of the catalog
    capfd.readouterr()
    code, stats = build(site / "pelicanconf.py", preview, incremental=True)
    out = capfd.readouterr()
    assert code == 1 and stats["stopped"] and (stats["written"], stats["removed"]) == ([], [])
    assert out.err.splitlines() == [
        "catalog/gz/rule.md:6: 发布日期 (published): 日期不存在：'2024-05-32' — 检查月份和日期（如 2 月没有 30 日）"]
    assert {p: (preview / p).read_bytes() for p in (PAGE, TWIN)} == before     # still there, unchanged
    assert sorted(p.relative_to(preview) for p in preview.rglob("*")) == files
    assert outcome(code, stats, first=False) == ("重建失败：1 个错误，0 个警告；预览保持不变（没有写入或删除任何文件）"
                                                " — 按上面的提示修改后保存，将自动重建。")
    shutil.copy(FIXTURE / "catalog" / "gz" / "rule.md", site / "catalog" / "gz" / "rule.md")
    code, stats = build(site / "pelicanconf.py", preview, quiet=True, incremental=True)
    assert code == 0 and {p: (preview / p).read_bytes() for p in (PAGE, TWIN)} == before


def test_an_error_in_the_output_phase_still_fails_and_says_what_changed(site, tmp_path):
    preview = tmp_path / "preview"
    assert build(site / "pelicanconf.py", preview, quiet=True, incremental=True)[0] == 0
    rule = site / "catalog" / "gz" / "rule.md"
    rule.write_text(rule.read_text(encoding="utf-8").replace("title: 海澄市公共数据管理办法", "title: 海澄市公共数据管理办法（修订）"),
                    encoding="utf-8")
    # lunr.js missing is only noticed while the search page is written (generate_output)
    code, stats = build(site / "pelicanconf.py", preview, quiet=True, incremental=True,
                        SEARCH_INDEX_LUNR_JS=str(tmp_path / "missing-lunr.min.js"))
    assert code == 1 and not stats["stopped"] and stats["errors"] == 1
    assert PAGE in stats["written"] and "（修订）" in (preview / PAGE).read_text(encoding="utf-8")
    line = outcome(code, stats, first=False)
    assert line.startswith(f"重建失败：1 个错误，0 个警告；预览已部分更新：写入 {len(stats['written'])} 个页面（")
    assert line.endswith("，删除 0 个页面 — 按上面的提示修改后保存，将自动重建。")
    # a full build with the same error is discarded: output/ keeps the previous tree
    out = tmp_path / "out"
    assert build(site / "pelicanconf.py", out, quiet=True)[0] == 0
    page = (out / PAGE).read_bytes()
    code, stats = build(site / "pelicanconf.py", out, quiet=True, SEARCH_INDEX_LUNR_JS=str(tmp_path / "none.js"))
    assert code == 1 and not stats["stopped"] and (out / PAGE).read_bytes() == page


def test_a_stopped_full_build_renders_nothing_and_stops_its_search_index_process(site, tmp_path, monkeypatch):
    """The background search-index process (≥ 2,000 items normally) is started in generate_context:
    a build stopped right after must not leave it writing into the discarded tree."""
    from gongkai.engine import parallel
    from gongkai.engine.run import BuildRun

    monkeypatch.setitem(parallel.THRESHOLDS, "background_index", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    break_rule(site)
    rendered = []
    monkeypatch.setattr(BuildRun, "write_pages", lambda *a, **k: rendered.append(a) or 0)
    before = set(multiprocessing.active_children())
    code, stats = build(site / "pelicanconf.py", tmp_path / "out", quiet=True)
    assert code == 1 and stats["stopped"] and rendered == []
    assert set(multiprocessing.active_children()) <= before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("out.trash-")) == ["site"]
