"""索引号 rules (docs/rules.md §3): an opaque, never-changing string checked by a regex.

The URL of an item is derived from its 索引号 only, so editing a title never breaks
a link. Three real formats are shipped as presets; an agency picks one with
``INDEX_NO_PATTERN`` (a preset name or its own regex) and ``INDEX_NO_TEMPLATE``
(how ``make new`` writes the next number).
"""
from __future__ import annotations

import functools
import re

DEFAULT_PATTERN = r"^[0-9A-Z]{9}([0-9A-Z]{9})?/\d{4}-\d{5}$"

# name -> (regex, template for new numbers, example)
PRESETS = {
    # gov.cn: 9-char organisation code or 18-char credit code / year - 5-digit serial
    "govcn": (DEFAULT_PATTERN, "{code}/{year}-{serial:05d}", "000014349/2019-00056"),
    # 湘潭-style: 10-digit unit code - year - serial (seed 002)
    "unit-dash": (r"^\d{10}-\d{4}-\d{5}$", "{code}-{year}-{serial:05d}", "4303000047-2014-00002"),
    # 宁国-style: 18-char credit code / year+month - serial
    "year-month": (r"^[0-9A-Z]{18}/\d{6}-\d{5}$", "{code}/{year}{month:02d}-{serial:05d}",
                   "11341702486344515H/202110-00013"),
}

_YEAR = re.compile(r"(?:^|[/-])((?:19|20)\d{2})(?:\d{2})?-\d+$")
_SAFE = re.compile(r"[^0-9A-Za-z_.\-]")


def resolve_pattern(setting: str | None) -> tuple[str, str]:
    """(regex, template) for a preset name or a raw regex from settings."""
    if not setting:
        return PRESETS["govcn"][:2]
    if setting in PRESETS:
        return PRESETS[setting][:2]
    return setting, PRESETS["govcn"][1]


def check_format(index_no: str, pattern: str = DEFAULT_PATTERN) -> bool:
    return re.fullmatch(pattern.strip("^$"), index_no) is not None if pattern else True


def index_year(index_no: str) -> int | None:
    """The year encoded in an 索引号 (``…/2019-00007`` → 2019), or None."""
    m = _YEAR.search(index_no)
    return int(m.group(1)) if m else None


def url_slug(index_no: str) -> str:
    """Path segment(s) for an item: ``MB1C37512/2025-00001`` → ``MB1C37512/2025-00001``.

    Slashes become directories; any character outside ``[0-9A-Za-z_.-]`` becomes ``_``.
    Two numbers that collide after this are reported by the catalog as duplicates.
    """
    parts = [p for p in index_no.strip().split("/") if p not in ("", ".", "..")]
    return "/".join(_SAFE.sub("_", p) for p in parts)


def item_path(index_no: str, prefix: str = "gk") -> str:
    """Output path of the item page, directory-style: ``gk/<slug>/index.html``."""
    return f"{prefix}/{url_slug(index_no)}/index.html"


_FIELD = re.compile(r"\{(code|year|month|serial)(?::[^}]*)?\}")
_FIELD_RX = {"code": r"(?P<code>[0-9A-Za-z]+?)", "year": r"(?P<year>\d{4})", "month": r"(?P<month>\d{2})",
             "serial": r"(?P<serial>\d+)"}


@functools.lru_cache(maxsize=16)
def _template_rx(template: str) -> re.Pattern:
    out, pos = [], 0
    for m in _FIELD.finditer(template):
        out.append(re.escape(template[pos:m.start()]))
        out.append(_FIELD_RX[m.group(1)])
        pos = m.end()
    out.append(re.escape(template[pos:]))
    return re.compile("".join(out))


def parse(index_no: str, template: str) -> dict | None:
    """The parts of an 索引号 written by ``template``: ``{"code": …, "year": 2025, "serial": 7}``, or None."""
    m = _template_rx(template).fullmatch(index_no)
    if not m:
        return None
    return {k: (int(v) if k != "code" else v) for k, v in m.groupdict().items() if v is not None}


def next_index_no(existing: list[str], code: str, year: int, month: int = 1,
                  template: str = PRESETS["govcn"][1]) -> str:
    """The next free serial for ``code`` in ``year`` (serials start at 1)."""
    probe = template.format(code=code, year=year, month=month, serial=0)
    stem = probe.rsplit("-", 1)[0] + "-"
    used = set()
    for number in existing:
        if number.startswith(stem):
            tail = number[len(stem):]
            if tail.isdigit():
                used.add(int(tail))
    serial = max(used, default=0) + 1
    return template.format(code=code, year=year, month=month, serial=serial)
