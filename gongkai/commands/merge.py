"""gongkai merge: assemble the outputs of ``gongkai build --shard I/N`` into one complete site."""
from __future__ import annotations

import sys
from pathlib import Path

from gongkai import locks
from gongkai.sitebuild import build

from .build import summary

HELP = "合并分片构建（gongkai build --shard I/N）的输出，生成与单机构建逐字节相同的完整网站"


def add_arguments(parser):
    parser.add_argument("shards", nargs="+", help="各分片的输出目录")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-o", "--output", default=None, help="输出目录（默认取设置中的 OUTPUT_PATH）")
    parser.add_argument("--fatal-warnings", action="store_true")


def run(args) -> int:
    try:
        with locks.checkout(args.settings):
            code, stats = build(args.settings, args.output, fatal_warnings=args.fatal_warnings,
                                shard_folders=[Path(p).resolve() for p in args.shards])
    except ValueError as exc:        # a missing or inconsistent shard
        print(f"合并失败：{exc}", file=sys.stderr)
        return 2
    print(summary(code, stats), file=sys.stderr if code else sys.stdout)
    return code
