"""make import copies nothing from outside the source folder: 附件 cells, links and images of saved
pages and HTML bodies; links, FIFOs and types the catalog refuses are reported at path:line."""
import os

import pytest

from gongkai.importer.report import render
from tests.unit.importer.helpers import do_import, messages

HEAD = "标题,发布机构,信息类别,发布日期,附件\n"
ROW = "甲,海澄市人民政府,机构职能,2019-01-02,{}\n"
ATT = "附件 (attachments): "
INSIDE_FIX = "把附件放到源文件所在的文件夹（或其子文件夹）中，"


@pytest.fixture
def src(tmp_path):
    """The source folder (the export), beside a secret file that must never be copied."""
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    folder = tmp_path / "export"
    (folder / "files").mkdir(parents=True)
    (folder / "files" / "表1.pdf").write_bytes(b"%PDF-1.4 ok")
    return folder


def import_cell(settings, src, cell, **options):
    (src / "a.csv").write_text(HEAD + ROW.format(cell), encoding="utf-8")
    result = do_import(settings, src / "a.csv", **options)
    return result, [m.split("a.csv", 1)[1] for m in messages(result)]


@pytest.mark.parametrize("cell,problem", [
    ("/etc/hostname", f"附件路径 '/etc/hostname' 是绝对路径，导入只复制源文件夹中的文件 — {INSIDE_FIX}写相对路径，如 files/预算表.pdf"),
    ("C:\\Windows\\win.ini", f"附件路径 'C:\\\\Windows\\\\win.ini' 是绝对路径，导入只复制源文件夹中的文件 — {INSIDE_FIX}写相对路径，如 files/预算表.pdf"),
    ("file:///etc/hostname", f"附件路径 'file:///etc/hostname' 是绝对路径，导入只复制源文件夹中的文件 — {INSIDE_FIX}写相对路径，如 files/预算表.pdf"),
    ("../secret.pdf", f"附件路径 '../secret.pdf' 指向源文件夹以外，导入只复制源文件夹中的文件 — {INSIDE_FIX}路径中不要用 ../"),
    ("files/../../secret.pdf", f"附件路径 'files/../../secret.pdf' 指向源文件夹以外，导入只复制源文件夹中的文件 — {INSIDE_FIX}路径中不要用 ../"),
    ("files/%2e%2e/%2e%2e/secret.pdf", f"附件路径 'files/%2e%2e/%2e%2e/secret.pdf' 指向源文件夹以外，导入只复制源文件夹中的文件 — {INSIDE_FIX}路径中不要用 ../"),
    ("说明|files/page.html", "附件 'page.html' 是.html 文件，本站不发布这种类型的附件 — 附件只能是 PDF、OFD、DOC/DOCX、WPS、"
     "XLS/XLSX、ET、PPT/PPTX、DPS、CSV、TXT、ZIP/RAR、JPG/PNG/GIF、MP3/MP4；网页、脚本、SVG 等请转成 PDF"),
    ("files/logo.svg", "附件 'logo.svg' 是.svg 文件，本站不发布这种类型的附件 — 附件只能是 PDF、OFD、DOC/DOCX、WPS、"
     "XLS/XLSX、ET、PPT/PPTX、DPS、CSV、TXT、ZIP/RAR、JPG/PNG/GIF、MP3/MP4；网页、脚本、SVG 等请转成 PDF"),
    ("files/link.pdf", "附件 'link.pdf' 是符号链接（快捷方式），出于安全考虑不予读取 — 用文件本身替换符号链接，并提交到仓库"),
    ("files/pipe.pdf", "附件 'pipe.pdf' 不是普通文件（是命名管道、设备或套接字），出于安全考虑不予读取 — 删除它，换成普通文件"),
    ("javascript:alert(1)", "附件地址 'javascript:alert(1)'：不允许使用 javascript: 网址（可在读者的浏览器中执行脚本），"
     "只能用 http、https、mailto 或 tel — 写附件文件的相对路径，或 https:// 开头的网址"),
])
def test_an_attachment_cell_outside_the_source_folder_or_unsafe_is_refused(settings, src, cell, problem):
    (src / "files" / "page.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (src / "files" / "logo.svg").write_text("<svg onload='alert(1)'/>", encoding="utf-8")
    os.symlink(src.parent / "secret.pdf", src / "files" / "link.pdf")
    os.mkfifo(src / "files" / "pipe.pdf")
    result, found = import_cell(settings, src, cell, write=True)
    assert found == [f":2: {ATT}{problem}"]
    assert result.failed and result.written == [] and result.copied == []


def test_the_dry_run_lists_every_attachment_it_would_copy_and_the_write_copies_exactly_those(settings, src):
    result, found = import_cell(settings, src, '"预算表|files/表1.pdf"')
    assert found == []
    lines = render(result, settings.root, write=False)
    start = lines.index("将复制附件（1）：")
    assert lines[start + 1] == f"  {src}/files/表1.pdf → catalog/jgzn/2019/attachments/00001/表1.pdf"
    result, _ = import_cell(settings, src, '"预算表|files/表1.pdf"', write=True)
    assert [p.relative_to(settings.root).as_posix() for p in result.copied] == ["catalog/jgzn/2019/attachments/00001/表1.pdf"]
    assert result.copied[0].read_bytes() == b"%PDF-1.4 ok"


def page(src, body: str, name="p.html"):
    (src / name).write_text(
        '<html><body><table><tr><td>索引号：</td><td>MB1C37504/2019-00031</td></tr><tr><td>标题：</td><td>测试</td></tr>'
        '<tr><td>发布机构：</td><td>海澄市人民政府</td></tr><tr><td>发布日期：</td><td>2019-01-30</td></tr></table>\n'
        f'<div id="zoom">\n<p>正文</p>\n{body}\n</div></body></html>', encoding="utf-8")
    return src / name


OUTSIDE_FIX = "保存网页时选择“网页，全部”，让附件保存在网页旁的文件夹中；或用 --base-url 指定原网址，链接将指向原网站"


@pytest.mark.parametrize("body,expected", [
    ('<img src="../secret.pdf">', f":4: 正文 (body): 链接 '../secret.pdf' 指向源文件夹以外，不予复制 — {OUTSIDE_FIX}"),
    ('<a href="../../etc/hostname.pdf">下载</a>', f":4: 正文 (body): 链接 '../../etc/hostname.pdf' 指向源文件夹以外，不予复制 — {OUTSIDE_FIX}"),
    ('<a href="p_files/link.pdf">下载</a>',
     ":4: 正文 (body): 附件 'link.pdf' 是符号链接（快捷方式），出于安全考虑不予读取 — 用文件本身替换符号链接，并提交到仓库"),
    ('<a href="p_files/evil.js">下载</a>',
     ":4: 警告: 正文 (body): 附件 'evil.js' 是.js 文件，本站不发布这种类型的附件，未复制，链接已删除 — 附件只能是 PDF、OFD、DOC/DOCX、"
     "WPS、XLS/XLSX、ET、PPT/PPTX、DPS、CSV、TXT、ZIP/RAR、JPG/PNG/GIF、MP3/MP4；网页、脚本、SVG 等请转成 PDF"),
])
def test_saved_page_links_and_images_outside_the_source_folder_are_refused(settings, src, body, expected):
    (src / "p_files").mkdir()
    (src / "p_files" / "evil.js").write_text("window.__pwned = 1", encoding="utf-8")
    os.symlink(src.parent / "secret.pdf", src / "p_files" / "link.pdf")
    result = do_import(settings, page(src, body), category="机构职能", write=True)
    assert [m.split("p.html", 1)[1] for m in messages(result)] == [expected]
    assert result.copied == [] and "secret" not in result.plan.entries[0].text


def test_with_the_original_address_an_outside_link_points_to_the_old_site_not_the_disk(settings, src):
    result = do_import(settings, page(src, '<a href="../secret.pdf">下载</a>'), category="机构职能",
                       base_url="https://www.haicheng.gov.cn/xxgk/a/")
    assert messages(result) == [] and result.plan.entries[0].copies == []
    assert "[下载](https://www.haicheng.gov.cn/xxgk/secret.pdf)" in result.plan.entries[0].text


def test_a_site_absolute_link_is_never_a_local_file(settings, src):
    result = do_import(settings, page(src, '<a href="/etc/hostname.pdf">下载</a>'), category="机构职能")
    assert [m.split("p.html", 1)[1] for m in messages(result)] == [
        ":4: 警告: 正文 (body): 链接 '/etc/hostname.pdf' 是相对地址，原网址未知，已原样保留 — 用 --base-url 指定原网站地址后重新导入"]
    assert result.plan.entries[0].copies == []


def test_an_html_body_cell_cannot_reach_outside_either(settings, src):
    (src / "b.csv").write_text("标题,发布机构,信息类别,发布日期,正文\n甲,海澄市人民政府,机构职能,2019-01-02,"
                               '"<p><a href=""../secret.pdf"">x</a></p>"\n', encoding="utf-8")
    result = do_import(settings, src / "b.csv")
    assert [m.split("b.csv", 1)[1] for m in messages(result)] == [
        f":2: 正文 (body): 链接 '../secret.pdf' 指向源文件夹以外，不予复制 — {OUTSIDE_FIX}"]


def test_a_source_file_that_is_a_symbolic_link_is_not_read(settings, src):
    os.symlink(src.parent / "secret.pdf", src / "export.csv")
    result = do_import(settings, src / "export.csv")
    assert [m.split("export.csv", 1)[1] for m in messages(result)] == [
        ": 是符号链接（快捷方式），出于安全考虑不予读取 — 用文件本身替换符号链接，并提交到仓库"]
    assert result.failed
