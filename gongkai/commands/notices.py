"""gongkai notices: print the 告知书 of register cases into the staff-only folder (make notices).

    make notices NO=HC-YSQ-2026-00271        one case (several: NO="A B")
    make notices OPEN=1                       every case not yet answered
"""
from __future__ import annotations

import sys

from gongkai.sitebuild import load_settings
from plugins._shared.diagnostics import Problems
from plugins.workdays.generator import load_for
from plugins.ysqgk import api, notices, staff
from plugins.ysqgk.ledger import OUTCOME_LOOKUP
from plugins.ysqgk.workindex import WorkdayIndex

HELP = "由依申请公开登记簿生成告知书（登记回执、补正、延期、征求意见、收费、答复书），写入内部文件夹，不进入网站"


def add_arguments(parser):
    parser.add_argument("numbers", nargs="*", metavar="受理编号", help="要生成告知书的申请（可写多个）")
    parser.add_argument("--open", action="store_true", help="所有尚未答复的申请")
    parser.add_argument("--outcome", help="按此办理结果预先生成答复书（如 予以公开、本机关不掌握），登记簿不变")
    parser.add_argument("--out", help="输出文件夹（默认 REQUESTS_NOTICES_PATH，即 notices/）")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")


def run(args) -> int:
    settings = load_settings(args.settings)
    register, problems = api.load(settings)
    if problems.errors:
        for p in problems.sorted():
            print(p.format(), file=sys.stderr)
        print("登记簿有错误，请先改正（make check）。", file=sys.stderr)
        return 1
    outcome = None
    if args.outcome:
        outcome = OUTCOME_LOOKUP.get(args.outcome)
        if outcome is None:
            print(f"“{args.outcome}”不是表三的办理结果。", file=sys.stderr)
            return 2
    by_no = {c.no.upper(): c for c in register.cases}
    chosen, missing = [], []
    for no in args.numbers:
        case = by_no.get(no.strip().upper())
        (chosen.append(case) if case else missing.append(no))
    if args.open:
        chosen += [c for c in register.cases if c.replied is None and c not in chosen]
    if missing:
        print("登记簿中没有这些受理编号：" + "、".join(missing), file=sys.stderr)
        return 1
    if not chosen:
        print("用法：make notices NO=受理编号（可写多个，用空格分开）或 make notices OPEN=1", file=sys.stderr)
        return 2
    from pathlib import Path

    folder = Path(args.out).resolve() if args.out else staff.notices_dir(settings)
    if staff.inside_output(folder, settings):
        print(f"告知书文件夹 {folder} 在网站输出目录内，告知书不得发布到网站：请换一个文件夹。", file=sys.stderr)
        return 2
    calendar = load_for(settings, Problems())
    index = WorkdayIndex.around(calendar, [d for c in chosen for d in c.dates()])
    corr = settings.get("REQUESTS_CORRECTION_DAYS") or notices.CORRECTION_DAYS
    fee = settings.get("REQUESTS_FEE_DAYS") or notices.FEE_DAYS
    cases = [(c.no, notices.for_case(c, index, outcome=outcome, correction_days=corr, fee_days=fee)) for c in chosen]
    files = staff.write(folder, settings.get("AGENCY") or {}, cases)
    for no, items in cases:
        print(f"{no}：" + "、".join(n.title for n in items))
    print(f"已写入 {len(files) - 1} 份告知书：{folder}（内部使用，不要提交到仓库或发布到网站）。")
    return 0
