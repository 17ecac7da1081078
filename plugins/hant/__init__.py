"""繁体 mirror: after the build, convert every page with OpenCC into <output>/zh-hant/ (see mirror.py)."""
import logging

from pelican import signals

log = logging.getLogger(__name__)


def on_finalized(pelican):
    from pathlib import Path

    from .mirror import Options, write_mirror

    settings = pelican.settings
    try:
        options = Options.from_settings(settings)
        write_mirror(Path(pelican.output_path), options, int(settings.get("HANT_PROCESSES", 0) or 0))
    except ValueError as exc:
        log.error("%s", exc)


def register():
    signals.finalized.connect(on_finalized)
