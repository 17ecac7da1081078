"""Jinja filters shared by every template (registered by the catalog plugin)."""
from plugins._shared.yamlpos import as_written


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


# as_written: a number as the editor wrote it (3256.40 stays 3256.40; str() would give 3256.4)
FILTERS = {"filesize": filesize, "zh_date": zh_date, "as_written": as_written}
