"""bench/memory.py: the peak memory of a build is the sum of PSS over its process tree.

Real processes: a child that allocates is counted, and pages a forked child still shares with its
parent are counted once (summing resident sets would count them twice)."""
import os
import subprocess
import sys
import time

import pytest

from bench import memory

MB = 1024 * 1024
pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/smaps_rollup"), reason="needs Linux /proc")


def _until(predicate, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end and not predicate():
        time.sleep(0.05)
    return predicate()


def test_a_child_that_allocates_is_counted_with_its_parent():
    code = "import sys, time; b = bytearray(160 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); print('ok', flush=True); time.sleep(30)"
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ok"
        assert child.pid in memory.descendants(os.getpid())
        peak = memory.TreePeak(interval=0.05)
        with peak:
            assert _until(lambda: peak.kb > 0)
        assert peak.mb >= 160
        assert len(peak.parts) >= 2 and peak.parts[0] >= 160
        assert peak.describe().startswith(f"{len(peak.parts)} processes: ")
    finally:
        child.kill()
        child.wait()


def test_pages_shared_with_a_forked_child_are_counted_once():
    held = bytearray(200 * MB)
    held[::4096] = b"y" * len(held[::4096])       # resident in this process
    alone = memory.TreePeak().sample()             # this process (whatever else it holds) and its children
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:                                    # the child touches nothing and waits
        os.close(write)
        os.read(read, 1)
        os._exit(0)
    os.close(read)
    try:
        def rss_kb(p):
            with open(f"/proc/{p}/status") as f:
                return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        assert _until(lambda: rss_kb(pid) >= 190 * 1024)   # the child maps the 200 MB it shares
        with_child = memory.TreePeak().sample()
        # summing resident sets would add the child's 200 MB; the sum of PSS adds only its own pages
        assert (with_child - alone) // 1024 < 60, (alone // 1024, with_child // 1024, rss_kb(pid) // 1024)
    finally:
        os.write(write, b"x")
        os.close(write)
        os.waitpid(pid, 0)
    del held


def test_without_smaps_rollup_the_resident_set_is_used_and_an_exited_process_counts_nothing(tmp_path):
    (tmp_path / "7" / "task" / "7").mkdir(parents=True)
    (tmp_path / "7" / "task" / "7" / "children").write_text("8 9\n")
    (tmp_path / "7" / "status").write_text("Name:\tpython\nVmRSS:\t  2048 kB\n")
    (tmp_path / "8").mkdir()
    (tmp_path / "8" / "smaps_rollup").write_text("Rss:  4096 kB\nPss:  1024 kB\n")
    assert sorted(memory.descendants(7, tmp_path)) == [7, 8, 9]
    assert [memory.pss_kb(p, tmp_path) for p in (7, 8, 9)] == [2048, 1024, 0]
    peak = memory.TreePeak(pid=7, proc=tmp_path)
    assert peak.sample() == 3072 and peak.parts == [2, 1] and peak.parent == 2
    assert peak.describe() == "2 processes: 2 + 1 MB (parent 2 MB)"
