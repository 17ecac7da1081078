"""make publish / deploy / verify / rollback end to end on a copy of the fixture site.

The copy gets a publishconf.py like the repository's; the reference day is fixed (--today), so
栏目不更新 does not depend on the wall clock.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gongkai.__main__ import main
from gongkai.publish import manifest as mf
from tests.conftest import ROOT
from tests.unit.publish.websrv import Production, running

pytestmark = pytest.mark.slow
FIXTURE = ROOT / "tests" / "fixtures" / "site"
TODAY = "2025-03-05"
PUBLISHCONF = '''\
import runpy
from pathlib import Path

HERE = Path(__file__).resolve().parent
globals().update({k: v for k, v in runpy.run_path(str(HERE / "pelicanconf.py")).items() if k.isupper()})
SITEURL = "https://www.haicheng.gov.cn"
EXPORTS_FEEDS = True
OUTPUT_PATH = str(HERE / "output")
SITE_CHECKS = {"stale_days": {"gz": 400}, "cache_dir": None}   # the fixture's 规章 is from 2024-05
DEPLOY = {"path": str(HERE / "srv"), "keep": 3}
'''
SEARCH_PAGE = "Title: 搜索\nSlug: search\n\n全文搜索页（测试占位：搜索插件尚未启用）。\n"
GKZD_PAGE = "Title: 政府信息公开制度\nSlug: gkzd\n\n本机关政府信息公开工作制度。\n"   # the main nav links it


def copy_site(tmp: Path) -> Path:
    site = tmp / "site"
    shutil.copytree(FIXTURE, site)
    (site / "publishconf.py").write_text(PUBLISHCONF, encoding="utf-8")
    enabled = runpy_plugins()
    if not any("search" in p for p in enabled):   # base.html's search form needs a page at /search/
        (site / "content" / "pages" / "search.md").write_text(SEARCH_PAGE, encoding="utf-8")
    if not (site / "content" / "pages" / "gkzd.md").exists():
        (site / "content" / "pages" / "gkzd.md").write_text(GKZD_PAGE, encoding="utf-8")
    return site


def runpy_plugins() -> list[str]:
    import runpy

    return list(runpy.run_path(str(ROOT / "pelicanconf.py"))["PLUGINS"])


def gongkai(site: Path, *argv: str) -> int:
    return main([argv[0], "-s", str(site / "publishconf.py"), *argv[1:]])


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    site = copy_site(tmp_path_factory.mktemp("pub"))
    code = gongkai(site, "publish", "--today", TODAY)
    assert code == 0
    return site


def test_clean_publish_writes_report_feeds_sitemap_and_manifest(published):
    out = published / "output"
    manifest = mf.load(out / "manifest.json")
    assert mf.verify_tree(out, manifest).ok
    assert not (published / "output.publish").exists() and not (published / "output.publish.partial").exists()
    summary = (out / "checks" / "summary.txt").read_text(encoding="utf-8")
    assert summary.strip().endswith("共 0 个错误，0 个警告。") or "共 0 个错误" in summary
    for name in ("sitemap.xml", "robots.txt", "catalog.json", "catalog.csv", "feeds/all.atom.xml", "feeds/gz.atom.xml"):
        assert name in manifest["files"], name
    assert "index.html.gz" in manifest["files"] and "index.html.br" in manifest["files"]
    assert "https://www.haicheng.gov.cn/gk/MB1C37504/2024-00003/" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert {e["mode"] for e in manifest["files"].values()} == {"0644"}
    # the preview's reload script is added by the preview server only, never written into a site
    assert [p for p in manifest["files"] if b"__gongkai" in (out / p).read_bytes()] == []


def test_planted_broken_link_and_stale_column_fail_publish(tmp_path, capsys):
    site = copy_site(tmp_path)
    first = gongkai(site, "publish", "--today", TODAY)
    assert first == 0
    before = mf.load(site / "output" / "manifest.json")["build_id"]
    capsys.readouterr()
    # personal data and links to missing items are refused earlier, by the catalog check (tests/e2e/test_check_rules.py);
    # what only the built site shows is refused here: a broken link in a page, a stale column
    guide = site / "content" / "pages" / "gkzn.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text + "\n见[旧通知](/gk/MB1C37504/2019-00001/)。\n", encoding="utf-8")
    conf = site / "publishconf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"gz": 400', '"gz": 200'), encoding="utf-8")
    assert gongkai(site, "publish", "--today", TODAY) == 1
    out = capsys.readouterr()
    lines = out.out + out.err
    assert "gkzn/index.html:" in lines and \
        "失效链接 (broken_links): 链接指向的页面或文件不存在：/gk/MB1C37504/2019-00001/（共 2 个页面，如 /gkzn/、/zh-hant/gkzn/）" in lines
    assert "catalog/taxonomy.yml" in lines and "栏目不更新：“规章”最新一条发布于 2024-05-20，至 2025-03-05 已 289 天未更新（要求 200 天内有更新）" in lines
    assert "发布中止：网站检查发现 2 个错误" in out.err
    assert mf.load(site / "output" / "manifest.json")["build_id"] == before   # output/ untouched
    report = (site / "output.publish" / "checks" / "index.html").read_text(encoding="utf-8")
    assert "错误（必须修改，否则不能发布）：2 项" in report and not (site / "output.publish" / "manifest.json").exists()


def test_stale_home_page_stops_publish_until_overridden_with_a_reason(tmp_path, capsys):
    """首页两周未更新 is a 单项否决 item (国办秘函〔2019〕19号): publishing stops; a written override lets it through."""
    site = copy_site(tmp_path)
    late = "2025-03-20"                   # the newest fixture item is from 2025-03-01: 19 days
    assert gongkai(site, "publish", "--today", late) == 1
    out = capsys.readouterr()
    assert "单项否决 (published): 首页最新信息" in out.out and "至 2025-03-20 已 19 天没有更新（标准：14 天）" in out.out
    assert "发布中止：网站检查发现 1 个错误" in out.err and not (site / "output").exists()
    conf = site / "publishconf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(
        '"cache_dir": None}', '"cache_dir": None, "overrides": {"home_stale": {"reason": "机构改革期间暂停更新（办公室主任批准）", '
        '"until": "2025-03-31"}}}'), encoding="utf-8")
    assert gongkai(site, "publish", "--today", late) == 0
    report = (site / "output" / "checks" / "index.html").read_text(encoding="utf-8")
    assert "已按 SITE_CHECKS[&#39;overrides&#39;] 放行：机构改革期间暂停更新（办公室主任批准）（至 2025-03-31）" in report
    from bs4 import BeautifulSoup

    rows = {r.th.get_text(): [td.get_text() for td in r.find_all("td")]
            for r in BeautifulSoup(report, "html.parser").select("#gk-checks-veto ~ table tbody tr")}
    assert rows["首页两周未更新"] == ["19 天", "≤ 14 天", "已按设置放行（见警告）"]
    assert rows["空白栏目达到 5 个"][2] == "符合" and set(rows) == {"首页两周未更新", "栏目不更新达到 5 个", "空白栏目达到 5 个",
                                                               "不可用链接达到 5%"}
    assert gongkai(site, "publish", "--today", "2025-04-01") == 1      # the override has expired
    assert "放行（机构改革期间暂停更新（办公室主任批准））已于 2025-03-31 到期" in capsys.readouterr().out


def copy_published(published: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(published, site, symlinks=True)
    conf = site / "publishconf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace(str(published), str(site)), encoding="utf-8")
    return site


def test_deploy_verify_tamper_rollback(published, tmp_path, capsys):
    site = copy_published(published, tmp_path)
    assert gongkai(site, "deploy") == 0
    current = site / "srv" / "current"
    first = os.readlink(current)
    assert gongkai(site, "verify") == 0 and gongkai(site, "verify", str(current)) == 0
    with running(Production, current) as url:          # served like the operator guide's nginx
        assert gongkai(site, "verify", url) == 0
        page = current / "gk" / "MB1C37504" / "2024-00003" / "index.html"
        page.write_bytes(page.read_bytes().replace("管理办法".encode(), "管理力法".encode(), 1))
        (current / "evil.html").write_text("<script>x</script>")
        capsys.readouterr()
        assert gongkai(site, "verify", url) == 1
        assert "已改动：gk/MB1C37504/2024-00003/index.html" in capsys.readouterr().out

    assert gongkai(site, "verify") == 1
    out = capsys.readouterr().out
    assert "已改动：gk/MB1C37504/2024-00003/index.html" in out and "多出：evil.html" in out
    assert "1 个文件被改动，0 个缺失，1 个多出" in out
    # a new version, then back: the tampered release is refused, a clean one is accepted
    item = site / "catalog" / "gz" / "rule.md"
    item.write_text(item.read_text(encoding="utf-8").replace("title: 海澄市公共数据管理办法", "title: 海澄市公共数据管理办法（修订）"),
                    encoding="utf-8")
    assert gongkai(site, "publish", "--today", TODAY) == 0
    assert "feeds/gz.atom.xml" in mf.load(site / "output" / "manifest.json")["files"]   # also in a second run
    assert gongkai(site, "deploy") == 0
    second = os.readlink(current)
    assert second != first and "（修订）" in (current / "gk/MB1C37504/2024-00003/index.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert gongkai(site, "rollback") == 1
    assert "拒绝回滚" in capsys.readouterr().err and os.readlink(current) == second
    (site / "srv" / first / "evil.html").unlink()
    page = site / "srv" / first / "gk" / "MB1C37504" / "2024-00003" / "index.html"
    page.write_bytes(page.read_bytes().replace("管理力法".encode(), "管理办法".encode(), 1))
    assert gongkai(site, "rollback") == 0 and os.readlink(current) == first


def test_warm_publish_equals_a_cold_one_and_deploy_sends_only_the_changes(published, tmp_path, capsys):
    site = copy_published(published, tmp_path)
    assert gongkai(site, "publish", "--today", TODAY) == 0     # the copy's own tree, for the warm publish below
    report = tmp_path / "deploy.json"
    assert gongkai(site, "deploy", "--json", str(report)) == 0
    first = json.loads(report.read_text(encoding="utf-8"))
    assert first["previous"] is None and first["sent_files"] == first["files"] > 100
    item = site / "catalog" / "gz" / "rule.md"
    item.write_text(item.read_text(encoding="utf-8").replace("title: 海澄市公共数据管理办法", "title: 海澄市公共数据管理办法（修订）"),
                    encoding="utf-8")
    capsys.readouterr()
    unchanged = site / "output" / "gk" / "MB1C37539" / "2025-00002" / "index.html"
    before = unchanged.stat().st_ino
    assert gongkai(site, "publish", "--today", TODAY) == 0
    assert unchanged.stat().st_ino == before          # linked from the published tree, not rendered again
    out = capsys.readouterr().out
    parsed, pages = map(int, re.search(r"发布缓存：重新检查 ([\d,]+) / ([\d,]+) 个页面", out).groups())
    assert 0 < parsed < pages / 2                               # only pages whose bytes changed
    assert gongkai(site, "deploy", "--json", str(report)) == 0
    said = capsys.readouterr().out
    second = json.loads(report.read_text(encoding="utf-8"))
    assert second["previous"] == first["name"] and second["trusted"] and 0 < second["sent_files"] < first["files"] / 2
    assert second["linked_files"] == second["files"] - second["sent_files"]
    assert f"已上传 {second['sent_files']:,} 个文件（" in said and \
        f"），其余 {second['linked_files']:,} 个文件与上一版本相同（硬链接）；" in said
    assert gongkai(site, "verify") == 0
    # the same sources published with no cache at all: the same manifest, twins included
    # (into the same folder: the checks report names the output folder)
    warm = mf.load(site / "output" / "manifest.json")
    (site / "output").rename(tmp_path / "warm-output")
    shutil.rmtree(site / ".cache" / "publish")
    shutil.rmtree(site / ".cache" / "build", ignore_errors=True)
    assert gongkai(site, "publish", "--today", TODAY) == 0
    assert mf.load(site / "output" / "manifest.json") == warm


def test_killed_publish_leaves_output_and_current_untouched(published, tmp_path):
    from bench.synth import make_catalog

    site = copy_published(published, tmp_path)
    conf = site / "publishconf.py"
    assert gongkai(site, "deploy") == 0
    live = os.readlink(site / "srv" / "current")
    before = mf.load(site / "output" / "manifest.json")
    shutil.rmtree(site / "catalog")
    make_catalog(800, site, bodies=False)                    # a build that takes a few seconds
    proc = subprocess.Popen([sys.executable, "-m", "gongkai", "publish", "-s", str(conf), "--today", TODAY],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    partial = site / "output.publish.partial" / "gk"
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if partial.is_dir() and sum(1 for _ in partial.rglob("index.html")) >= 50:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "publish finished before it could be interrupted"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert mf.load(site / "output" / "manifest.json") == before
    assert mf.verify_tree(site / "output", before).ok          # the previous output is intact
    assert os.readlink(site / "srv" / "current") == live     # and the live release did not move
    assert gongkai(site, "deploy") == 0                      # deploying now ships the intact previous build
    assert json.loads((site / "srv" / "current" / "manifest.json").read_text())["build_id"] == before["build_id"]


def test_sitecheck_never_changes_a_published_tree_and_speaks_github(published, capsys):
    out = published / "output"
    before = mf.load(out / "manifest.json")
    assert gongkai(published, "sitecheck", "-o", str(out), "--today", TODAY) == 0
    err = capsys.readouterr().err
    assert "已有 manifest.json（已发布的版本），报告页未写入" in err
    assert mf.verify_tree(out, before).ok
    # a reference day a year later: every column is stale, shown as GitHub annotations
    assert gongkai(published, "sitecheck", "-o", str(out), "--today", "2026-03-05", "--format", "github") == 1
    lines = capsys.readouterr().out.splitlines()
    stale = [x for x in lines if x.startswith("::error file=catalog/taxonomy.yml,") and "title=栏目更新 (stale_days)::" in x]
    assert len(stale) == 6
    [veto] = [x for x in lines if "title=单项否决 (overrides.stale_columns)::" in x]
    assert veto.startswith("::error file=catalog/taxonomy.yml,") and "共有 6 个不更新栏目" in veto
    # the home page a year old: a 单项否决 error on the newest item's 发布日期 line
    assert any(x.startswith("::error file=catalog/jgzn/functions.md,line=6,title=单项否决 (published)::") for x in lines)
    assert mf.verify_tree(out, before).ok


def test_check_command_prints_github_annotations(tmp_path, capsys):
    site = copy_site(tmp_path)
    rule = site / "catalog" / "gz" / "rule.md"
    rule.write_text(rule.read_text(encoding="utf-8").replace("published: 2024-05-20", "published: 2024-05-32"),
                    encoding="utf-8")
    assert main(["check", "-s", str(site / "pelicanconf.py"), "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=catalog/gz/rule.md,line=6,title=发布日期 (published)::")
