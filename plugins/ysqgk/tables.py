"""Annual-report Tables 三 and 四 computed from the register (国办公开办函〔2021〕30号 and 〔2019〕60号).

For a report year Y (docs/ysqgk.md §年报表三、表四):

* 一、本年新收: cases received (Art. 31 date) in Y;
* 二、上年结转: cases received before Y and not answered before Y;
* 三、本年度办理结果: cases answered in Y, one row each by ``outcome``; （七）总计 their sum;
* 四、结转下年度继续办理: cases received by 31 December of Y and not answered by then.

So 一 + 二 = 三（七） + 四 in every column by construction (the check still runs).
Table 四 counts a 行政复议 or 行政诉讼 in the year it was filed, by its result as of 31 December of
that year (decided later, or not yet: 尚未审结); a lawsuit is 复议后起诉 when the case also has a
行政复议, otherwise 未经复议直接起诉.
"""
from __future__ import annotations

import datetime as dt

from . import schema as S

COLUMNS = tuple(S.APPLICANTS.values())
T4_KEYS = tuple(S.RESULTS.values())


def _zeros(keys) -> dict:
    return {k: 0 for k in keys}


def table3(cases, year: int, row_ids) -> dict:
    """``{row id: {column id: count}}`` for the rows of a format (``row_ids``, e.g. FORMAT_2021.t3_rows ids)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = {rid: _zeros(COLUMNS) for rid in row_ids}
    merge = S.OUTCOME_2019 if "other" in rows and "other_other" not in rows else {}
    for c in cases:
        if c.received > end or (c.replied is not None and c.replied < start):
            continue
        col = S.APPLICANTS[c.applicant]
        if c.received >= start:
            rows["new"][col] += 1
        else:
            rows["carried"][col] += 1
        if c.replied is not None and c.replied <= end:
            rid = merge.get(c.outcome.id, c.outcome.id)
            rows[rid][col] += 1
            rows["total"][col] += 1
        else:
            rows["carry_forward"][col] += 1
    for cells in rows.values():
        cells["total"] = sum(cells[k] for k in COLUMNS)
    return rows


def _result(result: str, decided, end: dt.date) -> str:
    if result == "尚未审结" or (decided is not None and decided > end):
        return "pending"
    return S.RESULTS[result]


def table4(cases, year: int) -> dict:
    """``{review|direct|after_review: {upheld, corrected, other, pending, total}}``."""
    end = dt.date(year, 12, 31)
    out = {gid: _zeros(T4_KEYS) for gid in ("review", "direct", "after_review")}
    for c in cases:
        if c.review_filed is not None and c.review_filed.year == year:
            out["review"][_result(c.review, c.review_decided, end)] += 1
        if c.suit_filed is not None and c.suit_filed.year == year:
            group = "after_review" if c.review_filed is not None else "direct"
            out[group][_result(c.suit, c.suit_decided, end)] += 1
    for cells in out.values():
        cells["total"] = sum(cells[k] for k in T4_KEYS)
    return out


def for_year(register, year: int, spec) -> tuple[dict, dict]:
    """(Table 三, Table 四) of ``year`` in the report format ``spec``."""
    return table3(register.cases, year, [r.id for r in spec.t3_rows]), table4(register.cases, year)
