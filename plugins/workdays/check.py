"""``gongkai check`` hook: report calendar file problems without building (gongkai/commands/check.py)."""
from .generator import load_for
from .rules import INTERPRETATION_LAG, check_interpretation_lag


def check_calendar(pelican_settings: dict, catalog, problems) -> None:
    calendar = load_for(pelican_settings, problems)
    check_interpretation_lag(catalog, calendar, problems,
                             int(pelican_settings.get("WORKDAYS_INTERPRETATION_LAG", INTERPRETATION_LAG)))
