"""JSON and JSON Lines exports → records, with every nesting bounded.

Python's ``json`` decoder recurses once per ``[``/``{`` and raises ``RecursionError`` near 1,000
levels: that is caught for the object being decoded and reported at its line. An object that
decodes but nests deeper than :data:`MAX_DEPTH` (an item is at most ``{"validity": {"status": …}}``
with a list inside) is refused too, before any value of it is used.
"""
from __future__ import annotations

import json
from pathlib import Path

from plugins._shared.diagnostics import Problems

from .encoding import read_text
from .sources import Record, Source, object_record

MAX_DEPTH = 5
DEEP = ("嵌套层级过深（对象或数组套了 {n} 层以上）", "每个条目写成一层 {\"索引号\": …, \"标题\": …}，值只能是文字、数字或文字列表")


def depth(value, limit: int = MAX_DEPTH) -> int:
    """Nesting depth of decoded JSON (1 for a flat object), counting no further than ``limit + 1``."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, level)
            if deepest > limit:
                return deepest
            stack.extend((child, level + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def _record(obj, where: str, line: int, path: Path, root: Path, problems: Problems) -> Record | None:
    if depth(obj) > MAX_DEPTH:
        problems.add(where, line, "", DEEP[0].format(n=MAX_DEPTH), DEEP[1])
        return None
    return object_record(obj, where, line, path.parent, root, problems)


def read_json(path: Path, where: str, options: dict, problems: Problems, root: Path | None = None) -> Source | None:
    root = root or path.parent
    text, how = read_text(path, root, where, options, problems, "另存为 UTF-8")
    if text is None:
        return None
    decoder = json.JSONDecoder()
    pos = len(text) - len(text.lstrip())
    if not text[pos:pos + 1] == "[":
        problems.add(where, text.count("\n", 0, pos) + 1, "", "JSON 顶层应为对象数组 [ {…}, {…} ]",
                     "每行一个对象的文件请用 FORMAT=jsonl")
        return None
    records, pos = [], pos + 1
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            break
        line = text.count("\n", 0, pos) + 1
        try:
            obj, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            problems.add(where, exc.lineno, "", f"JSON 格式错误：{exc.msg}", "检查该行的引号、逗号和括号")
            return Source(path, where, "json", how, records)
        except RecursionError:
            problems.add(where, line, "", DEEP[0].format(n=MAX_DEPTH), DEEP[1])
            return Source(path, where, "json", how, records)
        record = _record(obj, where, line, path, root, problems)
        if record:
            records.append(record)
    return Source(path, where, "json", how, records)


def read_jsonl(path: Path, where: str, options: dict, problems: Problems, root: Path | None = None) -> Source | None:
    root = root or path.parent
    text, how = read_text(path, root, where, options, problems, "另存为 UTF-8")
    if text is None:
        return None
    records = []
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.add(where, line, "", f"JSON 格式错误：{exc.msg}（第 {exc.colno} 个字符）", "每行必须是一个完整的 {…} 对象")
            continue
        except RecursionError:
            problems.add(where, line, "", DEEP[0].format(n=MAX_DEPTH), DEEP[1])
            continue
        record = _record(obj, where, line, path, root, problems)
        if record:
            records.append(record)
    return Source(path, where, "jsonl", how, records)
