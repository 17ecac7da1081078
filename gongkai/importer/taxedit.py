"""Add topics and publishers to taxonomy.yml by inserting lines — every existing byte, comment
included, stays where it was. The result is parsed again and compared with what was intended;
if the file's layout is one we cannot extend safely, nothing is changed and the editor is told.
"""
from __future__ import annotations

import re

import yaml

from plugins._shared import yamlpos
from plugins.catalog.taxonomy import Publisher

from .emit import scalar

_KEY = re.compile(r"^(\s+)(['\"]?)(.+?)\2\s*:(.*)$")


class EditError(Exception):
    """The file's layout is not one we can extend by insertion."""


def _block(lines: list[str], name: str) -> tuple[int, int, str]:
    """(index of ``name:`` line, index of its last content line, entry indent); -1 start when absent."""
    start = next((i for i, line in enumerate(lines) if re.match(rf"^{name}\s*:\s*(#.*)?$", line)), -1)
    if start < 0:
        if any(re.match(rf"^{name}\s*:", line) for line in lines):
            raise EditError(f"{name} 写成了单行形式")
        return -1, -1, "  "
    last, indent = start, ""
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            break
        last = i
        indent = indent or line[: len(line) - len(line.lstrip())]
    return start, last, indent or "  "


def _flow(items: list[str]) -> str:
    return ", ".join(scalar(i, flow=True) for i in items)


def _split_comment(value: str) -> tuple[str, str]:
    m = re.search(r"\s+#", value)
    return (value[: m.start()], value[m.start():]) if m else (value, "")


def add_topics(text: str, additions: dict[str, list[str]]) -> str:
    """New second levels join their top level's list; new top levels are added at the end of ``topics:``."""
    lines = text.split("\n")
    start, last, indent = _block(lines, "topics")
    new_tops = []
    for top, subs in additions.items():
        found = None
        if start >= 0:
            for i in range(start + 1, last + 1):
                m = _KEY.match(lines[i])
                if m and m.group(1) == indent and m.group(3) == top:
                    found = i
                    break
        if found is None:
            new_tops.append(f"{indent}{scalar(top)}: [{_flow(subs)}]")
            continue
        if not subs:
            continue
        m = _KEY.match(lines[found])
        value, comment = _split_comment(m.group(4))
        stripped = value.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            inner = stripped[1:-1].strip()
            joined = f"{inner}, {_flow(subs)}" if inner else _flow(subs)
            head = lines[found][: len(lines[found]) - len(m.group(4))]
            lines[found] = f"{head}{value[: len(value) - len(value.lstrip())]}[{joined}]{comment}"
        elif not stripped:
            end = found
            while end + 1 <= last and (lines[end + 1].startswith(indent + " ") or not lines[end + 1].strip()):
                end += 1
            while end > found and not lines[end].strip():
                end -= 1
            lines[end + 1:end + 1] = [f"{indent}  - {scalar(s)}" for s in subs]
            last += len(subs)
        else:
            raise EditError(f"主题分类“{top}”的写法无法自动追加")
    if new_tops:
        if start < 0:
            lines = _append_block(lines, "topics", new_tops)
        else:
            lines[last + 1:last + 1] = new_tops
    return _verify(text, "\n".join(lines), topics=additions)


def add_publishers(text: str, publishers: list[Publisher]) -> str:
    """New ``- {key, name, code}`` entries after the last entry of ``publishers:``."""
    lines = text.split("\n")
    start, last, indent = _block(lines, "publishers")
    entries = []
    for p in publishers:
        fields = [f"key: {scalar(p.key, flow=True)}", f"name: {scalar(p.name, flow=True)}"]
        fields.append(f"code: {scalar(p.code, flow=True) if p.code else chr(34) * 2}")
        entries.append(f"{indent}- {{{', '.join(fields)}}}   # 导入时添加，请核对 key 和 code")
    if start < 0:
        lines = _append_block(lines, "publishers", entries)
    else:
        lines[last + 1:last + 1] = entries
    return _verify(text, "\n".join(lines), publishers=publishers)


def _append_block(lines: list[str], name: str, entries: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines.pop()
    return lines + ["", f"{name}:"] + entries + [""]


def _verify(before: str, after: str, topics=None, publishers=None) -> str:
    """The new file must parse, keep every other key as it was and contain exactly the additions."""
    try:
        old, new = yamlpos.load(before) or {}, yamlpos.load(after) or {}
    except yaml.YAMLError as exc:
        raise EditError(f"修改后无法解析：{exc}") from exc
    for key in set(old) | set(new):
        if key in ("topics", "publishers") and (topics is not None and key == "topics"
                                                or publishers is not None and key == "publishers"):
            continue
        if old.get(key) != new.get(key):
            raise EditError(f"修改会影响 {key}")
    if topics is not None:
        expected = {k: list(v or []) for k, v in (old.get("topics") or {}).items()}
        for top, subs in topics.items():
            expected.setdefault(top, [])
            expected[top] += [s for s in subs if s not in expected[top]]
        got = {k: list(v or []) for k, v in (new.get("topics") or {}).items()}
        if got != expected:
            raise EditError("修改后的主题分类与预期不符")
    if publishers is not None:
        want = list(old.get("publishers") or []) + [{"key": p.key, "name": p.name, "code": p.code} for p in publishers]
        if [dict(x) for x in (new.get("publishers") or [])] != [dict(x) for x in want]:
            raise EditError("修改后的发布机构与预期不符")
    return after
