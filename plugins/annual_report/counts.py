"""第二十条第（一）项 counted from the catalog: 本年制发件数, 本年废止件数, 现行有效件数.

The rules (also in docs/annual-report.md):

* Only items whose category has ``kind: regulation`` (规章) or ``kind: normative`` (行政规范性文件)
  in taxonomy.yml are counted, and only the items of the report's body (its 发布机构) when the report
  belongs to one (``content/reports/<body>/<year>.yml``, or the platform body's ``<year>.yml``).
* **本年制发件数**: items whose 发布日期 (``published``) falls in the report year.
* An item's **end of force** is the first day it no longer applies:
  - status 有效: none (the catalog's status is authoritative, as on the listing pages);
  - status 废止: ``repealed``; else the day after ``expires``;
  - status 失效: the day after ``expires``; else ``repealed``;
  - status 废止/失效 without either date: the 施行日期 (``validity.effective``) or else the 发布日期
    of the catalog item that supersedes it (``supersedes:``); if there is none, the end is
    *unknown*: the item is counted neither as repealed in any year nor as in force at the end
    of any year, and a warning asks for the date.
* **本年废止件数**: items whose end of force falls in the report year (废止 and 失效 alike).
* **现行有效件数**: items published by 31 December of the report year and still in force after it
  (no end of force, or an end of force after 31 December). The 施行日期 is not considered: a
  document published in December that takes effect on 1 January counts as 现行有效.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

KINDS = {"regulations": "regulation", "normative": "normative"}   # Table 二 row id → category kind
COLUMNS = ("issued", "repealed", "current")


@dataclasses.dataclass
class Article20Counts:
    """Counts for one report year; ``rows[row_id]`` is None when no category has that kind."""

    year: int
    rows: dict
    undated: list            # items that ended on an unknown date (for the warning)


def end_of_force(item) -> tuple[bool, dt.date | None]:
    """(ended, first day no longer in force or None if unknown) under the rules above."""
    validity = item.validity or {}
    status = validity.get("status", "有效")
    if status == "有效":
        return False, None
    repealed, expires = validity.get("repealed"), validity.get("expires")
    after_expiry = expires + dt.timedelta(days=1) if isinstance(expires, dt.date) else None
    repealed = repealed if isinstance(repealed, dt.date) else None
    end = (repealed or after_expiry) if status == "废止" else (after_expiry or repealed)
    if end is None:
        for new in getattr(item, "superseded_by", []) or []:
            effective = (new.validity or {}).get("effective")
            candidate = effective if isinstance(effective, dt.date) else new.published
            end = candidate if end is None else min(end, candidate)
    return True, end


def count_items(items, year: int) -> dict:
    """{issued, repealed, current} for these items in ``year``."""
    year_end = dt.date(year, 12, 31)
    issued = repealed = current = 0
    for item in items:
        if item.published.year == year:
            issued += 1
        ended, end = end_of_force(item)
        if ended and end is not None and end.year == year:
            repealed += 1
        if item.published <= year_end and (not ended or (end is not None and end > year_end)):
            current += 1
    return {"issued": issued, "repealed": repealed, "current": current}


def article20_1(catalog, year: int, publisher: str = "") -> Article20Counts:
    """The computed 第二十条第（一）项 figures of ``year`` (rows None when the taxonomy lacks the kind).

    ``publisher`` (a publisher key) counts only that body's items; "" counts the whole catalog.
    """
    rows, undated = {}, []
    categories = catalog.taxonomy.categories if catalog is not None else []
    for row, kind in KINDS.items():
        if not any(c.kind == kind for c in categories):
            rows[row] = None
            continue
        keys = {c.key for c in categories if c.kind == kind}
        items = [i for (cat, pub), group in catalog.groups.items()
                 if cat in keys and (not publisher or pub == publisher) for i in group]
        rows[row] = count_items(items, year)
        undated += [i for i in items if end_of_force(i) == (True, None) and i.published.year <= year]
    return Article20Counts(year, rows, sorted(undated, key=lambda i: i.source))
