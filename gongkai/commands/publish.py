"""gongkai publish: production build (publishconf.py), site checks, precompression, manifest — all or nothing.

The site is built and checked in ``<output>.publish``; only a tree that passed every check and has
its manifest is moved over ``<output>``. An interrupted or failing publish leaves ``<output>`` (and
whatever is deployed) exactly as it was. Checks, compression and manifest reuse what earlier runs
computed for unchanged files (the publish cache, gongkai/publish/cache.py).
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from gongkai import locks
from gongkai.publish import pipeline
from gongkai.sitebuild import DISK_FULL, build, cache_folder, cache_on, load_settings, shown, swap_into_place

from .sitecheck import print_problems

HELP = "正式发布：用 publishconf.py 构建、检查、预压缩并生成文件清单（manifest.json）"


def add_arguments(parser):
    parser.add_argument("-s", "--settings", default="publishconf.py", help="设置文件（默认 publishconf.py）")
    parser.add_argument("-o", "--output", default=None, help="输出目录（默认取设置中的 OUTPUT_PATH）")
    parser.add_argument("--today", default=None, help="检查用的参照日期 YYYY-MM-DD（默认今天）")
    parser.add_argument("--format", choices=("text", "github", "gitlab"), default="text", help="检查结果的输出格式")


def run(args) -> int:
    settings = load_settings(args.settings)
    final = Path(args.output or settings["OUTPUT_PATH"]).resolve()
    with locks.checkout(args.settings), locks.held(locks.lock_path(final), shown(final)):
        return _publish(args, settings, final)


def _publish(args, settings: dict, final: Path) -> int:
    from gongkai.engine.run import Session

    staging = final.with_name(final.name + ".publish")
    session = Session()        # the build's catalog, for the checks
    code, stats = build(args.settings, staging, fatal_warnings=True, tree_of=final, session=session)
    if stats["failure"]:
        print(f"{stats['failure']}\n发布失败：未改动 {shown(final)}。", file=sys.stderr)
        return 1
    if code:
        print(f"发布失败：构建有 {stats['errors']} 个错误、{stats['warnings']} 个警告（发布时警告也算失败）；"
              f"未改动 {shown(final)}。", file=sys.stderr)
        return 1
    try:
        done = pipeline.finish(settings, staging, args.today, shown=final, session=session)
    except ValueError as exc:
        print(f"{args.settings}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        if exc.errno not in DISK_FULL:
            raise
        shutil.rmtree(staging, ignore_errors=True)     # free the space now
        print(f"发布失败：磁盘空间不足，预压缩或写清单时出错；已删除未完成的 {shown(staging)}，未改动 {shown(final)}。"
              "清理磁盘后重新运行 make publish。", file=sys.stderr)
        return 1
    site = done.site
    print_problems(site, args.format)
    if done.manifest is None:
        print(f"发布中止：网站检查发现 {len(site.problems.errors)} 个错误；未改动 {shown(final)}。"
              f"检查报告：{staging / site.cfg['report_path'].strip('/') / 'index.html'}", file=sys.stderr)
        return 1
    swap_into_place(staging, final)
    pipeline.remember(done)
    remember_tree(settings, final, stats.get("prints"))
    info, s, r = done.manifest, done.seconds, done.reused
    print(f"发布完成：{info['count']:,} 个文件（其中预压缩 {done.packed.twins:,} 个），版本 {info['build_id']}，"
          f"输出到 {shown(final)}；构建 {stats['seconds']:.1f} 秒，检查 {s['checks']:.1f} 秒，"
          f"压缩 {s['compress']:.1f} 秒，清单 {s['manifest']:.1f} 秒。")
    if done.folder is not None:
        print(f"发布缓存：重新检查 {r['pages_parsed']:,} / {r['pages']:,} 个页面，重新压缩 {r['compressed']:,} 个文件"
              f"（{r['compress_reused']:,} 个沿用缓存），计算校验值 {r['files_hashed']:,} 个文件。")
    return 0


def remember_tree(settings: dict, final: Path, prints: dict | None) -> None:
    """The published tree is the one the next build (publish or not) links unchanged pages from."""
    if prints is None or not cache_on(settings):
        return
    from gongkai.engine.store import Store

    store = Store(cache_folder(settings))
    store.save_tree(final, prints)
    store.close()
