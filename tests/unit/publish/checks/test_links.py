"""Broken internal links, missing anchors and attachments; external links are listed, never fetched."""
from gongkai.publish.checks.run import run_checks
from tests.unit.publish.checks.helpers import html, item_text, make_catalog, of, settings, write_site


def test_working_links_anchors_and_external_links_pass(root):
    out = write_site(root, {
        "index.html": html('<a href="a/">A</a> <a href="a/#part">part</a> <a href="/b.html">B</a> '
                           '<a href="files/%E9%A2%84%E7%AE%97.pdf">附件</a> <a href="#main">跳转</a> '
                           '<a href="https://www.gov.cn/x">外部</a> <a href="mailto:a@b.cn">信</a> <a href="a">无斜杠</a>'),
        "a/index.html": html('<h2 id="part">一部分</h2><a href="../index.html">首页</a> <a href="?page=2">第2页</a>'),
        "b.html": html('<a href="https://www.haicheng.gov.cn/a/">本站绝对地址</a>'),
        "files/预算.pdf": "%PDF",
    })
    site = run_checks(out, settings(root))
    assert of(site, "失效链接") == [] and of(site, "失效锚点") == [] and of(site, "附件") == []
    assert site.externals["https://www.gov.cn/x"] == ["index.html"]
    assert sorted(site.externals["https://zfwzzc.www.gov.cn/"]) == ["a/index.html", "b.html", "index.html"]


def test_broken_link_is_reported_once_with_pages_and_line(root):
    out = write_site(root, {
        "index.html": html('<a href="a/">A</a>\n<a href="nowhere/">坏链接</a>'),
        "a/index.html": html('<a href="../nowhere/">坏链接</a>'),
    })
    site = run_checks(out, settings(root))
    assert of(site, "失效链接") == [
        "output/a/index.html:2: 失效链接 (broken_links): 链接指向的页面或文件不存在：/nowhere/（共 2 个页面，如 /a/、/） — "
        "改正链接地址，或补上目标页面；模板中的链接请改模板"]
    assert site.problems.errors


def test_missing_anchor(root):
    out = write_site(root, {"index.html": html('<a href="a/#nope">x</a>'), "a/index.html": html('<h2 id="yes">y</h2>')})
    assert of(run_checks(out, settings(root)), "失效锚点") == [
        "output/index.html:2: 失效锚点 (missing_anchors): 页内锚点 #nope 在 /a/index.html 中不存在（共 1 个页面，如 /） — "
        "改正 # 后面的锚点名称，或在目标页面加上对应的标题"]


def test_missing_attachment_and_broken_link_in_item_body_point_at_the_item_file(root):
    # the catalog itself refuses the link to a missing attachment (make check); the built page is checked too
    catalog = make_catalog(root, {"gz/rule.md": item_text(
        "2025-00001", "2025-03-01", body="第一段。\n\n见[附件](/gk/MB1C37504/2025-00001/gone.docx)和[通知](/tz/)。")},
        errors=("catalog/gz/rule.md:10: 正文 (body): 正文中的链接 /gk/MB1C37504/2025-00001/gone.docx 指向不存在的条目或附件"
                " — 检查链接中的索引号或附件文件名；链接到条目请写 /gk/索引号/",))
    out = write_site(root, {"gk/MB1C37504/2025-00001/index.html": html(
        '<div class="gk-body"><p>见<a href="/gk/MB1C37504/2025-00001/gone.docx">附件</a>和<a href="/tz/">通知</a></p></div>')})
    site = run_checks(out, settings(root), catalog=catalog)
    assert of(site, "附件") == [
        "catalog/gz/rule.md:10: 附件 (attachments): 附件不存在：/gk/MB1C37504/2025-00001/gone.docx"
        "（共 1 个页面，如 /gk/MB1C37504/2025-00001/） — 把附件放进仓库并在条目的 attachments 中登记"]
    assert of(site, "失效链接")[0].startswith("catalog/gz/rule.md:10: 失效链接 (broken_links): 链接指向的页面或文件不存在：/tz/")


def test_mirror_pages_share_one_problem(root):
    s = settings(root, mirror_prefixes=["zh-hant/"])
    out = write_site(root, {"index.html": html('<a href="/search/">搜</a>'),
                            "zh-hant/index.html": html('<a href="/zh-hant/search/">搜</a>')})
    problems = of(run_checks(out, s), "失效链接")
    assert len(problems) == 1 and "/search/（共 2 个页面，如 /、/zh-hant/）" in problems[0]


def test_site_under_a_path_prefix(root):
    s = settings(root)
    s["SITEURL"] = "https://www.haicheng.gov.cn/xxgk"
    out = write_site(root, {"index.html": html('<a href="https://www.haicheng.gov.cn/xxgk/a/">站内</a>'
                                               '<a href="https://www.haicheng.gov.cn/xxgk/b/">站内坏链</a>'
                                               '<a href="https://www.haicheng.gov.cn/portal/">门户其他栏目</a>'),
                            "a/index.html": html()})
    site = run_checks(out, s)
    assert [p.split("：", 1)[1][:4] for p in of(site, "失效链接")] == ["/b/（"]
    assert "https://www.haicheng.gov.cn/portal/" in site.externals


def test_registered_attachment_missing_from_the_output(root):
    (root / "catalog" / "files").mkdir(parents=True)
    (root / "catalog" / "files" / "表.xlsx").write_bytes(b"PK\x03\x04")
    catalog = make_catalog(root, {"gz/a.md": item_text(
        "2025-00001", "2025-03-01", extra="attachments:\n  - {path: ../files/表.xlsx, title: 统计表}")})
    out = write_site(root, {"index.html": html()})
    assert of(run_checks(out, settings(root), catalog=catalog), "附件") == [
        "catalog/gz/a.md:7: 附件 (attachments): 附件 catalog/files/表.xlsx 没有发布到网站（缺少 /gk/MB1C37504/2025-00001/表.xlsx） — "
        "重新构建；若仍缺失，检查附件文件名"]
    (out / "gk/MB1C37504/2025-00001").mkdir(parents=True)
    (out / "gk/MB1C37504/2025-00001/表.xlsx").write_bytes(b"PK")
    assert of(run_checks(out, settings(root), catalog=catalog), "附件") == []


def test_fragment_links_resolve_to_their_own_page_in_any_order(root):
    """``#main`` on /404.html and on / are two targets: resolving one never answers for the other
    (a warm publish parses only changed pages, so the order differs from a cold one)."""
    from gongkai.publish.checks.links import resolved

    site = run_checks(write_site(root, {"404.html": html('<a href="#top">上</a>'), "index.html": html('<a href="#top">上</a>')}),
               settings(root))
    site.resolved.clear()
    assert resolved(site, "404.html", "#main")[1:] == ("404.html", "main")
    assert resolved(site, "index.html", "#main")[1:] == ("index.html", "main")
    assert resolved(site, "index.html", "?page=2")[1] == "index.html"
