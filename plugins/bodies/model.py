"""Which publishers are bodies, which body the platform belongs to, and where their pages live.

A *body* is a publisher of ``catalog/taxonomy.yml`` with ``type: 政府`` or ``type: 部门`` (条例第四十九条:
a government or one of its departments). Each body has its own 年报 (``content/reports/<key>/<year>.yml``),
公开指南 and landing page. The *platform body* is the government whose platform this is: its reports are
``content/reports/<year>.yml`` at ``/ndbg/<year>/`` and its guide is ``/gkzn/``.
"""
from __future__ import annotations

import datetime as dt

DEFAULTS = {
    "BODIES_PLATFORM": None,     # publisher key of the platform's own body; None = the only 政府 body (or only body)
    "BODIES_PATH": "bodies",     # folder of <key>.yml body profiles, relative to the content folder (PATH)
    "BODIES_URL": "jg/",         # /jg/ (every body), /jg/<key>/ (landing page), /jg/<key>/gkzn/ (its guide)
}
GUIDE_URL = "gkzn/"              # the platform body's guide
DEADLINES = {"政府": (3, 31), "部门": (1, 31)}   # 条例第四十九条: the month and day of the next year


def setting(settings: dict, name: str):
    value = settings.get(name)
    return DEFAULTS[name] if value is None else value


def bodies(taxonomy) -> list:
    """The publishers that are bodies, in taxonomy order."""
    return [p for p in (taxonomy.publishers if taxonomy is not None else []) if p.is_body]


def platform_body(settings: dict, taxonomy):
    """The platform's body: ``BODIES_PLATFORM``, else the only 政府 body, else the only body; or None."""
    found = bodies(taxonomy)
    key = settings.get("BODIES_PLATFORM")
    if key:
        return next((b for b in found if b.key == key), None)
    governments = [b for b in found if b.type == "政府"]
    if len(governments) == 1:
        return governments[0]
    return found[0] if len(found) == 1 else None


def deadline(body, year: int) -> dt.date:
    """The day by which ``body`` publishes its report on ``year`` (条例第四十九条)."""
    month, day = DEADLINES[body.type]
    return dt.date(year + 1, month, day)


def deadline_text(body) -> str:
    """``01-31`` / ``03-31``: the statutory day as ANNUAL_REPORT_DEADLINE writes it."""
    month, day = DEADLINES[body.type]
    return f"{month:02d}-{day:02d}"


def landing_url(settings: dict, body) -> str:
    return f"{setting(settings, 'BODIES_URL').strip('/')}/{body.key}/"


def guide_url(settings: dict, body, platform) -> str:
    if platform is not None and body.key == platform.key:
        return GUIDE_URL
    return landing_url(settings, body) + GUIDE_URL
