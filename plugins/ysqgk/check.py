"""``gongkai check`` hook: the register's format and personal-data problems, then the deadline checks."""
from __future__ import annotations

from plugins._shared.diagnostics import Problems
from plugins.workdays.generator import load_for

from . import api
from .checks import check_register
from .workindex import WorkdayIndex


def check_requests(pelican_settings: dict, catalog, problems: Problems) -> None:
    register, load_problems = api.load(pelican_settings)
    problems.extend(load_problems)
    if not register.cases:
        return
    calendar = load_for(pelican_settings, Problems())      # calendar problems: plugins/workdays/check.py
    today = api.today()
    index = WorkdayIndex.around(calendar, [d for c in register.cases for d in c.dates()] + [today])
    check_register(register, index, today, problems, catalog)
