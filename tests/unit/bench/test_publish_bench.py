"""bench/publish.py: a cold publish + deploy, then one edited item (figures only; nothing is timed here)."""
import pytest

from bench import publish

pytestmark = pytest.mark.slow


def test_warm_row_reuses_the_cache_and_sends_only_changes(tmp_path):
    cold, warm = publish.run([60], tmp_path)
    assert (cold["run"], warm["run"]) == ("cold", "warm") and cold["verify_ok"] and warm["verify_ok"]
    assert cold["pages_parsed"] == cold["pages"] > 100 and 0 < warm["pages_parsed"] < 10
    assert cold["compress_reused"] == 0 and warm["compress_reused"] > warm["compressed"]
    assert cold["linked_files"] == 0 and cold["sent_files"] == cold["files"] + 1          # manifest.json too
    assert 0 < warm["sent_files"] < cold["sent_files"] / 2
    assert warm["linked_files"] + warm["sent_files"] == warm["files"] + 1
    assert warm["hashed_on_server"] < cold["hashed_on_server"] / 2
