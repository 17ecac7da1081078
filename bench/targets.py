"""The build engine's targets next to this run's figures: met, or the gap and where the time went.

``make bench`` prints this table after the areas' own tables. A target is judged only from rows of
the same run (plain Pelican from the same run too); a size that was not run says so (``--full`` runs
them all). The "where" column is measured, not written: the phases of that very build or publish.
"""
from __future__ import annotations

# (area, items, run, label, field, limit: a number or the field of the same row it must not exceed, unit)
TARGETS = [
    ("build", 1000, None, "1,000 items: full build ≤ plain Pelican", "full_build_s", "plain_pelican_s", "s"),
    ("build", 20000, None, "20,000 items: cold full build ≤ 40 s", "full_build_s", 40, "s"),
    ("publish", 20000, "cold", "20,000 items: cold make publish + deploy ≤ 120 s", "total_s", 120, "s"),
    ("publish", 20000, "warm", "20,000 items: one edit, warm make publish + deploy ≤ 20 s", "total_s", 20, "s"),
    ("publish", 20000, "warm", "20,000 items: one edit, ≤ 1 MB uploaded", "sent_MB", 1, "MB"),
    ("build", 100000, None, "100,000 items: cold full build ≤ 180 s", "full_build_s", 180, "s"),
    ("build", 100000, None, "100,000 items: full build peak memory ≤ 2 GB", "peak_memory_mb", 2048, "MB"),
    ("build", 100000, None, "100,000 items: one-item rebuild in make serve ≤ 3 s", "one_item_rebuild_s", 3, "s"),
]

PUBLISH_PHASES = (("build", "build_s"), ("checks", "checks_s"), ("compress", "compress_s"),
                  ("manifest", "manifest_s"), ("deploy", "deploy_s"))


def _row(results: dict, area: str, items: int, run: str | None) -> dict | None:
    for row in results.get(area) or []:
        if row.get("items") == items and (run is None or row.get("run") == run):
            return row
    return None


def where(area: str, field: str, row: dict) -> str:
    """What the measured time (or size) was made of, from the row itself."""
    if area == "publish":
        if field == "sent_MB":
            return f"{row.get('sent_files')} files changed ({row.get('sent_file_MB')} MB before rsync's delta)"
        parts = sorted(((row.get(key) or 0, name) for name, key in PUBLISH_PHASES), reverse=True)
        return " · ".join(f"{name} {value} s" for value, name in parts if value)
    if field == "one_item_rebuild_s":
        return str(row.get("rebuild_phases", ""))
    if field == "peak_memory_mb":
        return f"sum of PSS over the process tree at its peak: {row.get('memory_parts', '')}"
    text = str(row.get("full_build_phases", ""))
    if field == "full_build_s" and row.get("full_build_cpu"):
        text += f"; {row['full_build_cpu']}"
    if field == "full_build_s" and row.get("plain_files"):
        text += f"; files written: {row.get('files')} (plain Pelican {row.get('plain_files')}"
        text += f"; {row['plain_cpu']})" if row.get("plain_cpu") else ")"
    return text


def judge(results: dict) -> list[dict]:
    """One row per target: the figure, the limit, met or the gap, and where the time went."""
    rows = []
    for area, items, run, label, field, limit, unit in TARGETS:
        row = _row(results, area, items, run)
        if row is None or not isinstance(row.get(field), (int, float)):
            rows.append({"target": label, "measured": "not run (make bench BENCH_ARGS=--full)"})
            continue
        value = row[field]
        bound = row.get(limit) if isinstance(limit, str) else limit
        if not isinstance(bound, (int, float)):
            rows.append({"target": label, "measured": f"{value} {unit}", "verdict": f"no {limit} figure in this run"})
            continue
        verdict = "met" if value <= bound else f"missed by {value - bound:.1f} {unit} ({value / bound:.1f}×)"
        rows.append({"target": label, "measured": f"{value} {unit}", "limit": f"{bound} {unit}", "verdict": verdict,
                     "where": "" if value <= bound else where(area, field, row)})
    return rows
