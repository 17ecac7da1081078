"""Settings of the search plugin, deterministic output, and what the build writes."""
import dataclasses
import filecmp

from plugins.search_index import generator
from plugins.search_index.build import Options
from tests.unit.search_index.helpers import index_of


def test_defaults_give_default_options():
    options, errors = generator.read_options({})
    assert errors == [] and options == Options(unigrams="single", top_k=300, partition_kb=8, boosts=(10.0, 1.0),
                                               display_chunk=5, snippet_chars=120, processes=0)


def test_bad_settings_are_named_with_a_fix():
    options, errors = generator.read_options({"SEARCH_INDEX_TOP_K": "many", "SEARCH_INDEX_UNIGRAMS": "some",
                                              "SEARCH_INDEX_TITLE_BOOST": 0, "SEARCH_INDEX_PAGE_SIZE": True})
    assert errors == [
        "pelicanconf.py: SEARCH_INDEX_TOP_K：应为不小于 1 的整数，实际为 'many' — 改为 300",
        "pelicanconf.py: SEARCH_INDEX_PAGE_SIZE：应为不小于 1 的整数，实际为 True — 改为 10",
        "pelicanconf.py: SEARCH_INDEX_UNIGRAMS：应为 single 或 all，实际为 'some' — 改为 \"single\"",
        "pelicanconf.py: SEARCH_INDEX_TITLE_BOOST：应为正数，实际为 0 — 改为 10",
    ]
    assert options.top_k == 300 and options.unigrams == "single"


def test_same_catalog_same_bytes(search_catalog, tmp_path):
    a = index_of(search_catalog, tmp_path / "a", partition_kb=1)
    b = index_of(search_catalog, tmp_path / "b", partition_kb=1)
    names = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    assert not mismatch and not errors and len(match) > 10


def test_catalog_digest_follows_content(search_catalog):
    options = Options()
    before = generator.catalog_digest(search_catalog, options)
    items = list(search_catalog.items)
    items[0] = dataclasses.replace(items[0], body=items[0].body + "新增一段。")   # a re-read file is a new Item
    edited = dataclasses.replace(search_catalog, items=items)
    assert generator.catalog_digest(edited, options) != before
    assert generator.catalog_digest(search_catalog, options) == before
    assert generator.catalog_digest(search_catalog, Options(top_k=7)) != before


def test_index_url_is_root_absolute():
    assert generator.index_url({"SITEURL": ""}, "search") == "/search/"
    assert generator.index_url({"SITEURL": "https://www.haicheng.gov.cn"}, "search") == "/search/"
    assert generator.index_url({"SITEURL": "https://example.gov.cn/xxgk/"}, "so") == "/xxgk/so/"
