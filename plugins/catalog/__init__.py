"""Catalog plugin: reads catalog/ (schema, reader, model) and writes item pages."""
from pelican import signals

CONTEXT = {"provides": ("catalog", "catalog_settings"), "uses": ()}   # context keys, checked by tests/test_meta.py


def add_filters(generator):
    from plugins._shared.filters import FILTERS

    generator.env.filters.update(FILTERS)


def register():
    from .generator import get_generators, on_initialized

    signals.initialized.connect(on_initialized)
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
