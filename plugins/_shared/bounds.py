"""Sane ranges for numbers and dates editors and imports write (one rule for every reader).

A value outside these ranges is a typo or hostile input (``10^400`` in a report table, a 23-digit
year, ``nan``), never a real figure: each check returns a Chinese problem or None, for the
caller's ``path:line`` message.
"""
from __future__ import annotations

import datetime as dt
import math

YEAR_MIN, YEAR_MAX = 1900, 2100          # dates and years of documents, reports and calendars
MAX_COUNT = 1_000_000_000                # counts (applications, decisions, items): 10 亿
MAX_AMOUNT = 1_000_000_000_000           # amounts in 万元 (10^16 yuan)


def shown(value) -> str:
    """A number for a message: long ones shortened (a 400-digit figure must not fill the screen)."""
    text = str(getattr(value, "text", None) or value)
    return text if len(text) <= 24 else f"{text[:12]}…（共 {len(text)} 个字符）"


def check_year(value) -> str | None:
    """A four-digit year within :data:`YEAR_MIN`–:data:`YEAR_MAX`."""
    if isinstance(value, bool) or not isinstance(value, int):
        return f"年份应为四位数字，实际是 {shown(value)!s}"
    if not YEAR_MIN <= value <= YEAR_MAX:
        return f"年份 {shown(value)} 超出合理范围（{YEAR_MIN}—{YEAR_MAX}）"
    return None


def check_date(value: dt.date) -> str | None:
    """A date whose year is within :data:`YEAR_MIN`–:data:`YEAR_MAX`."""
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        return f"日期 {value.isoformat()} 超出合理范围（{YEAR_MIN}—{YEAR_MAX} 年）"
    return None


def check_count(value, signed: bool = False) -> str | None:
    """An integer count, at most :data:`MAX_COUNT` (and not negative unless ``signed``)."""
    if isinstance(value, bool) or not isinstance(value, int):
        return "应为整数"
    if not signed and value < 0:
        return f"数字 {shown(value)} 不能为负数"
    if abs(value) > MAX_COUNT:
        return f"数字 {shown(value)} 过大（不超过 {MAX_COUNT:,}）"
    return None


def check_amount(value) -> str | None:
    """A finite, non-negative amount (万元), at most :data:`MAX_AMOUNT`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "应为数字"
    if isinstance(value, float) and not math.isfinite(value):
        return "不是有限数值"
    if value < 0:
        return f"数字 {shown(value)} 不能为负数"
    if value > MAX_AMOUNT:
        return f"数字 {shown(value)} 过大（不超过 {MAX_AMOUNT:,}）"
    return None
