"""Read the register (``content/requests/*.csv``) into :class:`Case` records, reporting every problem.

One CSV file per year of receipt, UTF-8, a header row of column keys (:mod:`.schema`), one row per
application. Every value is checked (dates, choices, numbers, order of the dates, personal data) and
each problem names ``file:line``, the column and how to fix it, all of them in one run. Checks that
need the working-day calendar or today's date are in :mod:`.checks`.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

from plugins._shared import safeio
from plugins._shared.diagnostics import Problems, relpath
from plugins.catalog.validate import suggest

from . import privacy
from . import schema as S

NO_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]{2,39}$")
KEY_RE = re.compile(r"^[0-9a-f]{64}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YEAR_FILE = re.compile(r"^(\d{4})\.csv$")
OUTCOME_LOOKUP: dict = {}
for _o in S.OUTCOMES:
    OUTCOME_LOOKUP[_o.name] = _o
    OUTCOME_LOOKUP[_o.id] = _o


def _add_form_labels() -> None:
    """Table 三 labels as printed (1.本机关不掌握相关政府信息) are accepted as outcomes too."""
    from plugins.annual_report.formats import FORMAT_2021

    for row in FORMAT_2021.t3_rows:
        if row.id in S.OUTCOME_BY_ID:
            label = re.sub(r"^(?:\d\.|（[一二三四五六七]）)", "", row.label)
            OUTCOME_LOOKUP.setdefault(row.label, S.OUTCOME_BY_ID[row.id])
            OUTCOME_LOOKUP.setdefault(label, S.OUTCOME_BY_ID[row.id])


_add_form_labels()
DATE_COLUMNS = tuple(c.key for c in S.COLUMNS if c.kind == S.DATE)
PROCESS_DATES = ("correction_sent", "correction_received", "extension_date", "consult_sent", "consult_answered",
                 "fee_sent")


@dataclasses.dataclass(slots=True, eq=False)
class Case:
    path: str
    line: int
    no: str
    received: dt.date
    channel: str
    applicant: str                  # Table 三 column label (自然人 …)
    query_key: str = ""
    carried: bool = False
    correction_sent: dt.date | None = None
    correction_received: dt.date | None = None
    extension_date: dt.date | None = None
    extension_days: int | None = None
    extension_by: str = ""
    consult_sent: dt.date | None = None
    consult_answered: dt.date | None = None
    fee: float | None = None
    fee_sent: dt.date | None = None
    outcome: S.Outcome | None = None
    replied: dt.date | None = None
    late_note: str = ""
    review: str = ""
    review_filed: dt.date | None = None
    review_decided: dt.date | None = None
    suit: str = ""
    suit_filed: dt.date | None = None
    suit_decided: dt.date | None = None
    disclosed_as: str = ""
    note: str = ""

    @property
    def column(self) -> str:
        return S.APPLICANTS[self.applicant]

    def dates(self):
        return [getattr(self, k) for k in DATE_COLUMNS if getattr(self, k) is not None]


@dataclasses.dataclass
class Register:
    cases: list                     # [Case], in file order
    files: list                     # repo-relative paths read
    first_year: int | None          # first year the register is complete for
    by_no: dict = dataclasses.field(default_factory=dict)

    def years(self, last: int | None = None) -> list[int]:
        """Years the register is complete for: ``first_year`` to the last year any case touches."""
        if self.first_year is None:
            return []
        touched = [d.year for c in self.cases for d in (c.received, c.replied, c.review_filed, c.suit_filed) if d]
        end = max(touched + [self.first_year] + ([last] if last else []))
        return list(range(self.first_year, end + 1))


class _Row:
    """Parses the cells of one row; every problem goes to ``problems`` with this row's location."""

    __slots__ = ("rel", "line", "problems", "ok")

    def __init__(self, rel, line, problems):
        self.rel, self.line, self.problems, self.ok = rel, line, problems, True

    def err(self, key, message, fix=""):
        self.ok = False
        self.problems.add(self.rel, self.line, key, message, fix, S.LABELS.get(key, ""))

    def warn(self, key, message, fix=""):
        self.problems.warn(self.rel, self.line, key, message, fix, S.LABELS.get(key, ""))


_DATES: dict = {}


def parse_date(text: str) -> dt.date | None:
    """``YYYY-MM-DD`` → date (cached: a register repeats its dates), or None."""
    value = _DATES.get(text)
    if value is None and text not in _DATES:
        try:
            value = dt.date.fromisoformat(text) if DATE_RE.match(text) else None
        except ValueError:
            value = None
        _DATES[text] = value
    return value


def _choice(row: _Row, key: str, text: str, choices, aliases) -> str:
    if text in choices:
        return text
    if text in aliases:
        return aliases[text]
    row.err(key, f"“{text}”不是可用的{S.LABELS[key]}", "可选：" + "、".join(choices))
    return ""


def parse_row(rel: str, line: int, cells: dict, problems: Problems) -> Case | None:
    """One row (``{column key: text}``) → :class:`Case`, or None when a required value is unusable."""
    row = _Row(rel, line, problems)
    values = {}
    for key in S.REQUIRED:
        if not cells.get(key):
            row.err(key, f"缺少{S.LABELS[key]}", S.BY_KEY[key].hint)
    for key in DATE_COLUMNS:
        text = cells.get(key)
        if text:
            d = parse_date(text)
            if d is None:
                row.err(key, f"“{text}”不是有效日期", "按 YYYY-MM-DD 书写，如 2025-03-01")
            values[key] = d
    no = cells.get("no", "")
    if no and not NO_RE.match(no):
        row.err("no", f"受理编号“{no}”只能包含字母、数字和连字符（3 至 40 位）", "如 HC-YSQ-2025-00012")
    query_key = cells.get("query_key", "")
    if query_key and not KEY_RE.match(query_key):
        row.err("query_key", "查询码密钥应为 64 位小写十六进制数", "用 make register 登记（或导入命令）生成；切勿填写查询码本身")
    channel = _choice(row, "channel", cells["channel"], S.CHANNELS, S.CHANNEL_ALIASES) if cells.get("channel") else ""
    applicant = (_choice(row, "applicant", cells["applicant"], S.APPLICANTS, S.APPLICANT_ALIASES)
                 if cells.get("applicant") else "")
    carried = cells.get("carried", "")
    if carried not in S.BOOLS:
        row.err("carried", f"“{carried}”应为 是 或 否", "上年结转的写 是，其他留空")
    outcome = None
    if cells.get("outcome"):
        outcome = OUTCOME_LOOKUP.get(cells["outcome"])
        if outcome is None:
            row.err("outcome", f"“{cells['outcome']}”不是表三的办理结果",
                    "可选：" + "、".join(o.name for o in S.OUTCOMES))
    for key in ("review", "suit"):
        if cells.get(key):
            values[key] = _choice(row, key, cells[key], S.RESULTS, S.RESULT_ALIASES)
    ext_days = None
    if cells.get("extension_days"):
        text = cells["extension_days"]
        if not text.isdigit() or not 1 <= int(text) <= S.EXTENSION_MAX:
            row.err("extension_days", f"延长工作日数“{text}”应为 1 至 {S.EXTENSION_MAX} 的整数",
                    "《条例》第三十三条：延长的期限最长不超过 20 个工作日；不写即为 20")
        else:
            ext_days = int(text)
    fee = None
    if cells.get("fee"):
        try:
            fee = float(cells["fee"])
            if fee < 0 or fee != fee or fee > 1e7:
                raise ValueError
        except ValueError:
            row.err("fee", f"信息处理费“{cells['fee']}”应为非负数（元）", "只写数字，如 300")
            fee = None
    _scan(row, cells)
    if not row.ok or not (no and values.get("received") and channel and applicant):
        return None
    case = Case(rel, line, no, values["received"], channel, applicant, query_key, S.BOOLS.get(carried, False),
                values.get("correction_sent"), values.get("correction_received"), values.get("extension_date"),
                ext_days, cells.get("extension_by", ""), values.get("consult_sent"), values.get("consult_answered"),
                fee, values.get("fee_sent"), outcome, values.get("replied"), cells.get("late_note", ""),
                values.get("review", ""), values.get("review_filed"), values.get("review_decided"),
                values.get("suit", ""), values.get("suit_filed"), values.get("suit_decided"),
                cells.get("disclosed_as", ""), cells.get("note", ""))
    _consistency(row, case)
    return case if row.ok else None


def _scan(row: _Row, cells: dict) -> None:
    """Personal data: numbers in any value, names/addresses/phones in the free-text columns."""
    for key, text in cells.items():
        if not text or key == "query_key":
            continue
        found = privacy.free_text(text) if key in ("note", "late_note", "extension_by") else privacy.numbers(text)
        for label, masked in found:
            row.err(key, f"含有个人信息（{label} {masked}）", "登记簿不得记录申请人的姓名、证件号码、电话、地址等个人信息，删除后再提交")
    for key in ("note", "late_note"):
        if len(cells.get(key, "")) > S.NOTE_MAX:
            row.err(key, f"{S.LABELS[key]}有 {len(cells[key])} 个字，超过 {S.NOTE_MAX} 个字", "只写必要的办理说明")
    by = cells.get("extension_by", "")
    if by and not privacy.is_role(by):
        row.err("extension_by", f"“{by}”不是职务名称", "写批准延期的职务，如 政府信息公开工作机构负责人（《条例》第三十三条），不写姓名")


def _order(row: _Row, case: Case, later: str, earlier: str, fix: str = "") -> None:
    a, b = getattr(case, earlier), getattr(case, later)
    if a is not None and b is not None and b < a:
        row.err(later, f"{S.LABELS[later]} {b} 早于{S.LABELS[earlier]} {a}", fix or "核对两个日期")


def _needs(row: _Row, case: Case, key: str, other: str) -> None:
    if getattr(case, key) not in (None, "") and getattr(case, other) in (None, ""):
        row.err(key, f"填写了{S.LABELS[key]}，但缺少{S.LABELS[other]}", f"补写 {other}（{S.LABELS[other]}）")


def _consistency(row: _Row, case: Case) -> None:
    for key in PROCESS_DATES + ("replied", "review_filed", "suit_filed"):
        _order(row, case, key, "received")
    _order(row, case, "correction_received", "correction_sent")
    _order(row, case, "consult_answered", "consult_sent")
    _order(row, case, "review_decided", "review_filed")
    _order(row, case, "suit_decided", "suit_filed")
    for key in PROCESS_DATES:
        _order(row, case, "replied", key, "答复日期不能早于办理过程中的其他日期")
    for key, other in (("correction_received", "correction_sent"), ("consult_answered", "consult_sent"),
                       ("extension_days", "extension_date"), ("extension_by", "extension_date"),
                       ("extension_date", "extension_by"), ("fee", "fee_sent"), ("fee_sent", "fee"),
                       ("review", "review_filed"), ("review_filed", "review"), ("review_decided", "review"),
                       ("suit", "suit_filed"), ("suit_filed", "suit"), ("suit_decided", "suit"),
                       ("late_note", "replied"), ("disclosed_as", "outcome")):
        _needs(row, case, key, other)
    if (case.outcome is None) != (case.replied is None):
        key = "replied" if case.replied is None else "outcome"
        row.err(key, "办理结果和答复日期应同时填写" if case.outcome else "填写了答复日期，但缺少办理结果",
                "办结时两项都写；尚未办结的两项都留空")
    for key in ("review", "suit"):
        if getattr(case, key) == "尚未审结" and getattr(case, f"{key}_decided") is not None:
            row.err(f"{key}_decided", f"{S.LABELS[key]}为“尚未审结”，却填写了审结日期", "审结后把结果改为维持、纠正或其他结果")
    oid = case.outcome.id if case.outcome else ""
    if oid == "other_no_correction" and (case.correction_sent is None or case.correction_received is not None):
        row.err("outcome", "“逾期不补正”需要有补正告知日期，且没有收到补正", "核对 correction_sent 和 correction_received")
    if oid == "other_no_fee" and case.fee_sent is None:
        row.err("outcome", "“逾期未缴费”需要有收费通知（fee、fee_sent）", "补写信息处理费金额和收费通知日期")
    if case.disclosed_as and case.outcome and case.outcome.group not in ("disclosed", "partial"):
        row.err("disclosed_as", f"办理结果为“{case.outcome.name}”，没有可以主动公开的答复内容",
                "只有予以公开、部分公开的答复才能转为主动公开")


def _read_file(path: Path, root: Path, problems: Problems) -> tuple[str, list]:
    rel = relpath(path, root)
    try:
        text = safeio.read_text(path, root, "register")
    except safeio.Refused as exc:
        problems.add(rel, 0, "", exc.problem, exc.fix)
        return rel, []
    except UnicodeDecodeError:
        problems.add(rel, 0, "", "文件不是 UTF-8 编码", "用 make import-requests 导入 Excel/WPS 台账，或另存为“CSV UTF-8”")
        return rel, []
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.add(rel, 1, "", f"CSV 格式错误：{exc}", "检查引号是否成对")
        return rel, []
    if header is None:
        return rel, []
    header = [h.strip() for h in header]
    bad = False
    for i, key in enumerate(header):
        if key not in S.BY_KEY:
            problems.add(rel, 1, key, f"未知的列“{key}”（第 {i + 1} 列）", suggest(key, list(S.KEYS), S.LABELS))
            bad = True
        elif header.index(key) != i:
            problems.add(rel, 1, key, f"列“{key}”出现了两次", "删除重复的一列")
            bad = True
    for key in S.REQUIRED:
        if key not in header:
            problems.add(rel, 1, key, f"缺少“{key}”列（{S.LABELS[key]}）", "表头按 docs/ysqgk.md 的列名书写")
            bad = True
    if bad:
        return rel, []
    rows = []
    width = len(header)
    try:
        for cells in reader:
            line = reader.line_num
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if len(cells) != width:
                problems.add(rel, line, "", f"这一行有 {len(cells)} 格，表头有 {width} 列", "每行的逗号个数应与表头一致；含逗号的值要加英文双引号")
                continue
            rows.append((line, {k: v.strip() for k, v in zip(header, cells)}))
    except csv.Error as exc:
        problems.add(rel, reader.line_num, "", f"CSV 格式错误：{exc}", "检查引号是否成对")
    return rel, rows


def register_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".csv" and not p.name.startswith("."))


def load_register(folder: Path, root: Path, problems: Problems, first_year: int | None = None) -> Register:
    """Every ``*.csv`` in ``folder`` (a missing folder is an empty register)."""
    cases, files = [], []
    for path in register_files(Path(folder)):
        rel, rows = _read_file(path, root, problems)
        files.append(rel)
        file_year = YEAR_FILE.match(path.name)
        for line, cells in rows:
            case = parse_row(rel, line, cells, problems)
            if case is not None:
                cases.append(case)
                if file_year and case.received.year != int(file_year.group(1)) and not case.carried:
                    problems.warn(rel, line, "received", f"收到日期 {case.received} 不在 {file_year.group(1)} 年",
                                  f"移到 {case.received.year}.csv（登记簿按收到申请的年份分文件）", S.LABELS["received"])
    reg = Register(cases, files, None)
    _unique(reg, problems)
    reg.first_year = first_year if first_year is not None else min(
        (c.received.year for c in cases if not c.carried), default=None)
    _carried(reg, problems)
    return reg


def _unique(reg: Register, problems: Problems) -> None:
    for case in reg.cases:
        first = reg.by_no.setdefault(case.no.upper(), case)
        if first is not case:
            problems.add(case.path, case.line, "no", f"受理编号 {case.no} 已在 {first.path}:{first.line} 登记",
                         "每件申请只登记一次；办理进展写在原来那一行", S.LABELS["no"])
    keys: dict = {}
    for case in reg.cases:
        if case.query_key:
            first = keys.setdefault(case.query_key, case)
            if first is not case:
                problems.add(case.path, case.line, "query_key", f"查询码密钥与 {first.path}:{first.line} 相同",
                             "每件申请的查询码应不同：用 make register 重新生成", S.LABELS["query_key"])


def _carried(reg: Register, problems: Problems) -> None:
    """上年结转 marks cases received before the register's first year that were still open at its start."""
    first = reg.first_year
    if first is None:
        return
    start = dt.date(first, 1, 1)
    for c in reg.cases:
        label = S.LABELS["carried"]
        if c.carried and c.received >= start:
            problems.add(c.path, c.line, "carried", f"收到日期 {c.received} 在登记簿起始年份 {first} 年内，不是上年结转",
                         "删除“是”：本年收到的申请由收到日期统计", label)
        elif c.carried and c.replied is not None and c.replied < start:
            problems.add(c.path, c.line, "carried", f"已于 {c.replied} 答复，{first} 年初并未结转", "删除“是”", label)
        elif not c.carried and c.received < start and (c.replied is None or c.replied >= start):
            problems.add(c.path, c.line, "carried", f"收到日期 {c.received} 早于登记簿起始年份 {first} 年，且在该年初尚未办结",
                         f"写 carried: 是（结转到 {first} 年继续办理）", label)
