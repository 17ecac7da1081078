"""make new: next free serial for the year, commented template, and a file that validates."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from plugins._shared import yamlpos
from plugins._shared.diagnostics import Problems
from plugins.catalog.load import Settings, load_catalog

ROOT = Path(__file__).resolve().parents[3]
SITE = ROOT / "tests" / "fixtures" / "site"


def new(site: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gongkai", "new", "-s", str(site / "pelicanconf.py"), *args],
                          cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL)


def test_new_item_gets_next_serial_and_validates(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    result = new(site, "--category", "规章", "--title", "海澄市测试管理办法", "--publisher", "海澄市人民政府",
                 "--date", "2024-08-01")
    assert result.returncode == 0, result.stderr
    # fixture already has MB1C37504/2024-00003, -00011 and -00012 → next is 00013
    path = site / "catalog" / "gz" / "2024" / "00013.md"
    text = path.read_text(encoding="utf-8")
    assert "index_no: MB1C37504/2024-00013   # 索引号" in text
    assert "# 文号" in text and "# 成文日期" in text          # Chinese label beside each key
    problems = Problems()
    load_catalog(Settings(root=site, catalog_dir=site / "catalog"), problems)
    # as written, the item is refused only for its placeholder body: the pull-request check catches it
    assert [p.format() for p in problems] == [
        "catalog/gz/2024/00013.md:16: 正文 (body): 正文仍是 make new 模板里的占位文字 — "
        "把“（在此处写正文，Markdown 格式。）”换成正文；只有附件时删除这一行"]
    path.write_text(text.replace("（在此处写正文，Markdown 格式。）", "第一条 为了测试，制定本办法。"), encoding="utf-8")
    problems = Problems()
    catalog = load_catalog(Settings(root=site, catalog_dir=site / "catalog"), problems)
    assert [p.format() for p in problems] == []
    assert catalog.by_index["MB1C37504/2024-00013"].title == "海澄市测试管理办法"


def test_publisher_code_and_date_make_the_number(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    result = new(site, "--category", "行政规范性文件", "--title", "关于“十五五”的通知: 第1号 # 不是注释",
                 "--publisher", "海澄市财政局", "--date", "2026-03-05")
    assert result.returncode == 0, result.stderr
    assert "MB1C37539/2026-00001（海澄市财政局）" in result.stdout
    text = (site / "catalog" / "gfxwj" / "2026" / "00001.md").read_text(encoding="utf-8")
    assert "index_no: MB1C37539/2026-00001" in text and "published: 2026-03-05" in text
    data = yamlpos.load(text.split("---")[1])
    assert data["title"] == "关于“十五五”的通知: 第1号 # 不是注释" and data["publisher"] == "海澄市财政局"


def test_values_from_the_environment_are_never_evaluated(tmp_path):
    """The Makefile passes CATEGORY/TITLE/PUBLISHER/DATE through the environment, not the shell."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    title = "含\"引号\"与'单引号'和`id`及$(id);"
    env = {**os.environ, "CATEGORY": "规章", "TITLE": title, "PUBLISHER": "szf", "DATE": "2024-08-02"}
    result = subprocess.run([sys.executable, "-m", "gongkai", "new", "-s", str(site / "pelicanconf.py")],
                            cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env)
    assert result.returncode == 0, result.stderr
    text = (site / "catalog" / "gz" / "2024" / "00013.md").read_text(encoding="utf-8")
    assert yamlpos.load(text.split("---")[1])["title"] == title


def test_index_no_template_setting_is_honoured(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + '\nINDEX_NO_PATTERN = r"^[0-9A-Z]{9}-\\d{4}-\\d{5}$"\n'
                    'INDEX_NO_TEMPLATE = "{code}-{year}-{serial:05d}"\n', encoding="utf-8")
    result = new(site, "--category", "规章", "--title", "模板测试", "--publisher", "海澄市人民政府", "--date", "2024-08-01")
    assert result.returncode == 0, result.stderr
    assert "MB1C37504-2024-00001" in result.stdout


def test_unknown_publisher_and_bad_date_are_explained(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    result = new(site, "--category", "规章", "--title", "x", "--publisher", "海澄市教育局")
    assert result.returncode == 1 and "发布机构 '海澄市教育局' 不在 taxonomy.yml 中 — 可选：海澄市人民政府" in result.stderr
    result = new(site, "--category", "规章", "--title", "x", "--date", "2026年3月5日")
    assert result.returncode == 1 and "按 YYYY-MM-DD 书写" in result.stderr and "Traceback" not in result.stderr


def test_service_template_lists_every_seven_public_field(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    assert new(site, "--category", "办事指南", "--title", "测试事项", "--publisher", "海澄市人民政府",
               "--date", "2025-02-01").returncode == 0
    text = (site / "catalog" / "bszn" / "2025" / "00003.md").read_text(encoding="utf-8")
    for label in ("事项名称", "实施机关", "设定依据", "受理条件", "申请材料", "办理流程", "法定时限", "承诺时限",
                  "收费标准", "办理地点", "办理时间", "咨询电话", "投诉电话"):
        assert f"# {label}" in text


def test_new_without_arguments_and_without_a_terminal_explains(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    result = new(site)
    assert result.returncode != 0 and "CATEGORY=" in result.stderr and "Traceback" not in result.stderr


def test_unknown_category_is_refused_with_choices(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    result = new(site, "--category", "通知", "--title", "x")
    assert result.returncode == 1 and "可选：机构职能" in result.stderr


def test_interactive_mode_asks_for_the_publisher_by_number(tmp_path):
    """On a terminal, make new lists categories and publishers by number and takes the answers."""
    import pty

    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    primary, secondary = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "gongkai", "new", "-s", str(site / "pelicanconf.py")],
                            cwd=ROOT, stdin=secondary, stdout=secondary, stderr=secondary)
    os.close(secondary)
    os.write(primary, "2\n交互测试办法\n2\n".encode())      # 规章, title, 海澄市财政局
    output = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    assert proc.wait(timeout=30) == 0
    text = output.decode("utf-8", "replace")
    assert "2. 海澄市财政局" in text and "MB1C37539/" in text
    created = list((site / "catalog" / "gz").rglob("*.md"))
    assert any("title: 交互测试办法" in p.read_text(encoding="utf-8") for p in created)
