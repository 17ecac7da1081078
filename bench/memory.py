"""Peak memory of a whole process tree: the sum of every process's proportional set size (PSS).

``ru_maxrss`` gives the peak of one process. A build forks: page writers, a search-index process and
its own workers, each a copy-on-write child of a parent that holds the catalog. A child's resident
set counts the pages it still shares with its parent, so neither the largest process nor the sum of
resident sets is the machine's memory. The kernel's PSS splits every shared page between the
processes that share it, so the sum of PSS over the tree is what the build occupies.

:class:`TreePeak` samples ``/proc/<pid>/smaps_rollup`` of this process and all its descendants in a
thread and keeps the largest sum, with the processes it was made of. A peak shorter than the
sampling interval can be missed; sampling more often costs the build kernel time (the kernel walks
the page tables of every process it is asked about).
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

PROC = Path("/proc")
INTERVAL = 0.5


def descendants(pid: int, proc: Path = PROC) -> list[int]:
    """``pid`` and every process below it (from each thread's ``children`` list)."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        try:
            tasks = list((proc / str(current) / "task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                todo.extend(int(c) for c in (task / "children").read_text().split())
            except (OSError, ValueError):
                continue
    return out


def pss_kb(pid: int, proc: Path = PROC) -> int:
    """The process's PSS in kB (0 once it has exited); its RSS where the kernel has no ``smaps_rollup``."""
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(proc / str(pid) / name, encoding="ascii", errors="replace") as f:
                for line in f:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


class TreePeak:
    """``with TreePeak() as peak: …`` then ``peak.mb`` (largest sum of PSS seen) and ``peak.parts``
    (each process's MB in that sample, largest first)."""

    def __init__(self, pid: int | None = None, interval: float = INTERVAL, proc: Path = PROC):
        self.pid = os.getpid() if pid is None else pid
        self.interval = interval
        self.proc = proc
        self.kb = 0
        self.parts: list[int] = []
        self.parent = 0            # MB of the process at the root of the tree, in the peak sample
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def available(self) -> bool:
        return (self.proc / str(self.pid)).is_dir()

    @property
    def mb(self) -> int:
        return self.kb // 1024

    def sample(self) -> int:
        sizes = {p: pss_kb(p, self.proc) for p in descendants(self.pid, self.proc)}
        total = sum(sizes.values())
        if total > self.kb:
            self.kb = total
            self.parts = sorted((s // 1024 for s in sizes.values() if s), reverse=True)
            self.parent = sizes.get(self.pid, 0) // 1024
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> TreePeak:
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._thread.is_alive():
            self._stop.set()
            self._thread.join()
        if self.available:
            self.sample()

    def describe(self) -> str:
        """``"4 processes: 1282 + 887 + 885 + 736 MB (parent 736 MB)"`` — what the peak was made of."""
        if not self.parts:
            return ""
        noun = "process" if len(self.parts) == 1 else "processes"
        return f"{len(self.parts)} {noun}: " + " + ".join(map(str, self.parts)) + f" MB (parent {self.parent} MB)"
