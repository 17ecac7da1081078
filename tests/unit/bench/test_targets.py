"""bench/targets.py: each build-engine target is judged from the same run's rows, and a missed one says
where the time went."""
from bench.targets import TARGETS, judge


def _results(**over):
    build = [{"items": 1000, "full_build_s": 5.0, "plain_pelican_s": 5.5, "files": 4000, "plain_files": 1200,
              "full_build_phases": "item pages 2.3 s · catalog 1.5 s"},
             {"items": 20000, "full_build_s": 80.2, "full_build_phases": "catalog 31 s · item pages 32 s",
              "one_item_rebuild_s": 4.0, "rebuild_phases": "catalog 1.1 s"}]
    publish = [{"items": 20000, "run": "cold", "total_s": 100.0},
               {"items": 20000, "run": "warm", "total_s": 90.0, "build_s": 31, "checks_s": 11, "compress_s": 7,
                "manifest_s": 5, "deploy_s": 36, "sent_MB": 1.4, "sent_files": 175, "sent_file_MB": 26.0}]
    return {"build": over.get("build", build), "publish": over.get("publish", publish)}


def test_every_target_gets_a_row_and_sizes_not_run_say_so():
    rows = judge(_results())
    assert [r["target"] for r in rows] == [t[3] for t in TARGETS]
    by = {r["target"]: r for r in rows}
    assert by["1,000 items: full build ≤ plain Pelican"]["verdict"] == "met"
    assert by["1,000 items: full build ≤ plain Pelican"]["limit"] == "5.5 s"
    assert by["20,000 items: cold make publish + deploy ≤ 120 s"]["verdict"] == "met"
    assert all(r["measured"].startswith("not run") for t, r in by.items() if t.startswith("100,000"))


def test_a_missed_target_states_the_gap_and_the_measured_phases():
    by = {r["target"]: r for r in judge(_results())}
    cold = by["20,000 items: cold full build ≤ 40 s"]
    assert cold["verdict"] == "missed by 40.2 s (2.0×)" and cold["where"] == "catalog 31 s · item pages 32 s"
    warm = by["20,000 items: one edit, warm make publish + deploy ≤ 20 s"]
    assert warm["where"].startswith("deploy 36 s · build 31 s · checks 11 s")
    sent = by["20,000 items: one edit, ≤ 1 MB uploaded"]
    assert sent["verdict"].startswith("missed by 0.4 MB") and "175 files" in sent["where"]


def test_plain_pelican_slower_than_gongkai_is_met_and_faster_is_missed_with_file_counts():
    build = [{"items": 1000, "full_build_s": 6.8, "plain_pelican_s": 5.5, "files": 4062, "plain_files": 1231,
              "full_build_phases": "item pages 2.3 s"}]
    row = judge(_results(build=build))[0]
    assert row["verdict"] == "missed by 1.3 s (1.2×)"
    assert row["where"] == "item pages 2.3 s; files written: 4062 (plain Pelican 1231)"


def test_a_missed_build_target_states_the_cpu_it_needed_and_the_floor_on_these_cores(monkeypatch):
    """A build whose CPU over the cores exceeds the target cannot meet it by scheduling alone: the row says so."""
    import os

    from bench.build import cpu_text

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    build = [{"items": 1000, "full_build_s": 6.8, "plain_pelican_s": 5.5, "files": 4062, "plain_files": 1231,
              "full_build_phases": "item pages 2.3 s",
              "full_build_cpu": cpu_text({"cpu_user_s": 9.5, "cpu_system_s": 3.9}),
              "plain_cpu": cpu_text({"cpu_user_s": 4.6, "cpu_system_s": 0.8})}]
    row = judge(_results(build=build))[0]
    assert row["where"] == ("item pages 2.3 s; CPU: user 9.5 s + system 3.9 s; on 2 cores no schedule finishes in "
                            "under 6.7 s; files written: 4062 (plain Pelican 1231; CPU: user 4.6 s + system 0.8 s; "
                            "on 2 cores no schedule finishes in under 2.7 s)")
    assert cpu_text({"seconds": 1.0}) == ""
