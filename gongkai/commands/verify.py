"""gongkai verify: compare a deployed site (directory, HTTP base URL, or the DEPLOY target) with a manifest."""
from __future__ import annotations

import sys
from pathlib import Path

from gongkai.release import manifest as mf
from gongkai.release.remote import DeployError, Shell, verify_release
from gongkai.sitebuild import load_settings

from .deploy import add_target_arguments, target_from

HELP = "防篡改校验：把已部署的网站（目录、网址或 DEPLOY 目标）与文件清单逐个比对，列出被改动、缺失和多出的文件"


def add_arguments(parser):
    parser.add_argument("where", nargs="?", default=None,
                        help="已部署网站的目录或 http(s) 网址；省略时校验 DEPLOY 配置的 current")
    parser.add_argument("--manifest", default=None, help="作为基准的清单（默认 output/manifest.json，没有则用目标目录中的）")
    add_target_arguments(parser)


def _reference(args, settings: dict, fallback: Path | None) -> dict:
    path = Path(args.manifest) if args.manifest else Path(settings["OUTPUT_PATH"]) / mf.NAME
    if not path.exists() and not args.manifest and fallback is not None:
        path = fallback / mf.NAME
    return mf.load(path)


def run(args) -> int:
    settings = load_settings(args.settings)
    failed: list[str] = []
    try:
        if args.where and args.where.startswith(("http://", "https://")):
            from gongkai.release.httpverify import verify_url

            reference = _reference(args, settings, None)
            diff, failed = verify_url(args.where, reference)
            where = args.where
        elif args.where:
            reference = _reference(args, settings, Path(args.where))
            diff, where = mf.verify_tree(Path(args.where), reference), args.where
        else:
            target = target_from(args, settings)
            current = f"{target.path}/current"
            reference = _reference(args, settings, None if target.remote else Path(current))
            with Shell(target) as shell:
                diff, where = verify_release(shell, current, reference), f"{target.describe()}/current"
    except (ValueError, DeployError) as exc:
        print(f"校验失败：{exc}", file=sys.stderr)
        return 2
    for line in diff.lines():
        print(line)
    for path in failed:
        print(f"无法读取：{path}")
    print(f"{where}：{diff.summary()}（版本 {reference['build_id']}，{reference['count']} 个文件）"
          + (f"；{len(failed)} 个文件无法读取" if failed else ""))
    return 0 if diff.ok and not failed else 1
