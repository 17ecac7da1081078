"""A small catalog written for search tests, its index built by Python, queries run by Node + lunr.js."""
import json
import shutil
import subprocess
from pathlib import Path

from plugins._shared.diagnostics import Problems
from plugins.catalog.load import Settings, load_catalog
from plugins.search_index.build import Options, build_index
from tests.conftest import ROOT

QUERY_JS = ROOT / "tests" / "node" / "search_query.js"
TAXONOMY = ROOT / "tests" / "fixtures" / "site" / "catalog" / "taxonomy.yml"

# (file, front matter lines, body). Dates make catalog order (newest first) = doc ids.
ITEMS = [
    ("gfxwj/a.md", dict(index_no="MB1C37504/2025-00003", title="海澄市政务数据共享管理办法", category="行政规范性文件",
                        published="2025-03-01", doc_no="海政规〔2025〕3号", keywords="[政务数据, 数据共享]"),
     "第一条 为规范政务数据共享，制定本办法。\n\n第二条 政务数据共享遵循统一标准。"),
    ("zcjd/b.md", dict(index_no="MB1C37504/2025-00004", title="《海澄市政务数据共享管理办法》政策解读", category="政策解读",
                       published="2025-03-02"),
     "解读政务数据共享的主要内容。"),
    ("gfxwj/c.md", dict(index_no="MB1C37504/2024-00010", title="海澄市公共资源交易管理办法", category="行政规范性文件",
                        published="2024-06-01", doc_no="海政规〔2024〕10号", validity="{status: 废止, repealed: 2025-01-01}"),
     "各部门应当推进政务数据共享，在交易平台公开交易信息。"),
    ("jgzn/d.md", dict(index_no="MB1C37504/2024-00002", title="海澄市人民政府办公室主要职责", category="机构职能",
                       published="2024-02-01"),
     "负责政府信息公开工作，承办市政府交办的其他事项。依据国办发〔2019〕5号文件开展工作。"),
    ("jgzn/e.md", dict(index_no="MB1C37539/2023-00001", title="海澄市财政局主要职责", category="机构职能",
                       publisher="海澄市财政局", published="2023-05-01"),
     "负责财政预算编制和执行，管理政府采购。"),
    ("gfxwj/f.md", dict(index_no="MB1C37504/2023-00008", title="海澄市数据安全管理暂行规定", category="行政规范性文件",
                        published="2023-01-10", doc_no="海政规〔2023〕1号"),
     "数据处理者应当建立数据安全制度。数据共享前应当评估风险。"),
]


def write_catalog(dest: Path, items=ITEMS) -> Path:
    catalog = dest / "catalog"
    catalog.mkdir(parents=True)
    shutil.copyfile(TAXONOMY, catalog / "taxonomy.yml")
    for path, meta, body in items:
        fields = {"publisher": "海澄市人民政府", **meta}
        if fields["category"] in ("规章", "行政规范性文件"):
            fields.setdefault("validity", "有效")
            fields.setdefault("written", fields["published"])
        lines = [f"{k}: {v}" for k, v in fields.items()]
        target = catalog / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + "\n".join(lines) + "\n---\n" + body + "\n", encoding="utf-8")
    return catalog


def load(root: Path):
    problems = Problems()
    catalog = load_catalog(Settings(root=root, catalog_dir=root / "catalog"), problems)
    assert not problems.errors, [p.format() for p in problems]
    return catalog


def index_of(catalog, dest: Path, **options) -> Path:
    build_index(catalog.items, catalog.taxonomy, dest, Options(processes=1, **options), version="test")
    return dest


def run_queries(index_dir: Path, queries: list[dict], tmp: Path) -> list[dict]:
    qfile = tmp / "queries.json"
    qfile.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(["node", str(QUERY_JS), str(index_dir), str(qfile)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)
