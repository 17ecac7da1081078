"""依申请公开 beyond the form, on the built sample site and with the commands: the query page and its shards,
the statistics page, the computed Tables 三/四 in the 2025 report, no 查询码/受理编号/notice in the public
output; make register, make notices and make import-requests on a copy of the site."""
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup

from plugins.ysqgk import lookup
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
DEMO = {"HC-YSQ-2025-00002": "NE6P-AZDN-DH55", "HC-YSQ-2026-00271": "4Z8K-FEZ6-XS9D"}   # docs/ysqgk.md


def soup(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_query_page_and_shards(sample_site):
    page = soup(sample_site, "ysqgk/query/index.html")
    root = page.select_one("[data-module='gk-ysqgk-query']")
    conf = json.loads(root["data-gk-lookup"])
    assert conf == {"salt": "haicheng-MB1C37512", "iterations": 310000, "shard_hex": 1, "shards_url": "ysqgk/query/s/",
                    "code_length": 12}
    assert root.has_attr("hidden") and "本页查询需要浏览器启用 JavaScript" in page.select_one(".js-q-nojs").get_text()
    shards = sorted((sample_site / "ysqgk/query/s").iterdir())
    assert [p.stem for p in shards] == [format(i, "x") for i in range(16)]
    sizes = {len(json.loads(p.read_text())["e"]) for p in shards}
    assert len(sizes) == 1 and sizes.pop() * 16 >= 582          # every case with a key is published, padded
    main = page.find("main")
    assert main.find_all("script") == [] and main.find_all(style=True) == []


def test_demo_case_is_in_its_shard(sample_site):
    import base64

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key = lookup.derive_key("HC-YSQ-2026-00271", DEMO["HC-YSQ-2026-00271"], "haicheng-MB1C37512")
    name, entry_id, aes = lookup.locate(key, 1)
    rows = {r[0]: r for r in json.loads((sample_site / f"ysqgk/query/s/{name}.json").read_text())["e"]}
    row = rows[base64.urlsafe_b64encode(entry_id).rstrip(b"=").decode()]
    b = lambda t: base64.urlsafe_b64decode(t + "=" * (-len(t) % 4))  # noqa: E731
    assert json.loads(AESGCM(aes).decrypt(b(row[1]), b(row[2]), None)) == {"s": "registered", "r": "2026-11-09"}


def test_nothing_personal_or_enumerating_in_the_public_site(sample_site):
    register = (ROOT / "content/requests/2025.csv").read_text(encoding="utf-8") + \
        (ROOT / "content/requests/2026.csv").read_text(encoding="utf-8")
    numbers = set(re.findall(r"^(HC-YSQ-\d{4}-\d{5}),([0-9a-f]{64})", register, re.M))
    assert len(numbers) == 600
    codes = [c.replace("-", "") for c in DEMO.values()]
    any_number = re.compile("|".join(re.escape(no) for no, _key in numbers))
    any_key = re.compile("|".join(key for _no, key in numbers))
    for path in sample_site.rglob("*"):
        if not path.is_file() or path.suffix not in (".html", ".json", ".csv", ".xml", ".txt", ".js"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not any_number.search(text), path
        assert not any(code in text.replace("-", "") for code in codes), path
        assert not any_key.search(text), path
        assert 'data-gk-notice' not in text and "告知书（内部使用" not in text, path
    assert not (sample_site / "notices").exists()


def test_stats_page_and_column(sample_site):
    page = soup(sample_site, "ysqgk/stats/index.html")
    rows = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in page.select("#gk-ysqgk-stats tbody tr")]
    assert [r[:3] for r in rows] == [["2025年", "306", "298"], ["2026年", "276", "296"]]
    assert rows[0][-1] == "1"                     # the one late reply
    assert len(page.select("svg.gk-chart")) == 2
    assert [li.a["href"] for li in page.select(".gk-replies li")][-1] == "/gk/MB1C37512/2025-00015/"
    column = soup(sample_site, "ysqgk/index.html")
    assert column.select_one("#status a[href='/ysqgk/query/']") and column.select_one("#replies li")


def test_2025_report_tables_from_the_register(sample_site):
    page = soup(sample_site, "ndbg/2025/index.html")
    notes = [p.get_text() for p in page.select(".gk-report-table__footnote")]
    assert "注：表三由本机关政府信息公开申请登记簿按收到日期、答复日期和办理结果自动统计，与填报数一致。" in notes
    assert "注：表四由本机关政府信息公开申请登记簿按收到日期、答复日期和办理结果自动统计，与填报数一致。" in notes
    assert "凭查询码查看办理进度" in page.get_text() and "逾期4个工作日答复" in page.get_text()


def _copy_site(tmp_path) -> Path:
    site = tmp_path / "site"
    for name in ("content", "catalog"):
        shutil.copytree(ROOT / name, site / name)
    (site / "pelicanconf.py").write_text(
        "import runpy\n"
        f"globals().update({{k: v for k, v in runpy.run_path({str(ROOT / 'pelicanconf.py')!r}).items() if k.isupper()}})\n"
        f"GONGKAI_ROOT = {str(site)!r}\nPATH = {str(site / 'content')!r}\nCATALOG_PATH = {str(site / 'catalog')!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\nOUTPUT_PATH = {str(site / 'output')!r}\n", encoding="utf-8")
    return site


def gongkai(*args, env=None):
    return subprocess.run([sys.executable, "-m", "gongkai", *args], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "GONGKAI_TODAY": "2026-12-04", **(env or {})})


def test_register_prints_a_code_that_finds_the_case(tmp_path):
    site = _copy_site(tmp_path)
    done = gongkai("register", "-s", str(site / "pelicanconf.py"), "--channel", "当面", "--applicant", "自然人",
                   "--date", "2026-12-04")
    assert done.returncode == 0, done.stderr
    code = re.search(r"查询码：(\S+)", done.stdout).group(1)
    assert "受理编号：HC-YSQ-2026-00277" in done.stdout and "答复期限：" in done.stdout
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", code)
    last = (site / "content/requests/2026.csv").read_text(encoding="utf-8").rstrip("\n").split("\n")[-1]
    assert last.startswith("HC-YSQ-2026-00277,") and code not in last and code.replace("-", "") not in last
    assert last.split(",")[1] == lookup.derive_key("HC-YSQ-2026-00277", code, "haicheng-MB1C37512")


def test_notices_go_to_the_staff_folder_only(tmp_path):
    site = _copy_site(tmp_path)
    done = gongkai("notices", "-s", str(site / "pelicanconf.py"), "HC-YSQ-2025-00002")
    assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in (site / "notices" / "HC-YSQ-2025-00002").iterdir())
    assert files == ["01-登记回执.html", "02-补正告知书.html", "06-答复书.html"]
    reply = BeautifulSoup((site / "notices/HC-YSQ-2025-00002/06-答复书.html").read_text(encoding="utf-8"), "html.parser")
    text = reply.get_text()
    assert "本机关于2025年1月6日收到您（单位）的政府信息公开申请（受理编号：HC-YSQ-2025-00002）" in text
    assert "本机关于2025年1月9日告知补正，于2025年1月15日收到补正后的申请" in text
    assert "第三十六条第（一）项、第（二）项" in text and "2025年1月27日" in text and "＿＿＿＿（申请人）" in text
    refused = gongkai("notices", "-s", str(site / "pelicanconf.py"), "HC-YSQ-2025-00002", "--out", str(site / "output" / "x"))
    assert refused.returncode == 2 and "告知书不得发布到网站" in refused.stderr


def test_import_ledger(tmp_path):
    site = _copy_site(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "登记编号", "申请人姓名", "联系电话", "收到日期", "申请方式", "申请人类型", "答复日期", "办理结果", "查询码"])
    sheet.append([1, "TZ-2026-001", "张三", "13812345678", "2026年11月2日", "信函", "公民", "2026/11/20", "予以公开", "7KQ2-M9XD-4RTP"])
    sheet.append([2, "TZ-2026-002", "李四", "13812345679", "2026-11-03", "飞鸽", "自然人", None, None, None])
    src = tmp_path / "台账.xlsx"
    book.save(src)
    dry = gongkai("import-requests", "-s", str(site / "pelicanconf.py"), str(src))
    assert dry.returncode == 1
    assert "台账.xlsx:3: 申请渠道 (channel): “飞鸽”不是可用的申请渠道 — 可选：当面、信函、网络、传真" in dry.stderr
    sheet.delete_rows(3)
    book.save(src)
    done = gongkai("import-requests", "-s", str(site / "pelicanconf.py"), str(src), "--write")
    assert done.returncode == 0, done.stderr + done.stdout
    assert "以下列含个人信息，未导入：申请人姓名、联系电话" in done.stdout
    last = (site / "content/requests/2026.csv").read_text(encoding="utf-8").rstrip("\n").split("\n")[-1]
    key = lookup.derive_key("TZ-2026-001", "7KQ2M9XD4RTP", "haicheng-MB1C37512")
    assert last.startswith(f"TZ-2026-001,{key},2026-11-02,信函,自然人,") and ",予以公开,2026-11-20," in last
    assert "张三" not in last and "138" not in last
