"""parallel.share_work: this process works beside its forked workers, each task done exactly once."""
import os
import time

import pytest

from gongkai.engine import parallel


def _mark(task):
    folder = parallel.shared()
    time.sleep(0.02)           # long enough that both processes take tasks
    with open(os.path.join(folder, str(task)), "a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")
    return task * task


def test_every_task_once_by_this_process_and_a_worker(tmp_path):
    assert parallel.share_work(_mark, list(range(40)), str(tmp_path), processes=2) == [n * n for n in range(40)]
    done = {int(p.name): p.read_text(encoding="utf-8").split() for p in tmp_path.iterdir()}
    assert sorted(done) == list(range(40)) and all(len(pids) == 1 for pids in done.values())
    pids = {pids[0] for pids in done.values()}
    assert str(os.getpid()) in pids and len(pids) == 2


def _fail_in_worker(task):
    if os.getpid() != parallel.shared():
        raise ValueError("坏任务")
    time.sleep(0.02)


def test_an_error_in_a_worker_is_raised_here_after_all_stop(tmp_path):
    with pytest.raises(RuntimeError, match="ValueError: 坏任务"):
        parallel.share_work(_fail_in_worker, list(range(20)), os.getpid(), processes=2)
    assert parallel._shared == {}


def _fail_here(task):
    if os.getpid() == parallel.shared() and task >= 6:      # once the worker has done a few tasks
        raise OSError("磁盘已满")
    time.sleep(0.02)
    return "结果" * 20000         # the worker's results outgrow a pipe's buffer: it must still be let go


def test_an_error_here_stops_the_workers_and_is_raised():
    with pytest.raises(OSError, match="磁盘已满"):
        parallel.share_work(_fail_here, list(range(20)), os.getpid(), processes=2)
