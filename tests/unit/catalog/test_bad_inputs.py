"""The bad-input corpus: every broken file in tests/fixtures/bad/ gives exactly these messages.

Each case is loaded next to the fixture site's valid catalog (so duplicates and relations have
something to collide with) under catalog/bad/. To add a case: write the file, run this test,
check the message is what an editor needs, and add it here.
"""
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plugins._shared.diagnostics import Problems
from plugins.catalog.load import Settings, load_catalog

ROOT = Path(__file__).resolve().parents[3]
SITE = ROOT / "tests" / "fixtures" / "site"
BAD = ROOT / "tests" / "fixtures" / "bad"

EXPECTED = {
    'attachment_escape.md': ["catalog/bad/attachment_escape.md:8: 附件 (attachments.path): 附件路径 '../../../../../../etc/hostname' 指向仓库以外 — 把附件放进仓库（如 catalog/files/）并写相对路径"],
    'attachment_missing.md': ["catalog/bad/attachment_missing.md:8: 附件 (attachments.path): 附件文件不存在：'../files/不存在.pdf' — 检查文件名和大小写，并确认附件已提交到仓库"],
    'attachment_no_title.md': ['catalog/bad/attachment_no_title.md:8: 附件名称 (attachments[0].title): 缺少必填字段 — 在“附件”中添加 title: （附件名称）'],
    'attachments_not_list.md': ['catalog/bad/attachments_not_list.md:7: 附件 (attachments): 应为附件列表，实际是文本 — 每个附件写成 - path: … 和 title: … 两行'],
    'binary.md': ['catalog/bad/binary.md:2: 文件含有无法识别的字节（第 15 字节起），不是 UTF-8 文本 — 用编辑器另存为“UTF-8”（无 BOM）编码，例如 VS Code 右下角点编码→“通过编码保存”→UTF-8，或运行 iconv -f GB18030 -t UTF-8'],
    'bom.md': ['catalog/bad/bom.md:1: 文件以 BOM（字节顺序标记）开头 — 另存为“UTF-8”而不是“UTF-8 with BOM”'],
    'bool_title.md': ['catalog/bad/bool_title.md:3: 名称 (title): 应为文本，实际是是/否值 — 给值加上引号'],
    'budget_type_bad.md': ["catalog/bad/budget_type_bad.md:7: 类型 (budget.type): 取值 '决策' 不在可选范围（预算、决算、三公经费）内 — 改为 决算"],
    'budget_year_text.md': ["catalog/bad/budget_year_text.md:7: 预决算年度 (budget.year): 应为整数，实际是 '二〇二五' — 只写数字，如 2025"],
    'category_unknown.md': ["catalog/bad/category_unknown.md:4: 信息类别 (category): 信息类别 '通知公告' 不在 taxonomy.yml 中 — 可选：机构职能、规章、行政规范性文件、政策解读、办事指南、财政预决算"],
    'chinese_key.md': ['catalog/bad/chinese_key.md:7: 文号: 未知字段“文号” — 应写英文键 doc_no（文号）'],
    'colon_in_title.md': ['catalog/bad/colon_in_title.md:3: YAML 格式错误：此处不能出现冒号“:”（值里含冒号时请给整个值加引号，或检查缩进） — 检查该行及上一行的缩进、冒号和引号'],
    'date_chinese.md': ["catalog/bad/date_chinese.md:6: 发布日期 (published): 日期应为 YYYY-MM-DD 格式，实际是 '2025年4月1日' — 改写为 2025-04-01"],
    'date_format.md': ["catalog/bad/date_format.md:6: 发布日期 (published): 日期应为 YYYY-MM-DD 格式，实际是 '2025/04/01' — 改写为 2025-04-01"],
    'date_not_exist.md': ["catalog/bad/date_not_exist.md:6: 发布日期 (published): 日期不存在：'2025-02-30' — 检查月份和日期（如 2 月没有 30 日）"],
    'duplicate_index.md': ['catalog/bad/duplicate_index.md:2: 索引号 (index_no): 索引号 MB1C37504/2024-00003 重复，另见 catalog/gz/rule.md:2 — 索引号必须唯一且发布后不能修改：保留已发布的那个，给新增的条目改用下一个空闲的索引号 MB1C37504/2024-00013', 'catalog/bad/duplicate_index.md:2: 警告: 索引号 (index_no): 索引号中的年份 2024 与发布日期 2025-04-01 的年份不一致 — 索引号一经发布不能修改；若是新条目，请用 make new 重新生成', 'catalog/gz/rule.md:2: 索引号 (index_no): 索引号 MB1C37504/2024-00003 重复，另见 catalog/bad/duplicate_index.md:2 — 索引号必须唯一且发布后不能修改：保留已发布的那个，给新增的条目改用下一个空闲的索引号 MB1C37504/2024-00013'],
    'duplicate_key.md': ['catalog/bad/duplicate_key.md:7: 名称 (title): 字段重复出现 — 删除其中一处'],
    'empty.md': ['catalog/bad/empty.md:1: Markdown 条目缺少 YAML 头部（front matter） — 文件第一行写 ---，接着写字段，再用一行 --- 结束，然后写正文'],
    'empty_required.md': ['catalog/bad/empty_required.md:6: 发布日期 (published): 必填字段的值为空 — 在冒号后填写发布日期'],
    'gbk.md': ['catalog/bad/gbk.md:3: 文件不是 UTF-8 编码，看起来是 GBK/GB18030（常见于 Windows 记事本或 WPS 另存） — 用编辑器另存为“UTF-8”（无 BOM）编码，例如 VS Code 右下角点编码→“通过编码保存”→UTF-8，或运行 iconv -f GB18030 -t UTF-8'],
    'index_pattern.md': ["catalog/bad/index_pattern.md:2: 索引号 (index_no): 索引号 'MB1C37504-2025-00101' 不符合本站格式 ^[0-9A-Z]{9}([0-9A-Z]{9})?/\\d{4}-\\d{5}$ — 按“机构代码/年份-五位流水号”书写，或用 make new 生成"],
    'index_year_mismatch.md': ['catalog/bad/index_year_mismatch.md:2: 警告: 索引号 (index_no): 索引号中的年份 2024 与发布日期 2025-04-01 的年份不一致 — 索引号一经发布不能修改；若是新条目，请用 make new 重新生成'],
    'keywords_mapping.md': ['catalog/bad/keywords_mapping.md:7: 主题词 (keywords): 应为文本列表，实际是字段块 — 每项一行，以“- ”开头'],
    'malformed_yaml.md': ['catalog/bad/malformed_yaml.md:4: YAML 格式错误：此处不能出现冒号“:”（值里含冒号时请给整个值加引号，或检查缩进） — 检查该行及上一行的缩进、冒号和引号'],
    'missing_index_no.md': ['catalog/bad/missing_index_no.md:2: 索引号 (index_no): 缺少必填字段 — 添加一行 index_no: MB1C37512/2025-00001'],
    'missing_published.md': ['catalog/bad/missing_published.md:2: 发布日期 (published): 缺少必填字段 — 添加一行 published: 2025-03-01'],
    'missing_title.md': ['catalog/bad/missing_title.md:2: 名称 (title): 缺少必填字段 — 添加一行 title: ……'],
    'no_front_matter.md': ['catalog/bad/no_front_matter.md:1: Markdown 条目缺少 YAML 头部（front matter） — 文件第一行写 ---，接着写字段，再用一行 --- 结束，然后写正文'],
    'publisher_unknown.md': ["catalog/bad/publisher_unknown.md:5: 发布机构 (publisher): 发布机构 '海澄市教育局' 不在 taxonomy.yml 中 — 使用 taxonomy.yml 中 publishers 的名称，或先在那里添加该机构"],
    'relation_missing.md': ['catalog/bad/relation_missing.md:7: 解读的文件 (interprets): 关联的索引号 MB1C37504/2024-09999 在目录中不存在 — 检查索引号是否抄错，或先提交被关联的条目'],
    'relation_self.md': ['catalog/bad/relation_self.md:7: 替代的文件 (supersedes): 条目不能关联自身 — 删除这一项'],
    'service_missing_block.md': ['catalog/bad/service_missing_block.md:2: 办事指南 (service): “办事指南”类条目必须填写 service 块 — 添加 service: 并逐项填写（make new 生成的模板里有全部字段）'],
    'service_missing_field.md': ['catalog/bad/service_missing_field.md:8: 收费标准 (service.fees): 缺少必填字段 — 在“办事指南”中添加 fees: （收费标准）'],
    'service_unknown_subkey.md': ['catalog/bad/service_unknown_subkey.md:16: service.fee: 未知字段“fee” — 是不是想写 fees（收费标准）？'],
    'summary_too_long.md': ['catalog/bad/summary_too_long.md:7: 内容概述 (summary): 内容概述超过 300 字（现有 301 字） — 精简到 300 字以内'],
    'tab_indent.md': ['catalog/bad/tab_indent.md:8: 行首用了制表符（Tab）缩进，YAML 只认空格 — 把行首的 Tab 换成空格（每级两个空格），编辑器可设置“Tab 键输入空格”', 'catalog/bad/tab_indent.md:8: 实施机关 (service.authority): 缺少必填字段 — 在“办事指南”中添加 authority: （实施机关）', 'catalog/bad/tab_indent.md:8: 设定依据 (service.basis): 缺少必填字段 — 在“办事指南”中添加 basis: （设定依据）', 'catalog/bad/tab_indent.md:8: 投诉电话 (service.complaint_phone): 缺少必填字段 — 在“办事指南”中添加 complaint_phone: （投诉电话）', 'catalog/bad/tab_indent.md:8: 受理条件 (service.conditions): 缺少必填字段 — 在“办事指南”中添加 conditions: （受理条件）', 'catalog/bad/tab_indent.md:8: 咨询电话 (service.consult_phone): 缺少必填字段 — 在“办事指南”中添加 consult_phone: （咨询电话）', 'catalog/bad/tab_indent.md:8: 收费标准 (service.fees): 缺少必填字段 — 在“办事指南”中添加 fees: （收费标准）', 'catalog/bad/tab_indent.md:8: 办理时间 (service.hours): 缺少必填字段 — 在“办事指南”中添加 hours: （办理时间）', 'catalog/bad/tab_indent.md:8: 法定时限 (service.legal_limit): 缺少必填字段 — 在“办事指南”中添加 legal_limit: （法定时限）', 'catalog/bad/tab_indent.md:8: 办理地点 (service.location): 缺少必填字段 — 在“办事指南”中添加 location: （办理地点）', 'catalog/bad/tab_indent.md:8: 申请材料 (service.materials): 缺少必填字段 — 在“办事指南”中添加 materials: （申请材料）', 'catalog/bad/tab_indent.md:8: 办理流程 (service.process): 缺少必填字段 — 在“办事指南”中添加 process: （办理流程）', 'catalog/bad/tab_indent.md:8: 承诺时限 (service.promised_limit): 缺少必填字段 — 在“办事指南”中添加 promised_limit: （承诺时限）'],
    'topic_unknown.md': ["catalog/bad/topic_unknown.md:7: 主题分类 (topics): 主题分类 '科技、教育/体育' 不在 taxonomy.yml 中 — 写成“一级/二级”，如 财政、金融、审计/财政"],
    'unclosed_front_matter.md': ['catalog/bad/unclosed_front_matter.md:1: YAML 头部没有结束标记 --- — 在最后一个字段之后加一行 ---，再写正文'],
    'unknown_key.md': ['catalog/bad/unknown_key.md:7: titel: 未知字段“titel” — 是不是想写 title（名称）？'],
    'validity_bad.md': ["catalog/bad/validity_bad.md:7: 状态 (validity.status): 取值 '作废' 不在可选范围（有效、失效、废止）内 — 改为 废止"],
    'validity_date_bad.md': ["catalog/bad/validity_date_bad.md:9: 废止日期 (validity.repealed): 日期应为 YYYY-MM-DD 格式，实际是 '2025-4-1' — 改写为 2025-04-01"],
    'written_bad.md': ["catalog/bad/written_bad.md:7: 成文日期 (written): 日期不存在：'2025-13-01' — 检查月份和日期（如 2 月没有 30 日）"],
    'wrong_type_title.md': ['catalog/bad/wrong_type_title.md:3: 名称 (title): 应为文本，实际是列表 — 写成一行文本（多行文本用 | 开头）'],
    'yaml_list.yml': ['catalog/bad/yaml_list.yml:1: 头部应为“键: 值”形式的字段列表 — 每行写一个字段，如 title: 关于……的通知'],
}


def load_with(case: Path, tmp_path: Path) -> list[str]:
    shutil.copytree(SITE / "catalog", tmp_path / "catalog")
    (tmp_path / "catalog" / "bad").mkdir()
    shutil.copy(case, tmp_path / "catalog" / "bad" / case.name)
    problems = Problems()
    load_catalog(Settings(root=tmp_path, catalog_dir=tmp_path / "catalog"), problems)
    return [p.format() for p in problems.sorted()]


def test_corpus_is_complete():
    files = sorted(p.name for p in BAD.iterdir())
    assert files == sorted(EXPECTED), "every file in tests/fixtures/bad needs its expected messages"
    assert len(files) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_message(name, tmp_path):
    assert load_with(BAD / name, tmp_path) == EXPECTED[name]


def test_valid_fixture_catalog_has_no_problems(tmp_path):
    problems = Problems()
    load_catalog(Settings(root=SITE, catalog_dir=SITE / "catalog"), problems)
    assert [p.format() for p in problems] == []


def test_make_check_reports_all_files_together_without_traceback(tmp_path):
    """gongkai check exits 1, prints every broken file's message with path:line, and no traceback."""
    shutil.copytree(SITE, tmp_path / "site")
    bad_dir = tmp_path / "site" / "catalog" / "bad"
    bad_dir.mkdir()
    for name in ("gbk.md", "date_not_exist.md", "unknown_key.md", "malformed_yaml.md"):
        shutil.copy(BAD / name, bad_dir / name)
    result = subprocess.run([sys.executable, "-m", "gongkai", "check", "-s", str(tmp_path / "site" / "pelicanconf.py")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    for name in ("gbk.md", "date_not_exist.md", "unknown_key.md", "malformed_yaml.md"):
        line = EXPECTED[name][0]
        assert line in result.stderr
    assert "共 4 个错误，0 个警告。" in result.stdout


def test_build_with_bad_input_fails_and_keeps_previous_output(tmp_path):
    """A failed build leaves the previous output/ untouched (no half-written site)."""
    from gongkai.sitebuild import build

    shutil.copytree(SITE, tmp_path / "site")
    out = tmp_path / "out"
    assert build(tmp_path / "site" / "pelicanconf.py", out, quiet=True)[0] == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    shutil.copy(BAD / "date_not_exist.md", tmp_path / "site" / "catalog" / "gz" / "broken.md")
    code, stats = build(tmp_path / "site" / "pelicanconf.py", out, quiet=True)
    assert code == 1 and stats["errors"] >= 1
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not (tmp_path / "out.partial").exists()
    (tmp_path / "site" / "catalog" / "gz" / "broken.md").unlink()
    (tmp_path / "site" / "catalog" / "gz" / "rule.md").unlink()
    assert build(tmp_path / "site" / "pelicanconf.py", out, quiet=True)[0] == 0     # replaces the old tree
    assert not (out / "gk" / "MB1C37504" / "2024-00003").exists() and (out / "index.html").exists()
    assert not (tmp_path / "out.old").exists()
    deadline = time.monotonic() + 60        # the old trees are deleted in the background
    while time.monotonic() < deadline and list(tmp_path.glob("out.trash-*")):
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]
