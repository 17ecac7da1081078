"""What a build tells the editor: every problem and every Pelican warning, one line each, sorted.

Our plugins log problems as ``Problem.format()`` lines (``path:line: 标签 (key): 问题 — 修改方法``)
through the ``gongkai``/``plugins.*`` loggers; Pelican logs its own warnings. :class:`Collector`
catches every WARNING and ERROR record of a build (attached to the root logger for the run);
:func:`print_lines` prints them like ``make check``: sorted by file and line, errors to stderr,
warnings to stdout.
"""
from __future__ import annotations

import errno
import logging
import re
import sys

_WHERE = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+): ")
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
_DISK_FULL_TEXT = re.compile(r"\[Errno (" + "|".join(str(n) for n in DISK_FULL) + r")\]")


def one_line(record: logging.LogRecord) -> str:
    """The record as one readable line: Pelican's records get a ``Pelican: 警告:`` prefix, a
    multi-line message is joined, an exception is reduced to its type and text (no traceback)."""
    try:
        text = record.getMessage()
    except (TypeError, ValueError):          # a logging call with wrong arguments
        text = str(record.msg)
    if record.exc_info and record.exc_info[1] is not None:
        exc = record.exc_info[1]
        text += f"（{type(exc).__name__}: {exc}）"
    text = " / ".join(part.strip() for part in text.splitlines() if part.strip())
    if record.name == "pelican" or record.name.startswith("pelican."):
        level = "错误" if record.levelno >= logging.ERROR else "警告"
        text = f"Pelican: {level}: {text}"
    return text


def sort_key(line: str) -> tuple:
    """``path:line:`` lines by path and line number (as ``Problems.sorted``), other lines by text."""
    match = _WHERE.match(line)
    if match:
        return (match["path"], int(match["line"]), line)
    return (line, 0, line)


def disk_full(record: logging.LogRecord) -> OSError | None:
    """The "no space left" error a record reports, if any. Pelican logs a failed copy of a static
    file as a mere warning (pelican.utils.copy_file); a full disk must still fail the build."""
    args = record.args if isinstance(record.args, tuple) else ()
    for value in (*args, record.exc_info[1] if record.exc_info else None):
        if isinstance(value, OSError) and value.errno in DISK_FULL:
            return value
    match = _DISK_FULL_TEXT.search(str(record.msg) + " " + " ".join(map(str, args)))
    return OSError(int(match[1]), "No space left on device") if match else None


class Collector(logging.Handler):
    """Counts and keeps every WARNING+ record of one build; notices a full disk."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.write_error: OSError | None = None

    def emit(self, record):
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(one_line(record))
        self.write_error = self.write_error or disk_full(record)

    def failed(self, fatal_warnings: bool = False) -> bool:
        return bool(self.errors) or (fatal_warnings and bool(self.warnings)) or self.write_error is not None

    def lines(self) -> list[tuple[str, bool]]:
        """[(line, is_error)], sorted and without repeats."""
        seen = {line: True for line in self.errors}
        for line in self.warnings:
            seen.setdefault(line, False)
        return sorted(seen.items(), key=lambda pair: sort_key(pair[0]))


def print_lines(collector: Collector) -> None:
    for line, is_error in collector.lines():
        print(line, file=sys.stderr if is_error else sys.stdout)
    sys.stdout.flush()
    sys.stderr.flush()


def reset_pelican_dedup() -> None:
    """Pelican's logger class drops a WARNING it has seen before in this process (a class-level
    set): a rebuild in ``gongkai serve`` or a second build in one test process would neither
    show nor count it. Each build starts with an empty memory."""
    try:
        from pelican.log import LimitFilter
    except ImportError:          # another Pelican: nothing to reset
        return
    for name in ("_raised_messages", "_group_count"):
        value = getattr(LimitFilter, name, None)
        if hasattr(value, "clear"):
            value.clear()
