"""Pelican side of the working-day calendar: load once, report problems, share via the context."""
from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from plugins._shared.diagnostics import Problems, log_problems

from .core import Calendar
from .rules import INTERPRETATION_LAG, check_interpretation_lag

log = logging.getLogger(__name__)

DEFAULTS = {
    # Folder of <year>.yml files; relative paths are relative to the content folder (PATH).
    "WORKDAYS_PATH": "calendar",
}


def calendar_dir(settings: dict) -> Path:
    """Absolute folder of the yearly calendar files for these Pelican settings."""
    path = Path(settings.get("WORKDAYS_PATH") or DEFAULTS["WORKDAYS_PATH"])
    return path if path.is_absolute() else Path(settings.get("PATH", "content")) / path


def load_for(settings: dict, problems: Problems) -> Calendar:
    """The calendar for a build; a missing folder is only an error when WORKDAYS_PATH was set explicitly."""
    folder = calendar_dir(settings)
    root = Path(settings.get("GONGKAI_ROOT") or Path(settings.get("PATH", ".")).parent)
    if not folder.is_dir():
        if settings.get("WORKDAYS_PATH"):
            problems.add("pelicanconf.py", 0, "WORKDAYS_PATH", f"节假日安排目录 {folder} 不存在",
                         "改正 WORKDAYS_PATH，或删除该设置以使用 content/calendar/")
        else:
            log.info("workdays: no calendar folder %s; counting Monday–Friday only", folder)
    return Calendar.load(folder, problems, root=root)


class WorkdaysGenerator(Generator):
    """generate_context only: ``context['workdays']``; nothing is written."""

    def generate_context(self):
        problems = Problems()
        calendar = self.context["workdays"] = load_for(self.settings, problems)
        check_interpretation_lag(self.context.get("catalog"), calendar, problems,
                                 int(self.settings.get("WORKDAYS_INTERPRETATION_LAG", INTERPRETATION_LAG)))
        log_problems(problems, log)

    def generate_output(self, writer):
        pass


def get_generators(pelican_object):
    return WorkdaysGenerator
