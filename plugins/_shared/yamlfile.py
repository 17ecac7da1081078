"""Read one YAML file of the repository safely (safeio) and parse it bounded (yamlpos), or say why not.

The loaders of taxonomy.yml, law-map.yml and the body profiles all need the same four outcomes: the file is
refused (missing, a link, too large …), not UTF-8, not valid YAML, or read. The first three become one
``path:line`` problem each; the caller gets ``None`` and stops.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from . import safeio, yamlpos
from .diagnostics import Problems

UTF8_FIX = ("文件不是 UTF-8 编码", "用编辑器另存为 UTF-8（无 BOM）")
MISSING = "文件不存在"


def read(path: Path, root: Path, kind: str, rel: str, problems: Problems,
         missing: tuple[str, str] | None = None) -> tuple[str, object] | None:
    """``(text, data)`` of the file, or None after reporting the problem (``missing``: (problem, fix) when absent)."""
    text = ""
    try:
        text = safeio.read_text(path, root, kind)
        return text, yamlpos.load(text)
    except safeio.Refused as exc:
        problem, fix = missing if missing and exc.problem == MISSING else (exc.problem, exc.fix)
        problems.add(rel, 0, "", problem, fix)
    except UnicodeDecodeError:
        problems.add(rel, 0, "", *UTF8_FIX)
    except yaml.YAMLError as exc:
        problems.add(rel, yamlpos.error_line(exc), "", yamlpos.describe_error(exc, text), "按报错行修正缩进或引号")
    return None
