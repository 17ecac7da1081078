"""A full disk fails a build cleanly (issue 17.6): a Chinese message, the unfinished tree removed at
once (not left filling the disk), the previous output untouched.

Two ways to fill the disk: a real 2 MiB tmpfs, mounted in a private user and mount namespace
(``unshare -rm``, no root needed; skipped where the kernel does not allow it), and an ENOSPC
injected into a build in a subprocess (Pelican's writer, a static-file copy Pelican itself only
warns about, precompression in ``publish``), which runs everywhere.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gongkai.sitebuild import build
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
FIXTURE = ROOT / "tests" / "fixtures" / "site"


def digest_tree(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def site(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "site")
    return tmp_path / "site"


def edit(site: Path) -> None:
    rule = site / "catalog" / "gz" / "rule.md"
    rule.write_text(rule.read_text(encoding="utf-8").replace("title: 海澄市公共数据管理办法", "title: 海澄市公共数据管理办法（修订）"),
                    encoding="utf-8")


def injected(patch: str, *argv: str) -> subprocess.CompletedProcess:
    """``python -m gongkai <argv>`` with ``patch`` run first (it makes some write raise ENOSPC)."""
    code = (f"import errno, os, sys\nsys.path.insert(0, {str(ROOT)!r})\n" + textwrap.dedent(patch)
            + f"from gongkai.__main__ import main\nsys.exit(main({list(argv)!r}))\n")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_a_real_full_disk(site, tmp_path):
    if not shutil.which("unshare"):
        pytest.skip("unshare (util-linux) is not installed")
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    out = mnt / "out"
    gk = f"{sys.executable} -m gongkai build -s {site / 'pelicanconf.py'} -o {out}"
    sums = f"(cd {out} && find . -type f -exec sha256sum {{}} + | LC_ALL=C sort)"
    script = (f"mount -t tmpfs -o size=2m tmpfs {mnt} || exit 99\n"
              f"{gk} || exit 98\n"
              f"{sums} > {tmp_path}/before.txt\n"
              f"sed -i 's/title: 海澄市公共数据管理办法/title: 海澄市公共数据管理办法（修订）/' {site}/catalog/gz/rule.md\n"
              f"{gk} --no-cache; echo \"exit=$?\"\n"   # cold: a whole second tree (a warm one links the first)
              f"{sums} > {tmp_path}/after.txt\n"
              f"ls -A {mnt} > {tmp_path}/left.txt\n")
    result = subprocess.run(["unshare", "-rm", "sh", "-c", script], cwd=ROOT, capture_output=True, text=True,
                            timeout=600)
    if result.returncode == 99 or result.stderr.startswith("unshare:"):
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()[-200:]}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "exit=1"
    assert result.stderr.splitlines()[-1] == (f"构建失败：磁盘空间不足，写入 {out}.partial 时出错；已删除未完成的 {out}.partial，"
                                              f"未改动 {out}。清理磁盘后重新构建。")
    before = (tmp_path / "before.txt").read_text()
    assert before.count("\n") > 50 and before == (tmp_path / "after.txt").read_text()   # output intact
    assert (tmp_path / "left.txt").read_text() == "out\n"        # no out.partial, no trash filling the disk


WRITER = '''
    import pelican.writers
    real, calls = pelican.writers.Writer.write_file, []
    def full(self, name, *a, **k):
        calls.append(name)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.path.join(self.output_path, name))
        return real(self, name, *a, **k)
    pelican.writers.Writer.write_file = full
'''


def test_disk_full_while_pelican_writes_a_page(site, tmp_path):
    out = tmp_path / "out"
    assert build(site / "pelicanconf.py", out, quiet=True)[0] == 0
    before = digest_tree(out)
    edit(site)
    result = injected(WRITER, "build", "-s", str(site / "pelicanconf.py"), "-o", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"构建失败：磁盘空间不足，写入 {out}.partial/")
    assert last.endswith(f" 时出错；已删除未完成的 {out}.partial，未改动 {out}。清理磁盘后重新构建。")
    assert digest_tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "site"]


def test_disk_full_while_copying_a_static_file_pelican_only_warns_about(site, tmp_path):
    patch = '''
        import shutil
        import pelican.utils
        real = shutil.copyfile
        def full(src, dst, *a, **k):
            if str(src).endswith(".css"):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real(src, dst, *a, **k)
        pelican.utils.shutil.copyfile = full
    '''
    out = tmp_path / "out"
    result = injected(patch, "build", "-s", str(site / "pelicanconf.py"), "-o", str(out))
    assert result.returncode == 1
    assert any(line.startswith("Pelican: 警告: A problem occurred copying file ") and
               line.endswith("[Errno 28] No space left on device") for line in result.stdout.splitlines())
    assert result.stderr.splitlines()[-1] == (f"构建失败：磁盘空间不足，写入 {out}.partial 时出错；已删除未完成的 {out}.partial，"
                                              f"未改动 {out}。清理磁盘后重新构建。")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_disk_full_in_the_preview_says_the_preview_may_be_incomplete(site, tmp_path):
    preview = tmp_path / "preview"
    script = tmp_path / "preview_full.py"
    script.write_text("import errno, os, sys\n" f"sys.path.insert(0, {str(ROOT)!r})\n"
                      "from gongkai.commands.serve import outcome\n"
                      "from gongkai.sitebuild import build\n"
                      f"SETTINGS, PREVIEW = {str(site / 'pelicanconf.py')!r}, {str(preview)!r}\n"
                      "assert build(SETTINGS, PREVIEW, quiet=True, incremental=True)[0] == 0\n"
                      + textwrap.dedent(WRITER) +
                      "code, stats = build(SETTINGS, PREVIEW, quiet=True, incremental=True, SITENAME='改名后每页都要重写')\n"
                      "print(outcome(code, stats, first=False))\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"重建失败：磁盘空间不足，写入 {preview}/")
    assert result.stdout.rstrip().endswith(" 时出错；预览可能只更新了一部分 — 清理磁盘后保存任一文件即可重建。")


def test_disk_full_while_publishing_keeps_output_and_removes_the_staging_tree(site, tmp_path):
    conf = site / "publishconf.py"
    conf.write_text(textwrap.dedent(f'''
        import runpy
        globals().update({{k: v for k, v in runpy.run_path({str(site / "pelicanconf.py")!r}).items() if k.isupper()}})
        OUTPUT_PATH = {str(tmp_path / "output")!r}
        SITE_CHECKS = {{"stale_columns": "off", "overrides": {{"home_stale": "测试夹具的条目日期是固定的"}}, "cache_dir": None, "blank_columns": "off"}}
    '''), encoding="utf-8")
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text("上一次发布", encoding="utf-8")
    patch = '''
        from gongkai.publish import compress
        def full(path, *args):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path) + ".gz")
        compress._one = full
    '''
    result = injected(patch, "publish", "-s", str(conf), "--today", "2025-03-05")
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"发布失败：磁盘空间不足，预压缩或写清单时出错；已删除未完成的 {tmp_path / 'output.publish'}，"
        f"未改动 {tmp_path / 'output'}。清理磁盘后重新运行 make publish。")
    assert sorted(p.name for p in tmp_path.iterdir() if ".trash-" not in p.name) == ["output", "site"]
    assert (tmp_path / "output" / "index.html").read_text(encoding="utf-8") == "上一次发布"
