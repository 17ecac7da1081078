"""``gongkai check`` hook: report bad ``REQUEST_FORM`` settings without building."""
from .config import parse_settings


def check_request_form(pelican_settings: dict, catalog, problems) -> None:
    parse_settings(pelican_settings, problems)
