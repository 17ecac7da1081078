"""Publishing figures: production build, site checks, precompression, manifest, local deploy and verify.

``run([1000, 5000], workdir)`` → one row per size. Each phase is timed separately, as
``gongkai publish`` + ``gongkai deploy`` run them (no assertions: figures only).
"""
from __future__ import annotations

import time
from pathlib import Path


def _timed(fn, *args, **kwargs):
    started = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, round(time.perf_counter() - started, 1)


def run(sizes: list[int], workdir: Path) -> list[dict]:
    from bench.synth import END, make_site
    from gongkai.commands.sitecheck import check_output
    from gongkai.publish import compress, manifest
    from gongkai.publish.remote import Target, deploy
    from gongkai.sitebuild import build, load_settings

    rows = []
    for n in sizes:
        dest = Path(workdir) / f"publish-{n}"
        settings_file = make_site(n, dest)
        override = {"SITEURL": "https://www.haicheng.gov.cn", "EXPORTS_FEEDS": True,
                    # the plugins folder itself (the repository root has a catalog/ folder that shadows plugins.catalog)
                    "PLUGIN_PATHS": [str(Path(__file__).resolve().parent.parent / "plugins")]}
        staging = dest / "output"
        (code, stats), build_s = _timed(build, settings_file, staging, quiet=True, **override)
        settings = load_settings(settings_file, **override)
        site, check_s = _timed(check_output, settings, staging, END)
        packed, gz_s = _timed(compress.compress_tree, staging, settings)
        info, manifest_s = _timed(manifest.write, staging)
        target = Target.from_settings({"path": str(dest / "srv"), "keep": 2})
        _, deploy_s = _timed(deploy, staging, target, lambda *a: None)
        diff, verify_s = _timed(manifest.verify_tree, dest / "srv" / "current", info)
        size = sum(f["size"] for f in info["files"].values())
        rows.append({"items": n, "build_ok": code == 0, "pages_checked": site.stats["pages"], "files": info["count"],
                     "MB": round(size / 1e6, 1), "build_s": build_s, "checks_s": check_s,
                     "errors": len(site.problems.errors), "warnings": len(site.problems.warnings),
                     "compress_s": gz_s, "twins": packed, "manifest_s": manifest_s, "deploy_local_s": deploy_s,
                     "verify_s": verify_s, "verify_ok": diff.ok})
    return rows
