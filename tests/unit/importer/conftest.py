"""Importer fixtures: a throw-away copy of the fixture site's catalog to import into."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plugins.catalog.load import Settings
from tests.unit.importer.helpers import PATTERN, SITE


@pytest.fixture
def site(tmp_path) -> Path:
    """A copy of tests/fixtures/site (catalog + taxonomy) — never the real catalog/."""
    target = tmp_path / "site"
    shutil.copytree(SITE, target)
    return target


@pytest.fixture
def settings(site) -> Settings:
    return Settings(root=site, catalog_dir=site / "catalog", index_no_pattern=PATTERN)
