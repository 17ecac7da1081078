"""The browser validators and working-day counting (under Node) agree with Python on the shared vectors."""
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from plugins.request_form import validators as v
from plugins.request_form.fields import rules
from plugins.workdays import Calendar

ROOT = Path(__file__).resolve().parents[3]
VECTORS_FILE = ROOT / "tests" / "fixtures" / "request_form_vectors.json"
VECTORS = json.loads(VECTORS_FILE.read_text(encoding="utf-8"))
NODE = shutil.which("node")

pytestmark = [pytest.mark.node, pytest.mark.skipif(NODE is None, reason="node not installed")]


def run_node(script, *payloads, tmp_path):
    args = []
    for i, data in enumerate(payloads):
        path = tmp_path / f"arg{i}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        args.append(str(path))
    done = subprocess.run([NODE, str(ROOT / "tests" / "node" / script), *args], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def js(tmp_path_factory):
    return run_node("request_form_check.js", rules(), VECTORS, tmp_path=tmp_path_factory.mktemp("rf"))


def test_format_vectors(js):
    today = dt.date.fromisoformat(VECTORS["today"])
    expected = [x["code"] for x in VECTORS["formats"]]
    python = [v.FORMATS[x["format"]](x["value"], today) for x in VECTORS["formats"]]
    assert python == expected
    mismatches = [(x["format"], x["value"], got) for x, got in zip(VECTORS["formats"], js["formats"])
                  if got != x["code"]]
    assert mismatches == []


def test_form_vectors(js):
    for vec, got in zip(VECTORS["forms"], js["forms"]):
        assert got["errors"] == vec["errors"], vec["name"]
        assert list(got["errors"]) == list(vec["errors"]), f"{vec['name']}: order differs"
        assert got["normalized"] == v.normalize(vec["raw"]), vec["name"]


def test_workdays_agree_with_python(tmp_path):
    cal = Calendar.load(ROOT / "content" / "calendar")
    start = dt.date(2023, 12, 1)
    days = [start + dt.timedelta(days=i) for i in range(0, 365 * 3 + 90)]
    adds = [(d, n) for d in days[::5] for n in (1, 7, 20, 40)]
    between = [(a, b) for a, b in zip(days[::37], days[200::37])]
    cases = {"days": [d.isoformat() for d in days], "add": [[d.isoformat(), n] for d, n in adds],
             "between": [[a.isoformat(), b.isoformat()] for a, b in between]}
    got = run_node("workdays_check.js", cal.to_json(), cases, tmp_path=tmp_path)
    assert got["days"] == [[cal.is_workday(d), cal.covers(d)] for d in days]
    assert got["add"] == [cal.add_workdays(d, n).isoformat() for d, n in adds]
    assert got["between"] == [cal.workdays_between(a, b) for a, b in between]
    assert "2025-10-30" in got["add"]          # the 2025 National Day case is among them
