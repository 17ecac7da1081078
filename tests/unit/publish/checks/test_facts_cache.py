"""Per-page facts from the publish cache: a warm run parses only changed pages and finds exactly
what a run without the cache finds — every problem with its line, the external links, the stats."""
import json

import pytest

from gongkai.publish.checks.run import run_checks
from gongkai.sitebuild import load_settings
from tests.conftest import ROOT
from tests.unit.publish.checks.helpers import (
    ARTICLE_META,
    COLUMN_META,
    SITE_META,
    html,
    item_text,
    make_catalog,
    settings,
    write_site,
)


def outcome(site) -> tuple:
    return ([p.format() for p in site.problems.sorted()], [p.level for p in site.problems.sorted()],
            sorted(site.externals.items()), site.stats)


@pytest.fixture
def flawed(root):
    """A site with one of almost every problem the page checks find."""
    catalog = make_catalog(root, {"gz/a.md": item_text("2025-00001", "2025-03-01", body="见[通知](/tz/)。")})
    out = write_site(root, {
        "index.html": html('<a href="a/">A</a>\n<a href="nowhere/">坏</a>\n<a href="a/#nope">锚</a>\n'
                           '<a href="files/gone.pdf">附件</a> <a href="https://www.gov.cn/x">外部</a>\n'
                           '<ul class="gk-latest"><li><a href="a/">没有日期</a></li></ul>'),
        "a/index.html": html('<h2 id="yes">y</h2>\n<a href="../nowhere/">坏</a><p style="color:red">x</p>\n'
                             '<iframe src="https://evil.example/"></iframe><script src="/uploads/x.js"></script>',
                             footer=""),
        "fdzdgknr/gz/index.html": html('<p class="gk-empty">暂无</p>', {**SITE_META, "ColumnName": "规章"}),
        "gk/MB1C37504/2025-00001/index.html": html('<div class="gk-body"><p>见<a href="/tz/">通知</a></p></div>',
                                                   {**SITE_META, **COLUMN_META, **ARTICLE_META, "PubDate": "2025/3/1"}),
    })
    return root, out, catalog


def test_warm_run_equals_a_run_without_the_cache(flawed):
    root, out, catalog = flawed
    cache = root / "cache"
    plain = run_checks(out, settings(root), catalog=catalog, today="2025-03-02")
    cold = run_checks(out, settings(root), catalog=catalog, today="2025-03-02", cache=cache)
    warm = run_checks(out, settings(root), catalog=catalog, today="2025-03-02", cache=cache)
    assert outcome(plain) == outcome(cold) == outcome(warm)
    assert (plain.parsed, cold.parsed, warm.parsed) == (4, 4, 0)
    labels = {p.label for p in warm.problems}
    assert labels >= {"失效链接", "失效锚点", "附件", "网页元数据", "页脚", "列表日期", "内容安全策略", "空白栏目"}
    # lines come from parsing the page again: the same as without the cache
    lines = outcome(warm)[0]
    assert "output/a/index.html:3: 失效链接 (broken_links): 链接指向的页面或文件不存在：/nowhere/（共 2 个页面，如 /a/、/） — " \
           "改正链接地址，或补上目标页面；模板中的链接请改模板" in lines
    assert "output/index.html:4: 失效锚点 (missing_anchors): 页内锚点 #nope 在 /a/index.html 中不存在（共 1 个页面，如 /） — " \
           "改正 # 后面的锚点名称，或在目标页面加上对应的标题" in lines
    assert lines[0].startswith("catalog/gz/a.md:8: 失效链接 (broken_links): 链接指向的页面或文件不存在：/tz/")


def test_only_changed_pages_are_parsed_and_fixes_are_seen(flawed):
    root, out, catalog = flawed
    cache = root / "cache"
    run_checks(out, settings(root), catalog=catalog, today="2025-03-02", cache=cache)
    page = out / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('<a href="nowhere/">坏</a>', ""), encoding="utf-8")
    (out / "a/index.html").write_text(html('<h2 id="yes">y</h2>'), encoding="utf-8")
    warm = run_checks(out, settings(root), catalog=catalog, today="2025-03-02", cache=cache)
    plain = run_checks(out, settings(root), catalog=catalog, today="2025-03-02")
    assert warm.parsed == 2 and outcome(warm) == outcome(plain)
    assert not [p for p in warm.problems if "nowhere" in p.message]


def test_other_settings_or_a_damaged_cache_mean_parsing_again(flawed):
    root, out, catalog = flawed
    cache = root / "cache"
    run_checks(out, settings(root), catalog=catalog, today="2025-03-02", cache=cache)
    other = settings(root, footer_items={"网站标识码": {"text": "网站标识码"}})
    assert run_checks(out, other, catalog=catalog, today="2025-03-02", cache=cache).parsed == 4
    assert len(list(cache.glob("checks-*.json"))) == 2         # one per settings
    store = max(cache.glob("checks-*.json"), key=lambda p: p.stat().st_mtime_ns)
    stored = json.loads(store.read_text(encoding="utf-8"))
    stored["strings"] = []                                   # every index now points nowhere
    store.write_text(json.dumps(stored), encoding="utf-8")
    again = run_checks(out, other, catalog=catalog, today="2025-03-02", cache=cache)
    assert again.parsed == 4 and outcome(again) == outcome(run_checks(out, other, catalog=catalog, today="2025-03-02"))
    store.write_text("{not json", encoding="utf-8")
    assert run_checks(out, other, catalog=catalog, today="2025-03-02", cache=cache).parsed == 4


def test_an_item_page_is_not_taken_for_a_plain_page_with_the_same_bytes(root):
    """The facts of a page depend on whether it is an item page (its <meta> rules): part of the key."""
    catalog = make_catalog(root, {"gz/a.md": item_text("2025-00001", "2025-03-01")})
    text = html("")                                           # site <meta> only
    out = write_site(root, {"gk/MB1C37504/2025-00001/index.html": text})
    cache = root / "cache"
    bare = run_checks(out, settings(root), today="2025-03-02", cache=cache)
    assert not [p for p in bare.problems if p.label == "网页元数据"]
    as_item = run_checks(out, settings(root), catalog=catalog, today="2025-03-02", cache=cache)
    assert as_item.parsed == 1 and [p for p in as_item.problems if p.label == "网页元数据"]


@pytest.mark.slow
def test_sample_site_cold_and_warm_agree(sample_site, tmp_path):
    conf = load_settings(ROOT / "pelicanconf.py")
    plain = run_checks(sample_site, conf, today="2025-03-05")
    run_checks(sample_site, conf, today="2025-03-05", cache=tmp_path / "cache")
    warm = run_checks(sample_site, conf, today="2025-03-05", cache=tmp_path / "cache")
    assert warm.parsed == 0 and plain.parsed == warm.stats["pages"] > 100
    assert outcome(warm) == outcome(plain)
