"""Reading one table row from YAML: a list in column order, a mapping, or a single number.

Every problem names the table, the row and the column in Chinese and points at the line of the
row (or of the column key when the editor wrote a mapping).
"""
from __future__ import annotations

import difflib
import math

from plugins._shared import bounds
from plugins._shared.diagnostics import Problems

from .formats import AMOUNT, INT, SIGNED

TABLE_LABELS = {"table2": "表二", "table3": "表三", "table4": "表四"}


def shown(value) -> str:
    """How a found value is quoted in a message: text in quotes, numbers as they are."""
    if value is None:
        return "空"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return bounds.shown(format_number(value))
    if isinstance(value, (list, dict)):
        return "列表" if isinstance(value, list) else "字段块"
    return repr(str(value))


def format_number(value) -> str:
    """12 → '12'; 12.5 → '12.5'; 12.0 → '12' (万元 amounts are printed without a trailing .0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def closest(word: str, choices: dict) -> str | None:
    """The id whose id or label is closest to ``word`` (``choices``: id → label), or None."""
    pool = {}
    for key, label in choices.items():
        pool[key] = key
        pool[label] = key
    match = difflib.get_close_matches(str(word), list(pool), n=1, cutoff=0.6)
    return pool[match[0]] if match else None


def valid_value(value, kind: str) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if kind == AMOUNT:
        return math.isfinite(value) and value >= 0
    if not isinstance(value, int):
        return False
    return kind == SIGNED or value >= 0


def range_problem(value, kind: str) -> str | None:
    """A valid value's magnitude problem (10^400 in a table is a typo, and breaks the charts), or None."""
    return bounds.check_amount(value) if kind == AMOUNT else bounds.check_count(value, signed=kind == SIGNED)


EXPECTED = {
    INT: ("应为非负整数", "填写 0 或正整数（没有发生的填 0）"),
    AMOUNT: ("应为非负数（单位：万元，可带小数）", "填写数字，如 12.35；不要带单位或千分位逗号"),
    SIGNED: ("应为整数（减少时写负数）", "填写整数，如 3 或 -2"),
}


class RowReader:
    """Parses row values of one table of one report file into ``{column_id: value}``."""

    def __init__(self, rel: str, table: str, problems: Problems):
        self.rel, self.table, self.problems = rel, table, problems
        self.label = TABLE_LABELS[table]
        self.cell_lines: dict = {}

    def error(self, line: int, message: str, fix: str = "") -> None:
        self.problems.add(self.rel, line, self.table, message, fix, self.label)

    def read(self, value, columns: tuple, row_name: str, row_key: str, line: int, optional: bool = False) -> dict:
        """Valid cells of one row; invalid or missing cells are reported and left out."""
        names = "、".join(c.label for c in columns)
        if value is None:
            if not optional:
                self.error(line, f"“{row_name}”行未填写", f"按列顺序填写 {len(columns)} 个数（{names}），没有的填 0")
            return {}
        if len(columns) == 1 and not isinstance(value, (list, dict)):
            value = [value]
        if isinstance(value, list):
            if len(value) != len(columns):
                self.error(line, f"“{row_name}”行应有 {len(columns)} 个数（{names}），实际有 {len(value)} 个",
                           "按列顺序补齐或删去多余的数，没有的填 0")
                return {}
            pairs = [(col, v, line) for col, v in zip(columns, value)]
        elif isinstance(value, dict):
            by_key = {c.id: c for c in columns} | {c.label: c for c in columns}
            pairs, seen = [], set()
            for key, v in value.items():
                col = by_key.get(key)
                key_line = value.line_of(key) if hasattr(value, "line_of") else line
                if col is None:
                    near = closest(key, {c.id: c.label for c in columns})
                    fix = f"改为 {near}（{by_key[near].label}）" if near else f"可用的列：{names}"
                    self.error(key_line, f"“{row_name}”行没有“{key}”列", fix)
                    continue
                seen.add(col.id)
                pairs.append((col, v, key_line))
            for col in columns:
                if col.id not in seen and not optional:
                    self.error(line, f"“{row_name}”行缺少“{col.label}”列（{col.id}）", f"添加 {col.id}: 0（没有的填 0）")
        else:
            self.error(line, f"“{row_name}”行应为 {len(columns)} 个数的列表，实际是{shown(value)}",
                       f"写成 {row_key}: [{', '.join('0' for _ in columns)}]")
            return {}
        cells = {}
        for col, v, cell_line in pairs:
            if v is None and optional:
                continue
            if v is None:
                self.error(cell_line, f"“{row_name}”行“{col.label}”列未填写", "没有发生的填 0")
                continue
            if not valid_value(v, col.kind):
                expected, fix = EXPECTED[col.kind]
                self.error(cell_line, f"“{row_name}”行“{col.label}”列{expected}，实际是 {shown(v)}", fix)
                continue
            too_big = range_problem(v, col.kind)
            if too_big:
                self.error(cell_line, f"“{row_name}”行“{col.label}”列的{too_big}", "核对这个数字，是否多写了几位")
                continue
            cells[col.id] = v
            self.cell_lines[(row_key, col.id)] = cell_line
        return cells
