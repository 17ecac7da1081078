"""No shell interpolation of editor text (issue 17.8): real ``make`` on a scratch copy of the repository.

Before: recipes interpolated ``"$(TITLE)"``: ``make new TITLE='…'`` dropped ASCII double quotes, ran
backticks through the shell, and make itself expanded ``$(…)`` (``$(id)`` vanished, ``$(shell …)``
ran); PUBLISHER was not passed at all. Now every value reaches the command through the environment,
literally. Each value below would create a marker file if anything evaluated it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from gongkai.publish import manifest as mf
from tests.conftest import ROOT
from tests.unit.publish.sshd import free_port

pytestmark = pytest.mark.skipif(not shutil.which("make"), reason="GNU make is not installed")
COPY = ("Makefile", "mk", "gongkai", "plugins", "catalog", "content", "theme", "pelicanconf.py", "publishconf.py",
        "requirements.txt", "requirements-dev.txt", "package.json", "package-lock.json")


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    """A scratch checkout sharing this one's .venv and node_modules (make told not to reinstall)."""
    root = tmp_path_factory.mktemp("make") / "repo"
    root.mkdir()
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, root / name)
    for name in (".venv", "node_modules"):
        (root / name).symlink_to(ROOT / name)
    return root


def hostile(markers: Path, tail: str = "") -> str:
    """A value with every way a shell or make could run something, each touching a marker file."""
    return (f'关于"甲"和\'乙\'的`touch {markers}/backtick`通知$(touch {markers}/dollar);touch {markers}/semicolon '
            f"$(shell touch {markers}/make) $$HOME ${{HOME}} & | > <{tail}")


def make(checkout: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-s", "-C", str(checkout), "-o", ".venv/.installed",
                           "-o", "node_modules/.installed", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def markers(tmp_path):
    folder = tmp_path / "markers"
    folder.mkdir()
    yield folder
    assert sorted(p.name for p in folder.iterdir()) == []          # nothing was ever executed


def test_new_writes_the_title_verbatim_and_runs_nothing(checkout, markers):
    title = hostile(markers)
    before = set(checkout.joinpath("catalog").rglob("*.md"))
    result = make(checkout, "new", "CATEGORY=规章", f"TITLE={title}", "PUBLISHER=海澄市人民政府", "DATE=2025-01-02")
    assert result.returncode == 0, result.stderr
    created = sorted(set(checkout.joinpath("catalog").rglob("*.md")) - before)
    assert len(created) == 1
    lines = created[0].read_text(encoding="utf-8").splitlines()
    assert f"title: {title}   # 名称" in lines
    assert "publisher: 海澄市人民政府   # 发布机构" in lines                # PUBLISHER was dropped before
    assert "published: 2025-01-02   # 发布日期 YYYY-MM-DD" in lines
    assert result.stdout.startswith(f"已创建 {created[0].relative_to(checkout).as_posix()}，索引号 ")
    created[0].unlink()


@pytest.mark.parametrize("case", ["verify-target", "verify-manifest", "rollback", "serve-port", "serve-bind",
                                  "check-format", "publish-format", "sitecheck-today", "import-src"])
def test_every_target_passes_values_literally(checkout, markers, tmp_path, case):
    value = hostile(markers)
    env = {"GONGKAI_DEPLOY_PATH": str(tmp_path / "srv")}
    if case == "verify-target":
        (tmp_path / "site").mkdir()
        (tmp_path / "site" / "index.html").write_text("x")
        mf.write(tmp_path / "site")
        result = make(checkout, "verify", f"TARGET=/nonexistent/{value}", f"MANIFEST={tmp_path}/site/manifest.json",
                      env=env)
        expected = f"校验失败：找不到 /nonexistent/{value}：该目录不存在\n"
    elif case == "verify-manifest":
        result = make(checkout, "verify", f"MANIFEST=/nonexistent/{value}.json", env=env)
        expected = f"校验失败：找不到清单文件 /nonexistent/{value}.json：该目录不是通过检查的完整构建（请先运行 make publish）\n"
    elif case == "rollback":
        result = make(checkout, "rollback", f"TO={value}", env=env)
        expected = f"回滚失败：没有版本 {value}；现有版本：无\n"
    elif case == "serve-port":
        result = make(checkout, "serve", f"PORT=8000{value}")
        expected = f"PORT 应为 1–65535 之间的数字，而不是“8000{value}”— 例如 make serve PORT=8001\n"
    elif case == "serve-bind":
        port = free_port()
        result = make(checkout, "serve", f"PORT={port}", f"BIND=127.0.0.1{value}")
        expected = (f"无法在 127.0.0.1{value} 上监听（不是有效的地址）：本机没有这个地址 — "
                    "用 BIND=127.0.0.1（只有本机能访问）或 BIND=0.0.0.0（局域网也能访问）\n")
    elif case == "check-format":
        result = make(checkout, "check", f"FORMAT={value}")
        expected = f"argument --format: invalid choice: {value!r} (choose from 'text', 'github', 'gitlab')"
    elif case == "publish-format":
        result = make(checkout, "publish", f"FORMAT={value}", "TODAY=2025-03-05")
        expected = f"argument --format: invalid choice: {value!r} (choose from 'text', 'github', 'gitlab')"
    elif case == "sitecheck-today":
        result = make(checkout, "sitecheck", f"TODAY={value}")
        expected = "output 不是已构建的网站（没有 index.html）— 先运行 make html 或 make publish\n"
    else:
        result = make(checkout, "import", f"SRC=/nonexistent/{value}.csv", "CATEGORY=规章", f"PUBLISHER={value}")
        expected = f"/nonexistent/{value}.csv: 找不到要导入的文件或文件夹 — 检查 SRC= 后的路径\n"
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert expected in output, output
    assert "Traceback" not in output


def test_nothing_user_typed_is_in_the_recipes():
    """Recipes name user values only as "$$NAME" (shell variables from the environment)."""
    names = ("CATEGORY", "TITLE", "PUBLISHER", "DATE", "SRC", "FORMAT", "MAPPING", "TARGET", "MANIFEST", "TO",
             "PORT", "BIND", "TODAY", "WRITE", "UPDATE", "IMPORT_ARGS")
    for path in [ROOT / "Makefile", *sorted((ROOT / "mk").glob("*.mk"))]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("\t"):
                for name in names:
                    assert f"$({name})" not in line and f"${{{name}}}" not in line, f"{path.name}:{number}: {line}"
