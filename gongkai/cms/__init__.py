"""The web editor (Decap CMS) for editors who do not use git.

Everything the editor knows about the catalog is generated here from ``plugins/catalog/schema.py``,
``catalog/taxonomy.yml``, the annual-report formats and the calendar keys (never hand-written):

* :mod:`.fields`      — one schema field → one Decap field (labels, help, required, patterns, choices)
* :mod:`.collections` — one collection per 信息类别, plus reports, calendars and the guide pages
* :mod:`.config`      — the whole configuration (``gongkai/cms/static/config.yml``, ``make cms``)
* :mod:`.bundle`      — which files make up the editor (``make cms-build`` copies them)
* :mod:`.server`      — ``make cms``: the editor and ``decap-server`` on 127.0.0.1 only

The browser side is ``gongkai/cms/static/*.js``: file formats that write what the importer's
emitter writes, the 索引号 / date / relation widgets and the preview in the site's CSS.
"""
