"""The Markdown fast path (plugins/catalog/render.py PlainText): identical HTML, only faster."""
import pytest

from plugins.catalog.render import BodyRenderer, fast_path_applies
from tests.conftest import ROOT

SETTINGS = {"extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.sane_lists": {}},
            "output_format": "html5"}

EDGE_CASES = [
    "第一条 为规范政务数据共享，制定本办法。\n\n第二条 本办法自发布之日起施行。",
    "## 一、总体要求\n\n纯文字段落。\n\n### 带 *强调* 的标题\n\n含 **加粗** 和 _下划线_ 的段落。",
    "行末两个空格  \n换行之后的文字。\n\n没有空格\n的软换行。",
    "链接 [条例](https://www.gov.cn/zhengce/) 与图片 ![图](a.png) 以及 <https://example.gov.cn/> 和 <a@b.cn>。",
    "实体 &amp; &copy; &#20013; 与裸的 & 和 < > 符号，以及 a<b 与 x>y。",
    "代码 `x = 1` 与转义 \\*不是强调\\* 与 \\[不是链接\\]。",
    "| 项目 | 金额 |\n|---|---|\n| 收入 | 100 |\n| 支出 *合计* | 90 |\n\n表后段落。",
    "1. 第一项\n2. 第二项 **重点**\n\n- 无序甲\n- 无序乙\n\n    缩进代码块 <b>原样</b>\n",
    "脚注引用[^1]。\n\n[^1]: 脚注内容，含 *强调*。\n\n另一段纯文字。",
    "*[HTML]: 超文本标记语言\n\nHTML 是一种语言。纯文字 HTML 再次出现。",
    "标题带属性 {#anchor}\n===\n\n段落带属性\n{: .note }\n\n## 二级标题 {#s2}",
    "术语\n:   定义的解释。\n\n另一个术语\n:   第二个定义，含 `代码`。",
    "<div markdown=\"1\">\n块内 *Markdown* 与纯文字。\n</div>\n\n<p>原始 HTML 段落</p>\n\n纯文字段落。",
    "```\n围栏代码 *不处理*\n```\n\n~~~\n第二种围栏\n~~~\n\n结尾段落。",
    "> 引用的纯文字。\n>\n> 引用中的 **加粗**。\n\n---\n\n分隔线之后。",
    "全角标点：“引号”、《书名号》、（括号）、【方括号】——破折号……省略号。\n\n半角: 冒号 | 竖线 ~ 波浪 = 等号 ^ 脱字符 {花括号}",
    "数字 12,345.67 万元、百分比 85% 与日期 2025-03-01，文号 海政规〔2025〕3号。",
    "嵌套列表\n\n- 外层\n    - 内层纯文字\n    - 内层 [链接](/gk/)\n- 外层二",
    "",
]


def sample_bodies():
    from plugins.catalog.reader import split_front_matter

    for path in sorted((ROOT / "catalog").rglob("*.md")) + sorted((ROOT / "tests" / "fixtures" / "site").rglob("*.md")):
        parts = split_front_matter(path.read_text(encoding="utf-8"))
        if parts:
            yield parts[1]


@pytest.mark.parametrize("text", EDGE_CASES + list(sample_bodies()))
def test_fast_path_gives_the_same_html(text):
    assert BodyRenderer(SETTINGS)(text) == BodyRenderer(SETTINGS, fast=False)(text)


def test_one_renderer_reused_across_documents_gives_the_same_html():
    fast, slow = BodyRenderer(SETTINGS), BodyRenderer(SETTINGS, fast=False)
    for text in EDGE_CASES * 2:      # abbreviations of one document must not leak into the next
        assert fast(text) == slow(text)


def test_fast_path_is_on_for_the_default_extensions_and_off_for_unknown_ones():
    assert fast_path_applies(BodyRenderer(SETTINGS)._md)
    smarty = {"extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.smarty": {}}}
    assert not fast_path_applies(BodyRenderer(smarty)._md)
    assert "gk_plain_text" not in BodyRenderer(smarty)._md.treeprocessors
    toc = {"extension_configs": {"markdown.extensions.toc": {}}}
    assert "gk_plain_text" not in BodyRenderer(toc)._md.treeprocessors


def test_nesting_beyond_the_renderer_is_a_render_error_not_a_recursion_error():
    from plugins.catalog.render import MAX_NESTING, RenderError, nesting_problem

    render = BodyRenderer(SETTINGS)
    for text in ("- " * 600 + "x", "".join("    " * i + "- x\n" for i in range(500))):
        with pytest.raises(RenderError) as exc:
            render(text)
        assert exc.value.problem == "正文的列表或引用嵌套超过 100 层"
        assert exc.value.fix == "减少列表或引用的嵌套层数（正文中行首的“- ”“> ”“1. ”不要层层叠加）"
    assert render("第一条 正文。") == "<p>第一条 正文。</p>"          # the renderer still works afterwards
    assert nesting_problem("- " * MAX_NESTING + "x") is None
    assert nesting_problem("> " * (MAX_NESTING + 1) + "x") == "正文的列表或引用嵌套超过 100 层"
    assert nesting_problem("段落\n" + "\t" * (MAX_NESTING + 1) + "代码") == "正文的列表或引用嵌套超过 100 层"


def test_a_catalog_item_too_deeply_nested_is_a_problem_at_its_body(tmp_path):
    from plugins._shared.diagnostics import Problems
    from plugins.catalog.load import Settings, load_catalog

    catalog = tmp_path / "catalog"
    (catalog / "gz").mkdir(parents=True)
    (catalog / "taxonomy.yml").write_text(
        (ROOT / "tests" / "fixtures" / "site" / "catalog" / "taxonomy.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (catalog / "gz" / "a.md").write_text("---\nindex_no: MB1C37504/2025-00001\ntitle: 甲\ncategory: 规章\n"
                                         "publisher: 海澄市人民政府\npublished: 2025-03-01\nwritten: 2025-02-26\nvalidity: 有效\n---\n"
                                         + "- " * 600 + "x\n",
                                         encoding="utf-8")
    problems = Problems()
    load_catalog(Settings(root=tmp_path, catalog_dir=catalog), problems, render=SETTINGS)
    assert [p.format() for p in problems] == [
        "catalog/gz/a.md:10: 正文 (body): 正文的列表或引用嵌套超过 100 层 — 减少列表或引用的嵌套层数（正文中行首的“- ”“> ”“1. ”不要层层叠加）"]
