"""Bodies (机关) as first-class: each government or department in taxonomy.yml (``type: 政府|部门``) gets a
landing page, a generated 公开指南 (条例第十二条) and its own 年报 (plugins/annual_report).

Pure modules: :mod:`.model` (which publishers are bodies, the platform's body, URLs), :mod:`.profile`
(``content/bodies/<key>.yml``), :mod:`.guide` (the guide and landing page as data), :mod:`.check`
(also run by ``gongkai check``). ``register()`` only adds the generator.
"""

CONTEXT = {"provides": ("bodies",),
           "uses": ("catalog", "catalog_settings", "listings", "request_form", "requests", "annual_reports")}   # checked by tests/test_meta.py


def register():
    from pelican import signals

    from .generator import get_generators

    signals.get_generators.connect(get_generators)
