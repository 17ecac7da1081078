"""The annual-report checks: sums that real published reports get wrong, and the catalog counts.

``check_reports(pelican_settings, catalog, problems)`` is what ``gongkai check`` calls; the
Pelican generator calls :func:`load_and_check` and logs the same problems, so the build fails
on the same errors. Each check takes a loaded :class:`~.load.Report` and adds problems whose
message names the file and line, the table, the row and the column.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from plugins._shared.diagnostics import Problems, relpath

from . import counts as counts_mod
from .cells import TABLE_LABELS
from .formats import FORMAT_NAMES, FREE, T3_COLUMNS, T3_RESULT_TOTAL, T4_COLUMNS, T4_GROUPS
from .load import KEYS, Report, load_reports
from .registered import merge

DEFAULTS = {
    "ANNUAL_REPORT_PATH": "reports",        # folder of <year>.yml; relative to the content folder (PATH)
    "ANNUAL_REPORT_URL": "ndbg/",           # the 政府信息公开年报 column
    "ANNUAL_REPORT_PUBLISHER": "",          # 发布机构 of platform reports when no platform body is configured; "" = AGENCY["name"]
    "ANNUAL_REPORT_DEADLINE": "03-31",      # 条例第四十九条, when no platform body is configured (a body's follows its type)
}
FORMAT_FROM = 2021       # 国办公开办函〔2021〕30号 is the format of the reports on 2021 and later


def setting(settings: dict, name: str):
    value = settings.get(name)
    return DEFAULTS[name] if value is None else value


def report_url(settings: dict, report: Report) -> str:
    """``ndbg/<year>/`` for a platform report, ``ndbg/<body>/<year>/`` for a body's."""
    root = setting(settings, "ANNUAL_REPORT_URL").strip("/") + "/"
    return f"{root}{report.year}/" if report.platform else f"{root}{report.owner}/{report.year}/"


def _add(problems: Problems, report: Report, table: str, row: str, col: str, message: str, fix: str,
         warn: bool = False) -> None:
    line = report.line_of(table, row, col)
    (problems.warn if warn else problems.add)(report.path, line, table, message, fix, TABLE_LABELS[table])


def check_row_totals(report: Report, problems: Problems) -> None:
    """Table 三: in every row, 总计 = 自然人 + the five 法人或其他组织 columns."""
    spec = report.spec
    parts = [c for c in T3_COLUMNS if c.id != "total"]
    for row in spec.t3_rows:
        cells = report.table3.get(row.id, {})
        if "total" not in cells or any(c.id not in cells for c in parts):
            continue
        expected = sum(cells[c.id] for c in parts)
        if cells["total"] != expected:
            _add(problems, report, "table3", row.id, "total",
                 f"“{spec.t3_label(row)}”行“总计”列为 {cells['total']}，但各列之和为 {expected}",
                 "核对各列数字或总计")


def check_results_total(report: Report, problems: Problems) -> None:
    """Table 三: （七）总计 = sum of （一）…（六） including every sub-row, column by column."""
    spec = report.spec
    total_row = spec.t3_by_id[T3_RESULT_TOTAL]
    members = [r for r in spec.t3_rows if r.result and r.id != T3_RESULT_TOTAL]
    totals = report.table3.get(T3_RESULT_TOTAL, {})
    for col in T3_COLUMNS:
        values = [report.table3.get(r.id, {}).get(col.id) for r in members]
        if col.id not in totals or any(v is None for v in values):
            continue
        if totals[col.id] != sum(values):
            _add(problems, report, "table3", T3_RESULT_TOTAL, col.id,
                 f"“{spec.t3_label(total_row)}”行“{col.label}”列为 {totals[col.id]}，但（一）至（六）之和为 {sum(values)}",
                 "核对各行数字")


def check_balance(report: Report, problems: Problems) -> None:
    """Table 三 (the 勾稽 note): per column 一 + 二 = 三（七）总计 + 四."""
    t = report.table3
    for col in T3_COLUMNS:
        new, carried = t.get("new", {}).get(col.id), t.get("carried", {}).get(col.id)
        total, forward = t.get(T3_RESULT_TOTAL, {}).get(col.id), t.get("carry_forward", {}).get(col.id)
        if None in (new, carried, total, forward):
            continue
        if new + carried != total + forward:
            _add(problems, report, "table3", "carry_forward", col.id,
                 f"“{col.label}”列不平衡：一（{new}）加二（{carried}）为 {new + carried}，"
                 f"但三（七）总计（{total}）加四（{forward}）为 {total + forward}",
                 "按勾稽关系“第一项加第二项之和，等于第三项加第四项之和”核对这一列")


def check_table4(report: Report, problems: Problems) -> None:
    """Table 四: each 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    parts = [c for c in T4_COLUMNS if c.id != "total"]
    names = "、".join(c.label for c in parts)
    for gid, name, _head in T4_GROUPS:
        cells = report.table4.get(gid, {})
        if "total" not in cells or any(c.id not in cells for c in parts):
            continue
        expected = sum(cells[c.id] for c in parts)
        if cells["total"] != expected:
            _add(problems, report, "table4", gid, "total",
                 f"“{name}”的“总计”为 {cells['total']}，但{names}之和为 {expected}", "核对各列数字或总计")


def check_catalog_counts(report: Report, computed: counts_mod.Article20Counts, problems: Problems) -> None:
    """2021 第二十条第（一）项: a typed figure that differs from the catalog is a warning; none at all is an error."""
    spec = report.spec
    block = next(b for b in spec.blocks if b.from_catalog)
    for row in block.rows:
        typed = report.table2.get(row.id, {})
        counted = computed.rows.get(row.id)
        for col in block.columns:
            name = f"“{spec.t2_label(block, row)}”行“{col.label}”列"
            if counted is None:
                if col.id not in typed:
                    kind = counts_mod.KINDS[row.id]
                    _add(problems, report, "table2", row.id, col.id,
                         f"{name}未填写，目录中也没有 kind: {kind} 的信息类别，无法统计",
                         f"填写这一数字，或在 catalog/taxonomy.yml 中给相应类别加上 kind: {kind}")
                continue
            if col.id in typed and typed[col.id] != counted[col.id]:
                _add(problems, report, "table2", row.id, col.id,
                     f"{name}填报为 {typed[col.id]}，但目录统计为 {counted[col.id]}",
                     f"核对目录中{report.year}年的{row.label}（发布日期、有效性及废止日期），或修改填报数", warn=True)


def check_carry_over(reports: list[Report], problems: Problems) -> None:
    """二、上年结转 of year N should equal 四、结转下年度继续办理 of year N−1 (a warning: formats change)."""
    by_year = {(r.owner, r.year): r for r in reports if r.spec is not None}
    for (body, year), report in sorted(by_year.items()):
        prev = by_year.get((body, year - 1))
        if prev is None:
            continue
        for col in T3_COLUMNS:
            now, before = report.table3.get("carried", {}).get(col.id), prev.table3.get("carry_forward", {}).get(col.id)
            if now is not None and before is not None and now != before:
                _add(problems, report, "table3", "carried", col.id,
                     f"“二、上年结转政府信息公开申请数量”行“{col.label}”列为 {now}，"
                     f"但 {prev.path} 的“四、结转下年度继续办理”为 {before}",
                     "两年的数字应当衔接，核对其中一份年报", warn=True)


def check_format_year(report: Report, problems: Problems) -> None:
    """The format a year requires: 2021 from the 2021 reports on (error); the trial format for 2019–2020 and
    free text before 2019 (warnings: older reports are kept as they were published)."""
    line = report.lines.get("format", 1)
    used = FORMAT_NAMES[report.format]
    if report.year >= FORMAT_FROM and report.format != "2021":
        problems.add(report.path, line, "format", f"{report.year}年度的年报应使用{FORMAT_NAMES['2021']}规定的格式，实际是{used}",
                     "改为 format: 2021，并按该格式填写表二、表三、表四和五个方面的总体情况（见 docs/annual-report.md）",
                     KEYS["format"])
    elif report.year in (2019, 2020) and report.format == "2021":
        problems.warn(report.path, line, "format", f"2019、2020年度的年报使用{FORMAT_NAMES['2019']}规定的试行格式，实际是{used}",
                      "按原报告的格式填写 format: 2019", KEYS["format"])
    elif report.year < 2019 and report.format != FREE:
        problems.warn(report.path, line, "format", f"2019年以前的年报没有统一表格，实际写的是{used}",
                      "按原文照录：format: free，全文写在 body 中", KEYS["format"])


def check_missing_years(reports: list[Report], body_list: list, platform_key: str, today: dt.date,
                        taxonomy_rel: str, reports_rel: str, problems: Problems) -> None:
    """条例第四十九条: every body publishes a report each year. Each year from its first (``report_since``, else
    its earliest report, else the last completed year) to the last completed year whose statutory date has
    passed, without a report, is an error on the body's line of taxonomy.yml."""
    from plugins.bodies import model

    years: dict = {}
    for report in reports:
        years.setdefault(report.owner, set()).add(report.year)
    last = today.year - 1
    for body in body_list:
        have = years.get(body.key, set())
        first = body.report_since or (min(have) if have else last)
        for year in range(first, last + 1):
            due = model.deadline(body, year)
            if year in have or today <= due:
                continue
            where = f"{reports_rel}/{year}.yml" if body.key == platform_key else f"{reports_rel}/{body.key}/{year}.yml"
            problems.add(taxonomy_rel, body.line, "report_since",
                         f"{body.name}没有{year}年度政府信息公开工作年度报告（应于 {due} 前公布，条例第四十九条）",
                         f"添加 {where}；本平台只收录某一年度以后的年报的，在这一机关的一行写 report_since: <起始年度>",
                         "年报")


def check_deadline(report: Report, deadline: str, problems: Problems) -> None:
    """条例第四十九条: the report is due by a fixed day of the next year (a warning)."""
    if report.published is None or not deadline:
        return
    try:
        month, day = (int(x) for x in str(deadline).split("-"))
        due = dt.date(report.year + 1, month, day)
    except ValueError:
        problems.add("pelicanconf.py", 0, "ANNUAL_REPORT_DEADLINE", f"应为“月-日”，如 03-31，实际是 {deadline!r}",
                     "政府写 03-31，部门写 01-31")
        return
    if report.published > due:
        problems.warn(report.path, report.lines.get("published", 1), "published",
                      f"发布日期 {report.published} 晚于法定期限 {due}（条例第四十九条）",
                      "按实际发布日期填写；如确属逾期，请在“六、其他需要报告的事项”中说明", "发布日期")


def check_report(report: Report, problems: Problems, catalog=None, publisher: str = "") -> counts_mod.Article20Counts | None:
    """Every single-report check; returns the catalog counts used (2021 format) for rendering.

    ``publisher``: count 第二十条第（一）项 from this body's items only ("" = the whole catalog)."""
    if report.spec is None:
        return None
    check_row_totals(report, problems)
    check_results_total(report, problems)
    check_balance(report, problems)
    check_table4(report, problems)
    if any(b.from_catalog for b in report.spec.blocks):
        computed = counts_mod.article20_1(catalog, report.year, publisher)
        check_catalog_counts(report, computed, problems)
        return computed
    return None


def reports_dir(settings: dict) -> Path:
    path = Path(setting(settings, "ANNUAL_REPORT_PATH"))
    return path if path.is_absolute() else Path(settings.get("PATH", "content")) / path


def registered_tables(settings: dict, reports: list[Report], problems: Problems) -> dict:
    """Tables 三/四 from the 依申请公开 register merged into each platform report it covers: {year: Registered}."""
    from plugins.ysqgk import api

    by_year = {r.year: r for r in reports if r.spec is not None and r.platform}
    tables = api.computed_tables(settings, lambda year: by_year[year].spec if year in by_year else None)
    return {year: merge(by_year[year], t3, t4, problems) for year, (t3, t4) in tables.items()}


def load_and_check(settings: dict, catalog, problems: Problems, registered: dict | None = None) -> tuple[list[Report], dict]:
    """Load every report, run every check; return (reports newest first, {(body, year): catalog counts}).

    ``registered`` (optional) receives {year: Registered} for the platform reports of the years the
    依申请公开 register covers (the register is the platform's: ``content/requests/``).
    """
    from plugins.bodies import model
    from plugins.catalog.load import TAXONOMY_FILE, Settings
    from plugins.ysqgk import api

    root = Path(settings.get("GONGKAI_ROOT") or Path(settings.get("PATH", ".")).parent)
    taxonomy = catalog.taxonomy if catalog is not None else None
    body_list = model.bodies(taxonomy)
    platform = model.platform_body(settings, taxonomy)
    platform_key = platform.key if platform is not None else ""
    folder = reports_dir(settings)
    reports = load_reports(folder, root, problems, api.registered_years(settings),
                           {b.key: b.name for b in body_list}, platform_key)
    merged = registered_tables(settings, reports, problems)
    if registered is not None:
        registered.update(merged)
    by_key = {b.key: b for b in body_list}
    computed, undated = {}, {}
    for report in reports:
        body = by_key.get(report.owner)
        check_format_year(report, problems)
        check_deadline(report, model.deadline_text(body) if body else setting(settings, "ANNUAL_REPORT_DEADLINE"), problems)
        result = check_report(report, problems, catalog, report.owner)
        if result is not None:
            computed[(report.owner, report.year)] = result
            undated.update({i.source: i for i in result.undated})
    check_carry_over(reports, problems)
    if body_list:
        tax_rel = relpath(Settings.from_pelican(settings).catalog_dir / TAXONOMY_FILE, root)
        check_missing_years(reports, body_list, platform_key, api.today(settings), tax_rel, relpath(folder, root), problems)
    for item in undated.values():
        problems.warn(item.source, item.lines.get("validity", item.line), "validity",
                      f"状态为“{item.status}”但没有废止或失效日期，年报统计第二十条第（一）项时无法计入任何年份的“本年废止件数”",
                      "在 validity 中补写 repealed: YYYY-MM-DD（废止）或 expires: YYYY-MM-DD（失效）", "有效性")
    return reports, computed


def check_reports(pelican_settings: dict, catalog, problems: Problems) -> None:
    """Entry point for ``gongkai check`` (see gongkai/commands/check.py)."""
    load_and_check(pelican_settings, catalog, problems)


__all__ = ["DEFAULTS", "check_reports", "load_and_check", "check_report"]
