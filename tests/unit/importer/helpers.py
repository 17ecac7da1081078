"""Importer test helpers (imported as tests.unit.importer.helpers)."""
from __future__ import annotations

import shutil
from pathlib import Path

from gongkai.importer import Request, run_import
from plugins.catalog import index_numbers as idx
from plugins.catalog.load import Settings

ROOT = Path(__file__).resolve().parents[3]
SITE = ROOT / "tests" / "fixtures" / "site"
FIXTURES = ROOT / "tests" / "fixtures" / "import"
PATTERN, TEMPLATE = idx.resolve_pattern("govcn")


def do_import(settings, *paths, **options):
    """run_import with the govcn template and an agency code, as the CLI would."""
    return run_import(Request(paths=[Path(p) for p in paths], **options), settings, TEMPLATE, "MB1C37512")


def messages(result) -> list[str]:
    return [p.format() for p in result.all_problems()]


def copy_site(tmp_path: Path) -> Settings:
    """Settings of a throw-away copy of tests/fixtures/site (catalog + taxonomy) — never the real catalog/."""
    target = tmp_path / "site"
    shutil.copytree(SITE, target)
    return Settings(root=target, catalog_dir=target / "catalog", index_no_pattern=PATTERN)
