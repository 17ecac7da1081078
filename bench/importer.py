"""Benchmark: import N CSV rows (a synthetic CMS export) into an empty catalog, then re-run it.

``run(sizes, workdir)`` returns one row per size: seconds for the first import with ``--write``
(target: 20,000 rows in ≤ 30 s), seconds for the re-run (every row ``unchanged``), and the counts.
The CSV is GBK-encoded with HTML bodies of ~1,500 characters, like an old CMS's export (one body in
five has a table and a link, so it takes the BeautifulSoup path rather than the flat-paragraph fast
path); every tenth row has no 索引号, so numbering and matching are measured too.
"""
from __future__ import annotations

import csv
import io
import random
import shutil
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADERS = ["索引号", "标题", "发文字号", "发布机构", "信息类别", "成文日期", "发布日期", "主题分类", "主题词", "有效性", "正文"]
PUBLISHERS = [("海澄市人民政府", "MB1C37504"), ("海澄市财政局", "MB1C37539"), ("海澄市发展和改革委员会", "MB1C37520")]
CATEGORIES = ["行政规范性文件", "规划计划", "统计信息", "政府采购"]
TOPICS = ["综合政务\\政务公开", "财政、金融、审计\\财政", "科技、教育\\科技", "城乡建设、环境保护\\城市规划"]
SENTENCE = "为进一步规范本市政府信息公开工作，提高行政透明度，保障公民、法人和其他组织依法获取政府信息，"


def make_csv(n: int, dest: Path, seed: int = 0) -> None:
    """A GBK CSV of ``n`` rows with dates written four ways and 文号 with mixed brackets."""
    rng = random.Random(seed)
    serials: dict[tuple, int] = {}
    buf = io.StringIO(newline="")
    out = csv.writer(buf, lineterminator="\r\n")
    out.writerow(HEADERS)
    for i in range(n):
        name, code = PUBLISHERS[i % len(PUBLISHERS)]
        year = 2015 + i % 10
        month, day = 1 + i % 12, 1 + i % 28
        serials[(code, year)] = serials.get((code, year), 0) + 1
        number = "" if i % 10 == 9 else f"{code}/{year}-{serials[(code, year)]:05d}"
        date = [f"{year}年{month:02d}月{day:02d}日", f"{year}-{month}-{day}", f"{year}/{month:02d}/{day:02d}",
                f"{year}.{month}.{day}"][i % 4]
        doc_no = f"海政{'规办函'[i % 3]}{'〔[（'[i % 3]}{year}{'〕]）'[i % 3]}{i % 97 + 1}号"
        paragraphs = "".join(f"<p>　　第{k + 1}条　{SENTENCE * 3}{rng.randint(1, 999)}。</p>" for k in range(10))
        if i % 5 == 4:   # one body in five has a table and a link: the BeautifulSoup converter, not the fast path
            paragraphs += ("<table><tr><th>项目</th><th>金额（万元）</th></tr><tr><td>办公</td><td>12</td></tr></table>"
                           f"<p>附件：<a href=\"/files/{i}.pdf\">附件1</a></p>")
        out.writerow([number, f"关于印发第{i + 1}号政务公开管理规定的通知", doc_no, name, CATEGORIES[i % len(CATEGORIES)],
                      date, date, TOPICS[i % len(TOPICS)], "政务公开 管理", "有效", paragraphs])
    dest.write_bytes(buf.getvalue().encode("gbk"))


def run(sizes: list[int], workdir: Path) -> list[dict]:
    from gongkai.importer import Request, run_import
    from gongkai.importer.report import counts
    from plugins.catalog import index_numbers as idx
    from plugins.catalog.load import Settings

    rows = []
    pattern, template = idx.resolve_pattern("govcn")
    for n in sizes:
        site = Path(workdir) / f"importer-{n}"
        shutil.rmtree(site, ignore_errors=True)
        (site / "catalog").mkdir(parents=True)
        shutil.copyfile(ROOT / "catalog" / "taxonomy.yml", site / "catalog" / "taxonomy.yml")
        source = site / "export.csv"
        make_csv(n, source)
        settings = Settings(root=site, catalog_dir=site / "catalog", index_no_pattern=pattern)
        started, cpu = time.perf_counter(), time.process_time()
        first = run_import(Request([source], write=True), settings, template, "MB1C37512")
        write_seconds, write_cpu = time.perf_counter() - started, time.process_time() - cpu
        started, cpu = time.perf_counter(), time.process_time()
        again = run_import(Request([source], write=True), settings, template, "MB1C37512")
        rerun_seconds, rerun_cpu = time.perf_counter() - started, time.process_time() - cpu
        c1, c2 = counts(first), counts(again)
        rows.append({
            "bench": "importer", "rows": n, "csv_mb": round(source.stat().st_size / 1e6, 1),
            "write_seconds": round(write_seconds, 2), "write_cpu_seconds": round(write_cpu, 2),
            "rerun_seconds": round(rerun_seconds, 2), "rerun_cpu_seconds": round(rerun_cpu, 2),
            "imported": c1["imported"], "assigned": c1["assigned"], "rejected": c1["rejected"],
            "rerun_unchanged": c2["unchanged"], "rerun_written": len(again.written), "target_seconds": 30,
        })
    return rows


if __name__ == "__main__":
    import json
    import sys
    import tempfile

    sys.path.insert(0, str(ROOT))
    sizes = [int(s) for s in sys.argv[1:]] or [20000]
    with tempfile.TemporaryDirectory() as tmp:
        for row in run(sizes, Path(tmp)):
            print(json.dumps(row, ensure_ascii=False))
