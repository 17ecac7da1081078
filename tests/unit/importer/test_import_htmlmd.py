"""HTML → Markdown: what editors' bodies look like after import, and the fast path's equivalence."""
import random

import pytest
from bs4 import BeautifulSoup

from gongkai.importer.htmlfast import fast_markdown
from gongkai.importer.htmlmd import Converter, looks_like_html, plain_to_markdown, to_markdown
from plugins.catalog.render import BodyRenderer

RENDER = BodyRenderer({"extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.sane_lists": {}}})


def tree(html: str) -> str:
    """The BeautifulSoup converter alone (no fast path)."""
    return "\n\n".join(Converter().blocks(BeautifulSoup(html, "html.parser")))


def test_paragraphs_breaks_emphasis_and_indent():
    md = to_markdown("<p>　　各区人民政府：<br>现将<strong>办法</strong>印发。</p><p style='text-align:center'><b>通知</b></p>")
    assert md == "各区人民政府：  \n现将**办法**印发。\n\n**通知**"


def test_scripts_styles_navigation_and_hidden_elements_are_dropped():
    md = to_markdown("<style>p{}</style><script>alert(1)</script><nav>导航</nav><p>正文</p>"
                     "<div style='display: none'>隐藏</div><form><input value='x'></form><!-- 注释 -->")
    assert md == "正文"


def test_headings_shift_below_the_page_h1_and_lists_keep_numbers():
    md = to_markdown("<h1>总则</h1><h2>第一节</h2><ol start='3'><li>三</li><li>四<ul><li>子项</li></ul></li></ol>")
    assert md == "## 总则\n\n### 第一节\n\n3. 三\n4. 四\n    - 子项"


def test_simple_table_becomes_a_pipe_table_and_merged_cells_stay_html():
    simple = to_markdown("<table><caption>分工</caption><tr><th>任务</th><th>单位|部门</th></tr>"
                         "<tr><td>培训</td><td>教育局<br>人社局</td></tr></table>")
    assert simple == "**分工**\n\n| 任务 | 单位\\|部门 |\n| --- | --- |\n| 培训 | 教育局<br>人社局 |"
    merged = to_markdown("<table><tr><th colspan='2'>合计</th></tr><tr><td>a</td><td>b &amp; c</td></tr></table>")
    assert merged == ('<table>\n<tr><th colspan="2" scope="col">合计</th></tr>\n'
                      "<tr><td>a</td><td>b &amp; c</td></tr>\n</table>")
    assert "<td>b &amp; c</td>" in RENDER(merged)


def test_layout_table_with_one_cell_is_unwrapped():
    assert to_markdown("<table><tr><td><p>一段</p><p>两段</p></td></tr></table>") == "一段\n\n两段"


def test_links_are_rewritten_and_script_links_dropped():
    md = to_markdown("<p><a href='a b(1).pdf'>附件1</a> <a href='javascript:print()'>打印</a> <a href='#top'>顶部</a></p>",
                     link=lambda href: "https://x.gov.cn/" + href if href else href)
    assert md == "[附件1](https://x.gov.cn/a%20b%281%29.pdf) 打印 顶部"


@pytest.mark.parametrize("text", ["#井号", "1. 不是列表", "- 不是列表", "> 不是引用", "===", "*星* _下划线_ [方括号]",
                                  "<script>x</script>", "a &amp; b &copy; c"])
def test_text_that_looks_like_markup_renders_as_itself(text):
    html = RENDER(plain_to_markdown(text))
    assert BeautifulSoup(html, "html.parser").get_text() == text


def test_plain_text_lines_become_paragraphs():
    assert plain_to_markdown("第一段\r\n\r\n　　第二段  \n") == "第一段\n\n第二段"
    assert looks_like_html("<P>x</P>") and looks_like_html("a<br/>b") and not looks_like_html("a < b 且 c > d")


FAST_CASES = [
    "<p>a<br>b</p><p><strong> x </strong>y</p>",
    "前言<p>　　第一条&nbsp;内容&amp;x&#12288;y&ldquo;引&rdquo;</p>尾",
    "<p><b><strong>双</strong></b></p>",
    "<p><span style='color:red'>红<em>斜</em></span><font face=宋体>体</font></p>",
    "<P>大写</P><p>1. 不是列表</p><p>#井号 *星*</p>",
    "<p><strong><br>粗</strong>　</p><p></p><p>  </p>",
    "<p>a <u>下划线</u>&lt;b&gt;</p>",
]


@pytest.mark.parametrize("html", FAST_CASES)
def test_fast_path_matches_the_tree_converter(html):
    fast = fast_markdown(html)
    assert fast is not None
    assert fast == tree(html)


@pytest.mark.parametrize("html", ["<p>a<p>b</p></p>", "<p>未闭合", "<div><p>x</p></div>", "<p><!-- c -->x</p>",
                                  "<p><span hidden>x</span></p>", "<p>&#150;</p>", "<p>&foo;</p>", "<p><b>x</i></p>",
                                  "<p>a > b</p>", "<p><a href='x'>链接</a></p>"])
def test_fast_path_declines_what_it_does_not_cover(html):
    assert fast_markdown(html) is None
    assert to_markdown(html) == tree(html)   # and the public function still converts it


def test_fast_path_random_bodies_match_the_tree_converter():
    rng = random.Random(7)
    pieces = ["文字", " ", "　", "&nbsp;", "&amp;", "*", "1. ", "#", "<br>", "<br/>", "\n"]
    inline = ["strong", "b", "em", "i", "span", "font", "u"]

    def fragment(depth=0):
        out = []
        for _ in range(rng.randint(1, 4)):
            if depth < 2 and rng.random() < 0.3:
                tag = rng.choice(inline)
                out.append(f"<{tag}>{fragment(depth + 1)}</{tag}>")
            else:
                out.append(rng.choice(pieces))
        return "".join(out)

    checked = 0
    for _ in range(300):
        html = "".join(f"<p>{fragment()}</p>" if rng.random() < 0.8 else fragment() for _ in range(rng.randint(1, 5)))
        fast = fast_markdown(html)
        if fast is not None:
            checked += 1
            assert fast == tree(html), html
    assert checked > 250


def test_word_pasted_cells_stay_a_pipe_table_and_merged_tables_keep_links():
    word = to_markdown("<table><tr><td><p>项目</p></td><td><p>金额</p><p>（万元）</p></td></tr>"
                       "<tr><td><p><span>办公</span></p></td><td><p>12</p></td></tr></table>")
    assert word == "| 项目 | 金额<br>（万元） |\n| --- | --- |\n| 办公 | 12 |"
    merged = to_markdown("<table><tr><th colspan=2>合计 <a href='a.pdf'>附表</a></th></tr>"
                         "<tr><td><p>a</p><p>b</p></td><td>c<br>d &lt;</td></tr></table>",
                         link=lambda href: "https://x.gov.cn/" + href)
    assert merged == ('<table>\n<tr><th colspan="2" scope="col">合计 <a href="https://x.gov.cn/a.pdf">附表</a></th></tr>\n'
                      "<tr><td>a<br>b</td><td>c<br>d &lt;</td></tr>\n</table>")
    html = RENDER(merged)
    assert '<a href="https://x.gov.cn/a.pdf" rel="noopener noreferrer">附表</a>' in html and "d &lt;" in html
