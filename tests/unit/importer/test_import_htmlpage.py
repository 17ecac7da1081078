"""Saved item pages: metadata by label in any layout, body found and converted, attachments kept."""
from gongkai.importer.htmlpage import read_html
from gongkai.importer.mapping import default_mapping
from plugins._shared.diagnostics import Problems
from tests.unit.importer.helpers import FIXTURES

OPTIONS = {"labels": default_mapping().columns}


def read(path, **extra):
    problems = Problems()
    source = read_html(path, path.name, {**OPTIONS, **extra}, problems)
    return source, problems


def test_gov_cn_table_layout():
    source, problems = read(FIXTURES / "pages" / "govcn-table.html")
    record = source.records[0]
    assert not problems
    assert [(label, value) for label, value, _ in record.cells] == [
        ("索引号", "MB1C37504/2019-00056"), ("主题分类", "科技、教育\\教育"), ("发文机关", "海澄市人民政府"),
        ("成文日期", "2019年01月27日"), ("标题", "海澄市人民政府关于深化教育教学改革全面提高义务教育质量的实施意见"),
        ("发文字号", "海政发〔2019〕8号"), ("发布日期", "2019年02月01日"), ("主题词", "教育 改革")]
    assert record.cells[0][2] == 17                     # the line of the value in the saved page
    assert source.detail == "编码 UTF-8，原网址 http://www.haicheng.gov.cn/zwgk/zfxxgk/zc/201902/t20190201_123456.html"
    body = record.body
    assert body.startswith("**海政发〔2019〕8号**\n\n各区人民政府，市政府各委、办、局：")
    assert "## 一、总体要求" in body and "1. 优化课程设置。\n2. 加强教师队伍建设。" in body
    assert "| 课程改革 | 市教育局 |" in body
    # a relative attachment link is made absolute from the page's original address
    assert "[重点任务清单](http://www.haicheng.gov.cn/zwgk/zfxxgk/zc/201902/P020190201_1.pdf)" in body
    for dropped in ("统计代码", "首页", "分享到", "网站标识码", "字号"):
        assert dropped not in body


def test_div_layout_with_a_saved_attachment_and_a_remote_one():
    source, problems = read(FIXTURES / "pages" / "div-layout.html")
    record = source.records[0]
    fields = {label: value for label, value, _ in record.cells}
    assert fields["索引号"] == "MB1C37539/2020-00009" and fields["信息类别"] == "行政规范性文件"
    assert fields["主题词"] == "预算 绩效评价" and fields["有效性"] == "有效"
    assert fields["内容概述"] == "规定市级预算绩效评价的对象、内容、程序和结果应用。"   # dl/dt/dd
    assert [(t, p.name) for t, p in record.files] == [("附件1 绩效评价指标表", "附件1 绩效评价指标表.pdf")]
    assert "[附件1 绩效评价指标表](%E9%99%84%E4%BB%B61%20" in record.body       # local: beside the item page
    assert record.body.endswith("**附件：**\n\n1. [附件2 评价结果应用清单.xlsx]"
                                "(https://www.haicheng.gov.cn/czj/attachment/0/508/P020200622_2.xlsx)")
    assert "索引号" not in record.body and not problems


def test_gb2312_page_label_value_in_one_element_and_title_from_h1(tmp_path):
    page = tmp_path / "old.htm"
    page.write_bytes('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
                     '<ul class="info"><li>索引号：MB1C37504/2018-00003</li><li>发布日期：2018-05-02</li>'
                     '<li>发布机构：<span>海澄市人民政府</span></li></ul><h1>关于印发年度计划的通知</h1>'
                     '<div id="zoom"><p>分类：这句话在正文里，不是元数据。</p><p>正文。</p></div></body></html>'
                     .encode("gbk"))
    source, problems = read(page)
    record = source.records[0]
    assert source.detail == "编码 GBK/GB18030（网页声明 gb2312）"
    assert [(label, value) for label, value, _ in record.cells] == [
        ("索引号", "MB1C37504/2018-00003"), ("发布日期", "2018-05-02"), ("发布机构", "海澄市人民政府"),
        ("标题", "关于印发年度计划的通知")]
    assert record.notes[0][1] == "元数据中没有标题，已使用页面大标题（h1）"
    assert record.body == "分类：这句话在正文里，不是元数据。\n\n正文。"


def test_relative_links_without_an_original_address_are_kept_and_reported(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<table><tr><td>索引号：</td><td>MB1C37504/2018-00004</td></tr><tr><td>标题：</td><td>甲</td></tr>'
                    '</table><div class="content"><p><a href="files/a.doc">下载</a></p></div>', encoding="utf-8")
    source, _ = read(page)
    record = source.records[0]
    assert record.body == "[下载](files/a.doc)"
    assert record.notes == [("body", "链接 'files/a.doc' 是相对地址，原网址未知，已原样保留",
                             "用 --base-url 指定原网站地址后重新导入", 1)]
    source, _ = read(page, base_url="https://www.example.gov.cn/a/b/")
    assert source.records[0].body == "[下载](https://www.example.gov.cn/a/b/files/a.doc)"


def test_a_page_without_metadata_is_reported(tmp_path):
    page = tmp_path / "news.html"
    page.write_text("<html><body><p>一篇新闻</p></body></html>", encoding="utf-8")
    source, problems = read(page)
    assert source.records == []
    assert problems[0].format() == ("news.html: 页面中没有找到索引号、标题等元数据标签 — "
                                    "确认这是信息公开条目页面；标签名称不同时在映射文件 columns 中对应")


def test_title_repeated_at_the_top_of_the_body_is_not_kept_twice(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<table><tr><td>索引号：</td><td>MB1C37504/2018-00004</td></tr><tr><td>标题：</td><td>关于*通知*</td>"
                    "</tr></table><div id='zoom'><p align='center'><strong>关于*通知*</strong></p><p>正文。</p></div>",
                    encoding="utf-8")
    source, _ = read(page)
    assert source.records[0].body == "正文。"


def test_metadata_table_inside_the_body_container_is_read_and_left_out_of_the_body(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<div class="content"><table class="xxgk"><tr><th>索引号</th><td>MB1C37504/2018-00005</td>'
                    "<th>发布日期</th><td>2018-05-02</td></tr><tr><th>标题</th><td colspan='3'>关于开展调研的通知</td></tr>"
                    "</table><p>　　正文第一段。</p><p>正文第二段。</p></div>", encoding="utf-8")
    source, problems = read(page)
    record = source.records[0]
    assert [(label, value) for label, value, _ in record.cells] == [
        ("索引号", "MB1C37504/2018-00005"), ("发布日期", "2018-05-02"), ("标题", "关于开展调研的通知")]
    assert record.body == "正文第一段。\n\n正文第二段。" and not problems
