"""The Python and JavaScript tokenizers give identical tokens for the same strings (run through Node)."""
import json
import subprocess

import pytest

from plugins.search_index import charmap
from plugins.search_index import tokenize as T
from tests.conftest import ROOT

CASES = ROOT / "tests" / "fixtures" / "search" / "tokenizer_cases.json"
SCRIPT = ROOT / "tests" / "node" / "search_tokenize.js"


def js_tokens(tmp_path, unigrams):
    map_file = tmp_path / "t2s.json"
    map_file.write_text(json.dumps(charmap.as_json(charmap.char_map("t2s")), ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(["node", str(SCRIPT), str(map_file), str(CASES), unigrams],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.node
@pytest.mark.parametrize("unigrams", T.UNIGRAM_MODES)
def test_same_tokens_in_python_and_javascript(tmp_path, unigrams):
    cases = json.loads(CASES.read_text(encoding="utf-8"))
    table = T.translation(charmap.char_map("t2s"))
    expected = [T.tokens(text, table, unigrams) for text in cases]
    got = js_tokens(tmp_path, unigrams)
    diffs = [(text, py, js) for text, py, js in zip(cases, expected, got) if py != js]
    assert not diffs, "\n".join(f"{t!r}\n  py {p}\n  js {j}" for t, p, j in diffs)
    assert sum(len(t) for t in expected) > 300   # the cases really produce tokens
