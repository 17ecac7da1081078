"""Working-day calendar (工作日): ``from plugins.workdays import Calendar``.

The calendar itself is a pure module (:mod:`.core`); as a Pelican plugin, ``register()`` only adds a
generator that loads ``content/calendar/*.yml`` once, reports file problems, and puts the
:class:`Calendar` in ``context['workdays']`` for other generators (request form, Art. 26 checks).
"""
from .core import Calendar, CalendarError, Source  # noqa: F401

CONTEXT = {"provides": ("workdays",), "uses": ("catalog",)}   # context keys, checked by tests/test_meta.py


def register():
    from pelican import signals

    from .generator import get_generators

    signals.get_generators.connect(get_generators)
