"""<meta> tags, footer items, dated list items and 空白栏目 on hand-made pages."""
from gongkai.publish.checks.run import run_checks
from tests.unit.publish.checks.helpers import (
    ARTICLE_META,
    COLUMN_META,
    FOOTER,
    IMG,
    SITE_META,
    html,
    item_text,
    make_catalog,
    of,
    settings,
    write_site,
)

ROW = '<tr><td>MB1C37504/2025-00001</td><th scope="row"><a href="/gk/MB1C37504/2025-00001/">某文件</a></th><td><time datetime="2025-03-01">2025-03-01</time></td></tr>'
TABLE = '<table class="gk-table gk-table--items"><thead><tr><th>名称</th><th>日期</th></tr></thead><tbody>{}</tbody></table>'


def test_complete_pages_pass(root):
    catalog = make_catalog(root, {"gz/a.md": item_text("2025-00001", "2025-03-01")})
    out = write_site(root, {
        "index.html": html('<ul class="gk-latest"><li><a href="gk/MB1C37504/2025-00001/">某文件</a> 2025年3月1日</li></ul>'),
        "fdzdgknr/gz/index.html": html(TABLE.format(ROW), {**SITE_META, **COLUMN_META}),
        "gk/MB1C37504/2025-00001/index.html": html("", {**SITE_META, **COLUMN_META, **ARTICLE_META}),
    })
    site = run_checks(out, settings(root), catalog=catalog, today="2025-03-02")
    assert site.problems.sorted() == []


def test_missing_meta_tags_by_page_kind(root):
    catalog = make_catalog(root, {"gz/a.md": item_text("2025-00001", "2025-03-01")})
    out = write_site(root, {
        "index.html": html("", {"SiteName": "x", "SiteDomain": "www.haicheng.gov.cn", "SiteIDCode": "1234567890"}),
        "fdzdgknr/gz/index.html": html(TABLE.format(ROW), {**SITE_META, "ColumnName": "规章"}),
        "gk/MB1C37504/2025-00001/index.html": html("", {**SITE_META, **COLUMN_META, "ArticleTitle": "t",
                                                        "PubDate": "2025/03/01", "ContentSource": "x"}),
    })
    found = of(run_checks(out, settings(root), catalog=catalog, today="2025-03-02"), "网页元数据")
    assert 'output/fdzdgknr/gz/index.html: 网页元数据 (ColumnType): 缺少 <meta name="ColumnType">（共 1 个页面，如 /fdzdgknr/gz/） — ' \
           "在模板的 page_meta 中补上该字段（政府网站发展指引要求的网页元数据）" in found
    assert any("SiteIDCode" in p and "'1234567890' 与 pelicanconf.py 的 AGENCY['site_id_code'] 不一致" in p for p in found)
    assert any("PubDate" in p and "'2025/03/01' 不是 YYYY-MM-DD HH:MM 格式" in p for p in found)
    assert not any("ArticleTitle" in p for p in found)   # the home page is no article: not required there
    assert len(found) == 5   # ColumnDescription, ColumnKeywords, ColumnType, SiteIDCode value, PubDate format


def test_footer_items(root):
    out = write_site(root, {
        "index.html": html(),
        "a/index.html": html(footer='<footer><p>主办单位：某办公室 联系电话：1 网站标识码：3502990001</p></footer>'),
        "b/index.html": html(footer=""),
    })
    found = of(run_checks(out, settings(root)), "页脚")
    assert "output/a/index.html: 页脚 (footer): 页面底部缺少“ICP备案号”（共 2 个页面，如 /a/、/b/） — " \
           "在 theme/templates/components/footer.html 中补上，并在 pelicanconf.py 的 AGENCY 中填写" in found
    assert len(found) == 7   # 4 items missing on /a/, all 7 on /b/: one problem per item


def test_footer_marks_need_their_images_and_every_page_a_site_icon(root):
    text_only = FOOTER.replace(f'<img src="{IMG}" alt="">', "").replace(f'<img src="{IMG}" alt="党政机关网站标识">', "党政机关网站标识")
    out = write_site(root, {"index.html": html(), "a/index.html": html(footer=text_only), "b/index.html": html(icon="")})
    assert of(run_checks(out, settings(root)), "页脚") == [
        "output/a/index.html: 页脚 (footer): 页面底部的“党政机关网站标识”没有图片（共 1 个页面，如 /a/） — "
        "在 theme/templates/components/footer.html 的该链接中放入图片，并在 pelicanconf.py 的 AGENCY['conac_badge'] 中填写图片路径",
        "output/a/index.html: 页脚 (footer): 页面底部的“公安机关备案标识”没有图片（共 1 个页面，如 /a/） — "
        "在 theme/templates/components/footer.html 的该链接中放入图片，并在 pelicanconf.py 的 AGENCY['psb_icon'] 中填写图片路径"]
    assert of(run_checks(out, settings(root)), "网站图标") == [
        'output/b/index.html: 网站图标 (footer): 页面没有网站图标 <link rel="icon">（共 1 个页面，如 /b/） — '
        "在 theme/templates/base.html 的 <head> 中加入，并在 pelicanconf.py 的 AGENCY['favicon'] 中填写图标路径"]


def test_shipped_placeholder_marks_are_a_warning_until_replaced(root):
    shipped = FOOTER.replace(f'<img src="{IMG}" alt="党政机关网站标识">',
                             '<img src="/theme/img/placeholder-conac-badge.svg" alt="党政机关网站标识">')
    pages = {"index.html": html(footer=shipped), "a/index.html": html(footer=shipped),
             "theme/img/placeholder-conac-badge.svg": "<svg/>"}
    site = run_checks(write_site(root, pages), settings(root))
    assert [(p.format(), p.level) for p in site.problems.sorted()] == [(
        "output/a/index.html: 警告: 网站标识 (identity_placeholders): 页面底部的“党政机关网站标识”仍是示例占位图 "
        "/theme/img/placeholder-conac-badge.svg（共 2 个页面，如 /a/、/） — 把本网站获发的图片放到 content/files/ 下，"
        "并在 pelicanconf.py 的 AGENCY['conac_badge'] 中填写其路径（如 files/identity/conac.png）", "warning")]
    issued = shipped.replace("placeholder-conac-badge.svg", "conac.png")
    pages = {"index.html": html(footer=issued), "theme/img/conac.png": "png"}
    assert run_checks(write_site(root / "issued", pages), settings(root)).problems.sorted() == []


def test_footer_of_a_traditional_chinese_page_is_matched_in_traditional(root):
    import opencc

    trad = opencc.OpenCC("s2t").convert(FOOTER)   # what the 繁体 mirror (plugins/hant) does to the page
    assert "主辦單位" in trad and "我爲政府網站找錯" in trad
    out = write_site(root, {"index.html": html(), "zh-hant/index.html": html(footer=trad)})
    assert of(run_checks(out, settings(root, mirror_prefixes=["zh-hant/"])), "页脚") == []
    # the same traditional footer on a simplified page is missing its items
    out = write_site(root / "plain", {"index.html": html(footer=trad)})
    assert len(of(run_checks(out, settings(root)), "页脚")) == 6   # all but the conac.cn link


def test_list_items_without_a_date(root):
    undated = '<tr><td>MB1C37504/2025-00002</td><th scope="row"><a href="/gk/y/">无日期的文件</a></th><td></td></tr>'
    out = write_site(root, {
        "fdzdgknr/gz/index.html": html(TABLE.format(ROW + undated), {**SITE_META, **COLUMN_META}),
        "index.html": html('<ul class="gk-latest"><li><a href="/gk/y/">最新文件</a></li><li>暂无公开信息。</li></ul>'),
    })
    found = of(run_checks(out, settings(root)), "列表日期")
    assert found == ["output/fdzdgknr/gz/index.html:2: 列表日期 (list_dates): 列表条目没有显示日期（共 2 条，"
                     "如 /fdzdgknr/gz/ 第 2 行「MB1C37504/2025-00002无日期的文件」、/ 第 2 行「最新文件」） — "
                     "每条列表都要显示发布日期：普查把无日期的条目算作未更新"]


def test_blank_columns(root):
    catalog = make_catalog(root, {"gz/a.md": item_text("2025-00001", "2025-03-01")})
    meta = {**SITE_META, **COLUMN_META}
    out = write_site(root, {
        "fdzdgknr/gz/index.html": html(TABLE.format(ROW), meta),
        "fdzdgknr/tjxx/index.html": html('<p class="gk-empty">本栏目暂无现行有效的文件。</p>', meta),
        "fdzdgknr/nf/2025/index.html": html('<p data-gk-count="0">共 0 条</p>', meta),
        # no current items, but a link to its non-empty 废止和失效 list: not blank
        "fdzdgknr/gfxwj/index.html": html('<p class="gk-empty">暂无</p><a href="fzsx/">废止和失效</a>', meta),
        "fdzdgknr/gfxwj/fzsx/index.html": html(TABLE.format(ROW), meta),
        "fdzdgknr/index.html": html('<ul><li><a href="gz/">规章</a></li></ul>', meta),   # an overview, not a listing
    })
    site = run_checks(out, settings(root), catalog=catalog, today="2025-03-02")
    found = of(site, "空白栏目")
    assert found == [
        "catalog/taxonomy.yml:3: 空白栏目 (blank_columns): 空白栏目：/fdzdgknr/tjxx/ 没有任何信息 — "
        "发布该栏目的信息，或从 taxonomy.yml 中删除这个栏目（空白栏目在政府网站检查中扣分，≥5个单项否决）",
        "output/fdzdgknr/nf/2025/index.html: 空白栏目 (blank_columns): 空白栏目：/fdzdgknr/nf/2025/ 没有任何信息 — "
        "发布该栏目的信息，或从 taxonomy.yml 中删除这个栏目（空白栏目在政府网站检查中扣分，≥5个单项否决）"]
    assert site.stats["blank_columns"] == ["fdzdgknr/nf/2025/", "fdzdgknr/tjxx/"]


def test_levels_can_be_lowered_or_switched_off(root):
    meta = {**SITE_META, **COLUMN_META}
    out = write_site(root, {"fdzdgknr/x/index.html": html('<p class="gk-empty">暂无</p><a href="/gone/">x</a>', meta)})
    site = run_checks(out, settings(root, blank_columns="warning", broken_links="off"))
    # the one broken link is half the site's links: a 单项否决 item no level turns off (test_vetoes.py)
    assert [p.label for p in site.problems.errors] == ["单项否决"]
    assert [p.label for p in site.problems.warnings] == ["空白栏目"] and "警告" in site.problems.warnings[0].format()


def test_inline_scripts_handlers_and_styles_are_reported_for_the_csp(root):
    out = write_site(root, {
        "index.html": html('<script src="/theme/js/x.js"></script><script type="application/json">{"a": 1}</script>'
                           '<script></script>'),
        "a/index.html": html('<script>\nalert(1)</script>\n<p onclick="f()" style="color:red">x</p>'),
    })
    found = of(run_checks(out, settings(root)), "内容安全策略")
    fix = "把脚本移到 theme/static/js/ 的模块中、样式移到 CSS；条目正文中的这类内容应由净化器删除"
    assert found == [
        f"output/a/index.html:2: 内容安全策略 (csp): 页面含有内联脚本，会被网站的内容安全策略（CSP）拦截（共 1 处，如 /a/ 第 2 行） — {fix}",
        f"output/a/index.html:4: 内容安全策略 (csp): 页面含有style 属性，会被网站的内容安全策略（CSP）拦截（共 1 处，如 /a/ 第 4 行） — {fix}",
        f"output/a/index.html:4: 内容安全策略 (csp): 页面含有事件属性 onclick，会被网站的内容安全策略（CSP）拦截（共 1 处，如 /a/ 第 4 行） — {fix}"]
