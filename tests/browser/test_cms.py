"""The web editor (Decap CMS) in headless Chromium, in local mode, on a fresh clone of the repository.

An editor creates a 行政规范性文件 with an attachment and a 替代的文件 relation, a 政策解读 that
interprets it, edits an existing 办事指南, and is stopped with Chinese messages by an impossible date
and an empty 名称. The files written are what gongkai/importer/emit.py writes for the same data
(the layout of a hand-written item), and ``make check`` and ``make html`` pass on the result. The
editor runs under its own Content-Security-Policy and no request leaves 127.0.0.1. Screenshots for
docs/editor-guide-cms.md are taken on the way (GONGKAI_SCREENSHOTS=1 writes them to docs/img/).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser
SHOTS = ROOT / "docs" / "img" if os.environ.get("GONGKAI_SCREENSHOTS") else None
PDF = ROOT / "catalog" / "files" / "2025" / "czj-2025-budget.pdf"


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A fresh clone of the committed repository (node_modules linked in, as make setup would make it)."""
    dest = tmp_path_factory.mktemp("clone") / "repo"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(dest)], check=True)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


@pytest.fixture(scope="module")
def editor(clone):
    from gongkai.cms import bundle
    from gongkai.cms.server import Editor
    from gongkai.commands.cms import catalog_json

    config = clone / "gongkai" / "cms" / "static" / "config.yml"
    dynamic = {"catalog.json": catalog_json(str(clone / "pelicanconf.py")), "config.yml": config.read_bytes}
    assert bundle.plan(clone)   # the clone has every file the editor needs
    ed = Editor(clone, 0, dynamic)
    url = ed.start()
    yield url
    ed.stop()


@pytest.fixture
def context(browser):
    # bypass_csp stays off: the editor must work under the CSP its server sends (bundle.CSP)
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    yield ctx
    ctx.close()


@pytest.fixture
def cms(context, editor):
    pg = context.new_page()
    problems = []
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    pg.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))
          else problems.append(f"external request: {r.url}"))
    pg.problems = problems
    pg.goto(editor)
    pg.get_by_role("button", name="登录").click()
    pg.get_by_role("link", name="行政规范性文件").first.wait_for()
    yield pg
    pg.close()
    assert not problems, problems


def shot(pg, name: str, element=None):
    if SHOTS:
        (element or pg).screenshot(path=str(SHOTS / f"cms-{name}.png"))


def field(pg, name: str):
    return pg.locator(f"[id^='{name}-field-']").first


def wait_for_number(pg):
    """The 索引号 widget has proposed a number (it reads catalog.json first)."""
    pg.wait_for_function("() => { const e = document.querySelector(\"[id^='index_no-field-']\"); "
                         "return e !== null && e.value !== ''; }")


def publish(pg):
    pg.get_by_role("button", name="发布").first.click()
    pg.get_by_text("立即发布").click()


def published(pg):
    """Decap says the entry was written (in local mode: into the working tree)."""
    try:
        pg.get_by_text("修改已保存").wait_for()
    except Exception:
        pg.screenshot(path="/tmp/cmsx/fail.png", full_page=True)
        raise


def emitted(path: Path) -> str:
    """What the importer's emitter writes for the data and body of ``path``."""
    from gongkai.importer.emit import render_item
    from plugins._shared.diagnostics import Problems
    from plugins.catalog.reader import read_item

    raw = read_item(path.read_bytes(), path.name, Problems())
    assert raw is not None, path.read_text(encoding="utf-8")
    return render_item(_plain(raw.data), raw.body)


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def next_number(clone: Path, code: str, when: dt.date) -> str:
    from plugins._shared.diagnostics import Problems
    from plugins.catalog import index_numbers as idx
    from plugins.catalog.load import Settings, load_catalog

    settings = Settings.from_pelican({"GONGKAI_ROOT": str(clone), "CATALOG_PATH": str(clone / "catalog")})
    numbers = [i.index_no for i in load_catalog(settings, Problems()).items]
    return idx.next_index_no(numbers, code, when.year, when.month)


def test_new_normative_document_with_attachment_and_relation(cms, clone, tmp_path):
    today = dt.date.today()
    expected = next_number(clone, "MB1C37512", today)
    cms.goto(cms.url.split("#")[0] + "#/collections/gfxwj/new")
    number = field(cms, "index_no")
    wait_for_number(cms)
    assert number.input_value() == expected          # the rule of make new, from the live catalog.json
    assert field(cms, "published").input_value() == today.isoformat()
    field(cms, "title").fill("海澄市人民政府办公室关于印发《海澄市公共数据开放管理办法》的通知")
    field(cms, "doc_no").fill("海政办规〔2026〕9号")
    field(cms, "summary").fill("规定公共数据开放的范围、方式和安全要求。")
    field(cms, "genre").fill("通知")
    # 替代的文件: search the catalog by 文号, pick the 2023 rule it replaces
    field(cms, "supersedes").fill("海政办规〔2023〕")
    pick = cms.locator(".gk-refs__pick").first
    old_no = pick.locator(".gk-refs__no").inner_text()
    shot(cms, "relation", cms.locator(".gk-refs").nth(1))
    pick.click()
    assert cms.locator(".gk-refs__chosen li").filter(has_text=old_no).count() == 1
    # 附件: upload a PDF through the media library, then name it
    cms.get_by_role("button", name=re.compile("新增附件")).click()
    cms.get_by_role("button", name="选择文件").click()
    upload = tmp_path / "公共数据开放管理办法.pdf"
    shutil.copyfile(PDF, upload)
    cms.locator("input[type=file]").set_input_files(str(upload))
    cms.get_by_role("button", name="选用已选中项目").click()
    cms.locator("[id^='title-field-']").nth(1).fill("海澄市公共数据开放管理办法（PDF）")
    body = cms.locator(".cms-editor-raw [contenteditable=true]").first
    body.click()
    cms.keyboard.type("各区人民政府，市直各单位：")
    cms.keyboard.press("Enter")
    cms.keyboard.press("Enter")
    cms.keyboard.type("现将《海澄市公共数据开放管理办法》印发给你们，请认真贯彻执行。")
    written = today - dt.timedelta(days=2)      # required for a 行政规范性文件 (test_cms_config)
    field(cms, "written").fill(written.isoformat())
    shot(cms, "new-item")
    publish(cms)
    published(cms)
    serial = expected.rsplit("-", 1)[1]
    path = clone / "catalog" / "gfxwj" / str(today.year) / f"{serial}.md"
    cms.wait_for_url(re.compile(r"#/collections/gfxwj/entries/"))
    text = path.read_text(encoding="utf-8")
    assert text == emitted(path)
    attachment = next((path.parent / "attachments").rglob("公共数据开放管理办法.pdf"))
    assert attachment.read_bytes() == PDF.read_bytes()
    rel = attachment.relative_to(path.parent).as_posix()
    assert text.startswith(f"---\nindex_no: {expected}\ntitle: 海澄市人民政府办公室关于印发《海澄市公共数据开放管理办法》的通知\n"
                           f"category: 行政规范性文件\npublisher: 海澄市人民政府办公室\npublished: {today.isoformat()}\n"
                           f"doc_no: 海政办规〔2026〕9号\nwritten: {written.isoformat()}\n")
    assert f"attachments:\n  - path: {rel}\n    title: 海澄市公共数据开放管理办法（PDF）\n" in text
    assert f"supersedes:\n  - {old_no}\n" in text
    assert text.endswith("\n---\n\n各区人民政府，市直各单位：\n\n现将《海澄市公共数据开放管理办法》印发给你们，请认真贯彻执行。\n")

    # a 政策解读 that interprets it: the picker finds the item just saved (catalog.json is live)
    cms.goto(cms.url.split("#")[0] + "#/collections/zcjd/new")
    wait_for_number(cms)
    field(cms, "title").fill("一图读懂《海澄市公共数据开放管理办法》")
    field(cms, "interprets").fill(expected)
    cms.locator(".gk-refs__pick").first.click()
    interpretation_no = field(cms, "index_no").input_value()
    shot(cms, "preview", cms.locator("iframe").first)
    publish(cms)
    published(cms)
    jd = clone / "catalog" / "zcjd" / str(today.year) / f"{interpretation_no.rsplit('-', 1)[1]}.md"
    cms.wait_for_url(re.compile(r"#/collections/zcjd/entries/"))
    assert jd.read_text(encoding="utf-8") == emitted(jd)
    assert f"interprets:\n  - {expected}\n" in jd.read_text(encoding="utf-8")


def test_edit_existing_service_guide(cms, clone):
    path = clone / "catalog" / "bszn" / "2025" / "00002.md"
    cms.goto(cms.url.split("#")[0] + "#/collections/bszn/entries/2025/00002")
    hours = field(cms, "hours")
    hours.wait_for()
    assert hours.input_value().startswith("工作日上午8:30")
    hours.fill("工作日上午9:00—12:00，下午14:00—17:30（法定节假日除外）")
    shot(cms, "service")
    publish(cms)
    published(cms)
    text = path.read_text(encoding="utf-8")
    assert "  hours: 工作日上午9:00—12:00，下午14:00—17:30（法定节假日除外）\n" in text
    assert text == emitted(path)
    assert "  online_url: https://www.haicheng.gov.cn/ysqgk/\n" in text


def test_find_an_item_by_its_doc_no(cms, clone):
    """Clerks look documents up by 文号: Decap's search covers the summary fields, which carry it."""
    from plugins._shared.diagnostics import Problems
    from plugins.catalog.reader import read_item

    path = clone / "catalog" / "gfxwj" / "2023" / "00014.md"
    data = read_item(path.read_bytes(), path.name, Problems()).data
    cms.goto(cms.url.split("#")[0] + f"#/search/{data['doc_no']}")
    hit = cms.get_by_text(str(data["title"])).first
    hit.wait_for()
    assert str(data["doc_no"]) in hit.locator("xpath=ancestor::a[1]").inner_text()


def test_invalid_date_and_empty_title_are_refused(cms, clone):
    before = sorted(p.name for p in (clone / "catalog" / "gz").rglob("*.md"))
    cms.goto(cms.url.split("#")[0] + "#/collections/gz/new")
    wait_for_number(cms)
    field(cms, "published").fill("2025-02-30")
    field(cms, "written").fill("2025/2/3")
    publish(cms)
    cms.get_by_text("发布日期：日期不存在：“2025-02-30” — 检查月份和日期（如 2 月没有 30 日）").wait_for()
    assert cms.get_by_text("成文日期：日期应为 YYYY-MM-DD 格式，实际是“2025/2/3” — 按 YYYY-MM-DD 格式书写，如 2025-03-01").count() == 1
    assert cms.get_by_text("“名称”是必填项").count() == 1
    shot(cms, "errors")
    # Decap rejects its save promise with undefined when a field is invalid: expected here, nowhere else
    cms.problems[:] = [p for p in cms.problems if p != "page error: undefined"]
    assert sorted(p.name for p in (clone / "catalog" / "gz").rglob("*.md")) == before


def test_make_check_and_html_pass_on_what_the_editor_wrote(clone, tmp_path):
    # runs after the tests above (pytest keeps file order): the clone now holds the editor's files
    written = subprocess.run(["git", "status", "--porcelain", "catalog"], cwd=clone, capture_output=True, text=True)
    assert "gfxwj/" in written.stdout and "bszn/2025/00002.md" in written.stdout
    check = subprocess.run([sys.executable, "-m", "gongkai", "check"], cwd=clone, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    build = subprocess.run([sys.executable, "-m", "gongkai", "build", "--output", str(tmp_path / "out")],
                           cwd=clone, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    pages = list((tmp_path / "out" / "gk").rglob("公共数据开放管理办法.pdf"))
    assert len(pages) == 1
