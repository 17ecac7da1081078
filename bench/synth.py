"""Synthetic catalogs of N items for benchmarks and scale tests.

``make_catalog(n, dest, seed)`` writes ``dest/catalog/`` (the real taxonomy.yml and law-map.yml plus N item
files of ~1,500 Chinese characters each) — deterministic for a seed, valid under ``load_catalog`` with no
problems. ``make_site`` adds the sample's pages, calendars, body profiles and reports and a settings file for a
Pelican build;
``edit_one`` changes one body (incremental-rebuild benchmarks). Items are planned first (dates,
索引号, relations), then written with hand-formatted front matter: yaml.dump would dominate the
run time at 100,000 items.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import re
import shutil
from pathlib import Path

import yaml

from bench import synth_text as T
from bench.pdf import minimal_pdf

REPO = Path(__file__).resolve().parent.parent
TAXONOMY = REPO / "catalog" / "taxonomy.yml"
LAW_MAP = REPO / "catalog" / "law-map.yml"
BODY_FIELDS = re.compile(r", (?:type: (?:政府|部门)|report_since: \d{4})")   # what makes a publisher a body
FIRST_YEAR, END = 2015, dt.date(2026, 11, 20)
MANIFEST = "synth-items.txt"          # item paths in generation order, for edit_one
CATEGORY_WEIGHTS = {"jgzn": 1, "gz": 2, "gfxwj": 10, "zcjd": 6, "ghjh": 4, "tjxx": 6, "bszn": 14, "xzcf": 12,
                    "czyjs": 5, "xzsf": 2, "zfcg": 12, "zdxm": 5, "msbz": 8, "yjgl": 5, "jdjc": 6, "rsxx": 2}
PUBLISHER_HINT = {"tjxx": "统计", "zfcg": "财政", "xzsf": "财政", "rsxx": "人力资源", "zdxm": "发展和改革",
                  "yjgl": "应急", "msbz": "民政", "jdjc": "监督", "xzcf": "监督"}
CN_NUM = "一二三四五六七八九十"
BODY_CHARS = 1500


@dataclasses.dataclass
class Plan:
    n: int
    cat: dict
    pub: dict
    published: dt.date
    topic: str
    title: str = ""
    index_no: str = ""
    path: str = ""
    doc_no: str = ""
    status: str = "有效"
    repealed: dt.date | None = None
    note: str = ""
    interprets: str = ""
    supersedes: str = ""
    yml: bool = False


VARIANTS = 32                     # filled copies of each sentence template


def _sentence_pool(rng: random.Random) -> list[list[str]]:
    """Per template, VARIANTS filled copies ({t} stays, for the item's topic)."""
    pool = []
    for template in T.TEMPLATES:
        pool.append([template.replace("{t}", "\0").format(
            d=rng.choice(T.DISTRICTS), o=rng.choice(T.ORGS), n=rng.randint(2, 98), n2=rng.randint(2, 98),
            p=rng.randint(60, 99), p2=rng.randint(60, 99), m=rng.randint(120, 98000), y=rng.randint(2016, 2027),
            k=rng.choice((3, 5, 7, 10, 15, 20))).replace("\0", "{t}") for _ in range(VARIANTS)])
    return pool


def _taxonomy() -> dict:
    return yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))


def _weighted_years(rng: random.Random, k: int) -> list[int]:
    years = list(range(FIRST_YEAR, END.year + 1))
    return rng.choices(years, weights=[1 + (y - FIRST_YEAR) * 0.35 for y in years], k=k)


def _random_date(rng: random.Random, year: int) -> dt.date:
    last = END if year == END.year else dt.date(year, 12, 31)
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, (last - dt.date(year, 1, 1)).days))


def _title(rng: random.Random, plan: Plan, kind_key: str) -> str:
    t, pub, y = plan.topic, plan.pub["name"], plan.published.year
    choices = {
        "jgzn": (f"{pub}机构职能", f"{pub}领导信息", f"{pub}内设机构及职责"),
        "zcjd": (f"海澄市{t}政策解读", f"一图读懂海澄市{t}新政"),
        "gz": (f"海澄市{t}管理办法", f"海澄市{t}管理规定", f"海澄市{t}若干规定"),
        "gfxwj": (f"{pub}关于印发《海澄市{t}管理办法》的通知", f"{pub}关于进一步加强{t}工作的实施意见",
                  f"{pub}关于印发海澄市{t}若干措施的通知"),
        "ghjh": (f"海澄市{t}专项规划（{y}—{y + 4}年）", f"海澄市{y}年{t}工作要点", f"海澄市{t}三年行动计划"),
        "tjxx": (f"{y - 1}年海澄市国民经济和社会发展统计公报", f"{y}年1—{plan.published.month}月海澄市主要经济指标",
                 f"{y}年海澄市{t}统计数据"),
        "bszn": (f"{rng.choice(T.SERVICES)}办事指南",),
        "xzcf": (f"{pub}行政处罚决定书（{y}年第{plan.n % 97 + 1}号）", f"{pub}{y}年行政处罚案件信息公开",
                 f"{pub}行政执法事项清单"),
        "czyjs": (f"{pub}{y}年部门预算", f"{pub}{y - 1}年部门决算", f"{pub}{y}年“三公”经费预算情况说明"),
        "xzsf": (f"海澄市行政事业性收费目录清单（{y}年版）", f"关于{t}收费标准的公示"),
        "zfcg": (f"{rng.choice(T.PROJECTS)}项目中标（成交）结果公告", f"{rng.choice(T.PROJECTS)}项目公开招标公告",
                 f"{pub}{y}年政府采购意向公开"),
        "zdxm": (f"海澄市{y}年重点建设项目名单", f"{rng.choice(T.PROJECTS)}批准和实施情况"),
        "msbz": (f"关于调整{y}年{t}补助标准的通知", f"{y}年{t}资金发放情况"),
        "yjgl": (f"海澄市{rng.choice(T.DISASTERS)}应急预案", f"关于做好{rng.choice(T.DISASTERS)}防范应对工作的紧急通知"),
        "jdjc": (f"{y}年{t}监督检查结果", f"{pub}{y}年“双随机、一公开”抽查结果公示"),
        "rsxx": (f"海澄市{y}年度考试录用公务员公告", f"海澄市{y}年度考试录用公务员拟录用人员公示"),
        "xkjg": (f"{pub}{y}年{plan.published.month}月行政许可决定公示",),
        "jyta": (f"{pub}对市政协提案第{plan.n % 300 + 1}号的答复", f"{pub}对市人大代表建议第{plan.n % 300 + 1}号的答复"),
        "szjs": (f"海澄市{y}年城市建设重点项目计划", f"{rng.choice(T.PROJECTS)}市政配套工程批准和实施情况"),
        "ggfw": (f"海澄市基本公共服务实施标准（{y}年版）", f"海澄市{t}公共服务事项清单"),
        "gysy": (f"海澄市{y - 1}年度福利彩票公益金使用情况公告", f"海澄市{y - 1}年度体育彩票公益金使用情况公告"),
        "tdzs": (f"海澄市人民政府征收土地预公告（{y}年第{plan.n % 30 + 1}号）", f"海澄市人民政府征地补偿安置方案公告（{y}年第{plan.n % 30 + 1}号）"),
        "fwzs": (f"海澄市人民政府关于{rng.choice(T.DISTRICTS)}旧城改造项目房屋征收决定的公告",),
        "zagl": (f"海澄市人民政府关于{y}年元旦春节期间烟花爆竹燃放管理的通告", f"关于{rng.choice(T.DISTRICTS)}道路交通管制的通告"),
        "shjz": (f"海澄市{y}年第{(plan.published.month - 1) // 3 + 1}季度社会救助资金发放情况",),
    }
    return rng.choice(choices.get(kind_key, (f"{pub}关于{t}工作的通知",)))


def plan_items(n: int, seed: int = 0) -> tuple[list[Plan], dict]:
    """Metadata of every item: category, publisher, date, 索引号, 文号 and relations."""
    rng = random.Random(seed)
    tax = _taxonomy()
    cats, pubs = tax["categories"], tax["publishers"]
    hinted = {key: [p for p in pubs if hint in p["name"]] for key, hint in PUBLISHER_HINT.items()}
    hinted["gz"] = [p for p in pubs if p["name"].endswith("人民政府")]   # 规章 come from the government itself
    cat_choice = rng.choices(cats, weights=[CATEGORY_WEIGHTS.get(c["key"], 3) for c in cats], k=n)
    years = _weighted_years(rng, n)
    serials: dict[tuple, int] = {}
    plans: list[Plan] = []
    normative: list[Plan] = []
    for i in range(n):
        cat = cat_choice[i]
        key = cat["key"]
        pub = rng.choice(hinted[key]) if hinted.get(key) and rng.random() < 0.7 else rng.choice(pubs)
        plan = Plan(i, cat, pub, _random_date(rng, years[i]), rng.choice(T.TOPICS))
        if cat.get("kind") == "interpretation" and normative:
            target = normative[rng.randrange(len(normative))]
            plan.interprets = target.index_no
            plan.published = min(target.published + dt.timedelta(days=rng.randint(0, 3)), END)
            plan.topic = target.topic
            plan.title = f"关于《{target.title.split('《')[-1].split('》')[0]}》的政策解读"
        plan.title = plan.title or _title(rng, plan, key)
        year = plan.published.year
        serial = serials[(pub["code"], year)] = serials.get((pub["code"], year), 0) + 1
        plan.index_no = f"{pub['code']}/{year}-{serial:05d}"
        plan.yml = rng.random() < 0.04
        plan.path = f"{key}/{year}/{pub['key']}-{serial:05d}.{'yml' if plan.yml else 'md'}"
        if cat.get("kind") in ("regulation", "normative"):
            number = rng.randint(1, 60)
            plan.doc_no = (f"海澄市人民政府令第{number}号" if cat.get("kind") == "regulation"
                           else f"海政规〔{year}〕{number}号")
            _maybe_supersede(rng, plan, normative)
            if plan.status == "有效" and rng.random() < 0.05 and plan.published.year + 3 <= END.year:
                plan.status = "失效"
            normative.append(plan)
        elif rng.random() < 0.3:
            plan.doc_no = f"海政办〔{year}〕{rng.randint(1, 120)}号"
        plans.append(plan)
    return plans, tax


def _maybe_supersede(rng: random.Random, plan: Plan, normative: list[Plan]) -> None:
    """About one new document in six repeals an older one of the same category."""
    if not normative or rng.random() >= 0.18:
        return
    for _ in range(8):
        old = normative[rng.randrange(len(normative))]
        if old.cat is plan.cat and old.status == "有效" and old.published < plan.published:
            old.status, old.repealed = "废止", plan.published
            old.note = f"由《{plan.title}》（{plan.doc_no}）替代。"
            plan.supersedes = old.index_no
            return


def _body(rng: random.Random, pool: list[list[str]], plan: Plan) -> tuple[str, str]:
    """(Markdown body of ~BODY_CHARS characters, its first paragraph for the summary)."""
    parts = [rng.choice(T.OPENERS), ""]
    size = 0
    picks = rng.sample(range(len(pool)), 36)        # no sentence template twice in one item
    variants = rng.choices(range(VARIANTS), k=36)
    for s, heading in enumerate(rng.sample(T.HEADINGS, 6)):
        parts += [f"## {CN_NUM[s]}、{heading}", ""]
        for _ in range(2):
            para = "".join(pool[picks.pop()][variants.pop()] for _ in range(3))
            parts += [para, ""]
            size += len(para) + len(heading)
        if size >= BODY_CHARS - 60:
            break
    if plan.cat.get("kind") in ("budget",) or plan.cat["key"] in ("tjxx", "msbz"):
        parts += ["| 项目 | 金额（万元） | 比上年增长（%） |", "| --- | --- | --- |"]
        parts += [f"| {h} | {rng.randint(100, 9000)}.{rng.randint(10, 99)} | {rng.randint(1, 15)}.{rng.randint(0, 9)} |"
                  for h in rng.sample(T.HEADINGS, 4)] + [""]
    parts.append(rng.choice(T.CLOSERS))
    return "\n".join(parts).replace("{t}", plan.topic) + "\n", parts[4].replace("{t}", plan.topic)


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _front(rng: random.Random, plan: Plan, tax: dict, summary: str) -> list[str]:
    topics = list(tax["topics"])
    top = topics[plan.n % (len(topics) - 1)]
    subs = tax["topics"][top]
    topic = f"{top}/{subs[plan.n % len(subs)]}" if subs else top
    lines = [f"index_no: {plan.index_no}", f"title: {_q(plan.title)}", f"category: {plan.cat['label']}",
             f"publisher: {plan.pub['name']}", f"published: {plan.published.isoformat()}"]
    if plan.doc_no:
        written = max(plan.published - dt.timedelta(days=rng.randint(1, 7)), dt.date(plan.published.year, 1, 1))
        lines += [f"doc_no: {_q(plan.doc_no)}", f"written: {written.isoformat()}"]
    lines += [f"topics: [{_q(topic)}]", f"keywords: [{_q(plan.topic)}, {_q(plan.cat['label'])}]",
              f"summary: {_q(summary[:120])}"]
    if plan.status == "废止":
        lines += ["validity:", "  status: 废止", f"  repealed: {plan.repealed.isoformat()}", f"  note: {_q(plan.note)}"]
    elif plan.status == "失效":
        lines += ["validity:", "  status: 失效", f"  expires: {dt.date(plan.published.year + 2, 12, 31).isoformat()}"]
    elif plan.cat.get("kind") in ("regulation", "normative"):
        lines.append("validity: 有效")
    if plan.interprets:
        lines.append(f"interprets: {plan.interprets}")
    if plan.supersedes:
        lines.append(f"supersedes: [{plan.supersedes}]")
    kind = plan.cat.get("kind")
    if kind == "regulation":
        lines += ["headnote:", f"  promulgated: {plan.published.isoformat()}", f"  promulgation: {_q(plan.doc_no)}",
                  f"  effective: {(plan.published + dt.timedelta(days=30)).isoformat()}"]
    elif kind == "service":
        lines += _service(rng, plan)
    elif kind == "budget":
        year = plan.published.year
        btype = "决算" if "决算" in plan.title else "三公经费" if "三公" in plan.title else "预算"
        lines += ["budget:", f"  year: {year - 1 if btype == '决算' else year}", f"  type: {btype}",
                  f"  unit: {plan.pub['name']}", f"  total: {rng.randint(300, 90000) / 10}",
                  "attachments:", f"  - path: ../../files/{year}/budget-{year}.pdf",
                  f"    title: {_q(plan.title + '公开表')}"]
    return lines


def _service(rng: random.Random, plan: Plan) -> list[str]:
    name = plan.title.removesuffix("办事指南")
    days = rng.choice((5, 10, 15, 20))
    return ["service:", f"  name: {_q(name)}", f"  authority: {plan.pub['name']}",
            f"  basis: {_q('《海澄市' + plan.topic + '管理办法》及国家有关规定')}",
            f"  conditions: {_q('符合' + name + '有关规定条件的公民、法人或者其他组织')}",
            "  materials:", f"    - {_q(name + '申请表')}", "    - 申请人身份证明", "    - 其他相关证明材料",
            "  process:", "    - 申请", "    - 受理", "    - 审查", "    - 决定", "    - 送达",
            f"  legal_limit: {days}个工作日", f"  promised_limit: {max(1, days // 2)}个工作日", "  fees: 不收费",
            f"  location: {_q('海澄市民中心综合窗口（' + rng.choice(T.DISTRICTS) + '）')}",
            "  hours: 工作日上午8:30—12:00，下午14:30—17:30", "  consult_phone: 0596-6812345",
            "  complaint_phone: 0596-12345", f"  online_url: https://zwfw.haicheng.gov.cn/item/{plan.n}"]


def render_item(rng: random.Random, pool: list[list[str]], plan: Plan, tax: dict) -> str:
    """The file text of one planned item (.md with front matter, or pure YAML)."""
    body, summary = _body(rng, pool, plan)
    head = _front(rng, plan, tax, summary)
    if plan.yml:
        return "\n".join(head) + "\nbody: |\n" + "".join(f"  {line}\n" if line else "\n" for line in body.splitlines())
    return "---\n" + "\n".join(head) + "\n---\n" + body


def make_catalog(n: int, dest: Path, seed: int = 0, bodies: bool = True) -> Path:
    """Write ``dest/catalog/`` with the real taxonomy.yml and law-map.yml and ``n`` items; return the catalog dir.

    ``bodies=False`` drops the publishers' ``type``/``report_since``, for a site without the body profiles and
    reports (content/bodies/, content/reports/) that a body needs.
    """
    dest = Path(dest)
    root = dest / "catalog"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    if bodies:
        shutil.copyfile(TAXONOMY, root / "taxonomy.yml")
    else:
        (root / "taxonomy.yml").write_text(BODY_FIELDS.sub("", TAXONOMY.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copyfile(LAW_MAP, root / "law-map.yml")
    plans, tax = plan_items(n, seed)
    rng = random.Random(seed + 1)
    pool = _sentence_pool(random.Random(seed + 2))
    for year in sorted({p.published.year for p in plans if p.cat.get("kind") == "budget"}):
        folder = root / "files" / str(year)
        folder.mkdir(parents=True)
        (folder / f"budget-{year}.pdf").write_bytes(minimal_pdf(f"{year}年部门预算公开表", ["单位：万元"]))
    for folder in sorted({p.path.rsplit("/", 1)[0] for p in plans}):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for plan in plans:   # writer threads were measured: no faster here, and more kernel time
        with open(root / plan.path, "wb") as fh:
            fh.write(render_item(rng, pool, plan, tax).encode("utf-8"))
    (dest / MANIFEST).write_text("".join(f"catalog/{p.path}\n" for p in plans), encoding="utf-8")
    return root


SETTINGS = '''"""Settings for a synthetic catalog (bench/synth.py): the repository's settings, this folder's data."""
import runpy

REPO = {repo!r}
HERE = {here!r}
globals().update({{k: v for k, v in runpy.run_path(REPO + "/pelicanconf.py").items() if k.isupper()}})
GONGKAI_ROOT = HERE
CATALOG_PATH = HERE + "/catalog"
PATH = HERE + "/content"
OUTPUT_PATH = HERE + "/output"
THEME = REPO + "/theme"
'''


def make_site(n: int, dest: Path, seed: int = 0) -> Path:
    """A synthetic catalog plus the sample's content and ``dest/pelicanconf.py``; return that settings file."""
    dest = Path(dest).resolve()
    make_catalog(n, dest, seed)
    (dest / "content").mkdir(exist_ok=True)
    # the rules page, working-day calendars, body profiles (公开指南) and annual reports a real site has
    for part in ("pages", "calendar", "bodies", "reports"):
        if (REPO / "content" / part).is_dir() and not (dest / "content" / part).exists():
            shutil.copytree(REPO / "content" / part, dest / "content" / part)
    settings = dest / "pelicanconf.py"
    settings.write_text(SETTINGS.format(repo=str(REPO), here=str(dest)), encoding="utf-8")
    return settings


def edit_one(dest: Path, i: int) -> Path:
    """Change the body of the ``i``-th generated item (each call appends a new paragraph); return its path."""
    dest = Path(dest)
    paths = (dest / MANIFEST).read_text(encoding="utf-8").splitlines()
    path = dest / paths[i % len(paths)]
    text = path.read_text(encoding="utf-8")
    edits = text.count("（本段为修订内容") + 1
    para = f"（本段为修订内容，第{edits}次修订：进一步明确办理时限和责任单位。）"
    text += f"  {para}\n" if path.suffix == ".yml" else f"\n{para}\n"
    path.write_text(text, encoding="utf-8")
    return path
