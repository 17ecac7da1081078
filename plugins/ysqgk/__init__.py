"""依申请公开 beyond the form: the de-identified register, deadlines, Tables 三/四, the 查询码 lookup,
statistics and the staff-only 告知书 (docs/ysqgk.md).

Pure modules: :mod:`.schema`, :mod:`.ledger` (CSV → cases, validation), :mod:`.privacy`,
:mod:`.workindex` and :mod:`.deadlines` (Arts. 30–33), :mod:`.checks` (``make check``), :mod:`.tables`
(Tables 三/四), :mod:`.stats`, :mod:`.lookup` (codes, keys, shards), :mod:`.notices`; :mod:`.api` holds
the settings and the cached loader. ``register()`` only adds the generator.
"""

CONTEXT = {"provides": ("requests",), "uses": ("catalog", "workdays")}   # context keys, checked by tests/test_meta.py


def register():
    from pelican import signals

    from .generator import get_generators

    signals.get_generators.connect(get_generators)
