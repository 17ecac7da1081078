"""gongkai rollback: point ``current`` back at the previous release (verified first)."""
from __future__ import annotations

import sys

from gongkai.publish import cache
from gongkai.publish.release import rollback
from gongkai.publish.remote import DeployError
from gongkai.sitebuild import load_settings

from .deploy import add_target_arguments, target_from

HELP = "回滚：把 current 切回上一个版本（切换前先校验该版本）"


def add_arguments(parser):
    add_target_arguments(parser)
    parser.add_argument("--to", default=None, help="回滚到指定版本名（releases/ 下的目录名）")


def run(args) -> int:
    settings = load_settings(args.settings)
    try:
        rollback(target_from(args, settings), args.to, folder=cache.folder(settings))
    except DeployError as exc:
        print(f"回滚失败：{exc}", file=sys.stderr)
        return 1
    return 0
