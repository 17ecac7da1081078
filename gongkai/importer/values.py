"""Normalising imported values: dates, 文号, lists, 有效性, 主题分类, closest matches (pure functions).

Every function returns plain values plus, on failure, a Chinese (problem, fix) pair; the
caller attaches the row's location. Nothing here reads files.
"""
from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import reprlib
import unicodedata

from plugins._shared import bounds, yamlpos

EXCEL_EPOCH = dt.date(1899, 12, 30)   # Excel's day 0 on Windows (after its 1900 leap-year bug)
DATE_FIX = "写成 YYYY-MM-DD，如 2019-01-27"

_YMD = re.compile(r"^(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?"
                  r"(?:\s*[T ]?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"^(\d{5})(?:\.0+)?$")
_CN_DATE = re.compile(r"^([〇零一二三四五六七八九○Ｏ0-9]{4})年([〇零一二三四五六七八九十○]{1,3})月"
                      r"([〇零一二三四五六七八九十○]{1,3})日$")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}
_SPACES = re.compile(r"\s+")
_LIST_SPLIT = re.compile(r"[\s,，、;；]+")
_MULTI_SPLIT = re.compile(r"[;；,，|\n]+")
_TOPIC_SPLIT = re.compile(r"\s*[\\/＼／>＞]\s*")
_BRACKETS = str.maketrans({"〔": "[", "〕": "]", "［": "[", "］": "]", "【": "[", "】": "]", "(": "[", ")": "]",
                           "（": "[", "）": "]", "{": "[", "}": "]", "﹝": "[", "﹞": "]", "〖": "[", "〗": "]"})

# Invisible characters that have no place in a catalog value: C0/C1 controls except tab and line
# ends, and the bidi embeddings/overrides/isolates that make text display differently from what it is.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")

# Values old systems put in an empty cell
EMPTY_MARKERS = {"", "-", "--", "—", "——", "/", "\\", "无", "暂无", "空", "null", "none", "nan", "n/a", "#n/a"}

VALIDITY = {
    "有效": "有效", "现行有效": "有效", "现行": "有效", "生效": "有效", "有效期内": "有效",
    "失效": "失效", "已失效": "失效", "过期": "失效", "已过期": "失效",
    "废止": "废止", "已废止": "废止", "废除": "废止", "已废除": "废止", "宣布废止": "废止",
}
SCOPE = {"全部公开": "全部公开", "部分公开": "部分公开", "面向社会": "全部公开", "面向全社会": "全部公开"}
BOOL = {"是": True, "true": True, "yes": True, "1": True, "否": False, "false": False, "no": False, "0": False}


def is_empty(value) -> bool:
    """None, blank cells and the placeholders old systems write for "no value"."""
    if value is None:
        return True
    if isinstance(value, (list, tuple)):
        return all(is_empty(v) for v in value)
    return isinstance(value, str) and value.strip().lower() in EMPTY_MARKERS


def strip_controls(text: str) -> tuple[str, list[str]]:
    """``text`` without invisible control characters, and the distinct characters removed (in order)."""
    found = _CONTROLS.findall(text)
    if not found:
        return text, []
    return _CONTROLS.sub("", text), list(dict.fromkeys(found))


_PREVIEW = reprlib.Repr()
_PREVIEW.maxlevel, _PREVIEW.maxlist, _PREVIEW.maxdict, _PREVIEW.maxstring, _PREVIEW.maxother = 3, 6, 6, 40, 40


def preview(value, limit: int = 40) -> str:
    """The start of a value for a message: bounded however long or deeply nested the value is."""
    text = _PREVIEW.repr(value) if isinstance(value, (list, tuple, dict)) else str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def clean_text(value) -> str:
    """One-line text: whitespace runs (including newlines) become one space; ends trimmed."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACES.sub(" ", str(value)).strip().strip("\u3000")


def clean_block(value) -> str:
    """Multi-line text (summary, body): line ends normalised, trailing spaces and blank ends trimmed."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return int("".join(str(_CN_DIGITS.get(c, c)) for c in text))


def parse_date(value) -> tuple[dt.date | None, tuple[str, str] | None]:
    """Any of 2019年01月27日 / 2019-1-27 / 2019/01/27 / 2019.1.27 / 20190127 / 二〇一九年一月二十七日,
    an Excel serial number or a datetime cell → a date, or (None, (problem, fix))."""
    if isinstance(value, dt.date):
        date = value.date() if isinstance(value, dt.datetime) else value
        return _make(date.isoformat(), date.year, date.month, date.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(value, repr(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    m = _YMD.match(text) or _COMPACT.match(text)
    if m is None and _CN_DATE.match(text):
        y, mo, d = _CN_DATE.match(text).groups()
        try:
            return _make(text, _cn_number(y), _cn_number(mo), _cn_number(d))
        except (KeyError, ValueError):
            return None, (f"无法识别的日期 {text!r}", DATE_FIX)
    if m is None:
        serial = _SERIAL.match(text)
        if serial:
            return _serial(int(serial.group(1)), text)
        return None, (f"无法识别的日期 {text!r}", DATE_FIX)
    return _make(text, *(int(g) for g in m.groups()))


def _make(text: str, y: int, mo: int, d: int):
    try:
        date = dt.date(y, mo, d)
    except ValueError:
        return None, (f"日期不存在：{text!r}", "检查月份和日期（如 2 月没有 30 日）")
    problem = bounds.check_date(date)
    return (None, (problem, "核对年份")) if problem else (date, None)


def _serial(number, text: str):
    """Excel stores dates as days since 1899-12-30; accept 1927–2119 only, so an ID is never a date."""
    if not 10000 <= number <= 80000:
        return None, (f"无法识别的日期 {text!r}（不像 Excel 日期序号）", DATE_FIX)
    return EXCEL_EPOCH + dt.timedelta(days=int(number)), None


def doc_no_key(doc_no: str) -> str:
    """文号 for matching only: 国办发〔2019〕8号, 国办发[2019]8号 and 国办发（2019）8号 are one number."""
    text = unicodedata.normalize("NFKC", doc_no).translate(_BRACKETS)
    return _SPACES.sub("", text)


def split_keywords(value) -> list[str]:
    """主题词 as written on gov.cn pages: separated by spaces, commas, 、 or semicolons."""
    items = value if isinstance(value, list) else _LIST_SPLIT.split(str(value))
    out = []
    for item in items:
        text = clean_text(item)
        if text and text not in out:
            out.append(text)
    return out


def split_multi(value) -> list[str]:
    """Several values in one cell (主题分类, 索引号 lists) — never split on 、, which names contain."""
    items = value if isinstance(value, list) else _MULTI_SPLIT.split(str(value))
    return [t for t in (clean_text(i) for i in items) if t]


def split_lines(value) -> list[str]:
    """List fields of blocks (申请材料, 办理流程): one entry per line or per ；."""
    items = value if isinstance(value, list) else re.split(r"[\n；;]+", str(value))
    return [t for t in (clean_text(i) for i in items) if t]


def parse_validity(value: str) -> tuple[str | None, tuple[str, str] | None]:
    text = clean_text(value)
    if text in VALIDITY:
        return VALIDITY[text], None
    return None, (f"有效性 {text!r} 无法识别", "应为 有效、失效 或 废止；其他写法请在映射文件 values.validity 中对应")


def parse_scope(value: str) -> tuple[str | None, tuple[str, str] | None]:
    text = clean_text(value)
    if text in SCOPE:
        return SCOPE[text], None
    return None, (f"公开范围 {text!r} 无法识别", "应为 全部公开 或 部分公开；其他写法请在映射文件 values.scope 中对应")


def parse_bool(value) -> tuple[bool | None, tuple[str, str] | None]:
    if isinstance(value, bool):
        return value, None
    text = clean_text(value).lower()
    if text in BOOL:
        return BOOL[text], None
    return None, (f"应为 是/否，实际是 {text!r}", "写 是 或 否")


def parse_number(value, integer: bool, year: bool = False) -> tuple[int | float | None, tuple[str, str] | None]:
    """A finite, non-negative number within the sane ranges (``year``: a four-digit year), or (None, (problem, fix))."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number, written = value, value
    else:
        written = unicodedata.normalize("NFKC", clean_text(value)).replace(",", "")
        if not re.fullmatch(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d{1,4})?", written):
            return None, (f"应为数字，实际是 {bounds.shown(repr(written))}", "只写数字，如 2025 或 1234.56")
        number = yamlpos.Float(float(written), written)     # keeps the written text for messages
    if isinstance(number, float):
        if not math.isfinite(number):
            return None, (f"数字 {bounds.shown(written)} 超出可以表示的范围", "核对这个数字")
        if integer and not number.is_integer():
            return None, (f"应为整数，实际是 {bounds.shown(written)}", "只写整数，如 2025")
        if integer or number.is_integer():
            number = yamlpos.Int(int(number), str(getattr(number, "text", int(number))))
    problem = bounds.check_year(number) if year else bounds.check_amount(number)
    if problem:
        return None, (problem, "核对这个数字")
    return (int(number) if isinstance(number, int) else float(number)), None


def split_topic(text: str) -> tuple[str, str]:
    """``科技、教育\\教育`` (or with / ＼ ／ >) → (top, sub); a value without a separator → (text, '')."""
    parts = _TOPIC_SPLIT.split(clean_text(text), maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (parts[0], "")


def resolve_topic(text: str, topics: dict[str, list[str]]) -> tuple[str, str] | None:
    """A 主题分类 onto the taxonomy: ``top\\sub``, a top level alone, or a second level that is unique."""
    top, sub = split_topic(text)
    if sub:
        return (top, sub) if sub in topics.get(top, ()) else None
    if top in topics:
        return top, ""
    owners = [t for t, subs in topics.items() if top in subs]
    return (owners[0], top) if len(owners) == 1 else None


def closest(value: str, choices: list[str]) -> str:
    """The closest known name: one containing the value (财政局 → 海澄市财政局) first, else difflib."""
    containing = [c for c in choices if value and value in c]
    if len(containing) == 1:
        return containing[0]
    match = difflib.get_close_matches(value, choices, n=1, cutoff=0.4)
    return match[0] if match else ""
