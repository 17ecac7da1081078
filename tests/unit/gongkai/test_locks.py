"""gongkai.locks: one holder at a time, the holder named, the file removed, a dead holder never blocks."""
import json
import os
import subprocess
import sys
import time

import pytest

from gongkai import locks
from tests.conftest import ROOT


def test_a_second_holder_is_refused_with_the_first_named(tmp_path):
    lock = tmp_path / "output.lock"
    with locks.held(lock, "output/"):
        info = json.loads(lock.read_text(encoding="utf-8"))
        assert info["pid"] == os.getpid()
        with pytest.raises(locks.Busy) as caught:
            with locks.held(lock, "output/", wait=0):
                pass
        assert str(caught.value) == (f"output/ 正被另一个进程使用（进程 {os.getpid()}：{info['command']}，{info['since']} 开始）；"
                                     f"本次未运行 — 等它结束后再运行（锁文件 {lock}，该进程结束后自动释放）。")
    assert not lock.exists()                         # the holder removes its file
    with locks.held(lock, "output/", wait=0):        # and the next one gets it at once
        pass


def test_waiting_is_bounded_and_says_how_long(tmp_path, monkeypatch):
    lock = tmp_path / "x.lock"
    monkeypatch.setenv(locks.ENV_WAIT, "1")
    with locks.held(lock, "x"):
        started = time.monotonic()
        with pytest.raises(locks.Busy, match="；已等待 1 秒，本次未运行"):
            locks.acquire(lock, "x")
        assert time.monotonic() - started >= 1


def holder(lock, seconds: float) -> subprocess.Popen:
    """Another process holding ``lock`` for ``seconds`` (returned once it holds it)."""
    proc = subprocess.Popen([sys.executable, "-c",
                             "import sys, time; sys.path.insert(0, sys.argv[1]); from gongkai import locks\n"
                             "with locks.held(sys.argv[2], 'x'):\n    print('held', flush=True); time.sleep(float(sys.argv[3]))",
                             str(ROOT), str(lock), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "held\n"
    return proc


def test_a_waiting_process_gets_the_lock_when_the_holder_ends(tmp_path):
    lock = tmp_path / "x.lock"
    other = holder(lock, 1.5)
    with locks.held(lock, "x", wait=30):
        assert json.loads(lock.read_text())["pid"] == os.getpid()
    other.wait(timeout=10)


def test_a_killed_holder_leaves_a_file_that_is_not_locked(tmp_path):
    lock = tmp_path / "x.lock"
    other = holder(lock, 60)
    other.kill()
    other.wait(timeout=10)
    assert lock.exists()
    with locks.held(lock, "x", wait=0):
        pass


def test_holder_text_survives_a_garbled_file(tmp_path):
    (tmp_path / "x.lock").write_text("not json")
    assert locks.holder(tmp_path / "x.lock") == "另一个进程"
    assert locks.lock_path(tmp_path / "output") == tmp_path / "output.lock"
    assert locks.checkout_lock_path(tmp_path) == tmp_path / ".cache" / "build.lock"
