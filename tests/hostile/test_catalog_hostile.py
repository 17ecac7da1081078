"""Hostile catalog input: files that are not files, YAML bombs, paths out of the tree, values that lie.

Each case is set up next to the fixture site's catalog and checked with the real ``gongkai check`` in a
subprocess with a timeout (a hang fails the test instead of hanging CI); the exact Chinese
``path:line`` message is asserted, and nothing outside the tree is read or written.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "tests" / "fixtures" / "site"
HEAD = ("---\nindex_no: MB1C37504/2025-00301\ntitle: 测试\ncategory: 机构职能\npublisher: 海澄市人民政府\n"
        "published: 2025-04-01\n")


@pytest.fixture
def site(tmp_path) -> Path:
    shutil.copytree(SITE, tmp_path / "site")
    (tmp_path / "site" / "catalog" / "x").mkdir()
    return tmp_path / "site"


def check(site: Path, timeout: int = 60) -> tuple[int, list[str]]:
    """Run gongkai check on the site; (exit code, problem lines)."""
    result = subprocess.run([sys.executable, "-m", "gongkai", "check", "-s", str(site / "pelicanconf.py")],
                            cwd=ROOT, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr, result.stderr
    lines = [line for line in (result.stderr + result.stdout).splitlines() if line.startswith("catalog/")]
    return result.returncode, lines


def item(site: Path, name: str, text: str) -> Path:
    path = site / "catalog" / "x" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_alias_bomb_is_refused_at_once(site):
    bomb = "\n".join([HEAD.rstrip("\n"), 'a: &a ["x","x","x","x","x","x","x","x","x"]',
                      *(f"{c}: &{c} [{','.join('*' + p for _ in range(9))}]" for p, c in zip("abcdefgh", "bcdefghi")),
                      "---", "正文", ""])
    item(site, "bomb.md", bomb)
    code, lines = check(site)
    assert code == 1 and lines == ["catalog/x/bomb.md:7: YAML 格式错误：不支持 YAML 锚点和别名（&名称、*名称）——请把内容直接写出来"
                                   " — 检查该行及上一行的缩进、冒号和引号"]


def test_deep_nesting_is_refused_without_a_crash(site):
    item(site, "deep.md", HEAD + "keywords: " + "[" * 100_000 + "]" * 100_000 + "\n---\n正文\n")
    code, lines = check(site)
    assert code == 1 and lines == ["catalog/x/deep.md:7: YAML 格式错误：嵌套层级过深（超过 24 层） — 检查该行及上一行的缩进、冒号和引号"]


def test_block_nesting_is_refused_too(site):
    item(site, "deep-block.yml", HEAD.replace("---\n", "") + "service:\n" + "".join("  " * n + f"k{n}:\n" for n in range(1, 60)))
    code, lines = check(site)
    assert code == 1 and lines[0].startswith("catalog/x/deep-block.yml:") and "嵌套层级过深" in lines[0]


def test_fifo_named_like_an_item_never_blocks(site):
    os.mkfifo(site / "catalog" / "x" / "pipe.md")
    code, lines = check(site, timeout=60)
    assert code == 1 and lines == ["catalog/x/pipe.md: 不是普通文件（是命名管道、设备或套接字），出于安全考虑不予读取 — 删除它，换成普通文件"]


@pytest.mark.parametrize("target", ["/dev/zero", "/etc/hostname", "../../../../../../etc/passwd", "missing.md"])
def test_symlinked_items_are_never_read(site, target):
    os.symlink(target, site / "catalog" / "x" / "link.md")
    code, lines = check(site)
    assert code == 1 and lines == ["catalog/x/link.md: 是符号链接（快捷方式），出于安全考虑不予读取 — 用文件本身替换符号链接，并提交到仓库"]


def test_symlinked_folder_out_of_the_repository_is_not_walked(site, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(HEAD + "---\n机密\n", encoding="utf-8")
    os.symlink(outside, site / "catalog" / "x" / "linked")
    code, lines = check(site)
    assert code == 0 and lines == []          # os.walk does not follow folder links: nothing outside is read


def test_directory_named_like_an_item(site):
    (site / "catalog" / "x" / "folder.md").mkdir()
    code, lines = check(site)
    assert code == 1 and lines == ["catalog/x/folder.md: 是一个文件夹，不是文件 — 删除或重命名这个文件夹（文件夹名不要以 .md、.yml 结尾）"]


def test_oversized_item(site):
    item(site, "big.md", HEAD + "---\n" + "正文。" * 1_500_000)
    code, lines = check(site)
    assert code == 1 and lines == ["catalog/x/big.md: 文件过大（12.9 MB，上限 4.0 MB） — 拆分内容，或把大文件作为附件"]


def test_uppercase_and_markdown_suffixes_are_read(site):
    item(site, "UPPER.MD", HEAD + "title2: x\n---\n正文\n")
    item(site, "long.markdown", HEAD.replace("00301", "00302") + "doc_no: 0x1F\n---\n正文\n")
    code, lines = check(site)
    assert lines == ["catalog/x/UPPER.MD:7: title2: 未知字段“title2” — 是不是想写 title（名称）？"]


def test_typed_values_are_kept_as_written(site, tmp_path):
    from plugins._shared.diagnostics import Problems
    from plugins.catalog.load import Settings, load_catalog

    item(site, "typed.md", HEAD + "doc_no: 0x1F\nkeywords: [yes, on, 007, 1e3]\n---\n正文\n")
    catalog = load_catalog(Settings(root=site, catalog_dir=site / "catalog"), Problems())
    found = catalog.by_index["MB1C37504/2025-00301"]
    assert found.doc_no == "0x1F" and found.keywords == ["yes", "on", "007", "1e3"]


def test_nul_bytes_in_the_file(site):
    path = site / "catalog" / "x" / "nul.md"
    path.write_bytes(HEAD.encode() + b"doc_no: a\x00b\n---\n\xe6\xad\xa3\x00\n")
    code, lines = check(site)
    assert code == 1 and lines == [
        "catalog/x/nul.md:7: 第 7 行含有控制字符 U+0000（不可见，页面上无法显示） — 删除该字符：把这一行整行删除后重新输入",
        "catalog/x/nul.md:9: 第 9 行含有控制字符 U+0000（不可见，页面上无法显示） — 删除该字符：把这一行整行删除后重新输入"]


def test_a_newline_in_a_key_cannot_forge_output_lines(site):
    item(site, "forge.md", HEAD + '"x\\ncatalog/ok.md:1: 一切正常": 1\n---\n正文\n')
    code, lines = check(site)
    assert code == 1 and len(lines) == 1 and lines[0].startswith("catalog/x/forge.md:7: x\\ncatalog/ok.md:1: 一切正常: 未知字段")


@pytest.mark.parametrize("entry,message", [
    ("{key: ../../evil, label: 恶意}", "catalog/taxonomy.yml:8: categories.key: key '../../evil' 不能用于网址 — "
                                      "key 只用小写字母、数字和 -，以字母开头，不超过 32 个字符，如 gfxwj"),
    ("{key: [jgzn], label: 列表}", "catalog/taxonomy.yml:8: categories.key: key 应为一行文本，实际是列表 — 写成 key: 文本"),
    ("{key: ok, label: 好, stale_days: 一年}", "catalog/taxonomy.yml:8: categories.stale_days: stale_days 应为整数天数，"
                                            "实际是 '一年' — 只写数字，如 stale_days: 183"),
    ("{key: ok, label: \"好\\n坏\"}", "catalog/taxonomy.yml:8: categories.label: label 含有换行 — 删除后重新输入，只写一行文字"),
    ("{key: ok, label: 好, kind: script}", "catalog/taxonomy.yml:8: categories.kind: kind 'script' 不是已知的特殊类别 — "
                                          "可选：service、budget、regulation、normative、interpretation"),
])
def test_hostile_taxonomy_entries(site, entry, message):
    tax = site / "catalog" / "taxonomy.yml"
    lines = tax.read_text(encoding="utf-8").split("\n")
    lines.insert(7, f"  - {entry}")
    tax.write_text("\n".join(lines), encoding="utf-8")
    code, found = check(site)
    assert code == 1 and found == [message]


def test_taxonomy_topics_as_a_list_and_aliases(site):
    tax = site / "catalog" / "taxonomy.yml"
    text = tax.read_text(encoding="utf-8")
    tax.write_text(text.split("topics:")[0] + "topics: [综合政务, 其他]\n", encoding="utf-8")
    code, found = check(site)
    assert code == 1 and ("catalog/taxonomy.yml:11: topics: topics 应为“一级分类: [二级分类, …]”的字段块 — "
                          "例如 财政、金融、审计: [财政, 税务]") in found
    tax.write_text(text + "\nx: &a [1]\ny: *a\n", encoding="utf-8")
    code, found = check(site)
    assert code == 1 and found == ["catalog/taxonomy.yml:16: YAML 格式错误：不支持 YAML 锚点和别名（&名称、*名称）——请把内容直接写出来"
                                   " — 按报错行修正缩进或引号"]


def test_attachment_symlink_and_fifo_are_refused(site):
    files = site / "catalog" / "x" / "files"
    files.mkdir()
    os.symlink("/etc/hostname", files / "a.txt")
    os.mkfifo(files / "b.pdf")
    item(site, "att.md", HEAD + "attachments:\n  - {path: files/a.txt, title: 甲}\n  - {path: files/b.pdf, title: 乙}\n---\n正文\n")
    code, lines = check(site)
    assert code == 1 and lines == [
        "catalog/x/att.md:8: 附件 (attachments.path): 附件路径 'files/a.txt' 指向仓库以外 — 把附件放进仓库（如 catalog/files/）并写相对路径",
        "catalog/x/att.md:9: 附件 (attachments.path): 附件 'files/b.pdf' 不是普通文件（是命名管道、设备或套接字），出于安全考虑不予读取"
        " — 删除它，换成普通文件"]


def test_attachment_named_like_the_page_is_refused(site):
    files = site / "catalog" / "x" / "files"
    files.mkdir()
    (files / "index.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (files / ".htaccess.pdf").write_bytes(b"%PDF-1.4\n")
    item(site, "page.md", HEAD + "attachments:\n  - {path: files/index.html, title: 甲}\n  - {path: files/.htaccess.pdf, title: 乙}\n"
         "---\n正文\n")
    code, lines = check(site)
    assert code == 1 and lines[0].endswith("网页或脚本文件不能作为附件发布（会在本网站上运行） — 转换为 PDF 或 OFD 后再附上；允许的类型："
                                           "PDF、OFD、DOC/DOCX、WPS、XLS/XLSX、ET、PPT/PPTX、DPS、CSV、TXT、ZIP/RAR、JPG/PNG/GIF、MP3/MP4")
    assert lines[1] == "catalog/x/page.md:9: 附件 (attachments.path): 附件文件名 '.htaccess.pdf' 与网站自身的文件冲突 — 重命名文件（只用中文、字母、数字、-、_ 和 .）"


def test_output_gate_refuses_paths_outside(tmp_path):
    from plugins._shared.output import UnsafePath, safe_join

    out = tmp_path / "out"
    out.mkdir()
    assert safe_join(out, "gk/a/index.html") == str(out / "gk/a/index.html")
    for bad in ("../x/index.html", "/etc/passwd", "gk/../../x", "a\\b", "", "a\x00b"):
        with pytest.raises(UnsafePath):
            safe_join(out, bad)


def _page_lines(site: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "gongkai", "check", "-s", str(site / "pelicanconf.py")],
                            cwd=ROOT, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stderr
    return [line for line in (result.stderr + result.stdout).splitlines() if line.startswith("content/")]


def test_content_files_that_are_links_or_fifos(site, tmp_path):
    pages = site / "content" / "pages"
    os.symlink("/etc/passwd", pages / "passwd.md")
    os.mkfifo(pages / "pipe.md")
    (site / "content" / "files").mkdir()
    os.symlink("/etc/hostname", site / "content" / "files" / "host.txt")
    assert _page_lines(site) == [
        "content/files/host.txt: 是符号链接（快捷方式），出于安全考虑不予读取 — 用文件本身替换符号链接，并提交到仓库",
        "content/pages/passwd.md: 是符号链接（快捷方式），出于安全考虑不予读取 — 用文件本身替换符号链接，并提交到仓库",
        "content/pages/pipe.md: 不是普通文件（是命名管道、设备或套接字），出于安全考虑不予读取 — 删除它，换成普通文件"]
    # the build neither hangs on the FIFO nor publishes what the links point at
    out = tmp_path / "out"
    build = subprocess.run([sys.executable, "-m", "gongkai", "build", "-s", str(site / "pelicanconf.py"), "-o", str(out)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert build.returncode == 1 and not out.exists() and not (tmp_path / "out.partial").exists()


@pytest.mark.parametrize("slug,message", [
    ("../../etc", "content/pages/evil.md:2: Slug: Slug '../../etc' 不能用于网址 — Slug 只用小写字母、数字和 -，如 Slug: gkzn"),
    ("gk", "content/pages/evil.md:2: Slug: 页面网址 /gk/ 与网站自动生成的 /gk/ 冲突 — 改用别的 Slug（不要以 gk、fdzdgknr、"
           "search、ysqgk、ndbg、jg、zh-hant、theme、feeds 开头）"),
])
def test_content_page_slugs(site, slug, message):
    (site / "content" / "pages" / "evil.md").write_text(f"Title: 冒名\nSlug: {slug}\n\n正文\n", encoding="utf-8")
    assert _page_lines(site) == [message]


def test_two_pages_claiming_one_url_name_each_other(site):
    (site / "content" / "pages" / "copy.md").write_text("Title: 冒名\nSlug: gkzn\n\n正文\n", encoding="utf-8")
    assert _page_lines(site) == [
        "content/pages/copy.md:2: Slug: 网址 /gkzn/ 同时被 content/pages/gkzn.md:2 使用 — 给其中一个页面改用别的 Slug",
        "content/pages/gkzn.md:2: Slug: 网址 /gkzn/ 同时被 content/pages/copy.md:2 使用 — 给其中一个页面改用别的 Slug"]


def test_personal_data_in_a_content_page(site):
    page = site / "content" / "pages" / "gkzd.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n联系人：13812345678\n", encoding="utf-8")
    lines = _page_lines(site)
    assert lines == [f"content/pages/gkzd.md:{len(page.read_text(encoding='utf-8').splitlines())}: "
                     "页面含有疑似手机号码 138****5678 — 删除或遮盖个人信息后再发布"]
