"""gongkai deploy: upload output/ as a new release, verify it on the server, switch ``current`` atomically.

Unchanged files are hard-linked from the live release and only changed bytes travel
(gongkai/publish/release.py); ``--json`` writes what was done (files and bytes sent) for scripts.
"""
from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

from gongkai import locks
from gongkai.publish import cache
from gongkai.publish.release import deploy
from gongkai.publish.remote import DeployError, Target
from gongkai.sitebuild import load_settings, shown

HELP = "部署：把通过检查的 output/ 上传为新版本（未改动的文件与当前版本硬链接），在服务器上校验后原子切换 current（保留最近 N 个版本）"


def add_target_arguments(parser):
    parser.add_argument("-s", "--settings", default="publishconf.py", help="设置文件（默认 publishconf.py，读取 DEPLOY）")
    parser.add_argument("--host", default=None, help="服务器（user@host；空则部署到本机目录）")
    parser.add_argument("--path", default=None, help="服务器上的部署目录（其下有 releases/ 和 current）")
    parser.add_argument("--port", default=None, type=int, help="SSH 端口")
    parser.add_argument("--identity", default=None, help="SSH 私钥文件")
    parser.add_argument("--known-hosts", default=None, help="known_hosts 文件（服务器公钥）")


def target_from(args, settings: dict) -> Target:
    return Target.from_settings(settings.get("DEPLOY"), host=args.host, path=args.path, port=args.port,
                                identity=args.identity, known_hosts=args.known_hosts)


def add_arguments(parser):
    add_target_arguments(parser)
    parser.add_argument("-o", "--output", default=None, help="要部署的目录（默认取设置中的 OUTPUT_PATH）")
    parser.add_argument("--json", default=None, help="把部署结果（上传的文件数和字节数等）写入这个 JSON 文件")


def run(args) -> int:
    settings = load_settings(args.settings)
    output = Path(args.output or settings["OUTPUT_PATH"])
    try:
        with locks.held(locks.lock_path(output.resolve()), shown(output.resolve())):   # no publish swaps it meanwhile
            result = deploy(output, target_from(args, settings), folder=cache.folder(settings))
    except DeployError as exc:
        print(f"部署失败：{exc}", file=sys.stderr)
        return 1
    if args.json:
        Path(args.json).write_text(json.dumps(dataclasses.asdict(result), ensure_ascii=False, indent=1) + "\n",
                                   encoding="utf-8")
    return 0
