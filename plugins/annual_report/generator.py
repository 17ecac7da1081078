"""Pelican generator for the 政府信息公开年报 column (/ndbg/).

generate_context loads and checks every report (the same :func:`check.load_and_check` that
``gongkai check`` runs) and logs its problems, so an unbalanced table fails the build; it needs
``context['catalog']``, so ``plugins.catalog`` must come first in PLUGINS. generate_output writes
the list page, one page per year, and each year's CSV and JSON.
"""
from __future__ import annotations

import logging

from markupsafe import Markup
from pelican.generators import Generator

from gongkai.engine.run import BuildRun
from plugins._shared import output
from plugins._shared.diagnostics import Problems, log_problems
from plugins.bodies import model
from plugins.catalog.render import BodyRenderer

from . import chart, export
from .check import load_and_check, report_url, setting
from .formats import FORMAT_NAMES, OVERVIEW_PARTS, SERIES
from .tables import build_tables

log = logging.getLogger(__name__)
COLUMN = "政府信息公开年报"


def column_meta() -> dict:
    return {"column_name": COLUMN, "column_type": "信息公开年报", "column_keywords": "政府信息公开,年度报告,年报",
            "column_description": "政府信息公开工作年度报告（《政府信息公开条例》第四十九条、第五十条）"}


def report_meta(report, publisher: str) -> dict:
    return {**column_meta(), "article_title": report.title,
            "pub_date": (report.published.isoformat() if report.published else "") + " 00:00",
            "content_source": publisher, "keywords": f"政府信息公开,年度报告,{report.year}年",
            "description": f"{report.title}（{FORMAT_NAMES[report.format]}）"}


def sections_html(report, render) -> dict:
    """Markdown parts → sanitized HTML: intro, overview (str or {part: html}), problems, other, body."""
    overview = report.overview
    return {
        "intro": render(report.intro) if report.intro else "",
        "overview": ({key: render(overview[key]) for key, _ in OVERVIEW_PARTS if key in overview}
                     if isinstance(overview, dict) else render(overview or "")),
        "problems": render(report.problems),
        "other": render(report.other),
        "body": render(report.body),
    }


def charts(reports) -> list[dict]:
    """The two charts of the list page: applications, and reviews/lawsuits (different scales)."""
    years, values = export.series_table(reports)
    labels = dict(SERIES)
    groups = [("gk-chart-apply", "政府信息公开申请办理情况（件）", ("received", "disclosed", "partial")),
              ("gk-chart-review", "政府信息公开行政复议、行政诉讼情况（件）", ("review", "litigation"))]
    out = []
    for cid, title, ids in groups:
        series = [(sid, labels[sid], values[sid]) for sid in ids]
        out.append({"id": cid, "title": title, "svg": Markup(chart.bar_chart(cid, title, years, series)),
                    "years": years, "series": series})
    return out


class AnnualReportGenerator(Generator):
    def generate_context(self):
        problems = Problems()
        catalog = self.context.get("catalog")
        if catalog is None:
            log.error("annual_report: context['catalog'] is missing; put plugins.catalog before "
                      "plugins.annual_report in PLUGINS")
        registered: dict = {}
        reports, computed = load_and_check(self.settings, catalog, problems, registered)
        self.context["annual_reports"] = reports
        self.context["annual_report_counts"] = computed
        self.context["annual_report_registered"] = registered
        log_problems(problems, log)

    def generate_output(self, writer):
        if BuildRun.of(self.context).shard:     # a shard renders item pages only; the merge writes the rest
            return
        reports = self.context.get("annual_reports") or []
        computed = self.context.get("annual_report_counts") or {}
        registered = self.context.get("annual_report_registered") or {}
        catalog = self.context.get("catalog")
        taxonomy = catalog.taxonomy if catalog is not None else None
        platform = model.platform_body(self.settings, taxonomy)
        names = {b.key: b.name for b in model.bodies(taxonomy)}
        root = setting(self.settings, "ANNUAL_REPORT_URL").strip("/") + "/"
        default_publisher = (platform.name if platform is not None else "") or setting(self.settings, "ANNUAL_REPORT_PUBLISHER") \
            or (self.settings.get("AGENCY") or {}).get("name", "")
        render = BodyRenderer(self.settings.get("MARKDOWN") or {})
        base = output.digest(output.theme_digest(self.theme), {k: v for k, v in self.settings.items()
                                                               if k.isupper() and k != "OUTPUT_PATH"})
        crumbs = [("首页", ""), (COLUMN, root)]
        run = BuildRun.of(self.context)
        entries = []
        page_tpl = self.get_template("ndbg_report")
        for report in reports:
            url = report_url(self.settings, report)
            counts = computed.get((report.owner, report.year))
            stem = f"ndbg-{report.year}" if report.platform else f"ndbg-{report.owner}-{report.year}"
            files = {"csv": f"{url}{stem}.csv", "json": f"{url}{stem}.json"} if report.spec else {}
            csv_bytes, json_bytes = export.to_csv(report, counts), export.to_json(report, counts, url)
            for kind, data in (("csv", csv_bytes), ("json", json_bytes)):
                if kind in files:
                    run.note_file(files[kind], output.digest(data.decode()), lambda target, data=data: _write(target, data))
            html = sections_html(report, render)
            publisher = report.publisher or (default_publisher if report.platform else names.get(report.owner, ""))
            fingerprint = output.digest(base, csv_bytes.decode(), html, report.title, str(report.published), publisher)
            run.write_page(writer, f"{url}index.html", fingerprint, page_tpl, self.context,
                           report=report, tables=build_tables(report, counts, registered.get(report.year) if report.platform else None),
                           html=html, files=files, format_name=FORMAT_NAMES[report.format], overview_parts=OVERVIEW_PARTS,
                           publisher=publisher, page_meta=report_meta(report, publisher),
                           breadcrumbs=crumbs + [(report.title or f"{report.year}年", url)], page_url=url,
                           page_kind="annual_report")
            entries.append({"report": report, "url": url, "files": files, "publisher": publisher})
        platform_reports = [r for r in reports if r.platform]
        series_bytes = export.series_csv(platform_reports)
        series_url = f"{root}ndbg-series.csv"
        run.note_file(series_url, output.digest(series_bytes.decode()), lambda target: _write(target, series_bytes))
        groups = report_groups(entries, platform, model.bodies(taxonomy), default_publisher)
        run.write_page(writer, f"{root}index.html",
                       output.digest(base, [(g["name"], g["deadline"], [(e["url"], e["report"].title, str(e["report"].published))
                                                                        for e in g["entries"]]) for g in groups],
                                     series_bytes.decode()),
                       self.get_template("ndbg_index"), self.context, groups=groups, charts=charts(platform_reports),
                       series_url=series_url, series_name=default_publisher, page_meta=column_meta(), breadcrumbs=crumbs,
                       page_url=root, page_kind="annual_report_index")


def report_groups(entries: list[dict], platform, body_list: list, default_publisher: str) -> list[dict]:
    """The list page's sections: the platform's reports first, then each body's, newest year first."""
    groups = [{"key": "", "name": default_publisher, "deadline": platform.type if platform is not None else "",
               "entries": [e for e in entries if e["report"].platform]}]
    for body in body_list:
        if platform is not None and body.key == platform.key:
            continue
        groups.append({"key": body.key, "name": body.name, "deadline": body.type,
                       "entries": [e for e in entries if not e["report"].platform and e["report"].owner == body.key]})
    return [g for g in groups if g["entries"] or g["key"]]


def _write(target: str, data: bytes) -> None:
    with open(target, "wb") as fh:
        fh.write(data)


def get_generators(pelican_object):
    return AnnualReportGenerator
