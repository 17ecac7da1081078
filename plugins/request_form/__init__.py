"""依申请公开: the request-for-disclosure column, the online form, the blank form and its JSON Schema."""


def register():
    from pelican import signals

    from .generator import get_generators

    signals.get_generators.connect(get_generators)
