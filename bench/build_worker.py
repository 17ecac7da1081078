"""One measured build in this process; prints a JSON line (used by bench/build.py).

Modes: ``cold`` (no persistent cache), ``warm`` (the cache of an earlier build, nothing changed),
``edit`` (warm cache, one item edited), ``rebuild`` (the preview: a one-item edit rebuilt in place),
``shards`` (N shards one after another, then the merge), ``plain`` (Pelican alone), ``hugo``.
"""
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> int:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) // 1024


def cpu() -> tuple[float, float]:
    """User and system CPU seconds of this process and the children it has waited for (page writers,
    the search index process, a plain Pelican run)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + children.ru_utime, own.ru_stime + children.ru_stime


def cpu_since(start: tuple[float, float]) -> dict:
    user, system = (round(now - then, 1) for now, then in zip(cpu(), start))
    return {"cpu_user_s": user, "cpu_system_s": system}


def files(folder: Path) -> int:
    return sum(len(names) for _, _, names in os.walk(folder))


def phases(stats: dict) -> dict:
    """The build's own timings (sitebuild's ``stats["timings"]``; a full build's search index runs in
    a process of its own meanwhile: only the time the build then waited for it is among them, as
    "waiting for the search index") and the rest of its time."""
    timed = {k: round(v, 1) for k, v in (stats.get("timings") or {}).items()}
    rest = stats["seconds"] - sum((stats.get("timings") or {}).values())
    return {**timed, "other generators": round(max(rest, 0.0), 1)}


def main(mode: str, settings: str, *rest: str) -> dict:
    """Run ``mode`` and add the peak memory of the whole process tree (``memory_mb``, with the
    processes it was made of) to its figures."""
    from bench.memory import TreePeak

    with TreePeak() as peak:
        figures = _measure(mode, settings, *rest)
    if peak.available:
        figures.update(memory_mb=peak.mb, memory_parts=peak.describe())
    return figures


def _measure(mode: str, settings: str, *rest: str) -> dict:
    if mode == "plain":
        started, used = time.perf_counter(), cpu()
        subprocess.run([sys.executable, "-m", "pelican", "-s", settings, "-q"], check=True)
        return {"seconds": round(time.perf_counter() - started, 2), "rss_mb": rss_mb(), "files": files(Path(rest[0])),
                **cpu_since(used)}
    if mode == "hugo":
        started = time.perf_counter()
        subprocess.run([rest[0], "--quiet", "-s", settings], check=True)
        return {"seconds": round(time.perf_counter() - started, 2), "rss_mb": rss_mb(),
                "files": files(Path(settings) / "public")}
    from gongkai.sitebuild import build

    output = Path(rest[0])
    if mode in ("cold", "warm", "edit"):
        if mode == "edit":
            from bench import synth

            synth.edit_one(Path(rest[1]), 11)
        started, used = time.perf_counter(), cpu()
        code, stats = build(settings, output, quiet=True, cache=mode != "cold")
        seconds = time.perf_counter() - started
        assert code == 0, "build failed"
        return {"seconds": round(seconds, 2), "rss_mb": rss_mb(), "files": files(output),
                "rendered": stats["rendered"], "reused": stats["reused"], "phases": phases(stats), **cpu_since(used)}
    if mode == "rebuild":
        from bench import synth
        from gongkai.engine.run import Session

        session = Session(watched=True)     # as gongkai serve: the watcher names the edited file
        build(settings, output, quiet=True, incremental=True, session=session)
        session.note_changes({synth.edit_one(Path(rest[1]), 7)})
        started = time.perf_counter()
        code, stats = build(settings, output, quiet=True, incremental=True, session=session)
        assert code == 0, "rebuild failed"
        return {"rebuild_seconds": round(time.perf_counter() - started, 2), "rss_mb": rss_mb(), "phases": phases(stats)}
    if mode == "shards":
        count = int(rest[1])
        times, folders = [], []
        for i in range(count):
            folder = output.with_name(f"{output.name}-shard{i}")
            started = time.perf_counter()
            code, _ = build(settings, folder, quiet=True, shard=(i, count))
            assert code == 0, f"shard {i} failed"
            times.append(round(time.perf_counter() - started, 1))
            folders.append(folder)
        started = time.perf_counter()
        code, _ = build(settings, output, quiet=True, shard_folders=folders)
        assert code == 0, "merge failed"
        return {"shards_s": times, "merge_s": round(time.perf_counter() - started, 1), "rss_mb": rss_mb()}
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    import logging

    logging.disable(logging.WARNING)
    print(json.dumps(main(*sys.argv[1:])))
