"""Jinja filters shared by every template (registered by the catalog plugin)."""
import math

from . import urls, yamlpos


def filesize(size: int) -> str:
    """Human file size in Chinese convention: 12.3 KB, 1.2 MB."""
    size = int(size or 0)
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def zh_date(value) -> str:
    """2025-03-01 → 2025年3月1日."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def as_written(value) -> str:
    """A number as the editor wrote it (``3256.40`` stays ``3256.40``); '' for anything not a finite number.

    Never ``nan``/``inf``: a template writes ``{% if x | as_written %}{{ x | as_written }}万元{% endif %}``.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    return yamlpos.as_written(value)


def safe_href(value) -> str:
    """The URL for ``href`` when it is safe to link (``plugins/_shared/urls.py``), else '' (render text only)."""
    return urls.safe_href(value) or ""


FILTERS = {"filesize": filesize, "zh_date": zh_date, "as_written": as_written, "safe_href": safe_href}
