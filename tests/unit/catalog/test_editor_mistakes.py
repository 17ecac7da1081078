"""The editor-mistake corpus: the slips Chinese editors make and the content rules of the pull-request check.

Each file in tests/fixtures/bad2/ is loaded next to the fixture site's catalog (under catalog/bad/, with
tests/fixtures/bad2/files/ beside it for attachments) and must give exactly these messages, in one run.
To add a case: write the file, run this test, check the message is what an editor needs, and add it here.
"""
import shutil
from pathlib import Path

import pytest

from plugins._shared.diagnostics import Problems
from plugins.catalog.load import Settings, load_catalog

ROOT = Path(__file__).resolve().parents[3]
SITE = ROOT / "tests" / "fixtures" / "site"
BAD = ROOT / "tests" / "fixtures" / "bad2"

EXPECTED = {
    'normative_without_written.md': [
        'catalog/bad/normative_without_written.md:2: 成文日期 (written): “行政规范性文件”类条目必须填写成文日期 — 添加一行 written: YYYY-MM-DD（文件签发的日期，见文件落款）',
    ],
    'blank_title.md': [
        'catalog/bad/blank_title.md:3: 名称 (title): 必填字段的值为空（只有空格） — 在冒号后填写名称',
    ],
    'attachment_empty_entry.md': [
        'catalog/bad/attachment_empty_entry.md:8: 附件 (attachments[0]): 附件列表第 1 项是空的（只有“- ”） — 删除这一行，或写 - path: … 和 title: …',
    ],
    'attachment_fake_pdf.md': [
        "catalog/bad/attachment_fake_pdf.md:9: 附件 (attachments.path): 附件 'files/fake.pdf' 的内容不是 PDF 文件（扩展名与内容不符） — 用原程序另存为真正的 PDF 文件，或改成与内容相符的扩展名",
    ],
    'attachment_html.md': [
        "catalog/bad/attachment_html.md:9: 附件 (attachments.path): 附件 'files/notice.html'：网页或脚本文件不能作为附件发布（会在本网站上运行） — 转换为 PDF 或 OFD 后再附上；允许的类型：PDF、OFD、DOC/DOCX、WPS、XLS/XLSX、ET、PPT/PPTX、DPS、CSV、TXT、ZIP/RAR、JPG/PNG/GIF、MP3/MP4",
    ],
    'attachment_js.md': [
        "catalog/bad/attachment_js.md:9: 附件 (attachments.path): 附件 'files/app.js'：网页或脚本文件不能作为附件发布（会在本网站上运行） — 转换为 PDF 或 OFD 后再附上；允许的类型：PDF、OFD、DOC/DOCX、WPS、XLS/XLSX、ET、PPT/PPTX、DPS、CSV、TXT、ZIP/RAR、JPG/PNG/GIF、MP3/MP4",
    ],
    'body_link_missing_attachment.md': [
        'catalog/bad/body_link_missing_attachment.md:10: 正文 (body): 正文中的链接 /gk/MB1C37504/2025-00201/files/不存在.pdf 指向不存在的条目或附件 — 检查链接中的索引号或附件文件名；链接到条目请写 /gk/索引号/',
    ],
    'body_link_missing_item.md': [
        'catalog/bad/body_link_missing_item.md:10: 正文 (body): 正文中的链接 /gk/MB1C37504/2019-00001/ 指向不存在的条目或附件 — 检查链接中的索引号或附件文件名；链接到条目请写 /gk/索引号/',
    ],
    'chinese_date.md': [
        "catalog/bad/chinese_date.md:6: 发布日期 (published): 日期应为 YYYY-MM-DD 格式，实际是 '2025年4月1日' — 改写为 2025-04-01",
    ],
    'control_char_title.md': [
        'catalog/bad/control_char_title.md:3: 名称 (title): 含有控制字符 U+0000，页面上无法正常显示 — 删除该字符（可整段删除后重新输入）',
    ],
    'curly_quotes_date.md': [
        'catalog/bad/curly_quotes_date.md:6: 发布日期 (published): 值两端用了中文引号 “”，引号会被当作内容的一部分 — 去掉引号，写成 published: 2025-04-01',
    ],
    'curly_quotes_title.md': [
        'catalog/bad/curly_quotes_title.md:3: 警告: 名称 (title): 值两端用了中文引号 “”，页面上会连引号一起显示 — 如果引号不是标题的一部分，请删除；需要加引号时用英文引号 "…"',
    ],
    'date_far_future.md': [
        'catalog/bad/date_far_future.md:6: 发布日期 (published): 日期 9999-12-31 超出合理范围（1900—2099 年） — 检查年份是否输错',
    ],
    'date_year_one.md': [
        'catalog/bad/date_year_one.md:8: 成文日期 (written): 日期 0001-01-01 超出合理范围（1900—2099 年） — 检查年份是否输错',
    ],
    'empty_list_entry.md': [
        'catalog/bad/empty_list_entry.md:8: 主题词 (keywords): 列表第 2 项是空的（只有“- ”） — 在“- ”后面填写内容，或删除这一行',
    ],
    'empty_topic_entry.md': [
        'catalog/bad/empty_topic_entry.md:8: 主题分类 (topics): 列表第 1 项是空的（只有“- ”） — 在“- ”后面填写主题分类，或删除这一行',
    ],
    'fullwidth_colon.md': [
        'catalog/bad/fullwidth_colon.md:8: 文号 (doc_no): 键 doc_no 后面用了全角冒号“：” — 改成半角冒号加一个空格：doc_no: …（切换到英文标点后输入）',
    ],
    'fullwidth_digits_date.md': [
        "catalog/bad/fullwidth_digits_date.md:6: 发布日期 (published): 日期中用了全角数字或全角符号：'２０２５－０４－０１' — 切换到半角输入，改写为 2025-04-01",
    ],
    'fullwidth_index_no.md': [
        "catalog/bad/fullwidth_index_no.md:2: 索引号 (index_no): 索引号 'MB1C37504/２０２５-００２０１' 中用了全角字符 — 切换到半角输入后重写：MB1C37504/2025-00201",
    ],
    'fullwidth_space_indent.md': [
        'catalog/bad/fullwidth_space_indent.md:9: 行首用了全角空格“\u3000”缩进，YAML 只认半角空格 — 切换到半角输入（Shift 键）后，删除行首的全角空格，重新用半角空格缩进',
        'catalog/bad/fullwidth_space_indent.md:10: 行首用了全角空格“\u3000”缩进，YAML 只认半角空格 — 切换到半角输入（Shift 键）后，删除行首的全角空格，重新用半角空格缩进',
    ],
    'index_code_other_publisher.md': [
        'catalog/bad/index_code_other_publisher.md:2: 索引号 (index_no): 索引号的机构代码 MB1C37539 与发布机构“海澄市人民政府”的代码 MB1C37504 不一致 — 新条目请用 make new PUBLISHER=海澄市人民政府 重新生成索引号；若机构改革后沿用原索引号，在 taxonomy.yml 该机构下写 former_codes: [MB1C37539]',
    ],
    'index_year_vs_written.md': [
        'catalog/bad/index_year_vs_written.md:2: 警告: 索引号 (index_no): 索引号中的年份 2025 与成文日期 2024-12-28 的年份不一致 — 索引号一经发布不能修改；若是新条目，请用 make new 重新生成',
    ],
    'interpretation_before_document.md': [
        'catalog/bad/interpretation_before_document.md:6: 发布日期 (published): 政策解读的发布日期 2024-12-01 早于被解读文件 MB1C37504/2024-00011 的发布日期 2024-12-20 — 核对日期：政策解读应与文件同步或在其后发布',
    ],
    'key_with_curly_quotes_list.md': [
        'catalog/bad/key_with_curly_quotes_list.md:8: 解读的文件 (interprets): 值两端用了中文引号 “”，引号会被当作内容的一部分 — 去掉引号，写成 interprets: MB1C37504/2024-00011',
    ],
    'many_mistakes.md': [
        "catalog/bad/many_mistakes.md:5: 发布机构 (publisher): 发布机构 '海澄市教育局' 不在 taxonomy.yml 中 — 使用 taxonomy.yml 中 publishers 的名称，或先在那里添加该机构",
        'catalog/bad/many_mistakes.md:6: 发布日期 (published): 发布日期 2025-04-01 早于成文日期 2025-04-10 — 核对两个日期：文件先成文（签发）后发布',
        'catalog/bad/many_mistakes.md:8: 文号 (doc_no): 键 doc_no 后面用了全角冒号“：” — 改成半角冒号加一个空格：doc_no: …（切换到英文标点后输入）',
        'catalog/bad/many_mistakes.md:10: 主题词 (keywords): 列表第 1 项是空的（只有“- ”） — 在“- ”后面填写内容，或删除这一行',
        'catalog/bad/many_mistakes.md:12: 个人信息 (summary): 内容概述含有疑似手机号码 138****5678 — 删除或遮盖个人信息后再发布；确需公开的，在本条目中设置 pii_reviewed: true 并在 pii_reason 中写明依据',
        'catalog/bad/many_mistakes.md:14: 正文 (body): 正文仍是 make new 模板里的占位文字 — 把“（在此处写正文，Markdown 格式。）”换成正文；只有附件时删除这一行',
    ],
    'nbsp_index_no.md': [
        'catalog/bad/nbsp_index_no.md:2: 索引号 (index_no): 含有不可见字符：不换行空格（U+00A0）（多见于从 Word 或网页复制） — 删除该字符：把这个值整段删除后重新输入',
    ],
    'no_space_after_colon.md': [
        'catalog/bad/no_space_after_colon.md:8: 文号 (doc_no): 键 doc_no 的冒号后面缺少空格 — 在冒号后加一个空格：doc_no: …',
    ],
    'normative_without_validity.md': [
        'catalog/bad/normative_without_validity.md:2: 有效性 (validity): “行政规范性文件”类条目必须注明有效性 — 添加一行 validity: 有效（或 失效、废止，并写明日期）',
    ],
    'pii_id_in_body.md': [
        'catalog/bad/pii_id_in_body.md:10: 个人信息 (body): 正文含有疑似身份证号 1101**********002X — 删除或遮盖个人信息后再发布；确需公开的，在本条目中设置 pii_reviewed: true 并在 pii_reason 中写明依据',
    ],
    'pii_mobile_in_summary.md': [
        'catalog/bad/pii_mobile_in_summary.md:8: 个人信息 (summary): 内容概述含有疑似手机号码 138****5678 — 删除或遮盖个人信息后再发布；确需公开的，在本条目中设置 pii_reviewed: true 并在 pii_reason 中写明依据',
    ],
    'pii_reviewed_no_reason.md': [
        'catalog/bad/pii_reviewed_no_reason.md:8: 审核说明 (pii_reason): pii_reviewed 已设为 true 但 pii_reason 为空 — 写明公开这些个人信息的法律依据，如 pii_reason: 依据《…》第…条公示',
    ],
    'placeholder_body.md': [
        'catalog/bad/placeholder_body.md:11: 正文 (body): 正文仍是 make new 模板里的占位文字 — 把“（在此处写正文，Markdown 格式。）”换成正文；只有附件时删除这一行',
    ],
    'published_before_written.md': [
        'catalog/bad/published_before_written.md:6: 发布日期 (published): 发布日期 2025-04-01 早于成文日期 2025-04-10 — 核对两个日期：文件先成文（签发）后发布',
    ],
    'regulation_without_validity.md': [
        'catalog/bad/regulation_without_validity.md:2: 有效性 (validity): “规章”类条目必须注明有效性 — 添加一行 validity: 有效（或 失效、废止，并写明日期）',
    ],
    'soft_hyphen_index_no.md': [
        'catalog/bad/soft_hyphen_index_no.md:2: 索引号 (index_no): 含有不可见字符：软连字符（U+00AD）（多见于从 Word 或网页复制） — 删除该字符：把这个值整段删除后重新输入',
    ],
    'supersedes_after_repeal.md': [
        'catalog/gfxwj/old.md:10: 有效性 (validity): 废止日期 2025-01-01 晚于替代它的 MB1C37504/2024-00201 的施行日期 2024-06-01 — 核对日期：新文件施行时旧文件即应废止或失效',
    ],
    'supersedes_still_valid.md': [
        'catalog/gz/rule.md:13: 有效性 (validity): 本文件已被 MB1C37504/2025-00201（catalog/bad/supersedes_still_valid.md）替代，但有效性仍为“有效” — 改为 validity: {status: 废止, repealed: 2025-04-01}（或 失效 与 expires）',
    ],
    'tab_indent_list.md': [
        'catalog/bad/tab_indent_list.md:9: 行首用了制表符（Tab）缩进，YAML 只认空格 — 把行首的 Tab 换成空格（每级两个空格），编辑器可设置“Tab 键输入空格”',
    ],
    'three_mistakes.md': [
        "catalog/bad/three_mistakes.md:4: 信息类别 (category): 信息类别 '通知公告' 不在 taxonomy.yml 中 — 可选：机构职能、规章、行政规范性文件、政策解读、办事指南、财政预决算",
        "catalog/bad/three_mistakes.md:5: 发布机构 (publisher): 发布机构 '海澄市教育局' 不在 taxonomy.yml 中 — 使用 taxonomy.yml 中 publishers 的名称，或先在那里添加该机构",
        "catalog/bad/three_mistakes.md:6: 发布日期 (published): 日期应为 YYYY-MM-DD 格式，实际是 '2026年12月1日' — 改写为 2026-12-01",
    ],
    'word_paste_title.md': [
        'catalog/bad/word_paste_title.md:3: 警告: 名称 (title): 含有不可见字符：不换行空格（U+00A0）（多见于从 Word 或网页复制） — 删除该字符，或整段删除后重新输入',
    ],
    'zero_width_doc_no.md': [
        'catalog/bad/zero_width_doc_no.md:8: 文号 (doc_no): 含有不可见字符：零宽空格（U+200B）（多见于从 Word 或网页复制） — 删除该字符：把这个值整段删除后重新输入',
    ],
}


def load_with(case: Path, tmp_path: Path) -> list[str]:
    shutil.copytree(SITE / "catalog", tmp_path / "catalog")
    (tmp_path / "catalog" / "bad").mkdir()
    shutil.copytree(BAD / "files", tmp_path / "catalog" / "bad" / "files")
    shutil.copy(case, tmp_path / "catalog" / "bad" / case.name)
    problems = Problems()
    load_catalog(Settings(root=tmp_path, catalog_dir=tmp_path / "catalog"), problems)
    return [p.format() for p in problems.sorted()]


def test_corpus_is_complete():
    assert sorted(p.name for p in BAD.glob("*.md")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_editor_mistake_message(name, tmp_path):
    assert load_with(BAD / name, tmp_path) == EXPECTED[name]


def test_independent_mistakes_are_all_reported_in_one_run(tmp_path):
    found = load_with(BAD / "many_mistakes.md", tmp_path)
    assert [line.split(":")[1] for line in found] == ["5", "6", "8", "10", "12", "14"]
    assert len(load_with(BAD / "three_mistakes.md", tmp_path / "2")) == 3
