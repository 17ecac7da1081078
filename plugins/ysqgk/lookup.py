"""查询码 status lookup without a server: codes, keys, and the encrypted shards the build publishes.

Scheme (docs/ysqgk.md §查询码; theme/static/js/ysqgk-lookup.js is the browser side):

* A 查询码 is 12 characters from a 31-symbol alphabet without 0 O 1 I L (59 bits), printed as
  ``XXXX-XXXX-XXXX``. Input is normalised: upper case, spaces and hyphens dropped.
* ``query_key`` = PBKDF2-HMAC-SHA256(password = 查询码, salt = ``gongkai-ysqgk|<site salt>|<受理编号>``,
  iterations from the settings, 32 bytes). The register stores only this key, never the code; the
  browser derives the same key from what the applicant types.
* From the key K: shard = first ``shard_hex`` hex digits of SHA-256("gk-shard" ‖ K); entry id =
  first 16 bytes of SHA-256("gk-id" ‖ K); AES-256-GCM key = SHA-256("gk-enc" ‖ K). Each shard file
  lists ``[id, iv, ciphertext]`` (base64url) sorted by id, and every shard is padded with
  random-looking entries to the same number of entries, and every plaintext to the same length, so the
  files show neither which cases exist nor how many fall in a shard. Only the build sees K (from the
  register); it runs no PBKDF2, so 100,000 cases take a second or two.
* The build is deterministic (the same register gives byte-identical files): the IV is
  HMAC-SHA256(AES key, plaintext)[:12] — a new IV whenever a record changes, the same ciphertext when it
  does not — and the padding entries are SHA-256 output seeded by all the register's keys, which a visitor
  of the website never sees (whoever can read the register learns nothing the register does not show).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"          # 31 symbols: no 0, O, 1, I, L
CODE_LENGTH = 12
CODE_BITS = CODE_LENGTH * math.log2(len(ALPHABET))  # ≈ 59.4
KDF_ITERATIONS = 310_000                              # OWASP's 2021 figure for PBKDF2-HMAC-SHA256
PLAINTEXT_BYTES = 240                                 # every record padded to this length
ENTRY_TARGET = 16                                     # aim for at least this many cases per shard
FORMAT_VERSION = 1


def new_code(rand=secrets.choice) -> str:
    """A fresh 查询码, grouped for reading aloud: ``7KQ2-M9XD-4RTP``."""
    raw = "".join(rand(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def normalize_code(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).upper() if ch not in " -\u3000")


def normalize_no(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).upper().split())


def salt_bytes(site_salt: str, no: str) -> bytes:
    return f"gongkai-ysqgk|{site_salt}|{normalize_no(no)}".encode()


def derive_key(no: str, code: str, site_salt: str, iterations: int = KDF_ITERATIONS) -> str:
    """``query_key`` (hex) for a case: what the register stores and what the browser derives."""
    return hashlib.pbkdf2_hmac("sha256", normalize_code(code).encode(), salt_bytes(site_salt, no), iterations).hex()


def shard_hex_for(cases: int) -> int:
    """Hex digits of the shard name: 1 (16 shards) up to 3 (4,096), so shards hold ≥ ENTRY_TARGET cases."""
    n = 1
    while n < 3 and cases / 16 ** (n + 1) >= ENTRY_TARGET:
        n += 1
    return n


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def locate(key_hex: str, shard_hex: int) -> tuple[str, bytes, bytes]:
    """(shard name, entry id, AES key) for a ``query_key``."""
    k = bytes.fromhex(key_hex)
    shard = hashlib.sha256(b"gk-shard" + k).hexdigest()[:shard_hex]
    return shard, hashlib.sha256(b"gk-id" + k).digest()[:16], hashlib.sha256(b"gk-enc" + k).digest()


def pad(payload: dict) -> bytes:
    """The record as JSON padded with spaces to PLAINTEXT_BYTES (so every ciphertext has one length)."""
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    if len(data) > PLAINTEXT_BYTES:
        raise ValueError("lookup record too long")
    return data + b" " * (PLAINTEXT_BYTES - len(data))


def _stream(seed: bytes, label: str, size: int) -> bytes:
    """``size`` pseudo-random bytes (SHA-256 in counter mode) for padding entries."""
    out, n = b"", 0
    while len(out) < size:
        out += hashlib.sha256(seed + label.encode() + n.to_bytes(4, "big")).digest()
        n += 1
    return out[:size]


def build_shards(entries, shard_hex: int) -> dict[str, bytes]:
    """``{shard name: file bytes}`` for every possible shard name, from ``[(query_key hex, payload dict)]``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    shards: dict[str, list] = {format(i, f"0{shard_hex}x"): [] for i in range(16 ** shard_hex)}
    seed = hashlib.sha256(b"gk-pad" + b"".join(sorted(bytes.fromhex(k) for k, _ in entries))).digest()
    for key_hex, payload in entries:
        name, entry_id, aes_key = locate(key_hex, shard_hex)
        plain = pad(payload)
        iv = hmac.new(aes_key, b"gk-iv" + plain, hashlib.sha256).digest()[:12]
        shards[name].append([_b64(entry_id), _b64(iv), _b64(AESGCM(aes_key).encrypt(iv, plain, None))])
    size = max((len(v) for v in shards.values()), default=0)
    size = max(size, 4)
    cipher_len = PLAINTEXT_BYTES + 16
    out = {}
    for name, rows in shards.items():
        while len(rows) < size:
            filler = _stream(seed, f"{name}/{len(rows)}", 16 + 12 + cipher_len)
            rows.append([_b64(filler[:16]), _b64(filler[16:28]), _b64(filler[28:])])
        rows.sort()
        out[name] = json.dumps({"v": FORMAT_VERSION, "e": rows}, separators=(",", ":")).encode()
    return out
