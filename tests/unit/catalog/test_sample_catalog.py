"""The sample catalog (catalog/ + content/pages/) that ships with the project is complete and valid.

It is what `make serve` shows and what the e2e tests and the annual report build on, so it must
cover every category, every special block and every relation, without a single problem.
"""
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gongkai.sitebuild import load_settings
from plugins._shared.diagnostics import Problems
from plugins.catalog import schema
from plugins.catalog.load import Settings, load_catalog
from tests.conftest import ROOT

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@pytest.fixture(scope="module")
def loaded():
    settings = load_settings(ROOT / "pelicanconf.py")
    problems = Problems()
    catalog = load_catalog(Settings.from_pelican(settings), problems)
    return catalog, problems, settings


@pytest.fixture(scope="module")
def catalog(loaded):
    return loaded[0]


def of_kind(catalog, kind):
    return [i for i in catalog.items if i.category.kind == kind]


def test_sample_catalog_has_no_problems_at_all(loaded):
    catalog, problems, _ = loaded
    assert [p.format() for p in problems] == []
    assert len(catalog.items) >= 44


def test_every_category_has_an_item(catalog):
    used = {i.category.key for i in catalog.items}
    assert [c.key for c in catalog.taxonomy.categories if c.key not in used] == []


def test_every_publisher_has_an_item(catalog):
    used = {i.publisher.key for i in catalog.items}
    assert [p.key for p in catalog.taxonomy.publishers if p.key not in used] == []


def test_index_numbers_follow_publisher_code_year_and_file_layout(catalog):
    for item in catalog.items:
        code, rest = item.index_no.split("/")
        year, serial = rest.split("-")
        assert code == item.publisher.code, item.source
        assert int(year) == item.published.year, item.source
        assert re.fullmatch(rf"catalog/{item.category.key}/{year}/{serial}\.(md|yml)", item.source), item.source


def test_dates_are_plausible(catalog):
    import datetime as dt

    for item in catalog.items:
        assert dt.date(2023, 1, 1) <= item.published <= dt.date(2026, 11, 20), item.source
        if item.written:
            assert 0 <= (item.published - item.written).days <= 10, item.source
    years = {i.published.year for i in catalog.items}
    assert {2023, 2024, 2025, 2026} <= years


def test_bodies_are_real_prose_without_personal_data(catalog):
    for item in catalog.items:
        length = len(re.sub(r"\s", "", item.body))
        assert 300 <= length <= 1500, (item.source, length)
        assert not ID_NUMBER.search(item.body), item.source
        assert not MOBILE.search(item.body), item.source
        assert item.summary and len(item.summary) <= 300, item.source
        assert item.topics and item.keywords, item.source


def test_both_file_forms_are_used(catalog):
    assert len([i for i in catalog.items if i.source.endswith(".yml")]) >= 3
    assert len([i for i in catalog.items if i.source.endswith(".md")]) >= 40


def test_at_least_five_service_guides_fill_every_field(catalog):
    keys = [f.key for f in schema.SERVICE_FIELDS]
    complete = [i for i in of_kind(catalog, "service") if all(i.service.get(k) for k in keys)]
    assert len(complete) >= 5
    for item in complete:
        assert item.service["online_url"].startswith("https://")
        assert len(item.service["materials"]) >= 2 and len(item.service["process"]) >= 3


def test_regulations_have_headnotes_and_one_is_revised(catalog):
    regulations = of_kind(catalog, "regulation")
    assert len(regulations) >= 3
    for item in regulations:
        note = item.headnote
        assert note["promulgated"] <= item.published and note["effective"] >= note["promulgated"], item.source
        assert note["promulgation"] == item.doc_no, item.source
    assert any(item.headnote.get("revised") for item in regulations)


def test_normative_documents_cover_every_validity_state(catalog):
    docs = of_kind(catalog, "normative")
    assert len(docs) >= 5
    assert {"有效", "失效", "废止"} <= {d.status for d in docs}
    lapsed = next(d for d in docs if d.status == "失效")
    assert lapsed.published < lapsed.validity["expires"] < max(i.published for i in catalog.items)


def test_a_repealed_document_is_superseded_by_a_newer_one(catalog):
    repealed = [d for d in of_kind(catalog, "normative") if d.status == "废止" and d.superseded_by]
    assert repealed
    old = repealed[0]
    new = old.superseded_by[0]
    assert old.index_no in new.supersedes and new.is_current
    assert old.published < new.published <= old.validity["repealed"]
    assert old.validity.get("note") and new.doc_no in old.validity["note"]


def test_an_interpretation_links_both_ways(catalog):
    pairs = [(i, t) for i in of_kind(catalog, "interpretation") for t in i.interprets_items]
    assert len(pairs) >= 2
    for interpretation, target in pairs:
        assert interpretation in target.interpreted_by
        assert target.category.kind in ("normative", "regulation")
        # 政策解读 is published with its document (三同步), at most a few working days later
        assert 0 <= (interpretation.published - target.published).days <= 5


def test_laws_counts_for_the_annual_report(catalog):
    for year in (2024, 2025):
        assert any(i.year == year for i in of_kind(catalog, "regulation"))
        assert any(i.year == year for i in of_kind(catalog, "normative"))


def _check_pdf(path: Path) -> None:
    """Structure of a classic PDF: header, EOF marker, and every xref offset points at its object."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-1.") and data.rstrip().endswith(b"%%EOF")
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    assert data[start:start + 4] == b"xref"
    lines = data[start:].split(b"\n")
    first, count = (int(x) for x in lines[1].split())
    for number in range(first + 1, first + count):
        entry = lines[2 + number - first]
        assert len(entry) == 19 and entry.endswith(b" n ")   # 20 bytes with the newline
        offset = int(entry[:10])
        assert data[offset:].startswith(b"%d 0 obj" % number), (path, number)
    assert b"/Root 1 0 R" in data and b"/Type /Page" in data and b" Tj" in data


def test_budgets_have_blocks_and_real_attachments(catalog):
    budgets = of_kind(catalog, "budget")
    assert {"预算", "决算", "三公经费"} <= {b.budget["type"] for b in budgets}
    for item in budgets:
        assert item.budget["unit"] == item.publisher.name and item.budget["total"] > 0
        assert item.attachments, item.source
        for att in item.attachments:
            path = ROOT / att.source
            assert path.is_file() and 0 < path.stat().st_size < 20_000
            assert str(item.budget["total"]) in item.body.replace(",", "") or f"{item.budget['total']:.2f}" in item.body
    files = sorted((ROOT / "catalog" / "files").rglob("*.*"))
    assert {p.suffix for p in files} >= {".pdf", ".xlsx"}
    for path in files:
        assert path.stat().st_size < 20_000
        if path.suffix == ".pdf":
            _check_pdf(path)
        else:
            assert load_workbook(path, read_only=True).sheetnames


def test_attachment_figures_match_the_budget_block(catalog):
    item = next(i for i in of_kind(catalog, "budget") if any(a.ext == "XLSX" for a in i.attachments))
    xlsx = next(a for a in item.attachments if a.ext == "XLSX")
    sheet = load_workbook(ROOT / xlsx.source, read_only=True).worksheets[0]
    values = [row[1] for row in sheet.iter_rows(values_only=True) if len(row) > 1 and row[0] == "收入合计"]
    assert values == [pytest.approx(item.budget["total"])]


def test_rules_page(loaded):
    """The 公开制度 is a page with a date (the 公开指南 is generated: tests/e2e/test_bodies.py)."""
    assert not (ROOT / "content" / "pages" / "gkzn.md").exists()
    text = (ROOT / "content" / "pages" / "gkzd.md").read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines())
    assert meta["Slug"] == "gkzd" and meta["column_type"] == "政府信息公开制度" and meta["Title"]
    assert meta["Date"] == "2026-01-26"
    assert 1500 <= len(re.sub(r"\s", "", body)) <= 3500
    assert "市人民政府办公室和市直各部门每年1月31日前公布本机关上一年度" in body
