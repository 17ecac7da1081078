"""Hostile-input fixtures shared by the import tests (the site builds are in hostile_site.py)."""
import pytest

from tests.unit.importer.helpers import copy_site


@pytest.fixture
def settings(tmp_path):
    """A throw-away copy of the fixture site's catalog to import into."""
    return copy_site(tmp_path)
