"""make new: next free serial for the year, commented template, and a file that validates."""
import shutil
import subprocess
import sys
from pathlib import Path

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
    catalog = load_catalog(Settings(root=site, catalog_dir=site / "catalog"), problems)
    assert [p.format() for p in problems] == []
    assert catalog.by_index["MB1C37504/2024-00013"].title == "海澄市测试管理办法"


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
    assert result.returncode != 0 and "--category" in result.stderr and "Traceback" not in result.stderr


def test_unknown_category_is_refused_with_choices(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    result = new(site, "--category", "通知", "--title", "x")
    assert result.returncode == 1 and "可选：机构职能" in result.stderr
