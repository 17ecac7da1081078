"""A tamper check that cannot be fooled (issue 17.7): ``gongkai verify`` and the cron line of
docs/operator-guide.md against defaced servers and doctored releases.

Before: over HTTP, a server answering 403 "Hacked by X" for every file was 与清单一致; ``verify
TARGET=dir`` followed symlinks and hung on a FIFO; without a local manifest it trusted the target's
own; modes were never compared; the documented cron line alerted on every untouched release and
passed when exactly one file was added.
"""
from __future__ import annotations

import os
import re
import subprocess
import threading

import pytest

from gongkai.__main__ import main
from gongkai.publish import manifest as mf
from gongkai.publish.release import deploy
from gongkai.publish.remote import Target
from tests.conftest import ROOT
from tests.unit.publish.websrv import Hacked, Production, running, sample_release

GUIDE = ROOT / "docs" / "operator-guide.md"


@pytest.fixture
def site(tmp_path):
    """A release, its trusted manifest outside it, and settings pointing at an empty output/."""
    root, m = sample_release(tmp_path / "release")
    trusted = tmp_path / "trusted.json"
    trusted.write_bytes((root / mf.NAME).read_bytes())
    conf = tmp_path / "conf.py"
    conf.write_text(f"OUTPUT_PATH = {str(tmp_path / 'output')!r}\nDEPLOY = {{'path': {str(tmp_path / 'srv')!r}}}\n",
                    encoding="utf-8")
    return {"root": root, "manifest": m, "trusted": str(trusted), "conf": str(conf), "tmp": tmp_path}


def verify(site, *argv, manifest=True):
    args = ["verify", "-s", site["conf"], *(["--manifest", site["trusted"]] if manifest else []), *argv]
    return main(args)


# --- over HTTP --------------------------------------------------------------------------------

def test_a_server_answering_403_hacked_for_everything_is_not_consistent(site, capsys):
    with running(Hacked) as url:
        assert verify(site, url) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:-1] == [f"状态码不符：{p}（HTTP 403，应为 200）" for p in sorted(site["manifest"]["files"])]
    assert out[-1].startswith(f"{url}：与清单不一致：0 个文件被改动，0 个缺失，0 个多出，5 个状态码不符（")


def test_a_server_redirecting_everything_elsewhere(site, capsys):
    class Away(Production):
        def do_GET(self):
            self.send_response(301)
            self.send_header("Location", "https://evil.example" + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()

    with running(Away, site["root"]) as url:
        assert verify(site, url) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "状态码不符：gk/a/index.html（HTTP 301 → https://evil.example/gk/a/index.html，应为 200）"
    assert len(lines) == 6


def test_a_server_answering_200_with_a_defaced_page(site, capsys):
    class Defaced(Production):
        def do_GET(self):
            body = b"<html>Hacked by X</html>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with running(Defaced, site["root"]) as url:
        assert verify(site, url) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [x for x in lines if x.startswith("已改动：")] == [f"已改动：{p}" for p in sorted(site["manifest"]["files"])]


def test_pages_and_attachments_without_their_headers(site, capsys):
    class Plain(Production):
        headers_for = staticmethod(lambda path: [])

    with running(Plain, site["root"]) as url:
        assert verify(site, url) == 1
    assert capsys.readouterr().out.splitlines()[:-1] == [
        "缺少响应头：gk/a/index.html（X-Content-Type-Options: nosniff）",
        "缺少响应头：gk/a/名单.xlsx（X-Content-Type-Options: nosniff）",
        "缺少响应头：gk/a/名单.xlsx（Content-Disposition: attachment）",
        "缺少响应头：gk/a/附件.pdf（X-Content-Type-Options: nosniff）",
        "缺少响应头：index.html（X-Content-Type-Options: nosniff）"]


# --- a directory ------------------------------------------------------------------------------

def test_a_fifo_in_the_release_is_reported_not_read(site, capsys):
    os.mkfifo(site["root"] / "gk/a/pipe.html")
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("code", verify(site, str(site["root"]))), daemon=True)
    worker.start()
    worker.join(30)
    assert not worker.is_alive(), "verify blocked on a FIFO"
    assert result["code"] == 1
    assert capsys.readouterr().out.splitlines()[0] == "多出：gk/a/pipe.html（命名管道）"


def test_a_symlink_to_a_file_outside_the_release(site, capsys):
    page = site["root"] / "gk/a/index.html"
    (site["tmp"] / "copy.html").write_bytes(page.read_bytes())       # the same bytes, through a link
    page.unlink()
    page.symlink_to(site["tmp"] / "copy.html")
    assert verify(site, str(site["root"])) == 1
    assert capsys.readouterr().out.splitlines()[0] == "类型不符：gk/a/index.html（符号链接，应为普通文件）"


def test_a_symlinked_folder_is_not_followed(site, capsys):
    os.symlink("/etc", site["root"] / "gk/etc")
    assert verify(site, str(site["root"])) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "多出：gk/etc（符号链接）" and not any("passwd" in x for x in lines)


def test_a_changed_mode(site, capsys):
    os.chmod(site["root"] / "gk/a/附件.pdf", 0o4755)
    assert verify(site, str(site["root"])) == 1
    assert capsys.readouterr().out.splitlines()[0] == "权限不符：gk/a/附件.pdf（4755，应为 0644）"


def test_no_trusted_manifest_is_an_error_even_when_the_target_has_one(site, capsys):
    assert (site["root"] / mf.NAME).exists()
    assert verify(site, str(site["root"]), manifest=False) == 2
    assert capsys.readouterr().err == (
        f"校验失败：没有可信的基准清单：找不到 {site['tmp']}/output/manifest.json — 用 MANIFEST=… 指定 CI 构建产物中的 "
        "manifest.json，或先运行 make publish（被校验目标中的清单不能作基准：网站被改动时它也可能被改）\n")


def test_a_doctored_trusted_manifest_is_refused(site, capsys):
    text = open(site["trusted"], encoding="utf-8").read().replace('"0644"', '"0666"', 1)
    open(site["trusted"], "w", encoding="utf-8").write(text)
    assert verify(site, str(site["root"])) == 2
    assert capsys.readouterr().err == f"校验失败：清单文件 {site['trusted']} 的 build_id 与文件列表不符：清单本身可能被改动\n"


@pytest.mark.parametrize("where", ["missing", "file"])
def test_a_missing_target_is_an_error_not_a_list_of_missing_files(site, capsys, where):
    target = site["tmp"] / where
    if where == "file":
        target.write_text("x")
    assert verify(site, str(target)) == 2
    message = "该目录不存在" if where == "missing" else "不是目录"
    expected = f"找不到 {target}：{message}" if where == "missing" else f"{target} {message}"
    assert capsys.readouterr().err == f"校验失败：{expected}\n"


def test_a_missing_deploy_target_never_lists_the_current_directory(site, capsys):
    assert verify(site) == 2                               # DEPLOY path has no current
    assert capsys.readouterr().err == (f"校验失败：{site['tmp']}/srv/current 不存在或无法进入（不是目录，或没有权限）"
                                       "— 检查部署目录和 current 链接\n")


# --- the documented cron line -------------------------------------------------------------------

def cron_command(base) -> str:
    """The command of the operator guide's cron line (after schedule and user), for ``base``."""
    lines = [x for x in GUIDE.read_text(encoding="utf-8").splitlines() if x.startswith("*/10 * * * * gongkai ")]
    assert len(lines) == 1
    assert "%" not in lines[0]                            # cron would turn % into a newline
    return lines[0].split(" ", 6)[6].replace("/srv/gongkai", str(base))


@pytest.fixture
def deployed(tmp_path):
    root, _ = sample_release(tmp_path / "out")
    base = tmp_path / "srv"
    deploy(root, Target.from_settings({"path": str(base)}), lambda *a: None)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "logger").write_text(f"#!/bin/sh\necho \"$@\" >> {tmp_path}/alerts\n")
    os.chmod(bin_dir / "logger", 0o755)

    def run(shell: str = "bash"):
        env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
        result = subprocess.run([shell, "-c", cron_command(base)], env=env, capture_output=True, text=True, timeout=60)
        alerts = tmp_path / "alerts"
        said = alerts.read_text(encoding="utf-8") if alerts.exists() else ""
        if alerts.exists():
            alerts.unlink()
        return result.returncode, result.stdout + result.stderr, said

    return {"live": base / "current", "run": run}


ALERT = "-p user.crit gongkai: 网站文件与清单不一致\n"


@pytest.mark.parametrize("shell", ["bash", "sh"])
def test_cron_line_is_silent_on_an_untouched_release(deployed, shell):
    assert deployed["run"](shell) == (0, "", "")


def tamper_add(live):
    (live / "gk/a/shell.php").write_text("<?php system($_GET['c']);")


def tamper_byte(live):
    page = live / "gk/a/index.html"
    data = bytearray(page.read_bytes())
    data[7] ^= 1
    page.write_bytes(bytes(data))


def tamper_mode(live):
    os.chmod(live / "index.html", 0o666)


def tamper_remove(live):
    (live / "gk/a/附件.pdf").unlink()


def tamper_link(live):
    (live / "index.html").unlink()
    (live / "index.html").symlink_to("/etc/hostname")


def tamper_fifo(live):
    (live / "gk/a/index.html").unlink()
    os.mkfifo(live / "gk/a/index.html")


def tamper_swap(live):             # one file removed and one added: the count stays the same
    (live / "gk/a/附件.pdf").rename(live / "gk/a/附件2.pdf")


@pytest.mark.parametrize("tamper", [tamper_add, tamper_byte, tamper_mode, tamper_remove, tamper_link, tamper_fifo,
                                    tamper_swap], ids=lambda f: f.__name__)
def test_cron_line_alerts(deployed, tamper):
    tamper(deployed["live"])
    assert deployed["run"]() == (0, "", ALERT)


def test_verify_files_is_what_find_prints_on_the_server(deployed):
    listed = subprocess.run("find . -type f ! -path ./manifest.json | LC_ALL=C sort", shell=True, cwd=deployed["live"],
                            capture_output=True, text=True, check=True).stdout
    assert (deployed["live"].parent / "verify.files").read_text(encoding="utf-8") == listed
    assert re.search(r"^\./search/manifest\.json$", listed, re.M)
