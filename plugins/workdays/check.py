"""``gongkai check`` hook: report calendar file problems without building (gongkai/commands/check.py)."""
from .generator import load_for


def check_calendar(pelican_settings: dict, catalog, problems) -> None:
    load_for(pelican_settings, problems)
