"""Pelican generator: the register → 查询 page and shards, 办理情况 statistics, 公开答复 log.

generate_context loads the register (errors fail the build), computes deadlines and statistics, and
puts ``context['requests']`` for the 依申请公开 column page (plugins.request_form) and the annual
reports (plugins.annual_report). generate_output writes ``ysqgk/query/`` (+ ``s/<hex>.json``) and
``ysqgk/stats/``. Deadline warnings are ``make check``'s business, not the build's. The staff-only
告知书 are never built here (``make notices``).
"""
from __future__ import annotations

import json
import logging

from markupsafe import Markup
from pelican.generators import Generator

from gongkai.engine.run import BuildRun
from plugins._shared import output
from plugins._shared.diagnostics import Problems, log_problems
from plugins.annual_report import chart
from plugins.workdays.generator import load_for

from . import api, deadlines, lookup, stats
from .schema import GROUPS
from .workindex import WorkdayIndex

log = logging.getLogger(__name__)
COLUMN = "依申请公开"
QUERY_URL, STATS_URL = "ysqgk/query/", "ysqgk/stats/"
SHARDS_URL = QUERY_URL + "s/"


def page_meta(description: str) -> dict:
    return {"column_name": COLUMN, "column_type": "依法申请公开", "column_description": description,
            "column_keywords": "依申请公开,办理进度查询,查询码,办理情况统计"}


def replies_log(register, catalog) -> list[dict]:
    """Catalog items a reply was disclosed under (Art. 44), newest first; never the case itself."""
    if catalog is None:
        return []
    by_no = catalog.by_index          # the catalog's own index: no pass over 100,000 items per build
    seen, out = set(), []
    for case in register.cases:
        item = by_no.get(case.disclosed_as)
        if item is not None and item.index_no not in seen:
            seen.add(item.index_no)
            out.append({"item": item, "year": case.replied.year})
    return sorted(out, key=lambda e: (e["item"].published, e["item"].index_no), reverse=True)


def charts(rows) -> list[dict]:
    years = [r.year for r in rows]
    series_a = [("received", "收到申请", {r.year: r.received for r in rows}),
                ("answered", "办结", {r.year: r.answered for r in rows})]
    series_b = [("median", "答复用时中位数", {r.year: r.median for r in rows}),
                ("p90", "答复用时第90百分位", {r.year: r.p90 for r in rows})]
    out = []
    for cid, title, series in (("gk-ysqgk-chart-cases", "政府信息公开申请收到和办结情况（件）", series_a),
                               ("gk-ysqgk-chart-days", "答复用时（工作日）", series_b)):
        out.append({"id": cid, "title": title, "svg": Markup(chart.bar_chart(cid, title, years, series))})
    return out


def build(settings: dict, calendar, catalog, problems: Problems) -> dict:
    """Everything the pages need (pure apart from reading the register)."""
    register, load_problems = api.load(settings)
    problems.extend(load_problems)
    dates = [d for c in register.cases for d in c.dates()]
    index = WorkdayIndex.around(calendar, dates)
    due = {c.no: deadlines.for_case(index, c) for c in register.cases}
    rows = stats.per_year(register, index, due, register.years())
    entries = [(c.query_key, deadlines.payload(c)) for c in register.cases if c.query_key]
    shard_hex = settings.get("REQUESTS_SHARD_HEX") or lookup.shard_hex_for(len(entries))
    return {
        "register": register, "index": index, "deadlines": due, "stats": rows,
        "latest": next((r for r in reversed(rows) if r.answered), None), "groups": GROUPS,
        "replies": replies_log(register, catalog), "entries": entries,
        "lookup": {"salt": str(api.setting(settings, "REQUESTS_SALT")),
                   "iterations": api.setting(settings, "REQUESTS_KDF_ITERATIONS"),
                   "shard_hex": shard_hex, "shards_url": SHARDS_URL, "code_length": lookup.CODE_LENGTH},
        "calendar_json": calendar.to_json(), "query_url": QUERY_URL, "stats_url": STATS_URL,
        "fingerprint": output.digest(entries),
    }


class RequestsGenerator(Generator):
    def generate_context(self):
        problems = Problems()
        calendar = self.context.get("workdays")
        if calendar is None:
            calendar = load_for(self.settings, problems)
        self.context["requests"] = build(self.settings, calendar, self.context.get("catalog"), problems)
        log_problems(problems, log)

    def generate_output(self, writer):
        if BuildRun.of(self.context).shard:     # a shard renders item pages only; the merge writes the rest
            return
        data = self.context["requests"]
        base = output.digest(output.theme_digest(self.theme), {k: v for k, v in self.settings.items()
                                                               if k.isupper() and k != "OUTPUT_PATH"})
        crumbs = [("首页", ""), (COLUMN, "ysqgk/")]
        calendar_json = json.dumps(data["calendar_json"], ensure_ascii=False, separators=(",", ":"))
        lookup_json = json.dumps(data["lookup"], ensure_ascii=False, separators=(",", ":"))
        BuildRun.of(self.context).write_page(writer, QUERY_URL + "index.html", output.digest(base, lookup_json, calendar_json),
                          self.get_template("ysqgk_query"), self.context, rq=data, lookup_json=lookup_json,
                          calendar_json=calendar_json, page_title="办理进度查询", page_meta=page_meta("依申请公开办理进度查询"),
                          breadcrumbs=crumbs + [("办理进度查询", QUERY_URL)], page_url=QUERY_URL, page_kind="ysqgk-query")
        rows = data["stats"]
        BuildRun.of(self.context).write_page(writer, STATS_URL + "index.html",
                          output.digest(base, [vars(r) for r in rows], [(e["item"].index_no, e["year"]) for e in data["replies"]]),
                          self.get_template("ysqgk_stats"), self.context, rq=data, rows=rows, charts=charts(rows),
                          page_title="申请办理情况统计", page_meta=page_meta("政府信息公开申请办理情况统计"),
                          breadcrumbs=crumbs + [("申请办理情况统计", STATS_URL)], page_url=STATS_URL, page_kind="ysqgk-stats")
        self._write_shards(data)

    def _write_shards(self, data):
        """Every shard, rewritten only when the published entries change (fresh IVs each time)."""
        shard_hex = data["lookup"]["shard_hex"]
        fingerprint = output.digest(data["fingerprint"], shard_hex)
        for name, blob in lookup.build_shards(data["entries"], shard_hex).items():
            BuildRun.of(self.context).note_file(f"{SHARDS_URL}{name}.json", fingerprint,
                             lambda target, blob=blob: _write(target, blob))


def _write(target: str, data: bytes) -> None:
    with open(target, "wb") as fh:
        fh.write(data)


def get_generators(pelican_object):
    return RequestsGenerator
