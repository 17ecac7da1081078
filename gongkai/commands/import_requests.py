"""gongkai import-requests: bring an agency's 依申请公开 台账 (XLSX/CSV) into content/requests/ (make import-requests).

Dry run by default; ``--write`` appends the new cases. Personal-data columns are dropped, a 查询码
column becomes the PBKDF2 key. See docs/ysqgk.md §导入台账.
"""
from __future__ import annotations

import sys
from pathlib import Path

from gongkai.importer import requests_import as imp
from gongkai.sitebuild import load_settings
from plugins._shared.diagnostics import relpath, summary
from plugins.ysqgk import api

HELP = "把已有的依申请公开台账（Excel、CSV）导入登记簿（默认试运行；个人信息列不导入，查询码只保存密钥）"


def add_arguments(parser):
    parser.add_argument("sources", nargs="+", type=lambda t: Path(t).resolve(), metavar="SRC", help="台账文件")
    parser.add_argument("--mapping", type=lambda t: Path(t).resolve(), help="列名映射文件（YAML，columns: 段）")
    parser.add_argument("--sheet", help="Excel 工作表名称（默认第一个）")
    parser.add_argument("--write", action="store_true", help="写入登记簿（默认只试运行并报告）")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")


def run(args) -> int:
    settings = load_settings(args.settings)
    root = api.root_of(settings)
    register, problems = api.load(settings)
    if problems.errors:
        for p in problems.sorted():
            print(p.format(), file=sys.stderr)
        print("登记簿本身有错误，请先改正（make check）。", file=sys.stderr)
        return 1
    mapping_problems = imp.Result().problems
    mapping = imp.load_mapping(args.mapping, root, mapping_problems)
    if mapping_problems.errors:
        for p in mapping_problems.sorted():
            print(p.format(), file=sys.stderr)
        return 1
    missing = [str(p) for p in args.sources if not p.is_file()]
    if missing:
        print("找不到台账文件：" + "、".join(missing), file=sys.stderr)
        return 1
    result = imp.plan(args.sources, str(api.setting(settings, "REQUESTS_SALT")).strip(),
                      api.setting(settings, "REQUESTS_KDF_ITERATIONS"), register, root, mapping, args.sheet)
    ordered = result.problems.sorted()
    for p in ordered:
        print(p.format(), file=sys.stderr if p.is_error else sys.stdout)
    if result.dropped:
        print("以下列含个人信息，未导入：" + "、".join(sorted(result.dropped)))
    if result.skipped:
        print(f"{len(result.skipped)} 件已在登记簿中，跳过：" + "、".join(result.skipped[:10]) + ("……" if len(result.skipped) > 10 else ""))
    if result.failed:
        print(summary(ordered) + "有错误，未写入。改正台账（或映射文件）后重新运行。")
        return 1
    if not args.write:
        print(f"试运行：可导入 {len(result.rows)} 件。确认无误后加 WRITE=1 写入。")
        return 0
    imp.write(result, api.register_dir(settings))
    for target, n in result.written.items():
        print(f"写入 {relpath(target, root)}：{n} 件")
    print("查询码只保存了密钥；台账文件中的查询码和个人信息请按保密规定保管，不要提交到仓库。")
    return 0
