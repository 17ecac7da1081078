"""Tables 三 and 四 from the 依申请公开 register (plugins/ysqgk): fill in and compare, cell by cell.

For a year the register is complete for, every cell the report leaves out is taken from the
register; every cell the report types is compared with it, and each difference is an error naming
the report's file and line, the table, the row and the column — the published statutory figures
must agree with the cases (typed figures that differ are kept, so the page shows what was typed,
with the register's figure beside it). The usual sums (勾稽关系) are checked afterwards on the
merged tables, so they hold for computed figures too.
"""
from __future__ import annotations

import dataclasses

from plugins._shared.diagnostics import Problems

from .cells import TABLE_LABELS, format_number
from .formats import T3_COLUMNS, T4_COLUMNS, T4_GROUPS


@dataclasses.dataclass
class Registered:
    """The register's figures of one year and which cells were filled from them."""

    table3: dict
    table4: dict
    filled: set = dataclasses.field(default_factory=set)       # (table, row, column)
    differs: set = dataclasses.field(default_factory=set)      # (table, row, column)

    def value(self, table: str, row: str, col: str):
        return (self.table3 if table == "table3" else self.table4).get(row, {}).get(col)


def merge(report, table3: dict, table4: dict, problems: Problems) -> Registered:
    """Fill ``report.table3/4`` from the register and report every typed cell that differs."""
    reg = Registered(table3, table4)
    spec = report.spec
    t4_names = {gid: name for gid, name, _ in T4_GROUPS}
    plans = (("table3", table3, [(r.id, spec.t3_label(r)) for r in spec.t3_rows], T3_COLUMNS),
             ("table4", table4, [(gid, t4_names[gid]) for gid, _n, _c in T4_GROUPS], T4_COLUMNS))
    for key, computed, rows, columns in plans:
        typed = getattr(report, key)
        for rid, row_name in rows:
            cells = typed.setdefault(rid, {})
            for col in columns:
                value = computed.get(rid, {}).get(col.id)
                if value is None:
                    continue
                if col.id not in cells:
                    cells[col.id] = value
                    reg.filled.add((key, rid, col.id))
                elif cells[col.id] != value:
                    reg.differs.add((key, rid, col.id))
                    problems.add(report.path, report.line_of(key, rid, col.id), key,
                                 f"“{row_name}”行“{col.label}”列填报为 {format_number(cells[col.id])}，"
                                 f"但依申请公开登记簿统计为 {value}",
                                 f"核对 content/requests/ 中 {report.year} 年相关申请的登记（收到日期、答复日期、办理结果、"
                                 "申请人类型、复议和诉讼），或改正年报数字；不填这张表则直接采用登记簿统计",
                                 TABLE_LABELS[key])
    return reg
