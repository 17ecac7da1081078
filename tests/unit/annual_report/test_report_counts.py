"""第二十条第（一）项 from the catalog: the documented counting rules (plugins/annual_report/counts.py)."""
import datetime as dt

from plugins.annual_report.counts import article20_1, count_items, end_of_force
from tests.unit.annual_report import fakes

D = dt.date


def test_sample_catalog_counts_per_year():
    cat = fakes.sample()
    assert article20_1(cat, 2024).rows == {"regulations": {"issued": 1, "repealed": 0, "current": 2},
                                           "normative": {"issued": 2, "repealed": 0, "current": 3}}
    # item 3 lapsed after 2024-12-31 and item 5 was repealed on 2025-07-01: both count in 2025
    assert article20_1(cat, 2025).rows["normative"] == {"issued": 0, "repealed": 2, "current": 1}
    assert article20_1(cat, 2023).rows["normative"] == {"issued": 1, "repealed": 0, "current": 1}


def test_other_categories_are_not_counted():
    cat = fakes.catalog([fakes.item(1, fakes.OTHER, "2024-01-01")])
    assert article20_1(cat, 2024).rows["regulations"] == {"issued": 0, "repealed": 0, "current": 0}


def test_missing_kind_gives_none():
    cat = fakes.catalog([], categories=(fakes.NORM,))
    assert article20_1(cat, 2024).rows["regulations"] is None
    assert article20_1(None, 2024).rows == {"regulations": None, "normative": None}


class TestEndOfForce:
    def test_in_force_status_is_authoritative_even_with_a_past_expiry(self):
        item = fakes.item(1, fakes.NORM, "2020-01-01", {"status": "有效", "expires": D(2021, 1, 1)})
        assert end_of_force(item) == (False, None)
        assert count_items([item], 2024) == {"issued": 0, "repealed": 0, "current": 1}

    def test_repealed_uses_the_repeal_date(self):
        item = fakes.item(1, fakes.NORM, "2020-01-01",
                          {"status": "废止", "repealed": D(2024, 3, 1), "expires": D(2026, 1, 1)})
        assert end_of_force(item) == (True, D(2024, 3, 1))

    def test_lapsed_ends_the_day_after_expiry(self):
        item = fakes.item(1, fakes.NORM, "2020-01-01", {"status": "失效", "expires": D(2024, 12, 31)})
        assert end_of_force(item) == (True, D(2025, 1, 1))
        assert count_items([item], 2024)["current"] == 1
        assert count_items([item], 2025) == {"issued": 0, "repealed": 1, "current": 0}

    def test_repealed_without_date_takes_the_successors_effective_date(self):
        new = fakes.item(2, fakes.NORM, "2024-11-20", {"status": "有效", "effective": D(2025, 1, 1)},
                         supersedes=["MB1C37504/2020-00001"])
        old = fakes.item(1, fakes.NORM, "2020-01-01", {"status": "废止"})
        fakes.catalog([old, new])
        assert end_of_force(old) == (True, D(2025, 1, 1))

    def test_repealed_without_date_falls_back_to_the_successors_publication(self):
        new = fakes.item(2, fakes.NORM, "2024-11-20", supersedes=["MB1C37504/2020-00001"])
        old = fakes.item(1, fakes.NORM, "2020-01-01", {"status": "失效"})
        fakes.catalog([old, new])
        assert end_of_force(old) == (True, D(2024, 11, 20))

    def test_repealed_without_any_date_is_unknown_and_never_current(self):
        old = fakes.item(1, fakes.REG, "2020-01-01", {"status": "废止"})
        cat = fakes.catalog([old])
        assert end_of_force(old) == (True, None)
        for year in (2020, 2024):
            assert article20_1(cat, year).rows["regulations"] == {"issued": int(year == 2020), "repealed": 0, "current": 0}
        assert [i.index_no for i in article20_1(cat, 2024).undated] == [old.index_no]
        assert article20_1(cat, 2019).undated == []   # not yet published in 2019

    def test_published_in_december_effective_in_january_counts_as_current(self):
        item = fakes.item(1, fakes.NORM, "2024-12-20", {"status": "有效", "effective": D(2025, 1, 1)})
        assert count_items([item], 2024) == {"issued": 1, "repealed": 0, "current": 1}
