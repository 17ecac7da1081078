"""繁体 mirror: after the build, convert every page with OpenCC into <output>/zh-hant/ (see mirror.py)."""
import logging

from pelican import signals

log = logging.getLogger(__name__)
_mirrored: dict[str, set] = {}    # output folder -> pages whose twins this process wrote or checked


def on_initialized(pelican):
    """Let the page workers write twins as they render (output.set_twin_writer)."""
    from pathlib import Path

    from plugins._shared import output

    from .mirror import Options, TwinWriter

    try:
        writer = TwinWriter(Path(pelican.output_path), Options.from_settings(pelican.settings))
    except ValueError:
        writer = None      # a bad HANT_CONFIG: reported once, by on_finalized
    output.set_twin_writer(pelican.output_path, writer)


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
        twinned = output.twinned_this_run(out)     # written by the page workers already
        incremental = settings.get("GONGKAI_INCREMENTAL")
        if incremental and before is not None:
            # Pages our plugins wrote through plugins/_shared/output say whether they changed; the few
            # pages Pelican writes itself are converted every time.
            produced, written = output.produced_this_run(out), output.written_this_run(out)
            todo = [p for p in pages if p not in twinned and (p in written or p not in produced or p not in before)]
            for gone in before.difference(pages):
                output.remove(out, f"{options.target.prefix}/{gone}")
        elif incremental or not settings.get("DELETE_OUTPUT_DIRECTORY"):   # twins may be left from before
            todo = stale(out, options, pages, [p for p in pages if p not in twinned])
        else:                                       # a fresh output folder: no twin is stale
            todo = [p for p in pages if p not in twinned]
        write_mirror(out, options, int(settings.get("HANT_PROCESSES", 0) or 0), todo)
        _mirrored[key] = set(pages)
    except ValueError as exc:
        log.error("%s", exc)


def register():
    signals.initialized.connect(on_initialized)
    signals.finalized.connect(on_finalized)
