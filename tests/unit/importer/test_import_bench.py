"""bench/importer.py produces a valid import and a no-op re-run (figures only; nothing is timed here)."""
from bench import importer


def test_bench_rows_report_a_complete_import_and_an_idle_rerun(tmp_path):
    [row] = importer.run([60], tmp_path)
    assert (row["rows"], row["imported"], row["assigned"], row["rejected"]) == (60, 60, 6, 0)
    assert (row["rerun_unchanged"], row["rerun_written"]) == (60, 0)
    assert {"write_seconds", "rerun_seconds", "target_seconds"} <= set(row)
