"""Each year's numbers as CSV (UTF-8 with BOM, opens in Excel/WPS) and JSON; the series across years."""
from __future__ import annotations

import csv
import io
import json

from .cells import format_number
from .formats import FORMAT_NAMES, SERIES, T3_COLUMNS, T4_COLUMNS, T4_GROUPS

CSV_HEADER = ("表格", "行", "列", "数值", "目录统计")


def cell_rows(report, computed=None) -> list[dict]:
    """One record per table cell: table, row id/label, column id/label, value, catalog count."""
    spec = report.spec
    if spec is None:
        return []
    out = []
    for block in spec.blocks:
        for row in block.rows:
            typed = report.table2.get(row.id, {})
            counted = (computed.rows.get(row.id) if computed is not None and block.from_catalog else None) or {}
            for col in block.columns:
                value = typed.get(col.id, counted.get(col.id))
                out.append({"table": "table2", "table_label": "表二", "row_id": row.id,
                            "row": spec.t2_label(block, row), "column_id": col.id, "column": col.label,
                            "value": value, "catalog": counted.get(col.id)})
    for row in spec.t3_rows:
        for col in T3_COLUMNS:
            out.append({"table": "table3", "table_label": "表三", "row_id": row.id, "row": spec.t3_label(row),
                        "column_id": col.id, "column": col.label,
                        "value": report.table3.get(row.id, {}).get(col.id), "catalog": None})
    for gid, name, _cells in T4_GROUPS:
        for col in T4_COLUMNS:
            out.append({"table": "table4", "table_label": "表四", "row_id": gid, "row": name,
                        "column_id": col.id, "column": col.label,
                        "value": report.table4.get(gid, {}).get(col.id), "catalog": None})
    return out


def _num(value) -> str:
    return "" if value is None else format_number(value)


def to_csv(report, computed=None) -> bytes:
    """Long format, one line per cell; BOM so that spreadsheet programs read it as UTF-8."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for rec in cell_rows(report, computed):
        writer.writerow((rec["table_label"], rec["row"], rec["column"], _num(rec["value"]), _num(rec["catalog"])))
    if report.spec is None:
        for sid, label in SERIES:
            if sid in report.figures:
                writer.writerow(("主要数字", label, "", report.figures[sid], ""))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def series(report, computed=None) -> dict:
    """The main figures of one year: {series id: value or None}."""
    if report.spec is None:
        return {sid: report.figures.get(sid) for sid, _ in SERIES}
    t3, t4 = report.table3, report.table4

    def total(table, key):
        return table.get(key, {}).get("total")

    direct, after = total(t4, "direct"), total(t4, "after_review")
    return {
        "received": total(t3, "new"),
        "disclosed": total(t3, "disclosed"),
        "partial": total(t3, "partial"),
        "review": total(t4, "review"),
        "litigation": None if direct is None or after is None else direct + after,
    }


def to_dict(report, computed=None, url: str = "") -> dict:
    """Everything a machine reader needs about one year."""
    tables: dict = {}
    for rec in cell_rows(report, computed):
        rows = tables.setdefault(rec["table"], {})
        entry = rows.setdefault(rec["row_id"], {"label": rec["row"], "values": {}})
        entry["values"][rec["column_id"]] = rec["value"]
        if rec["catalog"] is not None:
            entry.setdefault("catalog", {})[rec["column_id"]] = rec["catalog"]
    return {
        "year": report.year,
        "title": report.title,
        "published": report.published.isoformat() if report.published else None,
        "format": report.format,
        "format_name": FORMAT_NAMES[report.format],
        "url": url,
        "columns": {
            "table3": {c.id: c.label for c in T3_COLUMNS},
            "table4": {c.id: c.label for c in T4_COLUMNS},
        } if report.spec else {},
        "tables": tables,
        "series": series(report, computed),
    }


def to_json(report, computed=None, url: str = "") -> bytes:
    return (json.dumps(to_dict(report, computed, url), ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()


def series_table(reports) -> tuple[list[int], dict]:
    """(years oldest first that have any figure, {series id: {year: value}}) for the chart and series.csv."""
    values = {sid: {} for sid, _ in SERIES}
    years = []
    for report in sorted(reports, key=lambda r: r.year):
        figures = series(report)
        if all(v is None for v in figures.values()):
            continue
        years.append(report.year)
        for sid, value in figures.items():
            values[sid][report.year] = value
    return years, values


def series_csv(reports) -> bytes:
    years, values = series_table(reports)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["年度"] + [label for _, label in SERIES])
    for year in years:
        writer.writerow([year] + [_num(values[sid][year]) for sid, _ in SERIES])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
