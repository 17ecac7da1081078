"""The editor's browser code (gongkai/cms/static/*.js, run in Node) agrees with the Python it mirrors:
scalars and whole items as gongkai/importer/emit.py writes them, the 索引号 rule of ``make new``, the date
checks of ``make check``; reports, calendars and guide pages survive a read/write unchanged in meaning."""
from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

from gongkai.cms import config
from gongkai.importer import emit
from gongkai.sitebuild import load_settings
from plugins._shared import yamlpos
from plugins._shared.diagnostics import Problems
from plugins.annual_report.load import load_report
from plugins.catalog import index_numbers as idx
from plugins.catalog import schema, validate
from plugins.catalog.load import item_files
from plugins.catalog.reader import read_item
from plugins.workdays.core import Calendar
from tests.conftest import ROOT

pytestmark = pytest.mark.node
GK = config.generate(load_settings(ROOT / "pelicanconf.py"))["gongkai"]
TRICKY = ["yes", "No", "on", "OFF", "true", "null", "~", "", " lead", "trail ", "007", "0x1F", "1_000", "1:20",
          "3.14", ".5", "-1", "+2", ".inf", ".NaN", "<<", "=", "- item", "key: value", "a #b", "ends:", "#x",
          "@x", "`x", "%x", "a\tb", "line\nbreak", "MB1C37512/2025-00001", "4303000047-2014-00002",
          "https://www.haicheng.gov.cn/ysqgk/", "海政规〔2025〕1号", "引号\"内", "反斜杠\\", "a, b", "[x]", "{y}",
          "2025-03-01", "20个工作日", "工作日上午8:30—12:00", "3256.40", "1e5", "0b101", "0o17", "Yes please",
          "\u2028", "\ufeff", "a\x7fb", "x: ", "?x", "!tag", "&anchor", "*alias", "|", ">"]


def node(cases: dict, tmp_path) -> dict:
    (tmp_path / "gk.json").write_text(json.dumps(GK, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "cases.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(["node", str(ROOT / "tests" / "node" / "cms_formats.js"), str(tmp_path / "gk.json"),
                          str(tmp_path / "cases.json")], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


NUMBERS = (schema.INT, schema.NUMBER)


def as_read(data: dict) -> dict:
    """The item's data as the schema reads it: numbers typed into text fields (a phone number) are text."""
    def text(kind, value):
        if kind in NUMBERS or isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return yamlpos.as_written(value)
        if isinstance(value, list):
            return [text(kind, v) for v in value]
        return value

    out = {}
    for key, value in _plain(data).items():
        field = schema.BY_KEY.get(key)
        subs = {f.key: f.kind for f in (field.fields if field else ())}
        if isinstance(value, dict):
            out[key] = {k: text(subs.get(k, schema.STR), v) for k, v in value.items()}
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            out[key] = [{k: text(subs.get(k, schema.STR), v) for k, v in e.items()} for e in value]
        else:
            out[key] = text(field.kind if field else schema.STR, value)
    return out


def _strings(value, out: list) -> list:
    if isinstance(value, dict):
        for v in value.values():
            _strings(v, out)
    elif isinstance(value, list):
        for v in value:
            _strings(v, out)
    elif isinstance(value, str):
        out.append(value)
    return out


def sample_items() -> list:
    files = [p for p in item_files(ROOT / "catalog") if p.suffix == ".md"]
    return [(p, read_item(p.read_bytes(), p.name, Problems())) for p in files]


def test_scalars_are_quoted_exactly_as_the_emitter_quotes_them(tmp_path):
    values = list(TRICKY)
    for _path, raw in sample_items():
        values += [v for v in _strings(raw.data, []) if "\n" not in v]
    values = sorted(set(values))
    got = node({"scalars": values}, tmp_path)["scalars"]
    wrong = [(v, js, emit.scalar(v)) for v, js in zip(values, got) if js != emit.scalar(v)]
    assert not wrong, wrong[:10]
    assert len(values) > 500


def test_every_sample_item_is_written_as_the_emitter_writes_it(tmp_path):
    items = sample_items()
    texts = [p.read_text(encoding="utf-8") for p, _ in items]
    got = node({"items": texts}, tmp_path)["items"]
    for (path, raw), js in zip(items, got):
        assert js == emit.render_item(as_read(raw.data), raw.body), path


def test_blank_optional_values_and_helper_keys_are_left_out(tmp_path):
    data = {"index_no": "MB1C37512/2026-00001", "title": "标题", "category": "规章", "publisher": "海澄市人民政府",
            "published": "2026-01-05", "doc_no": "", "written": None, "topics": [], "keywords": ["一", ""],
            "validity": {"status": "有效", "repealed": ""}, "pii_reviewed": False, "_serial": "00001", "_year": "2026",
            "service": {"name": "", "materials": []}, "attachments": [{"path": "attachments/x/a.pdf", "title": "附件"}],
            "body": "正文\n\n第二段"}
    got = node({"data": [data]}, tmp_path)["data"][0]
    assert got == ("---\nindex_no: MB1C37512/2026-00001\ntitle: 标题\ncategory: 规章\npublisher: 海澄市人民政府\n"
                   "published: 2026-01-05\nkeywords:\n  - 一\nvalidity: 有效\nattachments:\n"
                   "  - path: attachments/x/a.pdf\n    title: 附件\n---\n\n正文\n\n第二段\n")


def test_next_index_number_is_the_rule_of_make_new(tmp_path):
    existing = ["MB1C37512/2025-00009", "MB1C37512/2025-00011", "MB1C37512/2026-00002", "MB1C37539/2025-00031",
                "MB1C37512/2025-0000x", "4303000047-2025-00007", "11341702486344515H/202510-00013"]
    cases = []
    for _pattern, template, _example in idx.PRESETS.values():
        for code in ("MB1C37512", "MB1C37539", "4303000047", "11341702486344515H"):
            for year, month in ((2025, 10), (2026, 1), (2024, 3)):
                cases.append([existing, code, year, month, template])
    got = node({"next": cases}, tmp_path)["next"]
    assert got == [idx.next_index_no(*c) for c in cases]
    assert got[0] == "MB1C37512/2025-00012"


def test_pattern_and_serial(tmp_path):
    numbers = ["MB1C37512/2025-00001", "MB1C37512/25-1", "mb1c37512/2025-00001", "4303000047-2014-00002"]
    cases = [[n, p] for n in numbers for p, _t, _e in idx.PRESETS.values()]
    got = node({"matches": cases, "serials": numbers}, tmp_path)
    assert got["matches"] == [idx.check_format(n, p) for n, p in cases]
    assert got["serials"][0] == "00001" and got["serials"][3] == "00002"


def test_date_checks_agree_with_make_check(tmp_path):
    texts = ["2025-03-01", "2025-02-29", "2024-02-29", "2025-02-30", "2025-13-01", "2025/03/01", "2025-3-1",
             "2025年3月1日", "", "20250301", "2025-04-31", "0000-01-01"]
    got = node({"dates": texts}, tmp_path)["dates"]
    for text, js in zip(texts, got):
        problems = Problems()
        ok = validate.parse_date(text, problems, "x.md", 1, "published", "发布日期")
        if ok is not None or (text == "0000-01-01" and js is None):
            assert js is None or text == "0000-01-01", text
        elif "日期不存在" in problems[0].message:
            assert js == "missing", text
        else:
            assert js == "format", text


def test_reports_calendars_and_pages_keep_their_meaning(tmp_path):
    reports = sorted((ROOT / "content" / "reports").glob("*.yml"))
    reports = [p for p in reports if "format: 2021" in p.read_text(encoding="utf-8")]
    calendars = sorted((ROOT / "content" / "calendar").glob("*.yml"))
    pages = sorted((ROOT / "content" / "pages").glob("*.md"))
    got = node({"reports": [p.read_text(encoding="utf-8") for p in reports],
                "calendars": [p.read_text(encoding="utf-8") for p in calendars],
                "pages": [p.read_text(encoding="utf-8") for p in pages]}, tmp_path)
    assert reports
    for path, text in zip(reports, got["reports"]):
        copy = tmp_path / "reports" / path.name
        copy.parent.mkdir(exist_ok=True)
        copy.write_text(text, encoding="utf-8")
        problems = Problems()
        before, after = load_report(path, ROOT, Problems()), load_report(copy, tmp_path, problems)
        assert not problems.errors, [p.format() for p in problems]
        for key in ("title", "published", "intro", "overview", "table2", "table3", "table4", "problems", "other"):
            assert getattr(after, key) == getattr(before, key), (path.name, key)
        assert "  new: [262, 24, 2, 1, 12, 5, 306]   # 一、本年新收政府信息公开申请数量\n" in text or path.name != "2025.yml"
    (tmp_path / "cal").mkdir()
    for path, text in zip(calendars, got["calendars"]):
        (tmp_path / "cal" / path.name).write_text(text, encoding="utf-8")
    problems = Problems()
    after = Calendar.load(tmp_path / "cal", problems, tmp_path)
    assert not problems.errors and after.to_json() == Calendar.load(ROOT / "content" / "calendar").to_json()
    for path, text in zip(pages, got["pages"]):
        assert text == path.read_text(encoding="utf-8"), path.name


def test_dates_in_written_files_are_plain_text_for_the_strict_loader():
    assert yamlpos.load("published: " + dt.date(2026, 1, 5).isoformat()) == {"published": "2026-01-05"}
