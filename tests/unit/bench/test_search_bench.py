"""bench/search.py's query set is drawn from a synthetic catalog (the bench broke once when a
tokenizer constant it used was renamed: nothing ran it)."""
import json

from bench import search, synth


def test_the_query_set_is_drawn_with_brute_force_answers(tmp_path):
    synth.make_catalog(30, tmp_path)
    search.worker_queries(str(tmp_path), str(tmp_path / "q.json"))
    qs = json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))
    assert len(qs["words"]) == 60 and len(qs["chars"]) == 20 and len(qs["pairs"]) == 30
    assert all(2 <= len(w) <= 4 for w in qs["words"])
    assert all(qs["truth"][w] for w in qs["words"])        # drawn from the items: each is found somewhere
