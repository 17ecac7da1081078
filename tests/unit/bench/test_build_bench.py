"""bench/build.py on a tiny catalog: every row the targets table reads is there (figures only; nothing
is timed here), and a second run starts cold again (an earlier run's output and cache are moved aside)."""
import pytest

from bench import build
from bench.targets import judge

pytestmark = pytest.mark.slow


def test_rows_have_what_the_targets_table_reads_and_small_sites_alternate_with_plain_pelican(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "REPEATS", 2)
    monkeypatch.setattr(build, "hugo_binary", lambda: None)
    for _ in range(2):
        (row,) = build.run([40], tmp_path, shard_count=0)
        assert row["rendered_after_edit"] >= 1 and row["files"] > 100 and row["plain_files"] > 40
        assert len(row["full_build_runs"].split("/")) == len(row["plain_runs"].split("/")) == 2
        assert row["full_build_s"] in [float(x) for x in row["full_build_runs"].split("/")]
        assert row["peak_memory_mb"] > 0 and "process" in row["memory_parts"] and row["plain_memory_mb"] > 0
        assert "catalog" in row["full_build_phases"] and "other generators" in row["rebuild_phases"]
        assert not [p for p in tmp_path.rglob("*old-bench*")]          # moved aside, then deleted
    verdict = judge({"build": [{**row, "items": 1000}]})[0]
    assert verdict["limit"] == f"{row['plain_pelican_s']} s" and verdict["verdict"]
