"""繁体 mirror: every page also at ``<output>/zh-hant/<same path>``, converted with OpenCC (see mirror.py).

The twin of a page is a page hook of the build (:class:`~plugins.hant.mirror.TwinHook`): it is written
where the page is rendered, from the HTML in memory, and linked from the warm tree with its page.
"""
import logging

from pelican import signals

log = logging.getLogger(__name__)
CONTEXT = {"provides": (), "uses": ()}   # context keys, checked by tests/test_meta.py


def on_initialized(pelican):
    from gongkai.engine.run import CONTEXT_KEY

    from .mirror import Options, TwinHook

    run = pelican.settings.get(CONTEXT_KEY)
    if run is None:
        return
    try:
        run.add_page_hook(TwinHook(run, Options.from_settings(pelican.settings)))
    except ValueError as exc:      # a bad HANT_CONFIG
        log.error("%s", exc)


def register():
    signals.initialized.connect(on_initialized)
