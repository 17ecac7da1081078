"""``make bench``: every benchmark, one table each. ``python -m bench --help`` for options.

Figures, never assertions: tests never time anything. Default sizes keep a run under ~15 minutes on
2 cores; ``--full`` runs the sizes the issues ask for (up to 100,000 items).
"""
from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
import tempfile
from pathlib import Path

AREAS = {  # area -> (module, default sizes, full sizes)
    "build": ("bench.build", [1000, 5000], [1000, 5000, 20000]),
    "check": ("bench.check", [1000, 20000], [1000, 20000]),
    "pageweight": ("bench.pageweight", [1000], [1000, 20000]),
    "search": ("bench.search", [1000], [1000, 20000, 100000]),
    "importer": ("bench.importer", [20000], [20000]),
    "publish": ("bench.publish", [1000], [1000, 5000, 20000]),
    "requests": ("bench.requests", [2000], [100000]),
    "cms": ("bench.cms", [1000], [20000]),
}


def table(rows: list[dict]) -> str:
    if not rows:
        return "(no rows)"
    cols = list(dict.fromkeys(k for r in rows for k in r))
    width = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in cols}
    lines = [" | ".join(c.ljust(width[c]) for c in cols), "-|-".join("-" * width[c] for c in cols)]
    lines += [" | ".join(str(r.get(c, "")).ljust(width[c]) for c in cols) for r in rows]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("--only", default=",".join(AREAS), help="comma-separated areas: " + ", ".join(AREAS))
    parser.add_argument("--sizes", help="comma-separated item counts (overrides the defaults)")
    parser.add_argument("--full", action="store_true", help="the sizes the issues ask for (slow)")
    parser.add_argument("--workdir", help="keep generated sites here (default: a temp dir, removed)")
    parser.add_argument("--json", help="also write all rows to this JSON file")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    results = {}
    try:
        for area in args.only.split(","):
            module_name, default, full = AREAS[area]
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError:
                print(f"## {area}: not available ({module_name} missing)\n")
                continue
            sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else (full if args.full else default)
            (workdir / area).mkdir(parents=True, exist_ok=True)
            rows = module.run(sizes, workdir / area)
            results[area] = rows
            print(f"## {area}\n{table(rows)}\n", flush=True)
        if {"build", "publish"} & set(results):
            from bench.targets import judge

            print(f"## build engine targets\n{table(judge(results))}\n", flush=True)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
