"""依申请公开: the request-for-disclosure column, the online form, the blank form and its JSON Schema."""

CONTEXT = {"provides": ("request_form",), "uses": ("requests", "workdays")}   # context keys, checked by tests/test_meta.py


def register():
    from pelican import signals

    from .generator import get_generators

    signals.get_generators.connect(get_generators)
