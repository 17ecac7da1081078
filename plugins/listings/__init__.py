"""Listings plugin: 法定主动公开内容 columns (per category, 废止和失效) and facet listings."""
from pelican import signals


def register():
    from .generator import get_generators

    signals.get_generators.connect(get_generators)
