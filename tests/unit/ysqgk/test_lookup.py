"""查询码, keys and shards: codes have ≥ 40 bits and no ambiguous characters; shards are all the same size and
reveal no case; the browser's WebCrypto side (under Node) finds a case by its code and nothing by any other."""
import base64
import json
import math
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from plugins.ysqgk import lookup

ROOT = Path(__file__).resolve().parents[3]
NODE = shutil.which("node")
SALT, ITER = "test-salt", 1000          # the real default is 310,000; the scheme is the same


def test_codes():
    assert lookup.CODE_BITS >= 50 and math.isclose(lookup.CODE_BITS, 12 * math.log2(31))
    assert not set("0O1IL") & set(lookup.ALPHABET) and len(set(lookup.ALPHABET)) == 31
    codes = {lookup.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 14 and c[4] == c[9] == "-" and set(c.replace("-", "")) <= set(lookup.ALPHABET) for c in codes)
    assert lookup.normalize_code(" 7kq2-m9xd 4rtp ") == "7KQ2M9XD4RTP"


def test_key_is_pbkdf2_of_code_and_number():
    import hashlib
    key = lookup.derive_key("hc-ysq-2025-00001", "7kq2-m9xd-4rtp", SALT, ITER)
    assert key == hashlib.pbkdf2_hmac("sha256", b"7KQ2M9XD4RTP", b"gongkai-ysqgk|test-salt|HC-YSQ-2025-00001", ITER).hex()
    assert key != lookup.derive_key("HC-YSQ-2025-00002", "7KQ2M9XD4RTP", SALT, ITER)


def _b64(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_shards_equal_and_decryptable():
    rng = random.Random(1)
    entries = [(rng.randbytes(32).hex(), {"s": "registered", "r": "2025-03-03"}) for _ in range(40)]
    files = lookup.build_shards(entries, 1)
    assert sorted(files) == [format(i, "x") for i in range(16)]
    sizes = {len(json.loads(b)["e"]) for b in files.values()}
    lengths = {len(b) for b in files.values()}
    assert len(sizes) == 1 and max(lengths) - min(lengths) <= 16 * max(sizes)    # base64 of equal-length fields
    key, payload = entries[0]
    name, entry_id, aes = lookup.locate(key, 1)
    rows = {r[0]: r for r in json.loads(files[name])["e"]}
    row = rows[base64.urlsafe_b64encode(entry_id).rstrip(b"=").decode()]
    plain = AESGCM(aes).decrypt(_b64(row[1]), _b64(row[2]), None)
    assert len(plain) == lookup.PLAINTEXT_BYTES and json.loads(plain) == payload
    text = b"".join(files.values()).decode()
    assert "2025-03-03" not in text and "registered" not in text


def test_shard_count_grows_with_the_register():
    assert [lookup.shard_hex_for(n) for n in (0, 600, 5000, 100_000, 10**7)] == [1, 1, 2, 3, 3]


@pytest.mark.node
@pytest.mark.skipif(NODE is None, reason="node not installed")
def test_browser_finds_by_code_and_nothing_else(tmp_path):
    cases = [("HC-YSQ-2025-00001", "7KQ2-M9XD-4RTP", {"s": "answered", "r": "2025-01-06", "d": "2025-01-27"}),
             ("HC-YSQ-2025-00002", "ABCD-EFGH-JKMN", {"s": "correction", "r": "2025-02-03", "cs": "2025-02-05"})]
    entries = [(lookup.derive_key(no, code, SALT, ITER), payload) for no, code, payload in cases]
    files = lookup.build_shards(entries, 1)
    ask = [["HC-YSQ-2025-00001", "7kq2 m9xd 4rtp"], ["hc-ysq-2025-00002", "ABCDEFGHJKMN"],
           ["HC-YSQ-2025-00001", "ABCD-EFGH-JKMN"], ["HC-YSQ-2025-00003", "7KQ2-M9XD-4RTP"], ["!!", "x"]]
    q = tmp_path / "q.json"
    q.write_text(json.dumps({"salt": SALT, "iterations": ITER, "shard_hex": 1, "ask": ask,
                             "shards": {k: v.decode() for k, v in files.items()}}), encoding="utf-8")
    done = subprocess.run([NODE, str(ROOT / "tests" / "node" / "ysqgk_lookup_check.js"), str(q)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out[0]["key"] == entries[0][0] and out[0]["shard"] == lookup.locate(entries[0][0], 1)[0]
    assert [o["payload"] for o in out] == [cases[0][2], cases[1][2], None, None, None]


def test_shards_are_deterministic_and_change_only_where_a_record_changed():
    rng = random.Random(2)
    entries = [(rng.randbytes(32).hex(), {"s": "registered", "r": "2025-03-03"}) for _ in range(40)]
    first, again = lookup.build_shards(entries, 1), lookup.build_shards(list(entries), 1)
    assert first == again                                   # byte-identical builds
    changed = [(entries[0][0], {"s": "answered", "r": "2025-03-03", "d": "2025-03-20"}), *entries[1:]]
    after = lookup.build_shards(changed, 1)
    name = lookup.locate(entries[0][0], 1)[0]
    assert after[name] != first[name]
    fillers = {tuple(r) for b in first.values() for r in json.loads(b)["e"]}
    assert len(fillers) == sum(len(json.loads(b)["e"]) for b in first.values())   # no two entries alike
