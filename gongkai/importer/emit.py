"""Write an item as text: YAML front matter in schema order + Markdown body, byte-for-byte repeatable.

Scalars are written plain when the project's own loader reads them back unchanged, otherwise
double-quoted (JSON escaping is valid YAML); multi-line text uses a literal block. Keys follow
``schema.FIELDS`` (and each block's sub-fields), so the same data always gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import re

import yaml

from plugins._shared import yamlpos
from plugins.catalog import schema

_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")


class _Yaml11Loader(yaml.SafeLoader):
    """YAML 1.1 implicit types (yes/no/on/off, 0x1F, 007 …) minus timestamps: what other tools
    (PyYAML's safe_load, older CMSs) would read. Our own loader is stricter; written files stay
    unambiguous for both, so such words are quoted."""


_Yaml11Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_INDICATORS = tuple("-?:,[]{}#&*!|>'\"%@`")
_SPECIAL = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")   # breaks or is escaped by YAML
_PATH_LIKE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.-]*/[0-9A-Za-z/_.-]*$")          # 索引号 such as MB1C37504/2019-00011


@functools.lru_cache(maxsize=65536)
def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or text.startswith(_INDICATORS) or any(c < " " for c in text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text or _SPECIAL.search(text):
        return False
    if not text.isascii() or _PATH_LIKE.match(text):
        return True      # YAML's implicit types (bool, int, float, null) are ASCII words without "/"
    try:
        return yamlpos.load("k: " + text) == {"k": text} and \
            yaml.load("k: " + text, Loader=_Yaml11Loader) == {"k": text}  # noqa: S506 - a SafeLoader
    except yaml.YAMLError:
        return False


def scalar(value, flow: bool = False) -> str:
    """One value as YAML text (``flow``: inside ``[...]``/``{...}``, where commas and brackets need quotes)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _plain_ok(text) and not (flow and _FLOW_UNSAFE.search(text)):
        return text
    return json.dumps(text, ensure_ascii=False)


def _literal_ok(text: str) -> bool:
    lines = text.split("\n")
    return (not text.startswith((" ", "\n")) and not text.endswith("\n")
            and all(not any(c < " " for c in line) for line in lines) and not _SPECIAL.search(text))


def _order(data: dict, fields: tuple) -> list:
    known = [f.key for f in fields if f.key in data]
    return known + sorted((k for k in data if k not in known), key=str)


def _lines(key: str, value, indent: str, fields: tuple) -> list[str]:
    pad = indent
    if isinstance(value, dict):
        sub_fields = _sub_fields(key, fields)
        out = [f"{pad}{key}:"]
        for sub in _order(value, sub_fields):
            out += _lines(sub, value[sub], pad + "  ", sub_fields)
        return out
    if isinstance(value, list):
        out = [f"{pad}{key}:"]
        for entry in value:
            if isinstance(entry, dict):
                sub_fields = _sub_fields(key, fields)
                keys = _order(entry, sub_fields)
                first = True
                for sub in keys:
                    lines = _lines(sub, entry[sub], pad + "    ", sub_fields)
                    if first:
                        lines[0] = f"{pad}  - " + lines[0].lstrip()
                        first = False
                    out += lines
            else:
                out.append(f"{pad}  - {scalar(entry)}")
        return out
    if isinstance(value, str) and "\n" in value and _literal_ok(value):
        body = "\n".join((pad + "  " + line) if line else "" for line in value.split("\n"))
        return [f"{pad}{key}: |-", body]
    return [f"{pad}{key}: {scalar(value)}"]


def _sub_fields(key: str, fields: tuple) -> tuple:
    field = next((f for f in fields if f.key == key), None)
    if field is None:
        return ()
    if field.kind == schema.VALIDITY:
        return schema.VALIDITY_FIELDS
    return field.fields


def front_matter(data: dict) -> str:
    """The YAML lines of an item (no delimiters), keys in schema order."""
    lines = []
    for key in _order(data, schema.FIELDS):
        lines += _lines(key, data[key], "", schema.FIELDS)
    return "\n".join(lines)


def render_item(data: dict, body: str, markdown: bool = True) -> str:
    """Whole file text: ``---`` front matter ``---`` body (``.md``), or pure YAML with ``body:`` (``.yml``)."""
    data = {k: v for k, v in data.items() if k != "body"}
    if not markdown:
        if body:
            data["body"] = body
        return front_matter(data) + "\n"
    text = "---\n" + front_matter(data) + "\n---\n"
    return text + ("\n" + body.strip("\n") + "\n" if body and body.strip() else "")
