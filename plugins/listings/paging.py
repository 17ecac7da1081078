"""Pure helpers for listing pages: stable pagination.

Page 1 of a listing lives at ``<path>index.html`` (URL ``<path>``), page n at
``<path><n>/index.html``: URLs never depend on the page size of another listing, and the
first page keeps the column's own URL.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence


@dataclasses.dataclass(frozen=True)
class Page:
    base: str        # directory URL of the listing (page 1), site-relative, ends in '/'
    number: int      # 1-based
    total: int       # number of pages
    start: int       # slice of the listing's items
    end: int

    @property
    def url(self) -> str:
        return page_url(self.base, self.number)

    @property
    def save_as(self) -> str:
        return self.url + "index.html"

    @property
    def prev_url(self) -> str | None:
        return page_url(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return page_url(self.base, self.number + 1) if self.number < self.total else None

    def url_of(self, number: int) -> str:
        return page_url(self.base, number)


def page_url(base: str, number: int) -> str:
    """URL of page ``number`` of the listing at ``base`` (a directory URL ending in '/')."""
    return base if number == 1 else f"{base}{number}/"


def paginate(base: str, count: int, size: int) -> list[Page]:
    """Pages of a listing of ``count`` items, ``size`` per page; an empty listing has one page."""
    if size < 1:
        raise ValueError(f"page size must be positive, got {size}")
    total = max(1, -(-count // size))
    return [Page(base, n, total, (n - 1) * size, min(n * size, count)) for n in range(1, total + 1)]


def page_window(current: int, total: int, radius: int = 2) -> list[int | None]:
    """Page numbers to show in a pager: first, last and ``radius`` around the current one; None = gap."""
    shown = sorted({1, total, *range(max(1, current - radius), min(total, current + radius) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out


def counts(groups: dict, order: Sequence) -> list[tuple]:
    """``(key, count)`` for every key of ``order`` (0 where a key has no items), in that order."""
    return [(key, len(groups.get(key, ()))) for key in order]
