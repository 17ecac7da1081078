"""办理情况 statistics per year, computed from the register (the 依申请公开 column's 统计 page).

Per year: cases received (new that year), cases answered that year, the working days from receipt
to reply (receipt day not counted; 补正 and consultation not deducted) as median and 90th
percentile (nearest rank), the share answered within 20 working days, the share answered within
the statutory deadline (with 补正, extension and consultation), late replies, and the outcomes by
group. Replies whose days cannot be counted (no calendar for the year) are left out of the
working-day figures and counted in ``uncounted``.
"""
from __future__ import annotations

import dataclasses
import math

from . import deadlines as D
from .schema import GROUPS


@dataclasses.dataclass
class YearStats:
    year: int
    received: int = 0
    answered: int = 0
    median: int | None = None
    p90: int | None = None
    within20: float | None = None       # share 0..1
    on_time: float | None = None        # share 0..1
    late: int = 0
    uncounted: int = 0
    outcomes: dict = dataclasses.field(default_factory=lambda: {g: 0 for g, _ in GROUPS})

    @property
    def within20_text(self) -> str:
        return share(self.within20)

    @property
    def on_time_text(self) -> str:
        return share(self.on_time)


def percentile(sorted_values: list, p: float):
    """Nearest-rank percentile of an ascending list (None when empty)."""
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def per_year(register, index, deadlines: dict, years: list[int]) -> list[YearStats]:
    """One :class:`YearStats` per year in ``years`` (ascending)."""
    out = {y: YearStats(y) for y in years}
    days: dict = {y: [] for y in years}
    timed: dict = {y: [0, 0] for y in years}        # [cases with a deadline, on time]
    for c in register.cases:
        ys = out.get(c.received.year)
        if ys is not None:
            ys.received += 1
        if c.replied is None or c.replied.year not in out:
            continue
        y = c.replied.year
        ys = out[y]
        ys.answered += 1
        ys.outcomes[c.outcome.group] += 1
        if index.uncovered(c.received, c.replied):
            ys.uncounted += 1
            continue
        days[y].append(index.between(c.received, c.replied))
        d = deadlines.get(c.no)
        if d is not None and d.state == D.OK:
            timed[y][0] += 1
            if c.replied <= d.due:
                timed[y][1] += 1
            else:
                ys.late += 1
    for y, ys in out.items():
        values = sorted(days[y])
        ys.median, ys.p90 = percentile(values, 50), percentile(values, 90)
        ys.within20 = sum(1 for v in values if v <= D.REPLY_DAYS) / len(values) if values else None
        ys.on_time = timed[y][1] / timed[y][0] if timed[y][0] else None
    return [out[y] for y in years]


def share(value) -> str:
    """0.9876 → '98.8%'; None → '—'."""
    return "—" if value is None else f"{value * 100:.1f}%"
