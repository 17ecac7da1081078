"""Annual-report plugin (政府信息公开工作年度报告): content/reports/<year>.yml → /ndbg/ pages, checks, CSV/JSON.

The logic is in pure modules: :mod:`.formats` (the statutory rows and columns), :mod:`.load`,
:mod:`.check` (also run by ``gongkai check``), :mod:`.counts` (第二十条第（一）项 from the catalog),
:mod:`.tables`, :mod:`.export` and :mod:`.chart`; ``register()`` only adds the generator.
"""

CONTEXT = {"provides": ("annual_reports", "annual_report_counts", "annual_report_registered"), "uses": ("catalog",)}   # context keys, checked by tests/test_meta.py


def register():
    from pelican import signals

    from .generator import get_generators

    signals.get_generators.connect(get_generators)
