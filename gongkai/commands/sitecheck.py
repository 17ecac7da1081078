"""gongkai sitecheck: check a built site (links, 空白栏目/栏目不更新, footer and <meta>, Art. 26, personal data)."""
from __future__ import annotations

import sys
from pathlib import Path

from gongkai import locks
from gongkai.publish import cache
from gongkai.publish.pipeline import check_site
from gongkai.sitebuild import load_settings, shown

HELP = "检查已构建的网站：失效链接、空白栏目、栏目不更新、页脚和元数据、第二十六条时限、个人信息"


def add_arguments(parser):
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="设置文件（默认 pelicanconf.py）")
    parser.add_argument("-o", "--output", default=None, help="已构建的网站目录（默认取设置中的 OUTPUT_PATH）")
    parser.add_argument("--today", default=None, help="参照日期 YYYY-MM-DD（默认今天），用于“栏目不更新”")
    parser.add_argument("--format", choices=("text", "github", "gitlab"), default="text",
                        help="输出格式：text（默认）、github（Actions 注释）、gitlab（代码质量报告 JSON）")
    parser.add_argument("--no-report", action="store_true", help="不在网站目录中写报告页")


def print_problems(site, fmt: str) -> None:
    from gongkai.publish.checks.report import summary_text

    if fmt == "text":
        sys.stdout.write(summary_text(site))
    else:
        from gongkai import annotations

        print(annotations.render(site.problems.sorted(), fmt))


def run(args) -> int:
    settings = load_settings(args.settings)
    output = Path(args.output or settings["OUTPUT_PATH"])
    with locks.checkout(args.settings), locks.held(locks.lock_path(output.resolve()), shown(output.resolve())):
        return _check(args, settings, output)


def _check(args, settings: dict, output: Path) -> int:
    if not (output / "index.html").is_file():
        print(f"{output} 不是已构建的网站（没有 index.html）— 先运行 make html 或 make publish", file=sys.stderr)
        return 1
    from gongkai.publish import manifest as mf

    published = (output / mf.NAME).exists()   # never change a published tree: its manifest must stay true
    try:
        site = check_site(settings, output, args.today, report=not (args.no_report or published),
                          folder=cache.folder(settings))
    except ValueError as exc:  # SITE_CHECKS settings
        print(f"pelicanconf.py: {exc}", file=sys.stderr)
        return 1
    print_problems(site, args.format)
    if published and not args.no_report:
        print(f"{output} 已有 {mf.NAME}（已发布的版本），报告页未写入，以免改动已校验的文件。", file=sys.stderr)
    return 1 if site.problems.errors else 0
