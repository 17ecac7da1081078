"""Exports: catalog.json / catalog.csv, Atom feeds (all and per column), sitemap.xml and robots.txt."""
from pelican import signals

CONTEXT = {"provides": (), "uses": ("catalog",)}   # context keys, checked by tests/test_meta.py


def register():
    from .generator import get_generators

    signals.get_generators.connect(get_generators)
