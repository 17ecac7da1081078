"""Importer test helpers (imported as tests.unit.importer.helpers)."""
from __future__ import annotations

from pathlib import Path

from gongkai.importer import Request, run_import
from plugins.index_numbers import core as idx

ROOT = Path(__file__).resolve().parents[3]
SITE = ROOT / "tests" / "fixtures" / "site"
FIXTURES = ROOT / "tests" / "fixtures" / "import"
PATTERN, TEMPLATE = idx.resolve_pattern("govcn")


def do_import(settings, *paths, **options):
    """run_import with the govcn template and an agency code, as the CLI would."""
    return run_import(Request(paths=[Path(p) for p in paths], **options), settings, TEMPLATE, "MB1C37512")


def messages(result) -> list[str]:
    return [p.format() for p in result.all_problems()]
