"""gongkai verify: compare a deployed site (directory, HTTP base URL, or the DEPLOY target) with a trusted manifest.

The reference is always a manifest from the build (``output/manifest.json`` or ``--manifest``),
never the copy inside the checked target: whoever changed the site could have changed that too.
"""
from __future__ import annotations

import sys
from pathlib import Path

from gongkai.publish import manifest as mf
from gongkai.publish.remote import DeployError, Shell
from gongkai.publish.serverside import verify_release
from gongkai.sitebuild import load_settings

from .deploy import add_target_arguments, target_from

HELP = "防篡改校验：把已部署的网站（目录、网址或 DEPLOY 目标）与可信的文件清单逐个比对，列出被改动、缺失和多出的文件"


def add_arguments(parser):
    parser.add_argument("where", nargs="?", default=None,
                        help="已部署网站的目录或 http(s) 网址；省略时校验 DEPLOY 配置的 current")
    parser.add_argument("--manifest", default=None,
                        help="作为基准的可信清单（默认 output/manifest.json；不使用被校验目标中的清单）")
    add_target_arguments(parser)


def trusted_manifest(manifest: str | None, settings: dict) -> dict:
    """The reference manifest: ``--manifest`` or the local build's; never the target's own."""
    path = Path(manifest) if manifest else Path(settings["OUTPUT_PATH"]) / mf.NAME
    if not manifest and not path.exists():
        raise ValueError(f"没有可信的基准清单：找不到 {path} — 用 MANIFEST=… 指定 CI 构建产物中的 manifest.json，"
                         "或先运行 make publish（被校验目标中的清单不能作基准：网站被改动时它也可能被改）")
    return mf.load(path)


def run(args) -> int:
    settings = load_settings(args.settings)
    try:
        reference = trusted_manifest(args.manifest, settings)
        if args.where and args.where.startswith(("http://", "https://")):
            from gongkai.publish.httpverify import PRIVATE, verify_url

            diff = verify_url(args.where, reference, private=tuple(settings.get("VERIFY_PRIVATE", PRIVATE)))
            where = args.where
        elif args.where:
            diff, where = mf.verify_tree(Path(args.where), reference), args.where
        else:
            target = target_from(args, settings)
            with Shell(target) as shell:
                diff = verify_release(shell, f"{target.path}/current", reference)
            where = f"{target.describe()}/current"
    except (ValueError, DeployError) as exc:
        print(f"校验失败：{exc}", file=sys.stderr)
        return 2
    for line in diff.lines():
        print(line)
    print(f"{where}：{diff.summary()}（版本 {reference['build_id']}，{reference['count']} 个文件）")
    return 0 if diff.ok else 1
