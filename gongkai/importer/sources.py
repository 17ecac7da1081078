"""Read an export into :class:`Record` rows: CSV (UTF-8 / UTF-8-BOM / GBK·GB18030 / UTF-16), XLSX, JSON, JSON Lines.

A record keeps the source's own labels and raw values; mapping and checking happen later
(``rows.py``). Row numbers are what an editor sees: the spreadsheet row (header = row 1)
for CSV/XLSX, the line of the object for JSON and JSON Lines. Files are read through ``safeio``
within the *source folder* (``root``: the folder given as SRC, or the folder of the file); see
:mod:`.encoding`, :mod:`.jsonsrc` and :mod:`.confine`.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from pathlib import Path
from typing import Any

from plugins._shared import safeio
from plugins._shared.diagnostics import Problems

from .encoding import RESAVE, read_text

FORMATS = ("csv", "xlsx", "json", "jsonl", "html")
EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".json": "json", ".jsonl": "jsonl",
              ".ndjson": "jsonl", ".html": "html", ".htm": "html", ".shtml": "html"}
MAX_XLSX_UNPACKED = 1024 * 1024 * 1024   # an .xlsx is a zip: refuse one that unpacks beyond 1 GB (a zip bomb)


@dataclasses.dataclass
class Record:
    """One source row (or one saved HTML page) before mapping."""

    where: str                                   # the source file, as shown in messages
    line: int                                    # row number or line
    cells: list[tuple[str, Any, int]]            # (label, raw value, line of that value)
    base_dir: Path                               # local attachments are resolved from here
    base_url: str = ""                           # relative links are resolved against this
    body: str | None = None                      # Markdown already converted (HTML pages)
    files: list = dataclasses.field(default_factory=list)   # [(title, Path)] local attachments to copy
    notes: list = dataclasses.field(default_factory=list)   # [(key, problem, fix, line)] warnings from reading
    root: Path | None = None                     # the source folder: nothing outside it is read or copied
    errors: list = dataclasses.field(default_factory=list)  # [(key, problem, fix, line)] errors from reading

    def __post_init__(self):
        if self.root is None:
            self.root = self.base_dir


@dataclasses.dataclass
class Source:
    path: Path
    where: str
    format: str
    detail: str                                  # e.g. 编码 GBK/GB18030（自动识别）
    records: list[Record]
    header_line: int = 0                         # the row holding the column names (tables)


def detect_format(path: Path, forced: str | None) -> str | None:
    return forced or EXTENSIONS.get(path.suffix.lower())


def _sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _table_records(rows, where: str, base_dir: Path, root: Path, problems: Problems) -> tuple[list[Record], int]:
    """Header = first non-empty row; every later non-empty row becomes a record with its row number."""
    header: list[str] | None = None
    header_line = 0
    records = []
    for number, row in rows:
        values = ["" if v is None else v for v in row]
        if all(isinstance(v, str) and not v.strip() for v in values):
            continue
        if header is None:
            header, header_line = [str(v).strip() for v in values], number
            seen = set()
            for col, label in enumerate(header):
                if label and label in seen:
                    problems.warn(where, number, "", f"列名“{label}”出现了两次（第 {col + 1} 列）",
                                  "两列都会读取，前面一列优先；不需要的列请删除或在映射文件中写 -")
                seen.add(label)
            continue
        cells = []
        for col, value in enumerate(values):
            label = header[col] if col < len(header) else ""
            if not label:
                if not (isinstance(value, str) and not value.strip()):
                    problems.warn(where, number, "", f"第 {col + 1} 列有内容但没有列名，已忽略",
                                  "在表头补上列名，并在映射文件 columns 中对应")
                continue
            cells.append((label, value, number))
        records.append(Record(where, number, cells, base_dir, root=root))
    if header is None:
        problems.add(where, 0, "", "文件中没有表头和数据", "第一行写列名（如 索引号、标题、发布日期），从第二行起每行一个条目")
    return records, header_line


def read_csv(path: Path, where: str, options: dict, problems: Problems, root: Path | None = None) -> Source | None:
    root = root or path.parent
    text, how = read_text(path, root, where, options, problems, RESAVE)
    if text is None:
        return None
    delimiter = options.get("delimiter") or ("\t" if path.suffix.lower() == ".tsv" else _sniff_delimiter(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(enumerate(reader, start=1))
    except csv.Error as exc:
        problems.add(where, reader.line_num, "", f"CSV 格式错误：{exc}", "检查引号是否成对；或从 Excel 重新导出")
        return None
    name = {",": "逗号", "\t": "制表符", ";": "分号"}.get(delimiter, repr(delimiter))
    return Source(path, where, "csv", f"{how}，分隔符：{name}", *_table_records(rows, where, path.parent, root, problems))


def _unpacked_size(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


def read_xlsx(path: Path, where: str, options: dict, problems: Problems, root: Path | None = None) -> Source | None:
    root = root or path.parent
    import openpyxl

    try:
        safeio.check_file(path, root, "import")
        if _unpacked_size(path) > MAX_XLSX_UNPACKED:
            problems.add(where, 0, "", "解压后超过 1 GB，不像正常的 Excel 导出文件", "拆分成几个较小的文件后分别导入")
            return None
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except safeio.Refused as exc:
        problems.add(where, 0, "", exc.problem, exc.fix)
        return None
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        problems.add(where, 0, "", f"无法作为 .xlsx 打开：{exc}", "旧版 .xls 请在 Excel/WPS 中另存为 .xlsx 或 CSV")
        return None
    try:
        wanted = options.get("sheet")
        if wanted and wanted not in book.sheetnames:
            problems.add(where, 0, "", f"没有名为 {wanted!r} 的工作表", "可选：" + "、".join(book.sheetnames))
            return None
        sheet = book[wanted] if wanted else book.worksheets[0]
        rows = list(enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1))
    finally:
        book.close()
    return Source(path, where, "xlsx", f"工作表：{sheet.title}", *_table_records(rows, where, path.parent, root, problems))


def object_record(obj, where: str, line: int, base_dir: Path, root: Path, problems: Problems) -> Record | None:
    if not isinstance(obj, dict):
        problems.add(where, line, "", "这一项不是对象（{…}）", "每个条目写成 {\"索引号\": …, \"标题\": …}")
        return None
    cells = []
    for label, value in obj.items():
        if isinstance(value, dict):   # {"validity": {"status": …}} → validity.status
            cells += [(f"{label}.{k}", v, line) for k, v in value.items()]
        else:
            cells.append((str(label), value, line))
    return Record(where, line, cells, base_dir, root=root)


def read_source(path: Path, fmt: str, where: str, options: dict, problems: Problems,
                root: Path | None = None) -> Source | None:
    """Dispatch by format; HTML pages come from :mod:`htmlpage`, JSON from :mod:`jsonsrc`."""
    from .htmlpage import read_html
    from .jsonsrc import read_json, read_jsonl

    readers = {"csv": read_csv, "xlsx": read_xlsx, "json": read_json, "jsonl": read_jsonl, "html": read_html}
    return readers[fmt](path, where, options, problems, root=root or path.parent)


def source_files(path: Path, forced: str | None) -> list[Path]:
    """A file, or every importable file under a folder (skipping a saved page's ``*_files`` folder)."""
    if path.is_file():
        return [path]
    found = []
    for child in sorted(path.rglob("*")):
        parts = child.relative_to(path).parts
        if any(p.endswith(("_files", ".files")) or p.startswith(".") for p in parts[:-1]) or parts[-1].startswith("."):
            continue
        if child.is_file() and detect_format(child, forced) and (forced or child.suffix.lower() in EXTENSIONS):
            found.append(child)
    return found
