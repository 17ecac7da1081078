"""Pelican's own pages pass the same gates as catalog items.

* :func:`guard_readers` (``readers_init``) makes every Pelican reader read a file only after
  ``safeio.check_file``: a regular file inside the repository within the page size limit, never a
  symbolic link, FIFO or device; a refusal, a file that is not UTF-8 and Markdown nested too
  deeply to render (the catalog's bound) are ``path`` errors (the build fails) instead of
  Pelican's bare "Could not process".
* :func:`clean_content` (``content_object_init``) runs the page's HTML, whatever reader produced
  it (Markdown with raw HTML, an ``.html`` page), and its formatted metadata (``Summary``) through
  the site's one allow-list (``plugins/_shared/sanitize.py``), so ``theme/templates/page.html``
  marks only sanitized values ``| safe``.
"""
from __future__ import annotations

import logging
from pathlib import Path

from pelican.contents import Static

from plugins._shared import safeio
from plugins._shared.diagnostics import Problem, relpath
from plugins._shared.sanitize import sanitize
from plugins.catalog.render import NESTING_FIX, nesting_problem

log = logging.getLogger(__name__)


class PageRefused(Exception):
    """A content page that is not read; its problem has already been logged."""


def repo_root(settings: dict) -> Path:
    return Path(settings.get("GONGKAI_ROOT") or Path(settings.get("PATH", ".")).parent)


_GUARDED: dict = {}


def _guarded(cls, root: Path):
    """A subclass of a Pelican reader class (same name, so ``metadata['reader']`` is unchanged) with a safe ``read``."""
    if getattr(cls, "_gk_guarded", False):
        return cls
    if (cls, root) not in _GUARDED:
        _GUARDED[(cls, root)] = _subclass(cls, root)
    return _GUARDED[(cls, root)]


def _subclass(cls, root: Path):
    inner = cls.read
    markdown = "md" in cls.file_extensions

    def read(self, source_path):
        rel = relpath(source_path, root)
        try:
            text = safeio.read_text(source_path, root, "page")
        except safeio.Refused as exc:
            _fail(Problem(rel, 0, "", exc.problem, exc.fix))
        except UnicodeDecodeError:
            _fail(Problem(rel, 0, "", "文件不是 UTF-8 编码", "用编辑器另存为 UTF-8（无 BOM）"))
        problem = nesting_problem(text) if markdown else None
        if problem:
            _fail(Problem(rel, 0, "", problem.replace("正文", "页面"), NESTING_FIX))
        try:
            return inner(self, source_path)
        except RecursionError:
            _fail(Problem(rel, 0, "", "页面的嵌套层级过深，无法生成网页", NESTING_FIX))

    return type(cls.__name__, (cls,), {"read": read, "_gk_guarded": True, "__module__": cls.__module__})


def _fail(problem: Problem):
    log.error(problem.format())
    raise PageRefused(problem.format())


def guard_readers(readers) -> None:
    """Replace each enabled reader class by its guarded subclass (``readers_init``, sent before Pelican
    instantiates ``readers.reader_classes``)."""
    root = repo_root(readers.settings)
    for ext, cls in list(readers.reader_classes.items()):
        if cls:
            readers.reader_classes[ext] = _guarded(cls, root)


def clean_content(instance) -> None:
    """Sanitize a page's HTML and formatted metadata in place (``content_object_init`` signal)."""
    if isinstance(instance, Static):
        return
    content = getattr(instance, "_content", None)
    if content:
        instance._content = sanitize(content)
    for key in instance.settings.get("FORMATTED_FIELDS", ()):
        value = instance.metadata.get(key)
        if isinstance(value, str) and value:
            instance.metadata[key] = sanitize(value)
            if key != "summary":     # summary is a read-only property; it reads _summary (below)
                setattr(instance, key.lower(), instance.metadata[key])
    if isinstance(getattr(instance, "_summary", None), str):
        instance._summary = sanitize(instance._summary)
