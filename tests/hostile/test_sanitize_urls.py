"""URL fields (service.online_url, calendar notice links): parsed as a browser parses them, only
http/https/mailto/tel and relative URLs become links (plugins/_shared/urls.py)."""
import pytest

from plugins._shared import sanitize, urls

JS = "不允许使用 javascript: 网址（可在读者的浏览器中执行脚本），只能用 http、https、mailto 或 tel"


@pytest.mark.parametrize("text,problem", [
    ("javascript:alert(1)", JS),
    ("java\tscript:alert(1)", JS),                         # a browser removes tabs and newlines anywhere
    ("java\nscript:alert(1)", JS),
    ("JaVaScRiPt:alert(1)", JS),
    ("\x01javascript:alert(1)", JS),                        # leading C0 controls are stripped by browsers
    ("  javascript:alert(1)", JS),
    ("&#x6A;avascript:alert(1)", JS),                      # entity-decoded when it lands in an attribute
    ("&#106;avascript:alert(1)", JS),
    ("java&Tab;script:alert(1)", JS),
    ("vbscript:msgbox(1)", "不允许使用 vbscript: 网址（可在读者的浏览器中执行脚本），只能用 http、https、mailto 或 tel"),
    ("data:text/html,<script>alert(1)</script>", "不允许使用 data: 网址（可直接嵌入网页或脚本），只能用 http、https、mailto 或 tel"),
    ("file:///etc/passwd", "不允许使用 file: 网址（指向读者电脑上的文件），只能用 http、https、mailto 或 tel"),
    ("ftp://ftp.example.gov.cn/a", "不允许使用 ftp: 网址（不是网页、邮箱或电话链接），只能用 http、https、mailto 或 tel"),
    ("//evil.example/login", "网址以 // 或 \\\\ 开头，缺少 https: 协议"),
    ("\\\\evil.example\\login", "网址以 // 或 \\\\ 开头，缺少 https: 协议"),
    ("https://www.gov.cn@evil.example/", "网址的域名前含有“@”（用户名），读者会被带到“@”之后的网站"),
    ("https:evil.example", "网址缺少域名（应为 https://域名/…）"),
    ("https://", "网址缺少域名（应为 https://域名/…）"),
    ("https://www.gov.cn/a b", "网址中不能有空格"),
    ("https://www.gov.cn/\x00", "网址中含有制表符、换行或其他控制字符（U+0000）"),
    ("http://[::1", "网址格式不正确（方括号或端口写法有误）"),
    ("", "网址为空"),
    (["https://www.gov.cn/"], "网址应为文字"),
])
def test_unsafe_urls_are_refused_with_a_chinese_problem(text, problem):
    assert urls.check_url(text) == problem
    assert urls.safe_href(text) is None


@pytest.mark.parametrize("text,href", [
    ("https://www.gov.cn/zhengce/", "https://www.gov.cn/zhengce/"),
    ("  http://zwfw.haicheng.gov.cn/a?b=1#c ", "http://zwfw.haicheng.gov.cn/a?b=1#c"),
    ("mailto:zwgk@haicheng.gov.cn", "mailto:zwgk@haicheng.gov.cn"),
    ("tel:0596-6812345", "tel:0596-6812345"),
    ("/ysqgk/apply/", "/ysqgk/apply/"),
    ("../files/a.pdf", "../files/a.pdf"),
])
def test_safe_urls_become_links(text, href):
    assert urls.check_url(text) is None
    assert urls.safe_href(text) == href


def test_a_relative_address_where_a_website_is_required():
    assert urls.check_url("/ysqgk/", relative=False) == "应为完整网址（以 https:// 开头），实际是相对地址"
    assert urls.check_url("https://www.gov.cn/", relative=False) is None


def test_scheme_is_read_as_a_browser_reads_it():
    assert urls.scheme("\x00 java\r\nscript:x") == "javascript"
    assert urls.scheme("java&#x09;script:x") is None                      # literal text in a browser …
    assert urls.scheme("java&#x09;script:x", decode_entities=True) == "javascript"   # … but not in an attribute
    assert urls.scheme("ｊａｖａｓｃｒｉｐｔ:x") is None                        # full-width letters are a path


def test_the_sanitizer_allows_exactly_the_same_schemes():
    assert sanitize.URL_SCHEMES == set(urls.SCHEMES) == {"http", "https", "mailto", "tel"}
