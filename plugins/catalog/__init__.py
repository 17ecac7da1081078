"""Catalog plugin: reads catalog/ (schema, reader, model) and writes item pages."""
from pelican import signals


def add_filters(generator):
    from plugins._shared.filters import FILTERS

    generator.env.filters.update(FILTERS)


def register():
    from .generator import get_generators, on_finalized, on_initialized

    signals.initialized.connect(on_initialized)
    signals.finalized.connect(on_finalized)
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(get_generators)
