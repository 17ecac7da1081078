"""gongkai build: the whole site into output/, atomically; every problem printed, then the summary."""
from __future__ import annotations

import sys

from gongkai import locks
from gongkai.engine import shards
from gongkai.sitebuild import build, shown


def add_arguments(parser):
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="设置文件（默认 pelicanconf.py）")
    parser.add_argument("-o", "--output", default=None, help="输出目录（默认取设置中的 OUTPUT_PATH）")
    parser.add_argument("--fatal-warnings", action="store_true", help="有警告也视为失败（CI 使用）")
    parser.add_argument("--shard", default=None, metavar="I/N",
                        help="只生成第 I 个分片（共 N 个，从 0 开始）的条目页面，供 gongkai merge 合并（见 docs/architecture.md）")
    parser.add_argument("--no-cache", action="store_true", help="不使用 .cache/build 中的构建缓存（完整重新生成）")


def run(args) -> int:
    shard = None
    if args.shard:
        try:
            shard = shards.parse(args.shard)
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
    with locks.checkout(args.settings):
        code, stats = build(args.settings, args.output, fatal_warnings=args.fatal_warnings, shard=shard,
                            cache=False if args.no_cache else None)
    print(summary(code, stats), file=sys.stderr if code else sys.stdout)
    return code


def summary(code: int, stats: dict) -> str:
    if stats["failure"]:
        return stats["failure"]
    where = shown(stats["output"])
    if code:
        return f"构建失败：{stats['errors']} 个错误，{stats['warnings']} 个警告；未改动 {where}。"
    return (f"构建完成：{stats['seconds']:.1f} 秒（生成 {stats.get('rendered', 0)} 个文件，"
            f"沿用 {stats.get('reused', 0)} 个未变的文件），{stats['warnings']} 个警告，输出到 {where}。")
