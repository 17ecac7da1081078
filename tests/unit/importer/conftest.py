"""Importer fixtures: a throw-away copy of the fixture site's catalog to import into."""
from __future__ import annotations

from pathlib import Path

import pytest

from plugins.catalog.load import Settings
from tests.unit.importer.helpers import copy_site


@pytest.fixture
def settings(tmp_path) -> Settings:
    return copy_site(tmp_path)


@pytest.fixture
def site(settings) -> Path:
    """A copy of tests/fixtures/site (catalog + taxonomy) — never the real catalog/."""
    return settings.root
