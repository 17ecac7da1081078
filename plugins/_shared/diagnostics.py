"""Editor-facing problems: one line each, ``path:line: 标签 (key): problem — fix``.

Every checker in Gongkai reports through :class:`Problem` so that ``make check``,
the Pelican build, CI annotations and the tests all print the same words.
"""
from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable
from pathlib import Path

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
ERROR = "error"
WARNING = "warning"

log = logging.getLogger("gongkai")


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix (``error``) or should look at (``warning``)."""

    path: str
    line: int
    key: str
    message: str
    fix: str = ""
    label: str = ""
    level: str = ERROR

    def format(self) -> str:
        """One line; control characters from content (a key with a newline …) are shown escaped, never
        printed, so a problem can never forge another line of output."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = ""
        if self.key:
            field = f"{self.label} ({self.key}): " if self.label else f"{self.key}: "
        warn = "警告: " if self.level == WARNING else ""
        text = f"{where}: {warn}{field}{self.message}" + (f" — {self.fix}" if self.fix else "")
        return _CONTROL.sub(_escape, text)

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


def _escape(m: re.Match) -> str:
    char = m.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\u{ord(char):04x}")


class Problems(list):
    """A list of :class:`Problem` with helpers; collect everything, then fail once."""

    def add(self, path, line, key, message, fix="", label="", level=ERROR):
        self.append(Problem(str(path), int(line or 0), key, message, fix, label, level))

    def warn(self, path, line, key, message, fix="", label=""):
        self.add(path, line, key, message, fix, label, WARNING)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if not p.is_error]

    def sorted(self) -> list[Problem]:
        return sorted(set(self), key=lambda p: (p.path, p.line, p.key, p.message))


def relpath(path: Path | str, root: Path | str) -> str:
    """Repository-relative POSIX path for messages (falls back to the path as given).

    Absolute paths under an absolute root are compared as strings first: ``resolve()`` costs a
    syscall per path component, which is seconds at 100,000 files.
    """
    path_s, root_s = str(path), str(root).rstrip("/") + "/"
    if path_s.startswith(root_s) and "/../" not in path_s:
        return path_s[len(root_s):]
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def log_problems(problems: Iterable[Problem], logger: logging.Logger = log) -> None:
    """Send problems to Pelican's log: errors as ERROR, warnings as WARNING (fatal in CI)."""
    for p in sorted(set(problems), key=lambda p: (p.path, p.line, p.message)):
        (logger.error if p.is_error else logger.warning)(p.format())


def summary(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    return f"共 {errors} 个错误，{warnings} 个警告。"
