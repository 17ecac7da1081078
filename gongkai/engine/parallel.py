"""The one place that starts processes: fork pools, a background process, and when forking pays.

The build is pure-Python CPU work (YAML, Markdown, Jinja, OpenCC, tokenizing). Two cores halve it,
but forking costs ~50–100 ms and copying results back costs more: below a size, one process is
faster. Every threshold lives in :data:`THRESHOLDS` so they are tuned together (``make bench``).

Workers are forked from the parent and read their inputs from the parent's memory (copy-on-write)
through :func:`shared`; :func:`fork_pool` calls ``gc.freeze()`` first so the workers' garbage
collector never touches — and so never copies — the inherited objects (Python's ``gc`` docs
recommend it for fork without exec). Reading still copies what is read (reference counts are writes),
so :func:`share_work` has this process work beside one worker fewer, and :func:`each` hands results
over as they come rather than all at the end.
"""
from __future__ import annotations

import contextlib
import ctypes
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
    "lean_items": 5000,       # items: a full build keeps bodies in the build cache, not in memory (catalog/cache.py)
    # items: from here the build waits for the index process before the listings, not at its end — the
    # listing writers beside it took the 100,000-item build to 2.25 GB (1.94 GB waiting before them)
    "index_waited_early": 50_000,
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


def give_back_memory() -> None:
    """Return the free parts of this process's heap to the system (glibc's ``malloc_trim``; elsewhere a
    no-op). After a phase that made and dropped many objects, the memory they freed stays resident —
    and so stays in every process forked after, as far as the sum of their memory goes — until trimmed."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


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


def share_work(function, tasks: list, value=None, processes: int = 0) -> list:
    """``[function(task) for task in tasks]`` by this process *and* ``processes - 1`` forked workers (0 = one
    process per core), each taking the next task when it is done with one.

    For work whose inputs are this process's objects (the catalog's pages, the index's postings): this
    process reads its own objects for free, while a forked worker copies the memory of every object it
    reads. Where :func:`fork_map` forks two workers and waits, this forks one and works beside it —
    the same cores busy, one copy fewer. A worker's error is raised here once every process has stopped."""
    ctx = multiprocessing.get_context("fork")
    following = ctx.Value("q", 0)
    _shared["value"] = value

    def work() -> list:
        done = []
        while True:
            with following.get_lock():
                n = following.value
                following.value = n + 1
            if n >= len(tasks):
                return done
            done.append((n, function(tasks[n])))

    def child(send) -> None:
        try:
            send.send(("", work()))
        except Exception as exc:  # noqa: BLE001 - raised by the parent
            send.send((f"{type(exc).__name__}: {exc}", []))
        finally:
            send.close()

    _prepare_fork()
    gc.freeze()
    workers = []
    try:
        for _ in range((processes or cpus()) - 1):
            receive, send = ctx.Pipe(duplex=False)
            process = ctx.Process(target=child, args=(send,))
            process.start()
            send.close()
            workers.append((process, receive))
        try:
            done = work()
        except BaseException:
            with following.get_lock():
                following.value = len(tasks)      # the workers stop after their current task
            for _, receive in workers:            # and send what they did (a full pipe would block their exit)
                with contextlib.suppress(EOFError):
                    receive.recv()
            raise
        errors = []
        for _, receive in workers:
            try:
                error, theirs = receive.recv()
            except EOFError:
                error, theirs = "进程意外退出", []
            errors.append(error)
            done += theirs
        if any(errors):
            raise RuntimeError("; ".join(error for error in errors if error))
        return [result for _, result in sorted(done, key=lambda pair: pair[0])]
    finally:
        for process, _ in workers:
            process.join()
        gc.unfreeze()
        _shared.clear()


def share_tasks(kind: str, size: int, function, tasks: list, value=None, processes: int = 0) -> list:
    """:func:`share_work` when ``size`` units of ``kind`` are worth forking for, else :func:`run_here`."""
    if worth_forking(kind, size, processes) and len(tasks) > 1:
        return share_work(function, tasks, value, processes)
    return run_here(function, tasks, value)


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


def each(kind: str, size: int, function, tasks: list, value=None, processes: int = 0):
    """Like :func:`map_tasks`, but yields the results in order as they come, so the caller can use and drop
    each one before the next: the results of a whole job need not be in memory at once."""
    _shared["value"] = value
    try:
        if worth_forking(kind, size, processes) and len(tasks) > 1:
            with fork_pool(processes) as pool:
                yield from pool.imap(function, tasks, chunksize=1)
        else:
            for task in tasks:
                yield function(task)
    finally:
        _shared.clear()


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
