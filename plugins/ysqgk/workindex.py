"""Constant-time working-day arithmetic over a :class:`plugins.workdays.Calendar`.

``Calendar.add_workdays`` walks day by day, which is fine for one form but not for 100,000 cases.
:class:`WorkdayIndex` numbers every working day of a span once (``rank``: working days up to and
including a date; ``nth``: the date of the k-th working day), so both questions the deadline rules
ask are two list look-ups. It agrees with ``Calendar.add_workdays`` / ``workdays_between`` exactly
(tests/unit/ysqgk/test_deadlines.py); outside the span it falls back to the calendar itself.
"""
from __future__ import annotations

import datetime as dt

MARGIN_DAYS = 400      # past the last date asked about: 40 working days fit many times over


class WorkdayIndex:
    def __init__(self, calendar, first: dt.date, last: dt.date):
        self.calendar = calendar
        self.lo = first.toordinal() - 1
        self.hi = last.toordinal() + MARGIN_DAYS
        rank, nth, count = [], [first - dt.timedelta(days=1)], 0
        is_workday = calendar.is_workday
        for n in range(self.lo, self.hi + 1):
            d = dt.date.fromordinal(n)
            if is_workday(d):
                count += 1
                nth.append(d)
            rank.append(count)
        self.rank, self.nth = rank, nth
        self.years = frozenset(calendar.years)

    @classmethod
    def around(cls, calendar, dates) -> WorkdayIndex:
        """An index covering every date in ``dates`` (plus the margin)."""
        dates = [d for d in dates if d is not None]
        if not dates:
            today = dt.date.today()
            return cls(calendar, today, today)
        return cls(calendar, min(dates), max(dates))

    def _inside(self, d: dt.date) -> bool:
        return self.lo <= d.toordinal() <= self.hi

    def add(self, start: dt.date, n: int) -> dt.date:
        """The Nth working day after ``start`` (``Calendar.add_workdays``)."""
        if n == 0:
            return start
        i = start.toordinal() - self.lo
        if 0 <= i < len(self.rank):
            k = self.rank[i] + n
            if k < len(self.nth):
                return self.nth[k]
        return self.calendar.add_workdays(start, n)

    def between(self, a: dt.date, b: dt.date) -> int:
        """Working days in (a, b] (``Calendar.workdays_between``)."""
        if self._inside(a) and self._inside(b):
            return self.rank[b.toordinal() - self.lo] - self.rank[a.toordinal() - self.lo]
        return self.calendar.workdays_between(a, b)

    def uncovered(self, a: dt.date, b: dt.date) -> tuple[int, ...]:
        """Years from a to b (inclusive) without a calendar file."""
        lo, hi = sorted((a.year, b.year))
        return tuple(y for y in range(lo, hi + 1) if y not in self.years)
