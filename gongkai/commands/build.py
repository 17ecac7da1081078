"""gongkai build: the whole site into output/, atomically; every problem printed, then the summary."""
from __future__ import annotations

import sys

from gongkai import locks
from gongkai.sitebuild import build, shown


def add_arguments(parser):
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="设置文件（默认 pelicanconf.py）")
    parser.add_argument("-o", "--output", default=None, help="输出目录（默认取设置中的 OUTPUT_PATH）")
    parser.add_argument("--fatal-warnings", action="store_true", help="有警告也视为失败（CI 使用）")


def run(args) -> int:
    with locks.checkout(args.settings):
        code, stats = build(args.settings, args.output, fatal_warnings=args.fatal_warnings)
    print(summary(code, stats), file=sys.stderr if code else sys.stdout)
    return code


def summary(code: int, stats: dict) -> str:
    if stats["failure"]:
        return stats["failure"]
    where = shown(stats["output"])
    if code:
        return f"构建失败：{stats['errors']} 个错误，{stats['warnings']} 个警告；未改动 {where}。"
    return f"构建完成：{stats['seconds']:.1f} 秒，{stats['warnings']} 个警告，输出到 {where}。"
