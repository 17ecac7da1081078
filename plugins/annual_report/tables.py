"""Render models of Tables 二, 三 and 四: rows of cells with ids, ``headers``, spans and scopes.

The forms have spanning headers (申请人情况 over 法人或其他组织 over 商业企业; the vertical
三、本年度办理结果), so every data cell lists its headers explicitly (WCAG technique H43,
https://www.w3.org/WAI/WCAG21/Techniques/html/H43) — a screen reader then announces
“三、本年度办理结果 （三）不予公开 1.属于国家秘密 商业企业” for a cell, whatever its position.
The template ``components/report_table.html`` prints these models without any logic.
"""
from __future__ import annotations

import dataclasses

from .cells import format_number
from .formats import (
    APPLICANT_LABEL,
    CHECKSUM_NOTE,
    CONTENT_LABEL,
    LEGAL_PERSON_LABEL,
    LITIGATION_LABEL,
    RESULT_LABEL,
    REVIEW_LABEL,
    SECTION_LABELS,
    T3_COLUMNS,
    T3_LEGAL,
    T4_COLUMNS,
    T4_GROUPS,
)


@dataclasses.dataclass
class Cell:
    text: str
    header: bool = False
    scope: str = ""
    id: str = ""
    headers: str = ""
    colspan: int = 1
    rowspan: int = 1
    cls: str = ""
    note: str = ""          # small print after the value (第二十条第（一）项: the catalog count)


@dataclasses.dataclass
class Table:
    id: str
    caption: str
    kind: str
    head: list                      # [[Cell]]
    bodies: list                    # [[[Cell]]]: one list of rows per <tbody>
    footnote: str = ""


def th(text, id_, scope, colspan=1, rowspan=1, cls=""):
    return Cell(text, True, scope, id_, "", colspan, rowspan, cls)


def td(value, headers, colspan=1, cls="", note=""):
    text = "" if value is None else format_number(value)
    return Cell(text, False, "", "", " ".join(h for h in headers if h), colspan, 1, cls, note)


def table2(report, computed=None) -> Table:
    """Table 二: one <tbody> per 第二十条 block; a block header row, a column header row, the rows."""
    spec, p = report.spec, "t2"
    width = max(len(b.columns) for b in spec.blocks)
    bodies, footnote = [], ""
    for block in spec.blocks:
        bid = f"{p}-{block.id}"
        spans = [1] * len(block.columns)
        spans[-1] += width - len(block.columns)
        rows = [[th(block.label, bid, "rowgroup", colspan=width + 1, cls="gk-report-table__block")],
                [th(CONTENT_LABEL, f"{bid}-content", "col")]
                + [th(c.label, f"{bid}-{c.id}", "col", colspan=s) for c, s in zip(block.columns, spans)]]
        for row in block.rows:
            rid = f"{bid}-{row.id}"
            cells = [th(row.label, rid, "row")]
            typed = report.table2.get(row.id, {})
            counted = (computed.rows.get(row.id) if computed is not None and block.from_catalog else None) or {}
            for col, span in zip(block.columns, spans):
                heads = (bid, f"{bid}-{col.id}", rid)
                if col.id in typed and col.id in counted:
                    differs = typed[col.id] != counted[col.id]
                    cells.append(td(typed[col.id], heads, span, "gk-report-table__num--differs" if differs else "",
                                    f"目录统计：{counted[col.id]}"))
                elif col.id in counted:
                    cells.append(td(counted[col.id], heads, span, "gk-report-table__num--counted", "目录统计"))
                    footnote = ("注：标注“目录统计”的数字未单独填报，由本网站政府信息公开目录按发布日期和有效性"
                                "自动统计；同时填报的，两数并列显示。")
                else:
                    cells.append(td(typed.get(col.id), heads, span))
            rows.append(cells)
        bodies.append(rows)
    return Table(p, "表二　" + SECTION_LABELS["table2"][2:], "table2", [], bodies, footnote)


REGISTER_NOTE = ("注：{tables}由本机关政府信息公开申请登记簿按收到日期、答复日期和办理结果自动统计{how}。")


def _register_cell(cell: Cell, registered, table: str, row: str, col: str) -> Cell:
    """Mark a cell filled from, or differing from, the 依申请公开 register (plugins/annual_report/registered.py)."""
    if registered is None:
        return cell
    if (table, row, col) in registered.differs:
        cell.cls, cell.note = "gk-report-table__num--differs", f"登记簿统计：{registered.value(table, row, col)}"
    elif (table, row, col) in registered.filled:
        cell.cls = "gk-report-table__num--counted"
    return cell


def register_footnote(registered, table: str) -> str:
    if registered is None:
        return ""
    cells = {(t, r, c) for t, r, c in registered.filled | registered.differs if t == table}
    name = "表三" if table == "table3" else "表四"
    if not cells:
        return REGISTER_NOTE.format(tables=name, how="，与填报数一致")
    how = "；同时填报且不一致的，两数并列显示" if registered.differs & cells else ""
    return REGISTER_NOTE.format(tables=name, how=how)


def table3(report, registered=None) -> Table:
    """Table 三: 勾稽 note in the corner, 申请人情况 › 法人或其他组织 › five columns, the vertical result group."""
    spec, p = report.spec, "t3"
    app, legal = f"{p}-applicant", f"{p}-legal"
    col_heads = {c.id: (app, legal if c.id in T3_LEGAL else "", f"{p}-c-{c.id}") for c in T3_COLUMNS}
    by_id = {c.id: c for c in T3_COLUMNS}
    head = [
        [Cell(CHECKSUM_NOTE, colspan=3, rowspan=3, cls="gk-report-table__note"),
         th(APPLICANT_LABEL, app, "colgroup", colspan=7)],
        [th(by_id["natural"].label, f"{p}-c-natural", "col", rowspan=2),
         th(LEGAL_PERSON_LABEL, legal, "colgroup", colspan=5),
         th(by_id["total"].label, f"{p}-c-total", "col", rowspan=2)],
        [th(by_id[c].label, f"{p}-c-{c}", "col") for c in T3_LEGAL],
    ]
    result_rows = [r for r in spec.t3_rows if r.result]
    group_size = {g: sum(1 for r in spec.t3_rows if r.group == g) for g in spec.t3_groups}
    before, results, after = [], [], []
    seen_groups = set()
    for row in spec.t3_rows:
        rid = f"{p}-r-{row.id}"
        cells, heads = [], []
        if row.result:
            heads.append(f"{p}-r-result")
            if row is result_rows[0]:
                cells.append(th(RESULT_LABEL, f"{p}-r-result", "rowgroup", rowspan=len(result_rows),
                                cls="gk-report-table__vertical"))
            if row.group:
                gid = f"{p}-g-{row.group}"
                heads.append(gid)
                if row.group not in seen_groups:
                    seen_groups.add(row.group)
                    cells.append(th(spec.t3_groups[row.group], gid, "rowgroup", rowspan=group_size[row.group]))
                cells.append(th(row.label, rid, "row"))
            else:
                cells.append(th(row.label, rid, "row", colspan=2))
        else:
            cells.append(th(row.label, rid, "row", colspan=3))
        heads.append(rid)
        values = report.table3.get(row.id, {})
        cells += [_register_cell(td(values.get(c.id), (*col_heads[c.id], *heads)), registered, "table3", row.id, c.id)
                  for c in T3_COLUMNS]
        (results if row.result else after if results else before).append(cells)
    return Table(p, "表三　" + SECTION_LABELS["table3"][2:], "table3", head, [before, results, after],
                 register_footnote(registered, "table3"))


def table4(report, registered=None) -> Table:
    """Table 四: 行政复议 (5) | 行政诉讼 › 未经复议直接起诉 (5) · 复议后起诉 (5); one data row."""
    p = "t4"
    review, lit = f"{p}-review", f"{p}-litigation"
    head = [
        [th(REVIEW_LABEL, review, "colgroup", colspan=5), th(LITIGATION_LABEL, lit, "colgroup", colspan=10)],
        [th(c.label, f"{review}-{c.id}", "col", rowspan=2) for c in T4_COLUMNS]
        + [th(cells[-1], f"{p}-{gid}", "colgroup", colspan=5) for gid, _n, cells in T4_GROUPS[1:]],
        [th(c.label, f"{p}-{gid}-{c.id}", "col") for gid, _n, _c in T4_GROUPS[1:] for c in T4_COLUMNS],
    ]
    row = []
    for gid, _name, _cells in T4_GROUPS:
        values = report.table4.get(gid, {})
        for c in T4_COLUMNS:
            heads = (review, f"{review}-{c.id}") if gid == "review" else (lit, f"{p}-{gid}", f"{p}-{gid}-{c.id}")
            row.append(_register_cell(td(values.get(c.id), heads), registered, "table4", gid, c.id))
    return Table(p, "表四　" + SECTION_LABELS["table4"][2:], "table4", head, [[row]], register_footnote(registered, "table4"))


def build_tables(report, computed=None, registered=None) -> list[Table]:
    """The three tables of a structured report, in order (empty for the free format)."""
    if report.spec is None:
        return []
    return [table2(report, computed), table3(report, registered), table4(report, registered)]
