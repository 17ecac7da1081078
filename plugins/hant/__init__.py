"""繁体 mirror: after the build, convert every page with OpenCC into <output>/zh-hant/ (see mirror.py)."""
import logging

from pelican import signals

log = logging.getLogger(__name__)
_mirrored: dict[str, set] = {}    # output folder -> pages whose twins this process wrote or checked


def on_finalized(pelican):
    from pathlib import Path

    from plugins._shared import output

    from .mirror import Options, mirrored, stale, write_mirror

    settings = pelican.settings
    out = Path(pelican.output_path)
    key = str(out.resolve())
    try:
        options = Options.from_settings(settings)
        pages = mirrored(output.html_pages(out, options.target.prefix), options)
        before = _mirrored.pop(key, None)
        if settings.get("GONGKAI_INCREMENTAL") and before is not None:
            # Pages our plugins wrote through plugins/_shared/output say whether they changed; the few
            # pages Pelican writes itself are converted every time.
            produced, written = output.produced_this_run(out), output.written_this_run(out)
            todo = [p for p in pages if p in written or p not in produced or p not in before]
            for gone in before.difference(pages):
                output.remove(out, f"{options.target.prefix}/{gone}")
        else:
            todo = stale(out, options, pages)
        write_mirror(out, options, int(settings.get("HANT_PROCESSES", 0) or 0), todo)
        _mirrored[key] = set(pages)
    except ValueError as exc:
        log.error("%s", exc)


def register():
    signals.finalized.connect(on_finalized)
