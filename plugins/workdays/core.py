"""Working days in mainland China: weekends, public holidays and 调休 make-up working days.

A :class:`Calendar` is built from yearly files ``content/calendar/<year>.yml`` that editors copy
from the State Council's 《部分节假日安排的通知》. Counting follows 《政府信息公开条例》 practice:
the day of receipt is not counted, and "within N working days" ends on the Nth following working
day. Years without a file fall back to Monday–Friday; ask :meth:`Calendar.covers` so callers can
say so.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import yaml

from plugins._shared import bounds, safeio, urls, yamlpos
from plugins._shared.diagnostics import Problems, relpath

LABELS = {
    "year": "年份", "source": "依据通知", "holidays": "放假安排", "name": "节日名称",
    "start": "放假开始日期", "end": "放假结束日期", "workdays": "调休上班日",
    "title": "通知名称", "doc_no": "文号", "issued": "发布日期", "url": "网址",
}
TOP_KEYS = {"year", "source", "holidays"}
HOLIDAY_KEYS = {"name", "start", "end", "workdays"}
SOURCE_KEYS = {"title", "doc_no", "issued", "url"}
MAX_HOLIDAY_DAYS = 15            # the longest official break so far is 9 days; guards against typos


class CalendarError(ValueError):
    """Raised by :meth:`Calendar.load` without a ``problems`` list; ``str()`` lists every problem."""


@dataclasses.dataclass(frozen=True)
class Source:
    """The notice a year's arrangement comes from."""

    year: int
    title: str
    doc_no: str
    issued: str = ""
    url: str = ""
    path: str = ""


@dataclasses.dataclass
class Calendar:
    """Off days (holiday name by date), make-up working days, and the years that have a file."""

    holidays: dict = dataclasses.field(default_factory=dict)     # date -> holiday name
    workdays: dict = dataclasses.field(default_factory=dict)     # date -> holiday name (调休上班)
    sources: dict = dataclasses.field(default_factory=dict)      # year -> Source

    # --- loading ------------------------------------------------------------------------------
    @classmethod
    def load(cls, directory: Path, problems: Problems | None = None, root: Path | None = None) -> Calendar:
        """Read every ``<year>.yml`` in ``directory`` (a missing directory gives an empty calendar).

        With ``problems`` the file problems are appended there (and the good files still load);
        without it a :class:`CalendarError` listing every problem is raised.
        """
        own = Problems() if problems is None else problems
        before = len(own)
        cal = cls()
        directory = Path(directory)
        root = Path(root) if root else directory.parent.parent
        if directory.is_dir():
            for path in sorted(directory.glob("*.yml")):
                _load_file(cal, path, relpath(path, root), own, root)
        if problems is None and own.errors:
            raise CalendarError("\n".join(p.format() for p in own[before:]))
        return cal

    # --- queries ------------------------------------------------------------------------------
    @property
    def years(self) -> list[int]:
        return sorted(self.sources)

    def covers(self, d: dt.date) -> bool:
        """Whether a calendar file exists for the year of ``d`` (otherwise Monday–Friday is assumed)."""
        return d.year in self.sources

    def is_workday(self, d: dt.date) -> bool:
        if d in self.workdays:
            return True
        if d in self.holidays:
            return False
        return d.weekday() < 5

    def add_workdays(self, start: dt.date, n: int) -> dt.date:
        """The Nth working day after ``start`` (``start`` itself is not counted; n=0 gives ``start``)."""
        if n < 0:
            raise ValueError("n must be >= 0")
        d = start
        while n:
            d += dt.timedelta(days=1)
            if self.is_workday(d):
                n -= 1
        return d

    def workdays_between(self, a: dt.date, b: dt.date) -> int:
        """Working days in (a, b]: ``workdays_between(a, add_workdays(a, n)) == n``; negative if b < a."""
        if b < a:
            return -self.workdays_between(b, a)
        return sum(1 for i in range(1, (b - a).days + 1) if self.is_workday(a + dt.timedelta(days=i)))

    def uncovered_years(self, a: dt.date, b: dt.date) -> list[int]:
        """Years between a and b (inclusive) that fall back to Monday–Friday."""
        lo, hi = sorted((a.year, b.year))
        return [y for y in range(lo, hi + 1) if y not in self.sources]

    def to_json(self) -> dict:
        """The calendar for the browser (theme/static/js/workdays.js reads exactly this shape)."""
        return {
            "years": self.years,
            "holidays": {d.isoformat(): name for d, name in sorted(self.holidays.items())},
            "workdays": {d.isoformat(): name for d, name in sorted(self.workdays.items())},
        }


# --- file reading ---------------------------------------------------------------------------------
def _date(value, rel, line, key, problems) -> dt.date | None:
    date = value if isinstance(value, dt.date) else None
    if date is None and isinstance(value, str):
        try:
            date = dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    if date is None:
        problems.add(rel, line, key, f"{bounds.shown(repr(value))} 不是有效日期", "按 YYYY-MM-DD 书写，如 2025-10-01", _label(key))
    elif bounds.check_date(date):
        problems.add(rel, line, key, bounds.check_date(date), "核对年份", _label(key))
        return None
    return date


def _label(key: str) -> str:
    return LABELS.get(key.split(".")[-1].split("[")[0], "")


def _unknown_keys(data, allowed, rel, prefix, problems):
    for key in data:
        if key not in allowed:
            problems.add(rel, data.line_of(key), f"{prefix}{key}", f"未知的键 {key!r}",
                         "可用的键：" + "、".join(sorted(allowed)))


def _load_file(cal: Calendar, path: Path, rel: str, problems: Problems, root: Path) -> None:
    before = len(problems)
    try:
        data = yamlpos.load(safeio.read_text(path, root, "calendar"))
    except safeio.Refused as exc:
        problems.add(rel, 0, "", exc.problem, exc.fix)
        return
    except UnicodeDecodeError:
        problems.add(rel, 0, "", "文件不是 UTF-8 编码", "用 UTF-8 重新保存")
        return
    except yaml.YAMLError as exc:
        problems.add(rel, yamlpos.error_line(exc), "", yamlpos.describe_error(exc), "对照同目录下其他年份的文件修改")
        return
    if not isinstance(data, dict):
        problems.add(rel, 1, "", "文件内容应是键值对（year、source、holidays）", "对照同目录下其他年份的文件修改")
        return
    _unknown_keys(data, TOP_KEYS, rel, "", problems)
    year = data.get("year")
    if not isinstance(year, int) or str(year) != path.stem:
        problems.add(rel, data.line_of("year"), "year", f"年份 {bounds.shown(repr(year))} 与文件名 {path.name} 不一致",
                     f"写成 year: {path.stem}，或把文件改名为 <年份>.yml", LABELS["year"])
        return
    if bounds.check_year(year):
        problems.add(rel, data.line_of("year"), "year", bounds.check_year(year), "核对年份，文件名写成 <四位年份>.yml",
                     LABELS["year"])
        return
    if year in cal.sources:
        problems.add(rel, data.line, "year", f"{year} 年已有安排文件", "每年只保留一个文件", LABELS["year"])
        return
    source = data.get("source")
    if not isinstance(source, dict) or not source.get("title") or not source.get("doc_no"):
        problems.add(rel, data.line_of("source"), "source", "缺少依据通知的名称（title）和文号（doc_no）",
                     "写明国务院办公厅通知的名称和文号，如 国办发明电〔2024〕12号", LABELS["source"])
        return
    _unknown_keys(source, SOURCE_KEYS, rel, "source.", problems)
    _source_values(source, rel, problems)
    holidays = data.get("holidays")
    if not isinstance(holidays, list) or not holidays:
        problems.add(rel, data.line_of("holidays"), "holidays", "缺少放假安排列表",
                     "每个节日写一项：name、start、end，有调休时加 workdays", LABELS["holidays"])
        return
    off: dict = {}
    on: dict = {}
    for i, h in enumerate(holidays):
        _read_holiday(h, i, year, rel, data.line_of("holidays"), off, on, problems)
    for d in set(off) & set(on):
        problems.add(rel, data.line_of("holidays"), "holidays", f"{d} 既是放假日又是调休上班日", "核对通知原文")
    clash = (set(off) | set(on)) & (set(cal.holidays) | set(cal.workdays))
    for d in sorted(clash):
        problems.add(rel, data.line_of("holidays"), "holidays", f"{d} 已在其他年份的文件中出现", "每个日期只写在一个文件里")
    if any(p.is_error for p in problems[before:]):
        return
    cal.holidays.update(off)
    cal.workdays.update(on)
    cal.sources[year] = Source(year, str(source["title"]), str(source["doc_no"]),
                               str(source.get("issued") or ""), str(source.get("url") or ""), rel)


def _source_values(source, rel, problems) -> None:
    """The notice's title, 文号 and date are text; its link must be safe to put on the page."""
    for key in ("title", "doc_no", "issued", "url"):
        value = source.get(key)
        if value is not None and not isinstance(value, str):
            problems.add(rel, source.line_of(key), f"source.{key}", f"应为文字，实际是 {bounds.shown(repr(value))}",
                         "给这个值加上引号", LABELS[key])
    url = source.get("url")
    if isinstance(url, str) and url.strip() and urls.check_url(url, relative=False):
        problems.add(rel, source.line_of("url"), "source.url", urls.check_url(url, relative=False), urls.FIX, LABELS["url"])


def _read_holiday(h, i, year, rel, list_line, off, on, problems) -> None:
    key = f"holidays[{i}]"
    if not isinstance(h, dict):
        problems.add(rel, list_line, key, "每一项应包含 name、start、end", "对照同目录下其他年份的文件修改", LABELS["holidays"])
        return
    _unknown_keys(h, HOLIDAY_KEYS, rel, key + ".", problems)
    name = h.get("name")
    if name is not None and not isinstance(name, str):
        problems.add(rel, h.line_of("name"), f"{key}.name", f"节日名称应为文字，实际是 {bounds.shown(repr(name))}",
                     "如 name: 春节", LABELS["name"])
        return
    name = (name or "").strip()
    if not name:
        problems.add(rel, h.line, f"{key}.name", "缺少节日名称", "如 name: 春节", LABELS["name"])
    start = _date(h.get("start"), rel, h.line_of("start"), f"{key}.start", problems)
    end = _date(h.get("end", h.get("start")), rel, h.line_of("end"), f"{key}.end", problems)
    if not (name and start and end):
        return
    if end < start or (end - start).days >= MAX_HOLIDAY_DAYS:
        problems.add(rel, h.line_of("end"), f"{key}.end", f"放假起止日期 {start} 至 {end} 不合理",
                     f"结束日期不能早于开始日期，假期不超过 {MAX_HOLIDAY_DAYS} 天", LABELS["end"])
        return
    for d in (start, end):
        if abs(d.year - year) > 1:
            problems.add(rel, h.line_of("start"), f"{key}.start", f"日期 {d} 与年份 {year} 相差太远", "核对年份")
            return
    for n in range((end - start).days + 1):
        off[start + dt.timedelta(days=n)] = name
    extra = h.get("workdays") or []
    if not isinstance(extra, list):
        problems.add(rel, h.line_of("workdays"), f"{key}.workdays", "调休上班日应写成列表",
                     "如 workdays: [2025-09-28, 2025-10-11]", LABELS["workdays"])
        return
    for value in extra:
        d = _date(value, rel, h.line_of("workdays"), f"{key}.workdays", problems)
        if d is None:
            continue
        if d.weekday() < 5:
            problems.warn(rel, h.line_of("workdays"), f"{key}.workdays", f"调休上班日 {d} 不是周六或周日",
                          "核对通知原文：调休上班日通常是周末", LABELS["workdays"])
        on[d] = name
