"""One measured build in this process; prints a JSON line (used by bench/build.py)."""
import json
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


def main(mode: str, settings: str, *rest: str) -> dict:
    if mode == "plain":
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pelican", "-s", settings, "-q"], check=True)
        return {"seconds": round(time.perf_counter() - started, 2), "rss_mb": rss_mb()}
    from gongkai.sitebuild import build

    output = Path(rest[0])
    if mode == "full":
        started = time.perf_counter()
        code, _ = build(settings, output, quiet=True)
        seconds = time.perf_counter() - started
        assert code == 0, "build failed"
        return {"seconds": round(seconds, 2), "rss_mb": rss_mb(),
                "files": sum(1 for p in output.rglob("*") if p.is_file())}
    if mode == "rebuild":
        from bench import synth
        from gongkai.engine.run import Session

        session = Session()
        build(settings, output, quiet=True, incremental=True, session=session)
        synth.edit_one(Path(rest[1]), 7)
        started = time.perf_counter()
        code, _ = build(settings, output, quiet=True, incremental=True, session=session)
        assert code == 0, "rebuild failed"
        return {"rebuild_seconds": round(time.perf_counter() - started, 2), "rss_mb": rss_mb()}
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    import logging

    logging.disable(logging.WARNING)
    print(json.dumps(main(*sys.argv[1:])))
