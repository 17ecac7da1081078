"""Content pages (``content/pages``: 公开指南, 公开制度): read safely, sanitized like item bodies."""
from pelican import signals

CONTEXT = {"provides": (), "uses": ()}   # context keys, checked by tests/test_meta.py


def register():
    from .clean import clean_content, guard_readers

    signals.readers_init.connect(guard_readers)
    signals.content_object_init.connect(clean_content)
