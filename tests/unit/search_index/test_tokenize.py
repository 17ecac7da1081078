"""What the tokenizer promises: 文号 and 索引号 match exactly and by their parts, 繁体 = 简体, full width = half."""
import pytest

from plugins.search_index import charmap
from plugins.search_index import tokenize as T

TABLE = T.translation(charmap.char_map("t2s"))


def toks(text, unigrams="all"):
    return T.tokens(text, TABLE, unigrams)


@pytest.mark.parametrize("typed", ["国办发〔2019〕5号", "国办发[2019]5号", "国办发(2019)5号", "国办发（2019）5号",
                                   "国办发【2019】5号", "国办发［2019］5号", "国办发 〔2019〕 第5号"])
def test_doc_no_variants_give_one_exact_token(typed):
    assert "国办发[2019]5号" in toks(typed)
    assert {"国办", "办发", "2019", "5", "号"} <= set(toks(typed))


def test_doc_no_cited_in_running_text_still_yields_the_typed_token():
    found = toks("根据《通知》（国办发〔2019〕5号）和省政府办公厅转发国办发〔2019〕5号文件")
    assert found.count("国办发[2019]5号") == 2
    assert "[2019]5号" in found


@pytest.mark.parametrize("typed,exact", [
    ("国令第707号", "国令[]707号"), ("国令第 707 号", "国令[]707号"), ("国令第７０７号", "国令[]707号"),
    ("财政部令第100号", "财政部令[]100号"), ("海澄市人民政府令第15号", "澄市人民政府令[]15号"),
    ("国令第0707号", "国令[]707号"),
])
def test_order_numbers_without_a_year_give_one_exact_token(typed, exact):
    found = toks(typed)
    assert exact in found and "令[]" + exact.split("[]")[1] in found
    assert not [t for t in found if T.is_identifier(t) and "令" not in t]


def test_order_number_tails_cover_a_shorter_issuer_typed():
    found = toks("依据《海澄市养犬管理规定》（海澄市人民政府令第15号）")
    assert [t for t in found if T.is_identifier(t)] == ["澄市人民政府令[]15号", "市人民政府令[]15号", "人民政府令[]15号",
                                                       "民政府令[]15号", "政府令[]15号", "府令[]15号", "令[]15号"]
    assert not [t for t in toks("命令第三号，令第号") if T.is_identifier(t)]


@pytest.mark.parametrize("index_no,exact,parts", [
    ("MB1C37512/2025-00003", "mb1c37512/2025-00003", ["mb1c37512", "2025", "00003", "2025-00003"]),
    ("000014349/2019-00007", "000014349/2019-00007", ["000014349", "2019", "00007", "2019-00007"]),
    ("4303000047-2014-00002", "4303000047-2014-00002", ["4303000047", "2014-00002"]),
    ("ＭＢ１Ｃ３７５１２／２０２５－００００３", "mb1c37512/2025-00003", ["2025-00003"]),
])
def test_index_numbers_exact_and_parts(index_no, exact, parts):
    got = toks(index_no)
    assert exact in got
    assert set(parts) <= set(got)


def test_identifier_inside_longer_alphanumerics_is_not_one():
    assert not [t for t in toks("abcdefg/2019-00001x") if T.is_identifier(t)]
    assert not [t for t in toks("2025-03-05") if T.is_identifier(t)]


def test_traditional_and_full_width_normalise_to_simplified_half_width():
    assert toks("政府資訊公開條例") == toks("政府资讯公开条例")
    assert toks("數據共享") == toks("数据共享")
    assert toks("ＰＭ２．５") == ["pm2", "5"]


def test_bigrams_and_unigram_modes():
    assert toks("数据共享", "single") == ["数据", "据共", "共享"]
    assert toks("数据共享", "all") == ["数据", "据共", "共享", "数", "据", "共", "享"]
    assert toks("税", "single") == ["税"]
    assert toks("😀 政务 😀", "single") == ["政务"]
    assert toks("") == []


def test_bad_mode_is_refused():
    with pytest.raises(ValueError):
        T.settings("some")


def test_char_maps_are_small_and_one_to_one():
    t2s, s2t = charmap.char_map("t2s"), charmap.char_map("s2t")
    assert t2s["國"] == "国" and s2t["国"] == "國"
    data = charmap.as_json(t2s)
    assert len(data["from"]) == len(data["to"]) == len(t2s) < 4000


def test_counts_is_the_token_multiset():
    from collections import Counter

    for text in ["国办发（2019）5号 数据共享，ＰＭ２．５；國務院", "", "MB1C37512/2025-00003 第三条"]:
        for mode in T.UNIGRAM_MODES:
            found, n = T.counts(text, TABLE, mode)
            assert found == Counter(toks(text, mode)) and n == len(toks(text, mode))


def test_fast_normalisation_equals_nfkc_then_map():
    import unicodedata

    plain_table = dict(TABLE)          # a plain dict takes the slow path's key regex
    for text in ["（２０１９）５号，國務院！", "ｅ\u0301 ＡＢ", "﨑樂 ①㎡", "數據，共享"]:
        slow = unicodedata.normalize("NFKC", text).translate(TABLE).lower()
        assert T.normalize(text, TABLE) == slow == T.normalize(text, plain_table)


def test_markup_is_not_indexed_but_its_text_is():
    from plugins.search_index.text import plain, searchable

    body = "## 一、总则\n\n**第一条** 见[《办法》](https://x.gov.cn/a.html)和![附图](img/map.png)，<b>粗体</b>&amp;\n\n| 表 | 二 |\n|---|---|"
    for strip in (plain, searchable):
        found = set(toks(strip(body)))
        assert {"总则", "第一", "办法", "附图", "粗体"} <= found
        assert not found & {"https", "gov", "html", "img", "png", "b", "amp"}
