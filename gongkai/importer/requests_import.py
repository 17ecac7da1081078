"""Import an agency's existing 依申请公开 台账 (XLSX/CSV) into the register (content/requests/<year>.csv).

Reuses the catalog importer's readers (:mod:`.sources`: encodings, XLSX, row numbers), label
normalisation (:func:`.mapping.norm_label`) and value parsers (:mod:`.values`: 2025年1月6日, Excel
serial dates, 是/否). Columns holding personal data (姓名, 证件号码, 电话, 地址, 邮箱 …) are dropped
and never written; a 查询码 column is turned into the PBKDF2 key and the code itself is discarded.
Every row is validated exactly as the register is (plugins/ysqgk/ledger.py), its problems
reported as ``台账.xlsx:行: …``. Dry run unless ``write``.
"""
from __future__ import annotations

import dataclasses
from multiprocessing import Pool
from pathlib import Path

import yaml

from plugins._shared import yamlpos
from plugins._shared.diagnostics import Problems, relpath
from plugins.ysqgk import lookup, writer
from plugins.ysqgk import schema as S
from plugins.ysqgk.ledger import parse_row

from . import values as V
from .mapping import norm_label
from .sources import detect_format, read_source

CODE = "code"
DEFAULT_COLUMNS = {
    "受理编号": "no", "申请编号": "no", "登记编号": "no", "编号": "no", "查询码": CODE, "查询密码": CODE,
    "收到申请日期": "received", "收到日期": "received", "受理日期": "received", "申请日期": "received", "登记日期": "received",
    "申请方式": "channel", "申请渠道": "channel", "提交方式": "channel", "渠道": "channel",
    "申请人类型": "applicant", "申请人类别": "applicant", "申请主体": "applicant",
    "上年结转": "carried", "是否结转": "carried", "是否上年结转": "carried",
    "补正告知日期": "correction_sent", "告知补正日期": "correction_sent", "收到补正日期": "correction_received",
    "补正日期": "correction_received", "延期告知日期": "extension_date", "延期日期": "extension_date",
    "延期天数": "extension_days", "延期批准人": "extension_by", "征求意见日期": "consult_sent",
    "收到意见日期": "consult_answered", "意见回复日期": "consult_answered", "信息处理费": "fee", "收费金额": "fee",
    "收费通知日期": "fee_sent", "办理结果": "outcome", "答复类型": "outcome", "处理结果": "outcome", "答复结果": "outcome",
    "答复日期": "replied", "办结日期": "replied", "逾期说明": "late_note", "行政复议": "review", "复议结果": "review",
    "复议申请日期": "review_filed", "复议日期": "review_filed", "复议审结日期": "review_decided", "行政诉讼": "suit",
    "诉讼结果": "suit", "起诉日期": "suit_filed", "诉讼审结日期": "suit_decided", "主动公开索引号": "disclosed_as",
    "备注": "note", "序号": "-",
}
PERSONAL = ("姓名", "名称", "申请人", "身份证", "证件", "电话", "手机", "联系方式", "地址", "住址", "邮箱", "电子邮件", "邮编",
            "邮政编码", "信用代码", "法定代表人", "联系人", "工作单位", "申请内容", "所需信息", "内容描述", "信息名称")


@dataclasses.dataclass
class Result:
    rows: list = dataclasses.field(default_factory=list)         # (year, cells) ready to write
    skipped: list = dataclasses.field(default_factory=list)      # 受理编号 already registered
    dropped: set = dataclasses.field(default_factory=set)        # personal-data column labels
    problems: Problems = dataclasses.field(default_factory=Problems)
    written: dict = dataclasses.field(default_factory=dict)      # file → rows

    @property
    def failed(self) -> bool:
        return bool(self.problems.errors)


def columns_table(extra: dict | None = None) -> dict:
    table = {norm_label(k): v for k, v in S.LABELS.items()} | {norm_label(v): k for k, v in S.LABELS.items()}
    table |= {norm_label(k): v for k, v in DEFAULT_COLUMNS.items()}
    return table | {norm_label(k): v for k, v in (extra or {}).items()}


def load_mapping(path: Path | None, root: Path, problems: Problems) -> dict:
    """An editor's ``columns:`` table (源列名: register key or -), read safely."""
    if path is None:
        return {}
    rel = relpath(path, root)
    try:
        data = yamlpos.load(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        problems.add(rel, 0, "", "无法读取映射文件", "检查 MAPPING= 后的路径，文件应为 UTF-8")
        return {}
    except yaml.YAMLError as exc:
        problems.add(rel, yamlpos.error_line(exc), "", yamlpos.describe_error(exc), "按报错行修正")
        return {}
    columns = data.get("columns") if isinstance(data, dict) else None
    if not isinstance(columns, dict):
        problems.add(rel, 1, "columns", "映射文件应有 columns: 段（源列名: 登记簿列名）", "如 columns: {办件编号: no}")
        return {}
    out = {}
    for label, key in columns.items():
        key = "-" if key is None else str(key).strip()
        if key not in S.BY_KEY and key not in ("-", CODE):
            problems.add(rel, columns.line_of(label), f"columns.{label}", f"登记簿没有“{key}”列",
                         "可用：" + "、".join(S.KEYS) + "、code（查询码）或 -（忽略）")
            continue
        out[str(label)] = key
    return out


def _text(key: str, value) -> tuple[str, tuple | None]:
    if V.is_empty(value):
        return "", None
    if S.BY_KEY[key].kind == S.DATE:
        d, err = V.parse_date(value)
        return (d.isoformat(), None) if d else ("", err)
    if S.BY_KEY[key].kind == S.BOOL:
        b, err = V.parse_bool(value)
        return ("是" if b else "", err) if b is not None else ("", err)
    return V.clean_text(value), None


def _derive(args):
    no, code, salt, iterations = args
    return lookup.derive_key(no, code, salt, iterations)


def plan(paths, settings_salt: str, iterations: int, register, root: Path, mapping: dict | None = None,
         sheet: str | None = None, workers: int = 2) -> Result:
    result = Result()
    table = columns_table(mapping)
    known = {c.no.upper() for c in register.cases}
    pending = []
    for path in paths:
        where = relpath(path, root)
        fmt = detect_format(Path(path), None)
        if fmt not in ("csv", "xlsx"):
            result.problems.add(where, 0, "", "只能导入 .xlsx 或 .csv 台账", "在 Excel/WPS 中另存为 .xlsx 或 CSV")
            continue
        source = read_source(Path(path), fmt, where, {"sheet": sheet} if sheet else {}, result.problems)
        for record in source.records if source else []:
            cells, code = {}, ""
            for label, value, _line in record.cells:
                key = table.get(norm_label(label))
                if key is None:
                    if any(word in str(label) for word in PERSONAL):
                        result.dropped.add(str(label))
                    else:
                        result.problems.warn(where, source.header_line, "", f"列“{label}”不是登记簿的列，已忽略",
                                             "需要导入的，在映射文件 columns 中对应到登记簿的列名")
                    continue
                if key == "-" or key in cells:
                    continue
                if key == CODE:
                    code = "" if V.is_empty(value) else V.clean_text(value)
                    continue
                text, err = _text(key, value)
                if err:
                    result.problems.add(where, record.line, key, err[0], err[1], S.LABELS[key])
                cells[key] = text
            if cells.get("no", "").upper() in known:
                result.skipped.append(cells["no"])
                continue
            pending.append((where, record.line, cells, code))
    if any(code for *_r, code in pending) and not settings_salt:
        result.problems.add("pelicanconf.py", 0, "REQUESTS_SALT", "台账有查询码，但没有设置 REQUESTS_SALT", "先设置本站固定的盐值")
        return result
    jobs = [(c.get("no", ""), code, settings_salt, iterations) for *_r, c, code in pending if code]
    if jobs:
        with Pool(workers) as pool:
            keys = iter(pool.map(_derive, jobs, chunksize=4))
    for where, line, cells, code in pending:
        if code:
            cells["query_key"] = next(keys)
        case = parse_row(where, line, cells, result.problems)
        if case is not None:
            result.rows.append((case.received.year, case))
            known.add(case.no.upper())
    return result


def write(result: Result, folder: Path) -> None:
    for year, case in result.rows:
        target = folder / f"{year}.csv"
        writer.append(target, case)
        result.written[target] = result.written.get(target, 0) + 1
