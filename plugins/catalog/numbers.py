"""Item-level 索引号 checks: the site's format, characters safe for a URL, its year and organisation code.

The 索引号 is the item's permanent identity and its URL (``/gk/<索引号>/``), so it is checked
strictly: a full-width digit or a pasted invisible character would otherwise become a different,
permanent number and a strange URL.
"""
from __future__ import annotations

import re
from pathlib import Path

from plugins._shared.diagnostics import Problems
from plugins.catalog import index_numbers as idx

from . import schema, slips

_URL_SAFE = re.compile(r"^[0-9A-Za-z_.\-/]+$")
LABEL = schema.label("index_no")


def check(index_no: str, settings, rel: str, line: int, problems: Problems) -> bool:
    """Format and URL safety of one 索引号; False after reporting."""
    if slips.fullwidth(index_no):
        problems.add(rel, line, "index_no", f"索引号 {index_no!r} 中用了全角字符",
                     f"切换到半角输入后重写：{slips.normalize(index_no)}", LABEL)
        return False
    if not _URL_SAFE.match(index_no) or any(part in ("", ".", "..") for part in index_no.split("/")):
        problems.add(rel, line, "index_no", f"索引号 {index_no!r} 含有不能用于网址的字符",
                     "索引号只用半角字母、数字、- 和 /（不以 / 开头或结尾），或用 make new 生成", LABEL)
        return False
    if not idx.check_format(index_no, settings.index_no_pattern):
        problems.add(rel, line, "index_no", f"索引号 {index_no!r} 不符合本站格式 {settings.index_no_pattern}",
                     "按“机构代码/年份-五位流水号”书写，或用 make new 生成", LABEL)
        return False
    return True


def check_year_and_code(values: dict, publisher, settings, rel: str, lines, problems: Problems) -> None:
    """The year an 索引号 carries (成文日期 or 发布日期, per ``INDEX_NO_YEAR_FROM``) and its organisation code."""
    index_no = values.get("index_no")
    if not index_no:
        return
    line = lines.get("index_no", 0)
    parts = idx.parse(index_no, settings.index_no_template)
    year = parts["year"] if parts and parts.get("year") else idx.index_year(index_no)
    use_written = settings.index_no_year_from == "written" and values.get("written")
    date = values.get("written") if use_written else values.get("published")
    if year and date and year != date.year:
        which = "成文日期" if use_written else "发布日期"
        problems.warn(rel, line, "index_no", f"索引号中的年份 {year} 与{which} {date.isoformat()} 的年份不一致",
                      "索引号一经发布不能修改；若是新条目，请用 make new 重新生成", LABEL)
    if publisher is None or not publisher.code or not parts or not parts.get("code"):
        return
    code = parts["code"]
    if code != publisher.code and code not in publisher.former_codes:
        problems.add(rel, line, "index_no",
                     f"索引号的机构代码 {code} 与发布机构“{publisher.name}”的代码 {publisher.code} 不一致",
                     f"新条目请用 make new PUBLISHER={publisher.name} 重新生成索引号；若机构改革后沿用原索引号，"
                     f"在 taxonomy.yml 该机构下写 former_codes: [{code}]", LABEL)


def new_number(publisher, date, existing: list[str], settings, org_code: str = "") -> str | None:
    """The next free 索引号 for a new item of ``publisher`` dated ``date`` (make new, the importer, the CMS check)."""
    code = publisher.code or org_code
    if not code:
        return None
    return idx.next_index_no(existing, code, date.year, date.month, settings.index_no_template)


def item_file(folder: Path, index_no: str) -> Path:
    """``<folder>/<serial>.md``, or ``<folder>/<whole 索引号>.md`` when another publisher has that serial there."""
    slug = idx.url_slug(index_no).replace("/", "-")
    for name in (slug.rsplit("-", 1)[-1], slug):
        path = folder / f"{name}.md"
        if not path.exists():
            return path
    return folder / f"{slug}.md"
