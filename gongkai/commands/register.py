"""gongkai register: enter a paper or counter application in the register and print its 查询码 (make register).

    make register CHANNEL=当面 APPLICANT=自然人 [DATE=2026-12-04] [NO=…] [CODE=…] [RECEIPT=1]
    make register RENEW=HC-YSQ-2026-00012       a new 查询码 for a case whose code was lost

The 查询码 is printed once and never stored: the register keeps only its PBKDF2 key (docs/ysqgk.md).
"""
from __future__ import annotations

import csv
import io
import re
import sys

from gongkai.sitebuild import load_settings
from plugins._shared.diagnostics import Problems, relpath
from plugins.workdays.generator import load_for
from plugins.ysqgk import api, deadlines, lookup, notices, staff, writer
from plugins.ysqgk.ledger import parse_row
from plugins.ysqgk.workindex import WorkdayIndex

HELP = "登记一件当面、信函或传真申请，生成并打印查询码（登记簿只保存查询码的密钥）"
DEFAULT_PREFIX = "YSQ"
MIN_CODE = 8


def add_arguments(parser):
    parser.add_argument("--channel", help="申请渠道：当面、信函、网络、传真")
    parser.add_argument("--applicant", help="申请人类型：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他")
    parser.add_argument("--date", help="收到申请日期（《条例》第三十一条），YYYY-MM-DD，默认今天")
    parser.add_argument("--no", help="受理编号（默认按年份自动编号）")
    parser.add_argument("--code", help="已发给申请人的查询码（如在线申请系统给出的）；默认新生成")
    parser.add_argument("--note", default="", help="备注（不写个人信息）")
    parser.add_argument("--receipt", action="store_true", help="同时生成写有查询码的登记回执（内部文件夹）")
    parser.add_argument("--renew", metavar="受理编号", help="为已登记的申请重新生成查询码（原查询码作废）")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")


def next_no(cases, prefix: str, year: int) -> str:
    pattern = re.compile(rf"^{re.escape(prefix)}-{year}-(\d+)$", re.I)
    serials = [int(m.group(1)) for c in cases if (m := pattern.match(c.no))]
    return f"{prefix}-{year}-{max(serials, default=0) + 1:05d}"


def _fail(problems) -> int:
    for p in problems.sorted():
        print(p.format(), file=sys.stderr)
    return 1


def _renew(settings, register, no: str, salt: str, iterations: int) -> int:
    case = next((c for c in register.cases if c.no.upper() == no.strip().upper()), None)
    if case is None:
        print(f"登记簿中没有受理编号 {no}。", file=sys.stderr)
        return 1
    code = lookup.new_code()
    key = lookup.derive_key(case.no, code, salt, iterations)
    path = api.root_of(settings) / case.path
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    header = [h.strip() for h in rows[0]]
    if "query_key" not in header:
        print(f"{case.path} 的表头没有 query_key 列，请先添加。", file=sys.stderr)
        return 1
    col, target = header.index("query_key"), header.index("no")
    for row in rows[1:]:
        if len(row) == len(header) and row[target].strip().upper() == case.no.upper():
            row[col] = key
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    print(f"受理编号：{case.no}\n新查询码：{code}\n原查询码已作废。新查询码不会保存，请当场告知申请人。")
    return 0


def run(args) -> int:
    settings = load_settings(args.settings)
    register, problems = api.load(settings)
    if problems.errors:
        print("登记簿有错误，请先改正（make check）：", file=sys.stderr)
        return _fail(problems)
    salt = str(api.setting(settings, "REQUESTS_SALT")).strip()
    iterations = api.setting(settings, "REQUESTS_KDF_ITERATIONS")
    if not salt:
        print("pelicanconf.py 没有设置 REQUESTS_SALT：设置本站固定的盐值后再登记（设置后不能再改）。", file=sys.stderr)
        return 2
    if args.renew:
        return _renew(settings, register, args.renew, salt, iterations)
    if not args.channel or not args.applicant:
        print("用法：make register CHANNEL=当面 APPLICANT=自然人 [DATE=YYYY-MM-DD] [NO=受理编号] [CODE=查询码] [RECEIPT=1]",
              file=sys.stderr)
        return 2
    received = args.date or api.today().isoformat()
    year = received[:4] if re.match(r"^\d{4}-", received) else str(api.today().year)
    no = args.no or next_no(register.cases, settings.get("REQUESTS_NO_PREFIX") or DEFAULT_PREFIX, int(year))
    code = args.code or lookup.new_code()
    if args.code and len(lookup.normalize_code(args.code)) < MIN_CODE:
        print(f"查询码至少 {MIN_CODE} 位（本站生成的查询码为 {lookup.CODE_LENGTH} 位）。", file=sys.stderr)
        return 2
    cells = {"no": no, "query_key": lookup.derive_key(no, code, salt, iterations), "received": received,
             "channel": args.channel.strip(), "applicant": args.applicant.strip(), "note": args.note.strip()}
    folder = api.register_dir(settings)
    target = folder / f"{year}.csv"
    rel = relpath(target, api.root_of(settings))
    check = Problems()
    case = parse_row(rel, 0, cells, check)
    if case is not None and case.no.upper() in {c.no.upper() for c in register.cases}:
        check.add(rel, 0, "no", f"受理编号 {no} 已经登记", "换一个受理编号，或不写 NO= 自动编号", "受理编号")
    if case is not None and case.received > api.today():
        check.add(rel, 0, "received", f"收到日期 {case.received} 在今天之后", "核对日期", "收到申请日期")
    if check.errors:
        return _fail(check)
    writer.append(target, case)
    calendar = load_for(settings, Problems())
    index = WorkdayIndex.around(calendar, [case.received])
    d = deadlines.for_case(index, case)
    due = d.due.isoformat() if d.state == deadlines.OK else "、".join(map(str, d.uncovered)) + "年节假日安排尚未收录，暂无法计算"
    print(f"已登记到 {rel}\n受理编号：{no}\n查询码：{code}")
    print(f"收到申请日期：{case.received}\n答复期限：{due}")
    print("查询码不会保存：请写在登记回执上交给申请人（或当场告知）。遗失的，用 make register RENEW=受理编号 重新生成。")
    if args.receipt:
        out = staff.notices_dir(settings)
        if staff.inside_output(out, settings):
            print(f"告知书文件夹 {out} 在网站输出目录内，未生成登记回执。", file=sys.stderr)
            return 2
        files = staff.write(out, settings.get("AGENCY") or {}, [(no, [notices.receipt(case, d, code)])])
        print(f"登记回执：{files[0]}（打印后删除该文件）")
    return 0


