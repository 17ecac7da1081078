"""convert_page / twin_url: OpenCC over text, verbatim translate="no", page links moved under zh-hant/."""
import opencc
import pytest

from plugins.hant.convert import Target, convert_page, is_page_path, twin_url

S2T = opencc.OpenCC("s2t").convert
DEV = Target("/", "zh-hant", "zh-Hant", ("theme/", "zh-hant/"))
PROD = Target("https://www.haicheng.gov.cn/", "zh-hant", "zh-Hant", ("theme/", "zh-hant/"))


def convert(html, target=DEV, path="gk/MB1C37504/2025-00001/index.html"):
    return convert_page(html, S2T, target, path)


@pytest.mark.parametrize("path,expected", [
    ("", True), ("fdzdgknr/", True), ("404.html", True), ("search", True),
    ("gk/X/2025-00001/附件.pdf", False), ("theme/css/main.css", False), ("catalog.json", False),
])
def test_is_page_path(path, expected):
    assert is_page_path(path) is expected


@pytest.mark.parametrize("url,expected", [
    ("/", "/zh-hant/"),
    ("/fdzdgknr/gz/2/", "/zh-hant/fdzdgknr/gz/2/"),
    ("/404.html", "/zh-hant/404.html"),
    ("/search/?q=预算#top", "/zh-hant/search/?q=预算#top"),
    ("/zh-hant/fdzdgknr/", "/zh-hant/fdzdgknr/"),                 # already in the mirror
    ("/gk/MB1C37539/2025-00002/2025年部门预算.pdf", "/gk/MB1C37539/2025-00002/2025年部门预算.pdf"),
    ("/theme/css/main.css", "/theme/css/main.css"),
    ("/catalog.json", "/catalog.json"),
    ("#main", "#main"),
    ("mailto:zwgk@haicheng.gov.cn", "mailto:zwgk@haicheng.gov.cn"),
    ("https://beian.miit.gov.cn/", "https://beian.miit.gov.cn/"),
    ("//cdn.example.com/x/", "//cdn.example.com/x/"),
    ("../2024-00011/", "../2024-00011/"),                           # relative page links work as they are
    ("附件.pdf", "/gk/MB1C37504/2025-00001/附件.pdf"),                # relative assets become absolute
])
def test_twin_url_in_development(url, expected):
    assert twin_url(url, DEV, "gk/MB1C37504/2025-00001") == expected


@pytest.mark.parametrize("url,expected", [
    ("https://www.haicheng.gov.cn/fdzdgknr/", "https://www.haicheng.gov.cn/zh-hant/fdzdgknr/"),
    ("https://www.haicheng.gov.cn/gk/a.pdf", "https://www.haicheng.gov.cn/gk/a.pdf"),
    ("/ysqgk/", "/zh-hant/ysqgk/"),
    ("https://www.gov.cn/zhengce/", "https://www.gov.cn/zhengce/"),
])
def test_twin_url_with_a_full_siteurl(url, expected):
    assert twin_url(url, PROD, "") == expected


def test_text_is_converted_and_lang_is_set():
    out = convert('<html lang="zh-CN"><head><title>发布机构</title></head><body><p>后台里面的头发</p></body></html>')
    assert '<html lang="zh-Hant">' in out
    assert "<title>發佈機構</title>" in out
    assert "<p>後臺裏面的頭髮</p>" in out


def test_translate_no_keeps_index_number_and_document_number_exactly():
    html = ('<td><span translate="no" class="gk-verbatim">海政规〔2024〕5号</span></td>'
            '<td>发布<span translate="no">发布<b>后台</b><span>里面</span></span>后台</td>')
    out = convert(html)
    assert '<span translate="no" class="gk-verbatim">海政规〔2024〕5号</span>' in out
    assert "<span translate=\"no\">发布<b>后台</b><span>里面</span></span>後臺" in out
    assert out.startswith("<td>") and "<td>發佈" in out


def test_page_links_are_rewritten_and_assets_stay_at_the_root():
    html = ('<a href="/fdzdgknr/">法定主动公开内容</a><form action="/search/" method="get"></form>'
            '<a href="/gk/X/2025-00002/2025年部门预算.pdf" download>预算表</a>'
            '<link rel="stylesheet" href="/theme/css/main.css"><script src="/theme/js/toolbar.js"></script>'
            '<img src="/gk/X/图表.png" alt="图表说明">')
    out = convert(html)
    assert '<a href="/zh-hant/fdzdgknr/">法定主動公開內容</a>' in out
    assert '<form action="/zh-hant/search/"' in out
    assert 'href="/gk/X/2025-00002/2025年部门预算.pdf" download>預算表</a>' in out
    assert 'href="/theme/css/main.css"' in out and 'src="/theme/js/toolbar.js"' in out
    assert '<img src="/gk/X/图表.png" alt="圖表說明">' in out


def test_readable_attributes_are_converted_identifiers_and_url_data_are_not():
    html = ('<button aria-label="朗读全文" data-label-stop="停止朗读" data-index="/search/索引.json" '
            'id="节-发布" title="发布">朗读</button><meta name="ColumnName" content="财政预决算">')
    out = convert(html)
    assert 'aria-label="朗讀全文"' in out and 'data-label-stop="停止朗讀"' in out
    assert 'data-index="/search/索引.json"' in out
    assert 'id="节-发布"' in out and 'title="發佈"' in out
    assert 'content="財政預決算"' in out


def test_langswitch_is_swapped_for_the_link_back_to_the_simplified_page():
    html = ('<!--gk-hans--><a href="/zh-hant/fdzdgknr/" hreflang="zh-Hant" data-gk-twin>繁體版</a>'
            '<!--gk-hant:<a href="/fdzdgknr/" hreflang="zh-Hans" translate="no" data-gk-twin>简体版</a>-->'
            '<a href="/fdzdgknr/">简体</a>')
    out = convert(html)
    assert out == ('<a href="/fdzdgknr/" hreflang="zh-Hans" translate="no" data-gk-twin>简体版</a>'
                   '<a href="/zh-hant/fdzdgknr/">簡體</a>')


def test_page_base_meta_points_scripts_at_the_mirror():
    out = convert('<meta name="gk-page-base" content="/">')
    assert out == '<meta name="gk-page-base" content="/zh-hant/">'


def test_scripts_and_styles_are_never_converted():
    html = '<script type="application/json">{"label": "发布"}</script><style>.x::after{content:"发布"}</style><p>发布</p>'
    assert convert(html) == '<script type="application/json">{"label": "发布"}</script><style>.x::after{content:"发布"}</style><p>發佈</p>'


def test_other_configs_are_honoured():
    s2tw = opencc.OpenCC("s2tw").convert
    assert convert_page("<p>里面</p>", s2tw, DEV, "index.html") == "<p>裡面</p>"
    assert convert("<p>里面</p>") == "<p>裏面</p>"


def test_a_link_marked_translate_no_keeps_its_text_but_still_points_at_the_twin():
    out = convert('<p>发布<a translate="no" href="/gk/X/" title="发布">海政规〔2024〕5号</a>发布</p>')
    assert out == '<p>發佈<a translate="no" href="/zh-hant/gk/X/" title="发布">海政规〔2024〕5号</a>發佈</p>'


def test_chinese_values_of_identifier_attributes_in_ordinary_tags_stay_verbatim():
    out = convert('<h2 id="第一章-总则" class="x">第一章 总则</h2><td headers="发布 日期" data-label="发布日期">后</td>')
    assert out == '<h2 id="第一章-总则" class="x">第一章 總則</h2><td headers="发布 日期" data-label="發佈日期">後</td>'


def test_relative_asset_links_resolve_against_each_page_even_when_repeated():
    html = '<a href="files/a.pdf">附件</a>'
    assert convert(html, path="gk/A/1/index.html") == '<a href="/gk/A/1/files/a.pdf">附件</a>'
    assert convert(html, path="gk/B/2/index.html") == '<a href="/gk/B/2/files/a.pdf">附件</a>'


def test_a_switch_marker_without_its_twin_comment_is_left_alone():
    assert convert("<!--gk-hans--><p>发布</p>") == "<!--gk-hans--><p>發佈</p>"
