import pytest

from plugins.catalog import index_numbers as idx


@pytest.mark.parametrize("number,preset,ok", [
    ("000014349/2019-00056", "govcn", True),
    ("11441700007280420Y/2021-00050", "govcn", True),
    ("694041623/2015-754533", "govcn", False),        # seed 004: 6-digit serial, not the national rule
    ("000014349/19-00056", "govcn", False),
    ("4303000047-2014-00002", "unit-dash", True),     # seed 002
    ("4303000047-2014-00002", "govcn", False),
    ("11341702486344515H/202110-00013", "year-month", True),
    ("11341702486344515H/2021-00013", "year-month", False),
])
def test_presets(number, preset, ok):
    pattern, _ = idx.resolve_pattern(preset)
    assert idx.check_format(number, pattern) is ok


def test_custom_regex_setting():
    pattern, template = idx.resolve_pattern(r"^HC-\d{4}-\d{3}$")
    assert idx.check_format("HC-2025-001", pattern)
    assert not idx.check_format("HC-2025-0001", pattern)


@pytest.mark.parametrize("number,year", [
    ("000014349/2019-00056", 2019), ("4303000047-2014-00002", 2014),
    ("11341702486344515H/202110-00013", 2021), ("whatever", None),
])
def test_index_year(number, year):
    assert idx.index_year(number) == year


def test_url_is_derived_from_index_number_only():
    assert idx.item_path("MB1C37512/2025-00001") == "gk/MB1C37512/2025-00001/index.html"
    assert idx.url_slug("4303000047-2014-00002") == "4303000047-2014-00002"
    assert idx.url_slug("../../etc/passwd") == "etc/passwd"           # no escaping the output dir
    assert idx.url_slug("HC 2025#1") == "HC_2025_1"


def test_next_index_no_takes_next_free_serial_for_that_year():
    existing = ["MB1C37512/2025-00001", "MB1C37512/2025-00007", "MB1C37512/2024-00099", "OTHER0000/2025-00050"]
    assert idx.next_index_no(existing, "MB1C37512", 2025) == "MB1C37512/2025-00008"
    assert idx.next_index_no(existing, "MB1C37512", 2026) == "MB1C37512/2026-00001"
    _, template = idx.resolve_pattern("year-month")
    assert idx.next_index_no([], "11341702486344515H", 2021, 10, template) == "11341702486344515H/202110-00001"
