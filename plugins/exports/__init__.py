"""Exports: catalog.json / catalog.csv, Atom feeds (all and per column), sitemap.xml and robots.txt."""
from pelican import signals


def register():
    from .generator import get_generators, on_finalized

    signals.get_generators.connect(get_generators)
    signals.finalized.connect(on_finalized)
