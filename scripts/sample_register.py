"""Write the sample 依申请公开 register (content/requests/2025.csv, 2026.csv) — deterministic.

The 2025 cases reproduce Tables 三 and 四 of content/reports/2025.yml cell for cell (18 cases carried
over from 2024, 306 new, 298 answered, 26 carried into 2026); 2026 has answered cases and a few open
on 2026-12-04, the sample's "today". One 2025 case was answered late (with a 逾期说明), one extended,
some corrected (补正), some consulted (征求意见), one charged a fee. Every case gets a real 查询码,
derived with the site's salt; the codes are thrown away except those of DEMO (docs/ysqgk.md).

    .venv/bin/python scripts/sample_register.py          # ~1 minute: one PBKDF2 per case
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plugins._shared.diagnostics import Problems  # noqa: E402
from plugins.annual_report.load import load_report  # noqa: E402
from plugins.workdays import Calendar  # noqa: E402
from plugins.ysqgk import deadlines, lookup, schema  # noqa: E402
from plugins.ysqgk.workindex import WorkdayIndex  # noqa: E402
from plugins.ysqgk.writer import render  # noqa: E402

SALT = "haicheng-MB1C37512"          # pelicanconf.py REQUESTS_SALT
TODAY = dt.date(2026, 12, 4)
OUT = ROOT / "content" / "requests"
COLS = list(schema.APPLICANTS)       # 自然人 … 其他, the Table 三 column order
ROLE = "政府信息公开工作机构负责人"


def derive(args):
    no, code = args
    return lookup.derive_key(no, code, SALT)


def workdays_of(index, year, first=1, last=12):
    d, out = dt.date(year, first, 1), []
    while d.year == year and d.month <= last:
        if index.calendar.is_workday(d):
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def table_rows(report):
    """Outcome row id → [count per applicant column] from the typed Table 三."""
    return {o.id: [report.table3[o.id][c] for c in schema.APPLICANTS.values()] for o in schema.OUTCOMES}


def build_2025(index, rng, report):
    t3, t4 = report.table3, report.table4
    cols = list(schema.APPLICANTS.values())
    outcomes = table_rows(report)
    cases = []
    # the 18 carried over from 2024, received late in 2024
    late24 = [d for d in workdays_of(index, 2024, 12, 12) if d >= dt.date(2024, 12, 9)]
    serial = 380
    for ci, col in enumerate(cols):
        for _ in range(t3["carried"][col]):
            serial += 1
            cases.append({"no": f"HC-YSQ-2024-{serial:05d}", "received": rng.choice(late24), "applicant": COLS[ci],
                          "carried": True})
        new = []
    for ci, col in enumerate(cols):
        for _ in range(t3["new"][col]):
            new.append({"applicant": COLS[ci]})
    rng.shuffle(new)
    days = workdays_of(index, 2025)
    forward = {COLS[i]: t3["carry_forward"][c] for i, c in enumerate(cols)}
    # forward cases are the last received of their column: give December dates to them
    dec = [d for d in days if d >= dt.date(2025, 12, 8)]
    body = [d for d in days if d < dt.date(2025, 12, 1)]
    for case in new:
        if forward[case["applicant"]] > 0:
            forward[case["applicant"]] -= 1
            case["received"], case["open_at_end"] = rng.choice(dec), True
        else:
            case["received"] = rng.choice(body)
    new.sort(key=lambda c: c["received"])
    for i, case in enumerate(new, 1):
        case["no"] = f"HC-YSQ-2025-{i:05d}"
    cases += new
    # outcomes: every closed case of a column takes the next outcome of that column
    pool = {COLS[i]: [] for i in range(len(cols))}
    for oid, counts in outcomes.items():
        for i, n in enumerate(counts):
            pool[COLS[i]] += [oid] * n
    for names in pool.values():
        rng.shuffle(names)
    for case in cases:
        if not case.get("open_at_end"):
            case["outcome"] = schema.OUTCOME_BY_ID[pool[case["applicant"]].pop()]
        else:
            case["outcome"] = schema.OUTCOME_BY_ID[rng.choice(["disclosed", "disclosed", "unable_not_held", "partial"])]
    assert not any(pool.values())
    y2025, y2026 = dt.date(2025, 1, 1), dt.date(2026, 1, 1)
    for case in cases:
        if case.get("carried"):
            _process(case, index, rng, earliest=y2025)
        elif case.get("open_at_end"):
            _process(case, index, rng, earliest=y2026)
        else:
            _process(case, index, rng, latest=dt.date(2025, 12, 31))
    _special_2025(cases, index)
    _reviews(cases, t4, rng)
    return cases


def _process(case, index, rng, earliest=None, latest=None):
    """Dates of the process and the reply, on time and inside [earliest, latest]."""
    rec, oid = case["received"], case["outcome"].id
    start = rec
    if oid in ("other_no_correction", "unable_unclear"):
        case["correction_sent"] = index.add(rec, rng.randint(2, 6))
        if oid == "unable_unclear":
            case["correction_received"] = start = index.add(case["correction_sent"], rng.randint(3, 8))
    if oid == "refused_third_party" or (oid == "partial" and rng.random() < 0.3):
        case["consult_sent"] = index.add(start, rng.randint(3, 6))
        case["consult_answered"] = index.add(case["consult_sent"], rng.randint(5, 15))
    if oid == "other_no_fee":
        case["fee"], case["fee_sent"] = 300.0, index.add(rec, 8)
    if oid == "other_other":
        case["note"] = "申请人撤回申请"
    if oid == "other_no_correction":
        case["replied"] = index.add(case["correction_sent"], 16)
        return
    due = deadlines.compute(index, rec, case.get("correction_sent"), case.get("correction_received"),
                            consult_sent=case.get("consult_sent"), consult_answered=case.get("consult_answered")).due
    first = max([start] + [case[k] for k in ("correction_sent", "consult_answered", "fee_sent") if k in case])
    first = index.add(first, 1)
    if earliest and earliest > first:
        first = earliest
    last = min(due, latest) if latest else due
    choices = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    choices = [d for d in choices if index.calendar.is_workday(d)]
    assert choices, (case, first, last)
    case["replied"] = rng.choice(choices[: max(1, len(choices) * 2 // 3)] if rng.random() < 0.7 else choices)


def _plain(cases, oid, after):
    """The first new case with this outcome, received after ``after``, with no other process step."""
    steps = ("correction_sent", "consult_sent", "fee", "note", "carried", "open_at_end")
    return next(c for c in cases if c["outcome"].id == oid and c["received"] >= after and not any(k in c for k in steps))


def _special_2025(cases, index):
    late = _plain(cases, "disclosed", dt.date(2025, 4, 7))           # answered late, explained
    late.update(replied=index.add(late["received"], 24), late_note="承办科室检索延误，已约谈整改并建立检索记录制度")
    ext = _plain(cases, "partial", dt.date(2025, 6, 2))              # extended by 20 working days
    ext.update(extension_date=index.add(ext["received"], 17), extension_by=ROLE, replied=index.add(ext["received"], 33))
    fix = _plain(cases, "disclosed", dt.date(2025, 1, 6))            # corrected, then disclosed (a demo 查询码)
    fix["correction_sent"] = index.add(fix["received"], 3)
    fix["correction_received"] = index.add(fix["correction_sent"], 4)
    fix["replied"] = index.add(fix["correction_received"], 9)
    fix["demo"] = True
    published = {"MB1C37512/2025-00031": dt.date(2025, 8, 22), "MB1C37512/2025-00015": dt.date(2025, 4, 18)}
    for item, day in published.items():     # replies later disclosed proactively (Art. 44)
        case = next(c for c in cases if c["outcome"].id == "disclosed" and c.get("replied")
                    and day - dt.timedelta(days=60) <= c["replied"] < day and "disclosed_as" not in c)
        case["disclosed_as"] = item


def _reviews(cases, t4, rng):
    """Table 四 of 2025: reviews and lawsuits filed in 2025 on cases answered by then."""
    closed = [c for c in cases if c.get("replied") and c["replied"] <= dt.date(2025, 7, 31)
              and c["outcome"].group not in ("disclosed",)]
    rng.shuffle(closed)
    labels = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结"}
    reviews = []
    for key in ("upheld", "corrected", "other", "pending"):
        for _ in range(t4["review"][key]):
            c = closed.pop()
            c["review"], c["review_filed"] = labels[key], c["replied"] + dt.timedelta(days=rng.randint(10, 30))
            if key != "pending":
                c["review_decided"] = c["review_filed"] + dt.timedelta(days=rng.randint(30, 45))
            reviews.append(c)
    upheld = [c for c in reviews if c["review"] == "结果维持"]
    for key in ("upheld", "corrected", "other", "pending"):
        for _ in range(t4["after_review"][key]):
            c = upheld.pop()
            c["suit"], c["suit_filed"] = labels[key], c["review_decided"] + dt.timedelta(days=rng.randint(5, 10))
            if key != "pending":
                c["suit_decided"] = c["suit_filed"] + dt.timedelta(days=rng.randint(20, 40))
            else:    # decided in 2026: still pending at the end of 2025
                c["suit"], c["suit_decided"] = "结果维持", dt.date(2026, 2, 10)
        for _ in range(t4["direct"][key]):
            c = closed.pop()
            c["suit"], c["suit_filed"] = labels[key], c["replied"] + dt.timedelta(days=rng.randint(20, 60))
            if key != "pending":
                c["suit_decided"] = c["suit_filed"] + dt.timedelta(days=rng.randint(40, 70))


def build_2026(index, rng):
    days = [d for d in workdays_of(index, 2026) if dt.date(2026, 1, 20) <= d <= dt.date(2026, 10, 23)]
    cases = []
    for _ in range(270):
        rec = rng.choice(days)
        applicant = rng.choices(COLS, weights=[85, 8, 1, 1, 4, 1])[0]
        oid = rng.choices(["disclosed", "partial", "unable_not_held", "refused_process", "not_processed_repeat",
                           "other_no_correction"], weights=[50, 8, 20, 4, 3, 2])[0]
        case = {"applicant": applicant, "received": rec, "outcome": schema.OUTCOME_BY_ID[oid]}
        _process(case, index, rng, latest=TODAY)
        cases.append(case)
    cases.sort(key=lambda c: c["received"])
    for i, case in enumerate(cases, 1):
        case["no"] = f"HC-YSQ-2026-{i:05d}"
    for case in cases:
        if case["replied"] >= dt.date(2026, 8, 24) and case["outcome"].id == "disclosed":
            case["disclosed_as"] = "MB1C37512/2026-00027"
            break
    n = len(cases)
    open_cases = [   # (received, extra): open on 2026-12-04
        (dt.date(2026, 11, 9), {"demo": True}),                                  # due 2026-12-07
        (dt.date(2026, 11, 25), {}),
        (dt.date(2026, 11, 30), {"consult_sent": dt.date(2026, 12, 3)}),        # 征求意见中
        (dt.date(2026, 12, 2), {"correction_sent": dt.date(2026, 12, 4)}),      # 补正中
        (dt.date(2026, 11, 12), {"extension_date": dt.date(2026, 12, 3), "extension_by": ROLE}),   # 已延期
        (dt.date(2026, 12, 4), {}),                                              # due in 2027: no calendar yet
    ]
    for k, (rec, extra) in enumerate(open_cases, 1):
        cases.append({"no": f"HC-YSQ-2026-{n + k:05d}", "received": rec, "applicant": "自然人", **extra})
    return cases


def main() -> int:
    calendar = Calendar.load(ROOT / "content" / "calendar")
    index = WorkdayIndex(calendar, dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    problems = Problems()
    report = load_report(ROOT / "content" / "reports" / "2025.yml", ROOT, problems)
    assert report is not None and not problems.errors, problems
    rng = random.Random(20251231)
    years = {2025: build_2025(index, rng, report), 2026: build_2026(index, rng)}
    code_rng = random.Random(7)
    jobs = []
    for cases in years.values():
        for case in cases:
            case["channel"] = case.get("channel") or code_rng.choices(schema.CHANNELS, weights=[20, 15, 60, 5])[0]
            case["code"] = lookup.new_code(code_rng.choice)
            jobs.append((case["no"], case["code"]))
    with Pool(2) as pool:
        keys = dict(zip([no for no, _ in jobs], pool.map(derive, jobs, chunksize=8)))
    OUT.mkdir(parents=True, exist_ok=True)
    for year, cases in years.items():
        for case in cases:
            case["query_key"] = keys[case["no"]]
            if case.get("demo"):
                print(f"示例：受理编号 {case['no']}，查询码 {case['code']}")
        (OUT / f"{year}.csv").write_text(render(cases), encoding="utf-8")
        print(f"{year}.csv：{len(cases)} 件")
    return verify(report, calendar)


def verify(report, calendar) -> int:
    """Read the files back: no problems, Tables 三/四 of 2025 equal the report's, only the one late case."""
    from plugins.ysqgk import checks, register, tables

    problems = Problems()
    reg = register.load_register(OUT, ROOT, problems)
    index = WorkdayIndex(calendar, dt.date(2024, 1, 1), dt.date(2026, 12, 31))
    checks.check_register(reg, index, TODAY, problems)
    for p in problems.sorted():
        print(p.format())
    t3, t4 = tables.for_year(reg, 2025, report.spec)
    bad = [(r, c) for r, cells in t3.items() for c, v in cells.items() if report.table3[r][c] != v]
    bad += [(g, c) for g, cells in t4.items() for c, v in cells.items() if report.table4[g][c] != v]
    print("表三、表四与年报不一致：", bad if bad else "无")
    return 1 if bad or problems.errors else 0


if __name__ == "__main__":
    sys.exit(main())
