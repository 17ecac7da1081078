"""Settings and the shared, cached entry points of the register (build, ``gongkai check``, annual reports).

The register is read once per process for a given set of files: ``gongkai check`` asks for it from
two hooks (its own checks and the annual-report comparison), the build from two generators.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from plugins._shared.diagnostics import Problems

from . import lookup
from .ledger import Register, load_register, register_files

DEFAULTS = {
    "REQUESTS_PATH": "requests",            # folder of <year>.csv, relative to the content folder (PATH)
    "REQUESTS_FIRST_YEAR": None,            # first year the register is complete for; None = earliest receipt
    "REQUESTS_SALT": "",                    # per-site salt of the 查询码 key; set once, never change
    "REQUESTS_KDF_ITERATIONS": lookup.KDF_ITERATIONS,   # PBKDF2 iterations; changing it invalidates every code
    "REQUESTS_SHARD_HEX": None,             # hex digits of lookup shard names (1–3); None = by register size
    "REQUESTS_NOTICES_PATH": "notices",     # staff-only 告知书 folder (make notices), outside the site output
    "REQUESTS_URL": "ysqgk/",               # the 依申请公开 column
}
TODAY_ENV = "GONGKAI_TODAY"                # GONGKAI_TODAY=2026-12-04 make check: the date deadlines are checked on
_cache: dict = {}


def setting(settings: dict, name: str):
    value = settings.get(name)
    return DEFAULTS[name] if value is None else value


def root_of(settings: dict) -> Path:
    return Path(settings.get("GONGKAI_ROOT") or Path(settings.get("PATH", ".")).parent)


def register_dir(settings: dict) -> Path:
    path = Path(setting(settings, "REQUESTS_PATH"))
    return path if path.is_absolute() else Path(settings.get("PATH", "content")) / path


def settings_problems(settings: dict, register: Register, problems: Problems) -> None:
    first = settings.get("REQUESTS_FIRST_YEAR")
    if first is not None and (isinstance(first, bool) or not isinstance(first, int) or not 1990 <= first <= 2100):
        problems.add("pelicanconf.py", 0, "REQUESTS_FIRST_YEAR", f"应为四位年份，实际是 {first!r}", "如 2025，或删除该设置")
    hex_ = settings.get("REQUESTS_SHARD_HEX")
    if hex_ is not None and hex_ not in (1, 2, 3):
        problems.add("pelicanconf.py", 0, "REQUESTS_SHARD_HEX", f"应为 1、2 或 3，实际是 {hex_!r}", "删除该设置即按登记件数自动确定")
    iterations = setting(settings, "REQUESTS_KDF_ITERATIONS")
    if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 100_000:
        problems.add("pelicanconf.py", 0, "REQUESTS_KDF_ITERATIONS", f"应为不少于 100000 的整数，实际是 {iterations!r}",
                     f"使用默认值 {lookup.KDF_ITERATIONS}")
    if any(c.query_key for c in register.cases) and not str(setting(settings, "REQUESTS_SALT")).strip():
        problems.add("pelicanconf.py", 0, "REQUESTS_SALT", "登记簿有查询码密钥，但没有设置 REQUESTS_SALT",
                     "设置本站固定的盐值（如 REQUESTS_SALT = \"haicheng-2025\"），设置后不能再改")


def load(settings: dict) -> tuple[Register, Problems]:
    """The register for these settings and its problems (cached while the files are unchanged)."""
    folder = register_dir(settings).resolve()
    files = register_files(folder)
    first = settings.get("REQUESTS_FIRST_YEAR")
    first = first if isinstance(first, int) and not isinstance(first, bool) else None
    stamp = (str(folder), first, tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files))
    hit = _cache.get(str(folder))
    if hit is not None and hit[0] == stamp:
        return hit[1], hit[2]
    problems = Problems()
    register = load_register(folder, root_of(settings), problems, first)
    settings_problems(settings, register, problems)
    _cache[str(folder)] = (stamp, register, problems)
    return register, problems


def today(settings: dict | None = None) -> dt.date:
    """Today, or ``GONGKAI_TODAY`` (YYYY-MM-DD) when set (reproducible checks of the sample register)."""
    text = os.environ.get(TODAY_ENV, "").strip()
    if text:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    return dt.date.today()


def computed_tables(settings: dict, spec_for_year) -> dict:
    """``{year: (table3, table4)}`` for every year the register is complete for, in each report's format.

    ``spec_for_year(year)`` gives the report format of that year (or None: no structured report).
    """
    from . import tables

    register, _problems = load(settings)
    out = {}
    for year in register.years():
        spec = spec_for_year(year)
        if spec is not None:
            out[year] = tables.for_year(register, year, spec)
    return out


def registered_years(settings: dict) -> set[int]:
    register, _problems = load(settings)
    return set(register.years())
