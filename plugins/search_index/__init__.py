"""Search index plugin: a partitioned, Chinese-aware lunr index of the catalog and the /search/ page."""
from pelican import signals

CONTEXT = {"provides": (), "uses": ("catalog",)}   # context keys, checked by tests/test_meta.py


def register():
    from .generator import get_generators

    signals.get_generators.connect(get_generators)
