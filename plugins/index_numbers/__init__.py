"""索引号: format check, URL derivation and next free serial (pure functions)."""
from .core import (  # noqa: F401
    DEFAULT_PATTERN,
    PRESETS,
    check_format,
    index_year,
    item_path,
    next_index_no,
    url_slug,
)
