"""Search index plugin: a partitioned, Chinese-aware lunr index of the catalog and the /search/ page."""
from pelican import signals


def register():
    from .generator import get_generators

    signals.get_generators.connect(get_generators)
