"""Safe, bounded YAML loading that remembers the line of every mapping key.

pre-commit recovers positions by composing nodes (``pre_commit/yaml.py``); we do the
same inside the constructor so every mapping comes back as :class:`LineDict` whose
``lines[key]`` is the 1-based line of that key.

Plain scalars are resolved strictly, so a value an editor typed is never silently turned into
something else: implicit timestamps are off (dates stay strings so the schema can say *which*
date is wrong), only ``true``/``false`` are booleans (``yes``, ``on``, ``no`` stay text), only
plain decimals are numbers (``0x1F``, ``007``, ``1_000``, ``1:20``, ``.nan`` and ``.inf`` stay
text), and numbers keep the text they were written as (``Int.text``, ``Float.text``) so a 文号
or an amount such as ``3256.40`` can be shown exactly as written.

Every load is bounded (:func:`load`): YAML anchors and aliases are refused (a few hundred bytes
of nested aliases expand to gigabytes) and nesting deeper than :data:`MAX_DEPTH` is refused
before the C parser, whose composer recurses on the C stack, ever sees it.
"""
from __future__ import annotations

import re

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Parser = _Base  # the event parser used for the bounds pre-scan (C when available)

MAX_DEPTH = 24           # an item is 3 levels deep, a report 5; nothing legitimate comes near this
_DEEP_BLOCK = re.compile(r"- -|\? |\n[ \t]{40,}\S")   # compact nested sequences, complex keys, deep indentation


class LineDict(dict):
    """A dict that knows the line of itself (``line``) and of each key (``lines``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = 0
        self.lines: dict = {}
        self.duplicates: list[tuple[str, int]] = []

    def line_of(self, key, default: int | None = None) -> int:
        return self.lines.get(key, self.line if default is None else default)


class Int(int):
    """An int that remembers how it was written (``text``)."""

    def __new__(cls, value, text: str):
        obj = super().__new__(cls, value)
        obj.text = text
        return obj

    def __reduce__(self):
        return (Int, (int(self), self.text))


class Float(float):
    """A float that remembers how it was written (``text``): ``3256.40`` stays ``3256.40``."""

    def __new__(cls, value, text: str):
        obj = super().__new__(cls, value)
        obj.text = text
        return obj

    def __reduce__(self):
        return (Float, (float(self), self.text))


def as_written(value) -> str:
    """The text a scalar was written as (numbers keep theirs); ``str(value)`` for anything else."""
    return getattr(value, "text", None) or str(value)


class LimitError(yaml.MarkedYAMLError):
    """A document over a safety bound; ``problem`` is the Chinese message shown to editors."""

    def __init__(self, problem: str, mark):
        super().__init__(problem=problem, problem_mark=mark)
        self.chinese = problem


class PositionLoader(_Base):
    """SafeLoader (C-accelerated when available) with strict implicit types, refusing aliases.

    An alias is composed as a second reference to an already composed node: constructing a node twice
    is how it shows up here, at no cost for documents without one.
    """

    def construct_object(self, node, deep=False):
        if node in self.constructed_objects:
            raise LimitError("不支持 YAML 锚点和别名（&名称、*名称）——请把内容直接写出来", node.start_mark)
        return super().construct_object(node, deep)


_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_STRICT = {"tag:yaml.org,2002:bool": _BOOL, "tag:yaml.org,2002:int": _INT, "tag:yaml.org,2002:float": _FLOAT}

PositionLoader.yaml_implicit_resolvers = {}
for _first, _resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items():
    kept = []
    for _tag, _rx in _resolvers:
        if _tag == "tag:yaml.org,2002:timestamp":
            continue
        kept.append((_tag, _STRICT.get(_tag, _rx)))
    PositionLoader.yaml_implicit_resolvers[_first] = kept


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


def _construct_int(loader, node):
    text = loader.construct_scalar(node)
    try:
        return Int(int(text.replace("_", ""), 0 if text.lstrip("+-").startswith("0") and text.strip("+-0") else 10), text)
    except ValueError:   # an explicit !!int on something else
        raise LimitError(f"{text!r} 不是整数", node.start_mark) from None


def _construct_float(loader, node):
    text = loader.construct_scalar(node)
    try:
        value = float(text)
    except ValueError:   # an explicit !!float on something else
        raise LimitError(f"{text!r} 不是数字", node.start_mark) from None
    if value != value or value in (float("inf"), float("-inf")):   # an explicit !!float .nan
        raise LimitError(f"数字 {text!r} 不是有限数值", node.start_mark)
    return Float(value, text)


PositionLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
PositionLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
PositionLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


class _Mark:
    def __init__(self, line: int):
        self.line, self.column, self.name = line, 0, ""

    def __str__(self):
        return f"line {self.line + 1}"


def check_bounds(text: str, max_depth: int = MAX_DEPTH) -> None:
    """Raise :class:`LimitError` for anchors/aliases or nesting deeper than ``max_depth``.

    A cheap screen skips the event scan for the usual document (few brackets, no anchor, shallow
    indentation); the scan itself uses the C parser's event stream, which does not recurse.
    """
    if "&" not in text and "*" not in text and text.count("[") + text.count("{") <= max_depth \
            and not _DEEP_BLOCK.search(text):
        return
    depth = 0
    for event in yaml.parse(text, Loader=_Parser):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise LimitError("不支持 YAML 锚点和别名（&名称、*名称）——请把内容直接写出来",
                             _Mark(event.start_mark.line))
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > max_depth:
                raise LimitError(f"嵌套层级过深（超过 {max_depth} 层）", _Mark(event.start_mark.line))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def load(text: str, max_depth: int = MAX_DEPTH):
    """Parse one YAML document safely and within bounds; mappings become :class:`LineDict`.

    Raises :class:`yaml.YAMLError` (a :class:`LimitError` for the bounds) like ``yaml.safe_load``.
    """
    check_bounds(text, max_depth)
    try:
        return yaml.load(text, Loader=PositionLoader)  # noqa: S506 - PositionLoader is a SafeLoader
    except RecursionError:  # defensive: the bounds above make this unreachable for one document
        raise LimitError("嵌套层级过深", _Mark(0)) from None


def error_line(exc: yaml.YAMLError) -> int:
    """1-based line a YAML error points at (0 when unknown)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else 0


def describe_error(exc: yaml.YAMLError, text: str = "") -> str:
    """A short Chinese explanation of the most common YAML mistakes (C and Python loaders word them differently)."""
    if isinstance(exc, LimitError):
        return f"YAML 格式错误：{exc.chinese}"
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
