"""Render models, CSV/JSON exports and the SVG chart, from the fixture reports (no Pelican)."""
import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins._shared.diagnostics import Problems
from plugins.annual_report import chart, export
from plugins.annual_report.counts import article20_1
from plugins.annual_report.load import load_report
from plugins.annual_report.tables import build_tables
from tests.unit.annual_report import fakes

ROOT = Path(__file__).resolve().parents[3]
GOOD = ROOT / "tests" / "fixtures" / "reports" / "good"


@pytest.fixture(scope="module")
def reports():
    problems = Problems()
    loaded = {year: load_report(GOOD / f"{year}.yml", ROOT, problems) for year in (2018, 2020, 2024)}
    assert not problems
    return loaded


def cells(table):
    return [c for rows in [table.head] + table.bodies for row in rows for c in row]


def test_every_data_cell_names_existing_headers(reports):
    for report in (reports[2024], reports[2020]):
        for table in build_tables(report, article20_1(fakes.sample(), report.year)):
            ids = {c.id for c in cells(table) if c.header}
            data = [c for c in cells(table) if not c.header and c.cls != "gk-report-table__note"]
            assert data and all(c.headers for c in data)
            for c in data:
                assert set(c.headers.split()) <= ids, (table.id, c.headers)


def test_table3_cell_headers_chain_from_group_to_row(reports):
    t3 = build_tables(reports[2024])[1]
    cell = next(c for row in t3.bodies[1] for c in row if not c.header and "t3-r-refused_law" in c.headers
                and "t3-c-business" in c.headers)
    assert cell.headers == "t3-applicant t3-legal t3-c-business t3-r-result t3-g-refused t3-r-refused_law"
    vertical = t3.bodies[1][0][0]
    assert (vertical.text, vertical.rowspan, vertical.scope) == ("三、本年度办理结果", 22, "rowgroup")
    assert build_tables(reports[2020])[1].bodies[1][0][0].rowspan == 20   # 2019: （六） has no sub-rows


def test_table2_shows_the_catalog_count_next_to_a_typed_figure(reports):
    report = reports[2024]
    report.table2["regulations"] = {"issued": 5}
    try:
        t2 = build_tables(report, article20_1(fakes.sample(), 2024))[0]
    finally:
        del report.table2["regulations"]
    row = next(r for r in t2.bodies[0] if r[0].text == "规章")
    assert [(c.text, c.note, c.cls) for c in row[1:]] == [
        ("5", "目录统计：1", "gk-report-table__num--differs"),
        ("0", "目录统计", "gk-report-table__num--counted"),
        ("2", "目录统计", "gk-report-table__num--counted"),
    ]
    assert t2.footnote.startswith("注：标注“目录统计”的数字")


def test_csv_has_bom_and_one_line_per_cell(reports):
    data = export.to_csv(reports[2024], article20_1(fakes.sample(), 2024))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["表格", "行", "列", "数值", "目录统计"]
    assert len(rows) == 1 + (2 * 3 + 4) + 25 * 7 + 3 * 5
    assert ["表三", "三、本年度办理结果 （七）总计", "总计", "263", ""] in rows
    assert ["表二", "第二十条第（一）项 行政规范性文件", "现行有效件数", "3", "3"] in rows
    assert ["表二", "第二十条第（八）项 行政事业性收费", "本年收费金额（单位：万元）", "21436.58", ""] in rows
    assert ["表四", "行政诉讼 复议后起诉", "总计", "1", ""] in rows


def test_json_has_tables_and_series(reports):
    data = json.loads(export.to_json(reports[2020], None, "ndbg/2020/"))
    assert data["format"] == "2019" and data["format_name"] == "国办公开办函〔2019〕60号"
    assert data["tables"]["table2"]["licensing"]["values"] == {"prev_items": 1263, "change": -35, "decisions": 41527}
    assert data["tables"]["table3"]["other"]["label"] == "三、本年度办理结果 （六）其他处理"
    assert data["series"] == {"received": 193, "disclosed": 82, "partial": 11, "review": 4, "litigation": 2}


def test_series_across_years_uses_free_report_figures(reports):
    years, values = export.series_table(list(reports.values()))
    assert years == [2018, 2020, 2024]
    assert values["received"] == {2018: 143, 2020: 193, 2024: 269}
    assert values["litigation"] == {2018: 2, 2020: 2, 2024: 4}
    text = export.series_csv(list(reports.values())).decode("utf-8-sig")
    assert text.splitlines()[0] == "年度,新收申请,予以公开,部分公开,行政复议,行政诉讼"
    assert "2024,269,112,17,7,4" in text.splitlines()


def test_chart_bars_carry_the_series_values_in_proportion():
    series = [("received", "新收申请", {2024: 269, 2025: 306}), ("disclosed", "予以公开", {2024: 112, 2025: 148})]
    svg = BeautifulSoup(chart.bar_chart("c1", "申请情况", [2024, 2025], series), "html.parser").svg
    assert svg["role"] == "img" and svg["aria-labelledby"] == "c1-title c1-desc"
    assert svg.find("title").get_text() == "申请情况"
    assert svg.find("desc").get_text() == "2024年：新收申请269，予以公开112；2025年：新收申请306，予以公开148。"
    bars = {(r["data-series"], int(r["data-year"])): r for r in svg.find_all("rect", attrs={"data-series": True})}
    assert {k: int(r["data-value"]) for k, r in bars.items()} == {
        ("received", 2024): 269, ("received", 2025): 306, ("disclosed", 2024): 112, ("disclosed", 2025): 148}
    top = int(svg["data-max"])
    assert top == 400
    plot_h = chart.HEIGHT - chart.TOP - chart.BOTTOM
    for (_sid, _year), rect in bars.items():
        assert float(rect["height"]) == pytest.approx(plot_h * int(rect["data-value"]) / top, abs=0.06)
    labels = [t.get_text() for t in svg.find_all("text", class_="gk-chart__value")]
    assert sorted(labels) == ["112", "148", "269", "306"]


def test_chart_axis_steps_are_whole_numbers():
    assert chart.axis(9) == (10, 5)
    assert chart.axis(306) == (400, 100)
    assert chart.axis(0) == (4, 1)
