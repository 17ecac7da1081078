"""Pure grouping and pagination helpers of plugins/listings."""
import pytest

from plugins.listings.paging import counts, page_url, page_window, paginate


def test_counts_include_empty_keys_in_the_given_order():
    groups = {"b": [1, 2], "a": [3]}
    assert counts(groups, ["a", "b", "c"]) == [("a", 1), ("b", 2), ("c", 0)]


def test_first_page_keeps_the_listing_url_and_later_pages_are_numbered_directories():
    assert page_url("fdzdgknr/gz/", 1) == "fdzdgknr/gz/"
    assert page_url("fdzdgknr/gz/", 3) == "fdzdgknr/gz/3/"


@pytest.mark.parametrize("count,size,expected", [
    (0, 50, [(0, 0)]),
    (1, 50, [(0, 1)]),
    (50, 50, [(0, 50)]),
    (51, 50, [(0, 50), (50, 51)]),
    (5, 2, [(0, 2), (2, 4), (4, 5)]),
])
def test_paginate_slices(count, size, expected):
    pages = paginate("x/", count, size)
    assert [(p.start, p.end) for p in pages] == expected
    assert all(p.total == len(expected) for p in pages)
    assert [p.number for p in pages] == list(range(1, len(expected) + 1))


def test_pages_know_their_urls_files_and_neighbours():
    first, second, third = paginate("fdzdgknr/nf/2024/", 5, 2)
    assert first.save_as == "fdzdgknr/nf/2024/index.html"
    assert second.save_as == "fdzdgknr/nf/2024/2/index.html"
    assert first.prev_url is None and first.next_url == "fdzdgknr/nf/2024/2/"
    assert second.prev_url == "fdzdgknr/nf/2024/" and second.next_url == "fdzdgknr/nf/2024/3/"
    assert third.next_url is None
    assert third.url_of(1) == "fdzdgknr/nf/2024/"


def test_paginate_rejects_a_non_positive_page_size():
    with pytest.raises(ValueError):
        paginate("x/", 3, 0)


@pytest.mark.parametrize("current,total,expected", [
    (1, 1, [1]),
    (1, 3, [1, 2, 3]),
    (1, 10, [1, 2, 3, None, 10]),
    (5, 10, [1, None, 3, 4, 5, 6, 7, None, 10]),
    (10, 10, [1, None, 8, 9, 10]),
    (4, 10, [1, 2, 3, 4, 5, 6, None, 10]),
])
def test_page_window(current, total, expected):
    assert page_window(current, total) == expected
