import pytest


@pytest.fixture
def root(tmp_path):
    """Repository root of a hand-made test site (messages are relative to it)."""
    return tmp_path
