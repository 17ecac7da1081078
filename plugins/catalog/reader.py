"""Turn one catalog file's bytes into a raw mapping + Markdown body, with positions.

Two file forms: Markdown with YAML front matter (``.md``) and pure YAML (``.yml``/``.yaml``,
body under ``body:``). Encoding problems are the editor's most common surprise, so they
get their own messages: a BOM, GBK/GB18030, or bytes that are neither.
"""
from __future__ import annotations

import dataclasses

import yaml

from plugins._shared import yamlpos
from plugins._shared.diagnostics import Problems

from . import slips

BOM = b"\xef\xbb\xbf"
RESAVE = "用编辑器另存为“UTF-8”（无 BOM）编码，例如 VS Code 右下角点编码→“通过编码保存”→UTF-8，或运行 iconv -f GB18030 -t UTF-8"


@dataclasses.dataclass
class RawItem:
    data: yamlpos.LineDict
    body: str
    body_line: int


def decode(raw: bytes, rel: str, problems: Problems) -> str | None:
    """UTF-8 text of a file, or None after reporting why it cannot be read."""
    if raw.startswith(BOM):
        problems.add(rel, 1, "", "文件以 BOM（字节顺序标记）开头", "另存为“UTF-8”而不是“UTF-8 with BOM”")
        raw = raw[len(BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            problems.add(rel, line, "", "文件不是 UTF-8 编码，看起来是 GBK/GB18030（常见于 Windows 记事本或 WPS 另存）", RESAVE)
        except UnicodeDecodeError:
            problems.add(rel, line, "", f"文件含有无法识别的字节（第 {exc.start + 1} 字节起），不是 UTF-8 文本", RESAVE)
        return None
    return strip_controls(text, rel, problems)


def strip_controls(text: str, rel: str, problems: Problems) -> str:
    """Report control characters (NUL, escape sequences …) line by line and drop them, so checking goes on."""
    if slips.control(text) is None:
        return text
    lines = text.split("\n")
    for n, line in enumerate(lines):
        bad = slips.control(line.rstrip("\r"))
        if bad:
            problems.add(rel, n + 1, "", f"第 {n + 1} 行含有控制字符 {bad}（不可见，页面上无法显示）",
                         "删除该字符：把这一行整行删除后重新输入")
            lines[n] = slips.CONTROL_RE.sub("", line.rstrip("\r")) + ("\r" if line.endswith("\r") else "")
    return "\n".join(lines)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(yaml, body, body_line) for ``---``-delimited front matter, or None when absent."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    return "", "", -1


def read_item(raw: bytes, rel: str, problems: Problems) -> RawItem | None:
    """Parse one item file; report and return None when it cannot be parsed at all."""
    text = decode(raw, rel, problems)
    if text is None:
        return None
    text = text.replace("\r\n", "\n")
    is_markdown = rel.lower().endswith((".md", ".markdown"))
    offset = 0
    if is_markdown:
        parts = split_front_matter(text)
        if parts is None:
            problems.add(rel, 1, "", "Markdown 条目缺少 YAML 头部（front matter）",
                         "文件第一行写 ---，接着写字段，再用一行 --- 结束，然后写正文")
            return None
        head, body, body_line = parts
        if body_line < 0:
            problems.add(rel, 1, "", "YAML 头部没有结束标记 ---", "在最后一个字段之后加一行 ---，再写正文")
            return None
        offset = 1
    else:
        head, body, body_line = text, "", 0
    head = slips.scan(head, rel, problems, first_line=1 + offset)
    try:
        data = yamlpos.load(head)
    except yaml.YAMLError as exc:
        line = yamlpos.error_line(exc)
        problems.add(rel, line + offset if line else 0, "", yamlpos.describe_error(exc, head),
                     "检查该行及上一行的缩进、冒号和引号")
        return None
    if data is None:
        problems.add(rel, 1, "", "文件是空的", "至少填写 index_no、title、category、publisher、published")
        return None
    if not isinstance(data, dict):
        problems.add(rel, 1 + offset, "", "头部应为“键: 值”形式的字段列表", "每行写一个字段，如 title: 关于……的通知")
        return None
    if offset:
        _shift_lines(data, offset)
    if not is_markdown:
        body_value = data.get("body")
        body = body_value if isinstance(body_value, str) else ""
        body_line = data.line_of("body") + 1 if "body" in data else 0
    return RawItem(data, body, body_line)


def _shift_lines(node, offset: int) -> None:
    if isinstance(node, yamlpos.LineDict):
        node.line += offset
        node.lines = {k: v + offset for k, v in node.lines.items()}
        node.duplicates = [(k, v + offset) for k, v in node.duplicates]
        for value in node.values():
            _shift_lines(value, offset)
    elif isinstance(node, list):
        for value in node:
            _shift_lines(value, offset)
