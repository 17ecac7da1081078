"""Splitting one site's build across machines: per-body shards and their merge.

``gongkai build --shard I/N`` loads the whole catalog (from the persistent cache where it can) but renders
only the item pages (with their 繁体 twins and attachments) of the bodies assigned to shard ``I``; the
global pages (columns, search index, exports, reports …) are left to the merge. It records what it wrote,
with each page's fingerprint, in ``shard.json``. ``gongkai merge`` runs the ordinary build with the shards
as the warm tree: every item page whose fingerprint matches is hard-linked from its shard, everything else
is rendered — the same code path as a single-machine build, so the tree is byte-identical to it.

Bodies (publishers) are assigned greedily, largest first, to the least loaded shard: deterministic, and
balanced when no single body dominates.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

RECORD = "shard.json"
CACHE = "shard-cache.sqlite"      # the shard's parsed items and search counts, for a merge on another machine
VERSION = 1


def parse(text: str) -> tuple[int, int]:
    """``"2/4"`` → (2, 4); shards are numbered from 0. ValueError with a Chinese message otherwise."""
    try:
        i, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise ValueError(f"--shard 应写成 序号/总数，如 0/4，实际是 {text!r}") from None
    if not 0 <= i < n:
        raise ValueError(f"--shard {text}：序号应在 0 到 {n - 1} 之间（从 0 开始）")
    return i, n


def assign(items, n: int) -> dict[str, int]:
    """publisher key → shard, largest body first onto the least loaded shard."""
    counts = Counter(item.publisher.key for item in items)
    load = [0] * n
    out = {}
    for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        shard = min(range(n), key=lambda j: (load[j], j))
        out[key] = shard
        load[shard] += count
    return out


def mine(items, shard: tuple[int, int]) -> list:
    """The items whose pages shard ``(i, n)`` renders."""
    owner = assign(items, shard[1])
    return [item for item in items if owner[item.publisher.key] == shard[0]]


def write_record(run) -> None:
    """``shard.json`` in the shard's output: its number and every file it wrote, with its fingerprint; and
    ``shard-cache.sqlite``: what it parsed and counted, so the merge re-does none of it."""
    data = {"version": VERSION, "shard": list(run.shard), "prints": dict(sorted(run.prints.items()))}
    (Path(run.output) / RECORD).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    if run.store is not None:
        from plugins.catalog.cache import BODIES
        from plugins.catalog.cache import NAMESPACE as ITEMS
        from plugins.search_index.postings import CACHE_NS as COUNTS

        run.store.export(Path(run.output) / CACHE, (ITEMS, BODIES, COUNTS))


def absorb(store, folders: list[Path]) -> None:
    """Add the shards' exported caches to ``store`` (the merge then parses and counts nothing again)."""
    for folder in folders:
        if store is not None and (Path(folder) / CACHE).is_file():
            store.absorb(Path(folder) / CACHE)


def read_records(folders: list[Path]) -> tuple[dict[str, Path], dict[str, str]]:
    """(save_as → shard folder, save_as → fingerprint) over every shard; ValueError (Chinese) when a
    shard is missing, incomplete or claims a file another shard claims."""
    sources: dict[str, Path] = {}
    prints: dict[str, str] = {}
    seen: dict[int, Path] = {}
    total = None
    for folder in folders:
        try:
            data = json.loads((Path(folder) / RECORD).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise ValueError(f"{folder} 不是分片构建的输出（没有可读的 {RECORD}）— 先运行 gongkai build --shard I/N") from None
        if data.get("version") != VERSION:
            raise ValueError(f"{folder}/{RECORD} 的格式版本不符 — 用同一版本的 Gongkai 重新构建该分片")
        i, n = data["shard"]
        if total not in (None, n):
            raise ValueError(f"{folder} 是 {n} 个分片中的一个，与其他分片的总数 {total} 不同")
        total = n
        if i in seen:
            raise ValueError(f"分片 {i} 出现了两次：{seen[i]} 和 {folder}")
        seen[i] = Path(folder)
        for save_as, fingerprint in data["prints"].items():
            if save_as in sources and prints[save_as] != fingerprint:
                raise ValueError(f"{save_as} 同时由 {sources[save_as]} 和 {folder} 生成且内容不同")
            sources[save_as] = Path(folder)
            prints[save_as] = fingerprint
    missing = sorted(set(range(total or 0)) - set(seen))
    if missing:
        raise ValueError(f"缺少分片 {'、'.join(map(str, missing))}（共 {total} 个）— 把所有分片的输出都交给 merge")
    return sources, prints
