"""Character maps between 简体 and 繁体, generated at build time from OpenCC's own data.

``t2s`` (繁→简) normalises indexed text and queries, so a 繁体 query finds 简体 items; ``s2t`` (简→繁)
converts result titles and snippets on the 繁体 mirror's search page. Only one-to-one mappings
inside the main CJK blocks (U+3400–U+9FFF) are kept: phrase-level conversion needs OpenCC's
dictionaries, which the browser does not have; the map is a search normaliser, not a translator.
"""
from __future__ import annotations

import functools
import unicodedata

BLOCK = (0x3400, 0x9FFF)


@functools.cache
def char_map(config: str) -> dict[str, str]:
    """``{char: char}`` for OpenCC ``config`` (``t2s`` or ``s2t``), in code-point order."""
    import opencc

    chars = [chr(c) for c in range(BLOCK[0], BLOCK[1] + 1)]
    converted = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - OpenCC never merges across line breaks
        raise RuntimeError(f"OpenCC {config} changed the number of characters")
    out = {}
    for src, dst in zip(chars, converted):
        if src != dst and len(dst) == 1 and BLOCK[0] <= ord(dst) <= BLOCK[1] \
                and unicodedata.normalize("NFKC", src) == src:
            out[src] = dst
    return out


def as_json(mapping: dict[str, str]) -> dict:
    """The file the browser loads: two strings of equal length, ``from[i]`` → ``to[i]``."""
    return {"from": "".join(mapping), "to": "".join(mapping.values())}


def key_bitmap(mapping: dict[str, str]) -> str:
    """Base64 bitmap over BLOCK of the characters ``mapping`` changes: the browser fetches the map
    only for a query holding one of them (a 简体 query never does)."""
    import base64

    bits = bytearray((BLOCK[1] - BLOCK[0]) // 8 + 1)
    for c in mapping:
        i = ord(c) - BLOCK[0]
        bits[i >> 3] |= 1 << (i & 7)
    return base64.b64encode(bytes(bits)).decode("ascii")
