"""One ``make publish`` + ``make deploy`` (local target) in this process; prints a JSON line.

Used by bench/publish.py, one fresh process per run as in CI: what a warm run gains comes from the
publish cache on disk (``<site>/.cache/publish``), not from anything kept in memory.
"""
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OVERRIDE = {"SITEURL": "https://www.haicheng.gov.cn", "EXPORTS_FEEDS": True,
            # the plugins folder itself (the repository root has a catalog/ folder that shadows plugins.catalog)
            "PLUGIN_PATHS": [str(ROOT / "plugins")],
            # a small synthetic catalog may leave a column empty or without a recent item: reported, not fatal here
            # (the 单项否决 items those add up to are let through the only way there is: a written reason)
            "SITE_CHECKS": {"stale_columns": "warning", "blank_columns": "warning",
                            "overrides": {name: "基准测试的合成目录，日期随机，不代表真实网站"
                                          for name in ("home_stale", "stale_columns", "blank_columns")}}}


def main(settings_file: str, site: str, today: str) -> dict:
    from gongkai.commands.publish import remember_tree
    from gongkai.engine.run import Session
    from gongkai.publish import cache, pipeline
    from gongkai.publish.release import deploy
    from gongkai.publish.remote import Target
    from gongkai.sitebuild import build, load_settings, swap_into_place

    site = Path(site)
    final, staging = site / "output", site / "output.publish"
    session = Session()      # what gongkai publish does (gongkai/commands/publish.py), without the printing
    code, stats = build(settings_file, staging, quiet=True, tree_of=final, session=session, **OVERRIDE)
    if code:
        raise SystemExit(f"build failed: {stats}")
    settings = load_settings(settings_file, **OVERRIDE)
    done = pipeline.finish(settings, staging, today, shown=final, session=session)
    if done.manifest is None:
        raise SystemExit("site checks failed: " + "; ".join(p.format() for p in done.site.problems.errors[:5]))
    swap_into_place(staging, final)
    pipeline.remember(done)
    remember_tree(settings, final, stats.get("prints"))
    started = time.perf_counter()
    result = deploy(final, Target.from_settings({"path": str(site / "srv"), "keep": 3}), lambda *a: None,
                    folder=cache.folder(settings))
    deploy_s = time.perf_counter() - started
    s, info = done.seconds, done.manifest
    return {"build_s": round(stats["seconds"], 1), "checks_s": round(s["checks"], 1),
            "compress_s": round(s["compress"], 1), "manifest_s": round(s["manifest"], 1),
            "publish_s": round(stats["seconds"] + sum(s.values()), 1), "deploy_s": round(deploy_s, 1),
            "total_s": round(stats["seconds"] + sum(s.values()) + deploy_s, 1),
            "files": info["count"], "MB": round(sum(f["size"] for f in info["files"].values()) / 1e6, 1),
            "warnings": len(done.site.problems.warnings), **done.reused,
            "sent_files": result.sent_files, "linked_files": result.linked_files,
            "sent_MB": round(result.bytes_sent / 1e6, 3), "sent_file_MB": round(result.sent_file_bytes / 1e6, 3),
            "hashed_on_server": result.hashed}


if __name__ == "__main__":
    import logging

    logging.disable(logging.WARNING)
    print(json.dumps(main(*sys.argv[1:])))
