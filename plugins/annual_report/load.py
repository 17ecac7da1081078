"""Read ``content/reports/<year>.yml`` into :class:`Report` objects, reporting shape problems.

Only the shape is checked here (keys, rows, columns, value types); the sums are in :mod:`.check`.
Rows and columns may be written by id (``refused_law``) or by the printed label.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import yaml

from plugins._shared import bounds, safeio, yamlpos
from plugins._shared.diagnostics import Problems, relpath
from plugins.catalog.render import NESTING_FIX, nesting_problem

from .cells import RowReader, closest, shown
from .formats import FORMAT_NAMES, FORMATS, FREE, OVERVIEW_PARTS, SERIES, T3_COLUMNS, T4_COLUMNS, T4_GROUPS, Format

KEYS = {   # top-level key → Chinese label (messages, editor guide)
    "format": "格式", "year": "年度", "title": "标题", "published": "发布日期", "publisher": "发布机构",
    "intro": "引言", "overview": "一、总体情况", "table2": "表二", "table3": "表三", "table4": "表四",
    "problems": "五、存在的主要问题及改进情况", "other": "六、其他需要报告的事项",
    "body": "正文", "figures": "主要数字",
}
STRUCTURED = ("overview", "table2", "table3", "table4", "problems", "other")
FILE_RE = re.compile(r"^(\d{4})\.ya?ml$")


@dataclasses.dataclass
class Report:
    path: str                  # repo-relative, for messages
    year: int
    format: str                # "2021" | "2019" | "free"
    owner: str = ""            # publisher key of its body; "" = a platform report of no body (no bodies configured)
    platform: bool = True      # content/reports/<year>.yml (the platform body's), not content/reports/<body>/
    title: str = ""
    published: dt.date | None = None
    publisher: str = ""
    lines: dict = dataclasses.field(default_factory=dict)      # top-level key → line
    intro: str = ""
    overview: object = ""      # {part id: Markdown} (2021) or Markdown
    problems: str = ""
    other: str = ""
    body: str = ""             # free format
    figures: dict = dataclasses.field(default_factory=dict)    # free format: series id → value
    table2: dict = dataclasses.field(default_factory=dict)     # row id → {column id: value}
    table3: dict = dataclasses.field(default_factory=dict)
    table4: dict = dataclasses.field(default_factory=dict)     # group id → {column id: value}
    row_lines: dict = dataclasses.field(default_factory=dict)  # (table, row id) → line
    cell_lines: dict = dataclasses.field(default_factory=dict)  # (table, row id, column id) → line

    @property
    def spec(self) -> Format | None:
        return FORMATS.get(self.format)

    def line_of(self, table: str, row: str = "", column: str = "") -> int:
        """Most precise line known for a table, row or cell."""
        return (self.cell_lines.get((table, row, column)) or self.row_lines.get((table, row))
                or self.lines.get(table) or 1)


def _err(problems, rel, line, key, message, fix=""):
    problems.add(rel, line, key, message, fix, KEYS.get(key.split(".")[0], ""))


def _markdown(data, key, rel, problems, required: bool) -> str:
    value = data.get(key)
    if value is None:
        if required:
            _err(problems, rel, data.line or 1, key, "缺少这一部分",
                 f"添加 {key}: | 并在下一行缩进两个空格写正文（没有内容的写“无。”）")
        return ""
    if not isinstance(value, str):
        _err(problems, rel, data.line_of(key), key, f"应为文字（Markdown），实际是{shown(value)}", f"写成 {key}: | 并在下一行缩进书写")
        return ""
    return _text(value, rel, data.line_of(key), key, problems)


def _text(value: str, rel, line, key, problems) -> str:
    """Markdown that can be rendered (not nested beyond the renderer's bound), else '' with a problem."""
    problem = nesting_problem(value)
    if problem:
        _err(problems, rel, line, key, problem, NESTING_FIX)
        return ""
    return value


def _overview(data, report: Report, rel, problems) -> None:
    value = data.get("overview")
    line = data.line_of("overview")
    if report.format == "2019" and isinstance(value, str):
        report.overview = _text(value, rel, line, "overview", problems)
        return
    if value is None:
        _markdown(data, "overview", rel, problems, True)
        return
    if not isinstance(value, dict):
        _err(problems, rel, line, "overview", f"应为五个部分的字段块，实际是{shown(value)}",
             "分别写 " + "、".join(f"{k}（{v}）" for k, v in OVERVIEW_PARTS))
        return
    names = dict(OVERVIEW_PARTS)
    by_key = names | {label: key for key, label in OVERVIEW_PARTS}
    parts = {}
    for key, text in value.items():
        part = key if key in names else by_key.get(key)
        if part is None:
            near = closest(key, names)
            _err(problems, rel, value.line_of(key), "overview", f"未知的部分“{key}”",
                 f"改为 {near}（{names[near]}）" if near else "可用：" + "、".join(f"{k}（{v}）" for k, v in OVERVIEW_PARTS))
            continue
        if not isinstance(text, str):
            _err(problems, rel, value.line_of(key), f"overview.{part}",
                 f"“{names[part]}”应为文字（Markdown），实际是{shown(text)}", f"写成 {part}: | 并在下一行缩进书写")
            continue
        parts[part] = _text(text, rel, value.line_of(key), f"overview.{part}", problems)
    for key, label in OVERVIEW_PARTS:
        if key not in parts and key not in value and label not in value:
            _err(problems, rel, line, "overview", f"缺少“{label}”部分（{key}）",
                 f"添加 {key}: | 写本年度{label}工作情况（2021 年格式要求写明这五个方面）")
    report.overview = parts


def _rows(data, key, rel, problems, spec: Format, report: Report, optional: bool = False) -> None:
    """Table 二/三/四 rows: every row of this format present exactly once, nothing else."""
    value = data.get(key)
    reader = RowReader(rel, key, problems)
    if value is None:
        if not optional:   # Tables 三/四 of a year the 依申请公开 register covers are computed (plugins/ysqgk)
            _err(problems, rel, data.line or 1, key, "缺少这张表", f"添加 {key}: 并按格式逐行填写（见 content/reports/README.md）")
        return
    if not isinstance(value, dict):
        _err(problems, rel, data.line_of(key), key, f"应为按行填写的字段块，实际是{shown(value)}", "每行写成 行名: [数, 数, …]")
        return
    if key == "table2":
        rows = {rid: (br[1].label, br[0].columns, br[0].from_catalog, spec.t2_label(*br)) for rid, br in spec.t2_rows.items()}
    elif key == "table3":
        rows = {r.id: (r.label, T3_COLUMNS, False, spec.t3_label(r)) for r in spec.t3_rows}
    else:
        rows = {gid: (name, T4_COLUMNS, False, name) for gid, name, _ in T4_GROUPS}
    by_label = {label: rid for rid, (label, *_rest) in rows.items()} | {full: rid for rid, (*_r, full) in rows.items()}
    other_formats = {rid: (f, s.t3_by_id.get(rid)) for f, s in FORMATS.items() if f != spec.key
                     for rid in (s.t2_rows if key == "table2" else s.t3_by_id if key == "table3" else {})}
    table, found = {}, set()
    for name, cells in value.items():
        rid = name if name in rows else by_label.get(name)
        line = value.line_of(name)
        if rid is None:
            near = closest(name, {r: v[3] for r, v in rows.items()})
            elsewhere = ""
            if name in other_formats:   # e.g. 2021's （六）1–3 sub-rows are 2019's single （六）其他处理 row
                fmt_key, other_row = other_formats[name]
                elsewhere = f"（“{name}”是 {fmt_key} 年格式的行）"
                if other_row is not None and other_row.group in rows:
                    near = other_row.group
            fix = f"改为 {near}（{rows[near][3]}）" if near else "删除这一行，或按格式改正行名"
            _err(problems, rel, line, key, f"{spec.key} 年格式没有“{name}”行{elsewhere}", fix)
            continue
        if rid in found:
            _err(problems, rel, line, key, f"“{rows[rid][3]}”行重复", "删除重复的一行")
            continue
        found.add(rid)
        report.row_lines[(key, rid)] = line
        _label, columns, optional, full = rows[rid]
        table[rid] = reader.read(cells, columns, full, rid, line, optional=optional)
    for dup, line in getattr(value, "duplicates", []):
        _err(problems, rel, line, key, f"行“{dup}”写了两次", "删除重复的一行")
    for rid, (_label, columns, optional, full) in rows.items():
        if rid not in found and not optional:
            zeros = ", ".join("0" for _ in columns)
            _err(problems, rel, data.line_of(key), key, f"缺少“{full}”行（{rid}）",
                 f"按格式添加 {rid}: [{zeros}]（没有的填 0）" if len(columns) > 1 else f"按格式添加 {rid}: 0")
    for (rid, col), line in reader.cell_lines.items():
        report.cell_lines[(key, rid, col)] = line
    setattr(report, key, table)


def _figures(data, rel, problems) -> dict:
    value = data.get("figures")
    if value is None:
        return {}
    names = dict(SERIES)
    if not isinstance(value, dict):
        _err(problems, rel, data.line_of("figures"), "figures", f"应为字段块，实际是{shown(value)}", "写成 received: 35 等")
        return {}
    out = {}
    for key, v in value.items():
        sid = key if key in names else {label: k for k, label in SERIES}.get(key)
        if sid is None:
            near = closest(key, names)
            _err(problems, rel, value.line_of(key), "figures", f"未知的数字“{key}”",
                 f"改为 {near}（{names[near]}）" if near else "可用：" + "、".join(f"{k}（{v}）" for k, v in SERIES))
        elif isinstance(v, bool) or not isinstance(v, int) or v < 0:
            _err(problems, rel, value.line_of(key), "figures", f"“{names[sid]}”应为非负整数，实际是 {shown(v)}", "填写 0 或正整数")
        elif bounds.check_count(v):
            _err(problems, rel, value.line_of(key), "figures", f"“{names[sid]}”的{bounds.check_count(v)}",
                 "核对这个数字，是否多写了几位")
        else:
            out[sid] = v
    return out


def load_report(path: Path, root: Path, problems: Problems, computed_years=frozenset()) -> Report | None:
    """One report file → :class:`Report` (possibly with missing parts), or None if unreadable."""
    rel = relpath(path, root)
    match = FILE_RE.match(path.name)
    if not match:
        problems.add(rel, 0, "", "年报文件名应为四位年份，如 2025.yml", "把文件改名为 <年份>.yml")
        return None
    year = int(match.group(1))
    if bounds.check_year(year):
        problems.add(rel, 0, "", bounds.check_year(year), "把文件改名为年报所属的年份，如 2025.yml")
        return None
    text = ""
    try:
        text = safeio.read_text(path, root, "report")
        data = yamlpos.load(text)
    except safeio.Refused as exc:
        problems.add(rel, 0, "", exc.problem, exc.fix)
        return None
    except UnicodeDecodeError:
        problems.add(rel, 0, "", "文件不是 UTF-8 编码", "用编辑器另存为 UTF-8（无 BOM）")
        return None
    except yaml.YAMLError as exc:
        problems.add(rel, yamlpos.error_line(exc), "", yamlpos.describe_error(exc, text), "按报错行修正缩进或引号")
        return None
    if not isinstance(data, dict):
        problems.add(rel, 1, "", "年报文件应为键值结构", "第一行写 format: 2021，其后写 title、published 等")
        return None
    fmt = str(data.get("format", "")).strip()
    if fmt not in FORMAT_NAMES:
        choices = "；".join(f"{k}（{v}）" for k, v in FORMAT_NAMES.items())
        _err(problems, rel, data.line_of("format", data.line or 1), "format",
             "缺少格式" if "format" not in data else f"{shown(data.get('format'))} 不是可用的格式", f"可选：{choices}")
        return None
    report = Report(path=rel, year=year, format=fmt, lines=dict(data.lines))
    _header(data, report, rel, problems)
    allowed = set(KEYS) - ({"body", "figures"} if fmt != FREE else set(STRUCTURED))
    for key in data:
        if key not in allowed:
            near = closest(key, {k: KEYS[k] for k in allowed})
            problems.warn(rel, data.line_of(key), str(key), f"{FORMAT_NAMES[fmt]}的年报不使用这个字段，将被忽略",
                          f"是否应为 {near}（{KEYS[near]}）？" if near else "删除这个字段")
    if fmt == FREE:
        report.body = _markdown(data, "body", rel, problems, True)
        report.figures = _figures(data, rel, problems)
        return report
    spec = FORMATS[fmt]
    _overview(data, report, rel, problems)
    report.problems = _markdown(data, "problems", rel, problems, True)
    report.other = _markdown(data, "other", rel, problems, True)
    for key in ("table2", "table3", "table4"):
        _rows(data, key, rel, problems, spec, report, key != "table2" and year in computed_years)
    return report


def _header(data, report: Report, rel, problems) -> None:
    if "year" in data and data["year"] != report.year:
        _err(problems, rel, data.line_of("year"), "year", f"年度 {shown(data['year'])} 与文件名的年份 {report.year} 不一致",
             f"改为 year: {report.year}，或删除 year（以文件名为准）")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        _err(problems, rel, data.line_of("title", data.line or 1), "title",
             "缺少标题" if title is None else f"标题应为文字，实际是{shown(title)}",
             f"如 title: 海澄市人民政府{report.year}年政府信息公开工作年度报告")
    else:
        report.title = title.strip()
    publisher = data.get("publisher")
    if publisher is not None and not isinstance(publisher, str):
        _err(problems, rel, data.line_of("publisher"), "publisher", f"应为文字，实际是{shown(publisher)}", "写发布机关全称")
    report.publisher = (publisher or "").strip() if isinstance(publisher, str) else ""
    report.intro = _markdown(data, "intro", rel, problems, False)
    raw = data.get("published")
    line = data.line_of("published", data.line or 1)
    if raw is None:
        _err(problems, rel, line, "published", "缺少发布日期", f"如 published: {report.year + 1}-03-20")
        return
    try:
        report.published = dt.date.fromisoformat(str(raw)) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(raw)) else None
    except ValueError:
        report.published = None
    if report.published is not None and bounds.check_date(report.published):
        _err(problems, rel, line, "published", bounds.check_date(report.published), f"如 {report.year + 1}-03-20")
        report.published = None
    elif report.published is None:
        _err(problems, rel, line, "published", f"应为 YYYY-MM-DD 格式的有效日期，实际是 {shown(raw)}", f"如 {report.year + 1}-03-20")
    elif report.published.year <= report.year:
        problems.warn(rel, line, "published", f"发布日期 {report.published} 早于 {report.year} 年度结束",
                      "年度报告应在次年发布，核对发布日期或文件名的年份", KEYS["published"])


def load_reports(folder: Path, root: Path, problems: Problems, computed_years=frozenset(),
                 bodies: dict | None = None, platform: str = "") -> list[Report]:
    """Every report, newest year first: ``<year>.yml`` in ``folder`` (the platform's, of body ``platform``)
    and ``<key>/<year>.yml`` of each body in ``bodies`` ({key: name}); a missing folder means no reports."""
    if not folder.is_dir():
        return []
    reports, seen = [], {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir() and not path.is_symlink():
            reports += _body_reports(path, root, problems, bodies or {}, platform)
            continue
        if path.suffix not in (".yml", ".yaml"):
            continue
        report = load_report(path, root, problems, computed_years)
        if report is not None:
            report.owner = platform
            reports.append(report)
    unique = []
    for report in reports:
        key = (report.owner, report.year)
        if key in seen:
            problems.add(report.path, 1, "", f"{report.year} 年的年报已在 {seen[key]} 中",
                         "每年只保留一个年报文件，删除其中一个")
            continue
        seen[key] = report.path
        unique.append(report)
    return sorted(unique, key=lambda r: (-r.year, not r.platform, r.owner))


def _body_reports(folder: Path, root: Path, problems: Problems, bodies: dict, platform: str) -> list[Report]:
    """``content/reports/<key>/<year>.yml``: the reports of body ``<key>``."""
    rel = relpath(folder, root)
    if folder.name == platform:
        problems.add(rel, 0, "", f"{bodies.get(platform, platform)}是本平台所属的机关，它的年报直接放在 content/reports/ 下",
                     f"把其中的年报移到 content/reports/<年份>.yml，删除文件夹 {folder.name}")
        return []
    if folder.name not in bodies:
        problems.add(rel, 0, "", f"文件夹名 {folder.name} 不是任何机关的 key",
                     "部门年报放在 content/reports/<机关 key>/ 下；机关是 catalog/taxonomy.yml 中写了 type（政府或部门）的发布机构"
                     + ("，可选：" + "、".join(f"{k}（{v}）" for k, v in bodies.items()) if bodies else ""))
        return []
    out = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix not in (".yml", ".yaml"):
            continue
        report = load_report(path, root, problems)
        if report is not None:
            report.owner, report.platform = folder.name, False
            out.append(report)
    return out
