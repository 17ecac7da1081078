"""BuildRun.timed: a timer nested in another is not counted twice, so the phases add up to no more
than the build took (the bench reports the rest as "other generators")."""
from pathlib import Path

from gongkai.engine import run as run_module
from gongkai.engine.run import BuildRun


def test_nested_timers_count_their_time_once(monkeypatch):
    clock = iter([0.0, 1.0, 4.0, 10.0, 12.0, 13.0])     # finish 0–10 with a 1–4 wait inside; exports 12–13
    monkeypatch.setattr(run_module.time, "perf_counter", lambda: next(clock))
    run = BuildRun(settings={}, output=Path("/nonexistent"))
    with run.timed("finish"):
        with run.timed("waiting for the search index"):
            pass
    with run.timed("exports"):
        pass
    assert run.timings == {"waiting for the search index": 3.0, "finish": 7.0, "exports": 1.0}
