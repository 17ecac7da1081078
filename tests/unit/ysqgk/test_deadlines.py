"""Statutory deadlines (Arts. 30–33) against hand-worked cases across 国庆 and 春节 with 调休 days, 补正 restarts,
extensions and consultation pauses; the browser's JS gives the same answers on the same cases; the fast
index agrees with Calendar day by day."""
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from plugins.workdays import Calendar
from plugins.ysqgk import deadlines as D
from plugins.ysqgk.workindex import WorkdayIndex

ROOT = Path(__file__).resolve().parents[3]
VECTORS_FILE = ROOT / "tests" / "fixtures" / "requests_deadline_vectors.json"
VECTORS = json.loads(VECTORS_FILE.read_text(encoding="utf-8"))["cases"]
CAL = Calendar.load(ROOT / "content" / "calendar")
NODE = shutil.which("node")


def iso(d):
    return d.isoformat() if d else None


def parse(case):
    return {k: (dt.date.fromisoformat(v) if isinstance(v, str) else v) for k, v in case.items()}


def as_dict(d: D.Deadline) -> dict:
    return {"state": d.state, "start": iso(d.start), "base_due": iso(d.base_due), "due": iso(d.due),
            "paused": d.paused, "uncovered": list(d.uncovered)}


class CalendarIndex:
    """The slow oracle: the same three questions asked of Calendar directly."""

    def add(self, d, n):
        return CAL.add_workdays(d, n)

    def between(self, a, b):
        return CAL.workdays_between(a, b)

    def uncovered(self, a, b):
        return tuple(CAL.uncovered_years(a, b))


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
@pytest.mark.parametrize("index", [WorkdayIndex(CAL, dt.date(2024, 1, 1), dt.date(2026, 12, 31)), CalendarIndex()],
                         ids=["index", "calendar"])
def test_hand_worked(vector, index):
    assert as_dict(D.compute(index, **parse(vector["case"]))) == vector["expect"]


def test_index_agrees_with_calendar_every_day():
    index = WorkdayIndex(CAL, dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    day = dt.date(2024, 1, 1)
    while day <= dt.date(2026, 12, 31):
        for n in (0, 1, 7, 20, 40):
            assert index.add(day, n) == CAL.add_workdays(day, n), (day, n)
        assert index.between(day, day + dt.timedelta(days=45)) == CAL.workdays_between(day, day + dt.timedelta(days=45))
        day += dt.timedelta(days=1)


def test_index_beyond_its_span_falls_back_to_the_calendar():
    index = WorkdayIndex(CAL, dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    assert index.add(dt.date(2023, 5, 4), 20) == CAL.add_workdays(dt.date(2023, 5, 4), 20)
    assert index.between(dt.date(2023, 5, 4), dt.date(2027, 1, 4)) == CAL.workdays_between(dt.date(2023, 5, 4),
                                                                                           dt.date(2027, 1, 4))


@pytest.mark.node
@pytest.mark.skipif(NODE is None, reason="node not installed")
def test_browser_js_agrees(tmp_path):
    cal_file = tmp_path / "calendar.json"
    cal_file.write_text(json.dumps(CAL.to_json()), encoding="utf-8")
    done = subprocess.run([NODE, str(ROOT / "tests" / "node" / "ysqgk_deadline_check.js"), str(cal_file), str(VECTORS_FILE)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [v["expect"] for v in VECTORS]


def test_status_order():
    class C:
        replied = consult_sent = consult_answered = correction_sent = correction_received = extension_date = None
    c = C()
    assert D.status(c) == "registered"
    c.extension_date = dt.date(2025, 10, 1)
    assert D.status(c) == "extended"
    c.correction_sent = dt.date(2025, 9, 1)
    assert D.status(c) == "correction"
    c.consult_sent = dt.date(2025, 9, 2)
    assert D.status(c) == "consulting"
    c.replied = dt.date(2025, 10, 9)
    assert D.status(c) == "answered"
