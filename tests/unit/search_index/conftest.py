"""Fixtures of the search tests: a small catalog and its index (see helpers.py)."""
import pytest

from tests.unit.search_index.helpers import index_of, load, write_catalog


@pytest.fixture(scope="session")
def search_catalog(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-catalog")
    write_catalog(root)
    return load(root)


@pytest.fixture(scope="session")
def search_index(search_catalog, tmp_path_factory):
    return index_of(search_catalog, tmp_path_factory.mktemp("search-index"))
