"""The one place that starts processes: fork pools, a background process, and when forking pays.

The build is pure-Python CPU work (YAML, Markdown, Jinja, OpenCC, tokenizing). Two cores halve it,
but forking costs ~50–100 ms and copying results back costs more: below a size, one process is
faster. Every threshold lives in :data:`THRESHOLDS` so they are tuned together (``make bench``).

Workers are forked from the parent and read their inputs from the parent's memory (copy-on-write)
through :func:`shared`; :func:`fork_pool` calls ``gc.freeze()`` first so the workers' garbage
collector never touches — and so never copies — the inherited objects (Python's ``gc`` docs
recommend it for fork without exec).
"""
from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import weakref

# Work units from which forking pays on 2 cores (measured with make bench; see docs/architecture.md).
THRESHOLDS = {
    "read": 400,              # item files parsed (YAML + validation + Markdown)
    "pages": 1500,            # pages rendered by Jinja (and their 繁体 twins)
    "twins": 400,             # pages converted by OpenCC after the fact
    "count": 2000,            # documents tokenized for the search index
    "partitions": 2000,       # documents whose index partitions are written
    "background_index": 500,   # items: the search index is built in its own process during a full build
    "checks": 1000,           # built pages parsed by the site checks (~3 ms a page)
    "compress": 200,          # files precompressed (brotli and gzip: ~10 ms a page)
    "hash": 4000,             # files hashed by publishing (sha256 of files the cache has not seen)
}

_shared: dict = {}
_before_fork: weakref.WeakSet = weakref.WeakSet()


def close_before_fork(resource) -> None:
    """``resource.close()`` is called before every fork: an SQLite connection (the build cache) must not
    be inherited by a child, even one that opens its own (SQLite's locks and WAL state live in the
    process, so a child sees the parent's and reports "database is locked")."""
    _before_fork.add(resource)


def _prepare_fork() -> None:
    for resource in list(_before_fork):
        resource.close()


def cpus() -> int:
    return os.cpu_count() or 1


def worth_forking(kind: str, size: int, processes: int = 0) -> bool:
    """True when ``size`` units of ``kind`` are worth splitting over ``processes`` (0 = every core)."""
    return (processes or cpus()) > 1 and size >= THRESHOLDS[kind]


def shared():
    """What the running :func:`fork_map` shares with its workers."""
    return _shared["value"]


@contextlib.contextmanager
def fork_pool(processes: int = 0):
    """A fork-context ``multiprocessing.Pool`` of ``processes`` workers (0 = one per core)."""
    _prepare_fork()
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(processes or cpus()) as pool:
            yield pool
    finally:
        gc.unfreeze()


def fork_map(function, tasks: list, value=None, processes: int = 0, meanwhile=None) -> list:
    """``[function(task) for task in tasks]`` in forked workers that see ``value`` through :func:`shared`;
    ``meanwhile()``, if given, runs in this process while they work."""
    _shared["value"] = value
    try:
        with fork_pool(processes) as pool:
            pending = pool.map_async(function, tasks, chunksize=1)
            if meanwhile:
                meanwhile()
            return pending.get()
    finally:
        _shared.clear()


def run_here(function, tasks: list, value=None, meanwhile=None) -> list:
    """The same as :func:`fork_map`, in this process (small jobs, one core)."""
    _shared["value"] = value
    try:
        if meanwhile:
            meanwhile()
        return [function(task) for task in tasks]
    finally:
        _shared.clear()


def map_tasks(kind: str, size: int, function, tasks: list, value=None, processes: int = 0, meanwhile=None) -> list:
    """:func:`fork_map` when ``size`` units of ``kind`` are worth forking for, else :func:`run_here`."""
    if worth_forking(kind, size, processes) and len(tasks) > 1:
        return fork_map(function, tasks, value, processes, meanwhile)
    return run_here(function, tasks, value, meanwhile)


def chunks(n: int, per_worker: int = 4, minimum: int = 1, processes: int = 0) -> list[tuple[int, int]]:
    """``[(start, stop)]`` ranges covering ``range(n)``: ``per_worker`` per process, at least ``minimum`` long."""
    if n <= 0:
        return []
    step = max(minimum, -(-n // ((processes or cpus()) * per_worker)))
    return [(i, min(i + step, n)) for i in range(0, n, step)]


class Background:
    """A function run in a forked process while this one goes on; :meth:`wait` gives its error or ''."""

    def __init__(self, function, *args):
        _prepare_fork()
        ctx = multiprocessing.get_context("fork")
        self._receive, send = ctx.Pipe(duplex=False)
        self._process = ctx.Process(target=self._child, args=(send, function, args))
        self._process.start()
        send.close()

    @staticmethod
    def _child(send, function, args) -> None:
        try:
            function(*args)
            send.send("")
        except Exception as exc:  # noqa: BLE001 - reported by the parent as a build error
            send.send(f"{type(exc).__name__}: {exc}")
        finally:
            send.close()

    def wait(self) -> str:
        try:
            error = self._receive.recv()
        except EOFError:
            error = "进程意外退出"
        self._process.join()
        if not error and self._process.exitcode:
            error = f"退出码 {self._process.exitcode}"
        return error

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(10)
