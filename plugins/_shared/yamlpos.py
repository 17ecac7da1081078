"""Safe YAML loading that remembers the line of every mapping key.

pre-commit recovers positions by composing nodes (``pre_commit/yaml.py``); we do the
same inside the constructor so every mapping comes back as :class:`LineDict` whose
``lines[key]`` is the 1-based line of that key. Implicit timestamps are switched off:
dates stay strings so the schema can say *which* date is wrong instead of PyYAML
raising on ``2019-02-30``.
"""
from __future__ import annotations

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A dict that knows the line of itself (``line``) and of each key (``lines``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = 0
        self.lines: dict = {}
        self.duplicates: list[tuple[str, int]] = []

    def line_of(self, key, default: int | None = None) -> int:
        return self.lines.get(key, self.line if default is None else default)


class PositionLoader(_Base):
    """SafeLoader (C-accelerated when available) without implicit timestamps."""


PositionLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in result:
            result.duplicates.append((key, line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


PositionLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(text: str):
    """Parse one YAML document safely; mappings become :class:`LineDict`."""
    return yaml.load(text, Loader=PositionLoader)  # noqa: S506 - PositionLoader is a SafeLoader


def error_line(exc: yaml.YAMLError) -> int:
    """1-based line a YAML error points at (0 when unknown)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else 0


def describe_error(exc: yaml.YAMLError, text: str = "") -> str:
    """A short Chinese explanation of the most common YAML mistakes (C and Python loaders word them differently)."""
    problem = (getattr(exc, "problem", None) or str(exc)).strip()
    line = error_line(exc)
    lines = text.split("\n")
    if line and line <= len(lines) and "\t" in lines[line - 1]:
        return "YAML 格式错误：YAML 不允许用制表符（Tab）缩进，请改用空格"
    hints = (
        ("mapping values are not allowed", "此处不能出现冒号“:”（值里含冒号时请给整个值加引号，或检查缩进）"),
        ("could not find expected ':'", "缺少冒号“:”，或上一行的缩进不对"),
        ("cannot start any token", "这一行有 YAML 不允许的字符（如 Tab 缩进、行首的 @ 或 `），请加引号或改用空格"),
        ("did not find expected key", "缩进不一致，或列表项前缺少“- ”"),
        ("did not find expected '-' indicator", "列表项“- ”的缩进与上文不一致"),
        ("found undefined alias", "使用了未定义的锚点别名（*别名）"),
        ("found unexpected end of stream", "引号或括号没有闭合"),
        ("while scanning a quoted scalar", "引号没有闭合"),
        ("expected <block end>", "缩进不一致"),
        ("did not find expected ',' or ']'", "方括号 [ ] 列表没有闭合，或项之间缺少逗号"),
        ("did not find expected ',' or '}'", "花括号 { } 没有闭合，或项之间缺少逗号"),
    )
    for needle, zh in hints:
        if needle in problem or needle in str(exc):
            return f"YAML 格式错误：{zh}"
    return f"YAML 格式错误：{problem}"
