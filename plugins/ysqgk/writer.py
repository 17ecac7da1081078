"""Writing register rows: one canonical text per value, columns in :data:`schema.KEYS` order.

Used by ``make register`` (append a case), the 台账 import and the sample/bench generators, so every
file they touch reads back exactly (tests/unit/ysqgk/test_register.py round-trips it).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from . import schema as S


def cell(key: str, value) -> str:
    if value is None or value == "" or value is False:
        return ""
    if value is True:
        return "是"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, S.Outcome):
        return value.name
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.2f}".rstrip("0")
    return str(value)


def row_of(case) -> list[str]:
    """A :class:`~.register.Case` (or any object/dict with the column keys) as CSV cells."""
    get = case.get if isinstance(case, dict) else (lambda k, d=None: getattr(case, k, d))
    return [cell(k, get(k, None)) for k in S.KEYS]


def render(rows) -> str:
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(S.KEYS)
    for row in rows:
        out.writerow(row_of(row))
    return buf.getvalue()


def append(path: Path, case) -> None:
    """Add one case at the end of ``path`` (created with its header when missing)."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render([case]), encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    header = next(csv.reader(io.StringIO(text.split("\n", 1)[0])))
    buf = io.StringIO()
    values = dict(zip(S.KEYS, row_of(case)))
    csv.writer(buf, lineterminator="\n").writerow([values.get(h.strip(), "") for h in header])
    with path.open("a", encoding="utf-8") as fh:
        if not text.endswith("\n"):
            fh.write("\n")
        fh.write(buf.getvalue())
