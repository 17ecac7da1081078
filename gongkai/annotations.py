"""Problems as CI annotations, so each one shows on the pull request's own diff line.

``github``: GitHub Actions workflow commands (``::error file=…,line=…,title=…::…``), escaped as
GitHub's toolkit does (``escapeData``/``escapeProperty`` in @actions/core): ``%``, CR and LF in the
message; additionally ``:`` and ``,`` in properties.
``gitlab``: a GitLab Code Quality report (JSON array; the job declares it under
``artifacts:reports:codequality``). Fingerprints leave out the line number, so a problem that only
moved is not reported as fixed-and-new on the merge request.
"""
from __future__ import annotations

import hashlib
import json

from plugins._shared.diagnostics import Problem

FORMATS = ("github", "gitlab")


def render(problems: list[Problem], fmt: str) -> str:
    """All ``problems`` in CI format ``fmt`` ('github' or 'gitlab')."""
    if fmt == "github":
        return "\n".join(github_line(p) for p in problems)
    if fmt == "gitlab":
        return json.dumps(gitlab_report(problems), ensure_ascii=False, indent=1)
    raise ValueError(f"unknown annotation format {fmt!r}; expected one of {', '.join(FORMATS)}")


def title(p: Problem) -> str:
    """Short heading: the Chinese label and key of the field, or a generic one."""
    if p.label and p.key:
        return f"{p.label} ({p.key})"
    return p.key or p.label or "目录检查"


def text(p: Problem) -> str:
    """The message and how to fix it, without the location (the annotation carries that)."""
    return f"{p.message} — {p.fix}" if p.fix else p.message


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_line(p: Problem) -> str:
    props = [f"file={escape_property(p.path)}"]
    if p.line:
        props.append(f"line={p.line}")
    props.append(f"title={escape_property(title(p))}")
    command = "error" if p.is_error else "warning"
    return f"::{command} {','.join(props)}::{escape_data(text(p))}"


def gitlab_report(problems: list[Problem]) -> list[dict]:
    seen: dict[str, int] = {}
    report = []
    for p in problems:
        base = "\x1f".join((p.path, p.key, p.message, p.level))
        n = seen.get(base, 0)
        seen[base] = n + 1
        fingerprint = hashlib.sha256(f"{base}\x1f{n}".encode()).hexdigest()[:32]
        report.append({
            "type": "issue",
            "check_name": p.key or "gongkai",
            "description": f"{title(p)}: {text(p)}" if (p.key or p.label) else text(p),
            "fingerprint": fingerprint,
            "severity": "major" if p.is_error else "minor",
            "location": {"path": p.path, "lines": {"begin": max(1, p.line)}},
        })
    return report
