"""Benchmark: a synthetic 依申请公开 register of N cases over ten years (a large city over a decade).

``run(sizes, workdir)`` times what ``make check`` and the build do with it: read and validate the CSV
files, compute every deadline and check it (make check), Tables 三/四 for each year, the 办理情况
statistics, and the encrypted lookup shards (target: 100,000 cases in ≤ 10 s). Keys are random bytes
— the build never runs PBKDF2. Years before the sample calendars get a synthetic calendar file.
"""
from __future__ import annotations

import datetime as dt
import random
import shutil
import time
from pathlib import Path

from plugins._shared.diagnostics import Problems
from plugins.annual_report.formats import FORMAT_2021
from plugins.workdays import Calendar
from plugins.ysqgk import checks, lookup, stats, tables
from plugins.ysqgk import deadlines as D
from plugins.ysqgk import schema as S
from plugins.ysqgk.ledger import load_register
from plugins.ysqgk.workindex import WorkdayIndex
from plugins.ysqgk.writer import render

ROOT = Path(__file__).resolve().parent.parent
YEARS = list(range(2017, 2027))
TODAY = dt.date(2026, 11, 2)
OUTCOMES = [o for o in S.OUTCOMES if o.id not in ("other_no_correction", "other_no_fee", "unable_unclear")]


def synth(n: int, folder: Path, calendar, seed: int = 0) -> None:
    rng = random.Random(seed)
    index = WorkdayIndex(calendar, dt.date(YEARS[0], 1, 1), dt.date(YEARS[-1], 12, 31))
    per_year = {y: [] for y in YEARS}
    last = TODAY
    for i in range(n):
        year = YEARS[i % len(YEARS)]
        received = index.add(dt.date(year, 1, 1), rng.randint(0, 200))
        case = {"no": f"YSQ-{year}-{len(per_year[year]) + 1:06d}", "query_key": rng.randbytes(32).hex(),
                "received": received, "channel": rng.choice(S.CHANNELS), "applicant": rng.choice(list(S.APPLICANTS))}
        if rng.random() < 0.1:
            case["extension_date"], case["extension_by"] = index.add(received, 15), "政府信息公开工作机构负责人"
        if rng.random() < 0.05:
            case["consult_sent"], case["consult_answered"] = index.add(received, 5), index.add(received, 12)
        d = D.compute(index, received, extension_date=case.get("extension_date"),
                      consult_sent=case.get("consult_sent"), consult_answered=case.get("consult_answered"))
        if d.state == D.OK and d.due < last:
            first = max([received] + [case[k] for k in ("extension_date", "consult_answered") if k in case])
            case["replied"] = index.add(first, rng.randint(1, max(1, index.between(first, d.due))))
            case["outcome"] = rng.choice(OUTCOMES)
            if rng.random() < 0.01:
                case["review"], case["review_filed"] = "结果维持", case["replied"] + dt.timedelta(days=20)
        per_year[year].append(case)
    folder.mkdir(parents=True, exist_ok=True)
    for year, cases in per_year.items():
        (folder / f"{year}.csv").write_text(render(cases), encoding="utf-8")


def calendars(dest: Path) -> Path:
    """The sample calendars plus synthetic ones (元旦, 国庆) for the earlier years."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "content" / "calendar").glob("*.yml"):
        shutil.copy(path, dest / path.name)
    for year in YEARS:
        if not (dest / f"{year}.yml").exists():
            (dest / f"{year}.yml").write_text(
                f"year: {year}\nsource: {{title: 合成的节假日安排（基准测试）, doc_no: 无}}\nholidays:\n"
                f"  - {{name: 元旦, start: {year}-01-01, end: {year}-01-01}}\n"
                f"  - {{name: 国庆节, start: {year}-10-01, end: {year}-10-07}}\n", encoding="utf-8")
    return dest


def run(sizes, workdir: Path) -> list[dict]:
    rows = []
    calendar = Calendar.load(calendars(workdir / "calendar"))
    for n in sizes:
        folder = workdir / f"requests-{n}"
        synth(n, folder, calendar)
        t0 = time.perf_counter()
        problems = Problems()
        register = load_register(folder, workdir, problems)
        t1 = time.perf_counter()
        index = WorkdayIndex.around(calendar, [d for c in register.cases for d in c.dates()])
        due = checks.check_register(register, index, TODAY, problems)
        t2 = time.perf_counter()
        for year in register.years():
            tables.for_year(register, year, FORMAT_2021)
        per_year = stats.per_year(register, index, due, register.years())
        t3 = time.perf_counter()
        entries = [(c.query_key, D.payload(c)) for c in register.cases]
        shards = lookup.build_shards(entries, lookup.shard_hex_for(len(entries)))
        t4 = time.perf_counter()
        rows.append({"cases": n, "read+validate s": round(t1 - t0, 2), "deadlines+check s": round(t2 - t1, 2),
                     "tables+stats s": round(t3 - t2, 2), "shards s": round(t4 - t3, 2), "total s": round(t4 - t0, 2),
                     "errors": len(problems.errors), "shards": len(shards),
                     "shard KB": round(max(len(b) for b in shards.values()) / 1024, 1),
                     "answered": sum(r.answered for r in per_year)})
        shutil.rmtree(folder, ignore_errors=True)
    return rows
