"""write_mirror over a small output tree: which files are mirrored, where, and settings errors."""
import pytest

from gongkai.engine import parallel
from plugins.hant.mirror import Options, make_converter, pages, write_mirror


def tree(root, files):
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def output(tmp_path):
    tree(tmp_path, {
        "index.html": '<html lang="zh-CN"><a href="/fdzdgknr/">公开内容</a></html>',
        "404.html": "<p>页面不存在</p>",
        "fdzdgknr/index.html": "<p>法定主动公开内容</p>",
        "gk/X/2025-00001/index.html": "<p>条目</p>",
        "gk/X/2025-00001/附件.pdf": "%PDF",
        "theme/css/main.css": "body{}",
        "theme/demo.html": "<p>样例</p>",
        "search/index.json": "{}",
    })
    return tmp_path


def test_pages_are_the_html_files_outside_excluded_folders(output):
    opts = Options.from_settings({})
    assert pages(output, opts) == ["404.html", "fdzdgknr/index.html", "gk/X/2025-00001/index.html", "index.html"]


def test_every_page_gets_a_converted_twin_and_assets_are_not_copied(output):
    opts = Options.from_settings({})
    assert write_mirror(output, opts) == 4
    mirror = output / "zh-hant"
    assert sorted(p.relative_to(mirror).as_posix() for p in mirror.rglob("*") if p.is_file()) == [
        "404.html", "fdzdgknr/index.html", "gk/X/2025-00001/index.html", "index.html"]
    assert (mirror / "index.html").read_text(encoding="utf-8") == \
        '<html lang="zh-Hant"><a href="/zh-hant/fdzdgknr/">公開內容</a></html>'
    assert (mirror / "404.html").read_text(encoding="utf-8") == "<p>頁面不存在</p>"
    # a second run does not mirror the mirror, and leaves unchanged twins alone
    assert write_mirror(output, opts) == 0
    assert not (mirror / "zh-hant").exists()


def test_settings_choose_prefix_language_config_and_exclusions(output):
    opts = Options.from_settings({"HANT_PREFIX": "/big5/", "HANT_LANG": "zh-TW", "HANT_CONFIG": "s2tw",
                                  "HANT_EXCLUDE": ["gk/"], "SITEURL": "https://www.haicheng.gov.cn"})
    assert opts.target.base == "https://www.haicheng.gov.cn/"
    assert write_mirror(output, opts) == 4     # theme/demo.html is mirrored now, gk/ is not
    assert (output / "big5" / "theme" / "demo.html").exists()
    assert not (output / "big5" / "gk").exists()
    assert 'lang="zh-TW"' in (output / "big5" / "index.html").read_text(encoding="utf-8")


def test_parallel_conversion_gives_the_same_files(output, tmp_path_factory):
    for n in range(30):
        tree(output, {f"p/{n}/index.html": f"<p>第{n}页发布</p>"})
    opts = Options.from_settings({})

    old = parallel.THRESHOLDS["twins"]
    parallel.THRESHOLDS["twins"] = 1
    try:
        assert write_mirror(output, opts, processes=2) == 34
    finally:
        parallel.THRESHOLDS["twins"] = old
    assert (output / "zh-hant" / "p" / "7" / "index.html").read_text(encoding="utf-8") == "<p>第7頁發佈</p>"


def test_unknown_config_is_a_clear_error():
    with pytest.raises(ValueError) as err:
        make_converter("s2x")
    assert str(err.value).startswith("pelicanconf.py: 繁体转换配置 (HANT_CONFIG): 未知的 OpenCC 转换配置 's2x' — 改为 ")
    assert "s2t" in str(err.value) and "s2tw" in str(err.value)


def test_a_rebuild_converts_only_changed_pages_and_drops_twins_of_removed_pages(output):
    import os

    opts = Options.from_settings({})
    assert write_mirror(output, opts) == 4
    twin = output / "zh-hant" / "fdzdgknr" / "index.html"
    os.utime(twin, ns=(1, 1))      # the twin is now older than its page: converted again
    (output / "404.html").unlink()  # a page that the rebuild no longer produces
    assert write_mirror(output, opts) == 1
    assert twin.read_text(encoding="utf-8") == "<p>法定主動公開內容</p>"
    assert not (output / "zh-hant" / "404.html").exists()
    assert write_mirror(output, opts) == 0
