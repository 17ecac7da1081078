"""Listings plugin: 法定主动公开内容 columns (per category, 废止和失效) and facet listings."""
from pelican import signals

CONTEXT = {"provides": ("listings", "LISTINGS_LATEST"), "uses": ("catalog",)}   # context keys, checked by tests/test_meta.py


def register():
    from .generator import get_generators

    signals.get_generators.connect(get_generators)
