"""Builds never collide (issue 17.6): real concurrent ``gongkai build`` processes.

Before: two concurrent ``make html`` in one checkout crashed in 27 of 30 trials; once ``output/``
went missing while the other printed 构建完成, and a "successful" build sometimes swapped in a mix
of both. Now a second build waits for the first (bounded, ``GONGKAI_LOCK_WAIT``) or refuses, naming
the process that holds the lock.
"""
from __future__ import annotations

import filecmp
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.synth import make_catalog
from gongkai.sitebuild import build
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
FIXTURE = ROOT / "tests" / "fixtures" / "site"


@pytest.fixture(scope="module")
def slow_site(tmp_path_factory):
    """The fixture site with 200 synthetic items: a build that takes a few seconds."""
    site = tmp_path_factory.mktemp("concurrent") / "site"
    shutil.copytree(FIXTURE, site)
    make_catalog(200, site, bodies=False)
    return site


@pytest.fixture(scope="module")
def reference(slow_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("reference") / "out"
    assert build(slow_site / "pelicanconf.py", out, quiet=True)[0] == 0
    return out


def start(site: Path, out: Path, wait: float | None = None) -> subprocess.Popen:
    env = {**os.environ}
    if wait is not None:
        env["GONGKAI_LOCK_WAIT"] = str(wait)
    return subprocess.Popen([sys.executable, "-m", "gongkai", "build", "-s", str(site / "pelicanconf.py"), "-o", str(out)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def holding(lock: Path, proc: subprocess.Popen, timeout: float = 60) -> dict:
    """Wait until ``proc`` holds ``lock`` (its info is in the file); return that info."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        try:
            info = json.loads(lock.read_text(encoding="utf-8") or "null")
        except (OSError, ValueError):
            info = None
        if info and info["pid"] == proc.pid:
            return info
        time.sleep(0.01)
    raise AssertionError("the first build never took the lock")


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=300)
    return proc.returncode, out, err


def same_tree(a: Path, b: Path) -> bool:
    files = lambda root: sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())  # noqa: E731
    names = files(a)
    if names != files(b):
        return False
    match, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return not mismatch and not errors


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(out.name + ".")
                  and ".trash-" not in p.name)


def test_a_second_build_in_the_checkout_refuses_and_names_the_first(slow_site, reference, tmp_path):
    out = tmp_path / "out"
    first = start(slow_site, out)
    info = holding(slow_site / ".cache" / "build.lock", first)
    second = start(slow_site, tmp_path / "other", wait=0)
    code, stdout, stderr = finish(second)
    assert (code, stdout) == (1, "")
    assert stderr == (f"仓库 {slow_site} 正被另一个进程使用（进程 {first.pid}：gongkai build -s {slow_site}/pelicanconf.py "
                      f"-o {out}，{info['since']} 开始）；本次未运行 — 等它结束后再运行"
                      f"（锁文件 {slow_site}/.cache/build.lock，该进程结束后自动释放）。\n")
    assert not (tmp_path / "other").exists()
    code, stdout, stderr = finish(first)
    assert code == 0 and stdout.startswith("构建完成：") and same_tree(out, reference)
    assert not (slow_site / ".cache" / "build.lock").exists()          # removed by its holder


def test_two_checkouts_writing_one_output_folder(slow_site, tmp_path):
    other = tmp_path / "second-checkout"
    shutil.copytree(slow_site, other, ignore=shutil.ignore_patterns(".cache"))
    out = tmp_path / "shared-out"
    first = start(slow_site, out)
    info = holding(tmp_path / "shared-out.lock", first)
    code, stdout, stderr = finish(start(other, out, wait=0))
    assert code == 1 and stderr.startswith(f"{out} 正被另一个进程使用（进程 {first.pid}：gongkai build ")
    assert f"，{info['since']} 开始）；本次未运行" in stderr
    assert finish(first)[0] == 0 and (out / "index.html").is_file()


@pytest.mark.parametrize("round_", range(3))
def test_concurrent_builds_wait_for_each_other_and_never_mix(slow_site, reference, tmp_path, round_):
    out = tmp_path / "out"
    procs = [start(slow_site, out, wait=120) for _ in range(2)]
    results = [finish(p) for p in procs]
    assert [r[0] for r in results] == [0, 0], results
    assert all(r[1].startswith("构建完成：") and r[2] == "" for r in results)
    assert same_tree(out, reference)                # one complete tree, not a mix
    assert leftovers(out) == []                     # no .partial, .old or lock left


def test_a_killed_build_leaves_no_lock_behind(slow_site, reference, tmp_path):
    out = tmp_path / "out"
    first = start(slow_site, out)
    holding(slow_site / ".cache" / "build.lock", first)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    code, stdout, stderr = finish(start(slow_site, out, wait=0))
    assert code == 0, stderr
    assert same_tree(out, reference)
