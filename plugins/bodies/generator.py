"""Pelican generator for the bodies: ``/jg/`` (every body), ``/jg/<key>/`` (a body's landing page),
``/jg/<key>/gkzn/`` (its 公开指南) and ``/gkzn/`` (the platform body's guide).

generate_context loads the profiles (errors fail the build) and renders their free text; generate_output
assembles each guide from the law map, the catalog, the listings, the request-form settings, the
register and the reports (:mod:`.guide`) and writes the pages through the build run.
"""
from __future__ import annotations

import logging

from pelican.generators import Generator

from gongkai.engine.run import BuildRun
from plugins._shared import output
from plugins._shared.diagnostics import Problems, log_problems
from plugins.annual_report.check import report_url
from plugins.catalog.render import BodyRenderer, RenderError
from plugins.request_form import channels

from . import guide, model
from .check import load_bodies
from .profile import TEXTS

log = logging.getLogger(__name__)
INDEX_TITLE = "各机关政府信息公开"


def guide_meta(title: str, body, updated) -> dict:
    return {"column_name": "政府信息公开指南", "column_type": "信息公开指南", "column_keywords": "政府信息公开指南,公开指南",
            "column_description": f"{body.name}政府信息的分类、编排体系、获取方式和政府信息公开工作机构（《政府信息公开条例》第十二条）",
            "article_title": title, "pub_date": updated.isoformat() + " 00:00" if updated else "",
            "content_source": body.name, "description": f"{body.name}政府信息公开指南"}


def landing_meta(body) -> dict:
    name = f"{body.name}政府信息公开"
    return {"column_name": name, "column_type": "信息公开目录", "column_keywords": f"{body.name},政府信息公开",
            "column_description": f"{body.name}的政府信息公开指南、法定主动公开内容和政府信息公开工作年度报告"}


class BodiesGenerator(Generator):
    def generate_context(self):
        problems = Problems()
        data = load_bodies(self.settings, self.context.get("catalog"), problems)
        render = BodyRenderer(self.settings.get("MARKDOWN") or {})
        data["texts"] = {}
        for key, profile in data["profiles"].items():
            html = {}
            for name, text in profile.texts.items():
                try:
                    html[name] = render(text)
                except RenderError as exc:
                    problems.add(profile.path, 0, f"guide.{name}", f"“{TEXTS[name]}”{exc.problem}", exc.fix, "公开指南")
            data["texts"][key] = html
        self.context["bodies"] = data
        log_problems(problems, log)

    def generate_output(self, writer):
        data = self.context.get("bodies") or {}
        profiles = data.get("profiles") or {}
        if not profiles:
            return
        run = BuildRun.of(self.context)
        base = output.digest(output.theme_digest(self.theme), {k: v for k, v in self.settings.items()
                                                               if k.isupper() and k != "OUTPUT_PATH"})
        platform = data["platform"]
        bodies = [b for b in data["list"] if b.key in profiles]
        root = model.setting(self.settings, "BODIES_URL").strip("/") + "/"
        crumbs = [("首页", ""), (INDEX_TITLE, root)]
        guides = {b.key: self._guide(b, profiles[b.key], data, bodies) for b in bodies}
        index_rows = []
        for body in bodies:
            g, landing = guides[body.key], model.landing_url(self.settings, body)
            guide_at = model.guide_url(self.settings, body, platform)
            trail = crumbs + [(body.name, landing)]
            run.write_page(writer, guide_at + "index.html", output.digest(base, "guide", guide.fingerprint(g)),
                           self.get_template("gkzn"), self.context, guide=g, page_meta=guide_meta(g["title"], body, g["updated"]),
                           breadcrumbs=([("首页", ""), ("政府信息公开指南", guide_at)] if g["is_platform"]
                                        else trail + [("政府信息公开指南", guide_at)]),
                           page_url=guide_at, page_kind="guide")
            own = g["own_categories"] if g["own_categories"] is not None else g["categories"]
            page = {"body": body, "guide_url": guide_at, "all_url": self._all_url(body), "scope": g["own_scope"],
                    "categories": own, "reports": g["reports"], "due": g["due"], "office": g["office"],
                    "channels": g["channels"], "is_platform": g["is_platform"]}
            run.write_page(writer, landing + "index.html",
                           output.digest(base, "landing", guide.fingerprint(g), page["all_url"]),
                           self.get_template("body"), self.context, landing=page, page_meta=landing_meta(body),
                           breadcrumbs=trail, page_url=landing, page_kind="body")
            index_rows.append({"body": body, "url": landing, "guide_url": guide_at, "count": sum(c.count for c in own),
                               "report": g["reports"][0] if g["reports"] else None})
        run.write_page(writer, root + "index.html",
                       output.digest(base, "index", [(r["url"], r["guide_url"], r["body"].name, r["count"], r["report"])
                                                     for r in index_rows]),
                       self.get_template("bodies"), self.context, rows=index_rows, page_title=INDEX_TITLE,
                       page_meta={"column_name": INDEX_TITLE, "column_type": "信息公开目录", "column_keywords": "机关,政府信息公开",
                                  "column_description": "本平台各机关的政府信息公开指南、主动公开内容和年度报告"},
                       breadcrumbs=crumbs, page_url=root, page_kind="bodies")

    def _all_url(self, body) -> str | None:
        listings = self.context.get("listings")
        if listings is None:
            return None
        value = next((v for v in listings.facet("fbjg").values if v.label == body.name), None)
        return value.url if value is not None else None

    def _guide(self, body, profile, data, bodies) -> dict:
        platform = data["platform"]
        rf = self.context.get("request_form")
        endpoint = rf["conf"]["endpoint"] if rf else None
        lookup = channels.lookup_published(self.context.get("requests"))
        own = channels.available(profile.office, profile.platform_office, endpoint, rf is not None, lookup)
        reports = [(r.title, report_url(self.settings, r)) for r in self.context.get("annual_reports") or []
                   if (r.platform if platform is not None and body.key == platform.key else (not r.platform and r.owner == body.key))]
        others = [(b.name, model.guide_url(self.settings, b, platform)) for b in bodies if b.key != body.key] \
            if platform is not None and body.key == platform.key else []
        listings = self.context.get("listings")
        facets = [(f.label, f.url) for f in listings.facets] if listings is not None else []
        catalog_settings = self.context.get("catalog_settings")
        return guide.build(body, profile, platform=platform, law_map=getattr(self.context.get("catalog"), "law_map", None),
                           catalog=self.context.get("catalog"), settings=self.settings, channels=own, reports=reports,
                           others=others, facets=facets, texts=data["texts"].get(body.key, {}),
                           index_template=getattr(catalog_settings, "index_no_template", ""))


def get_generators(pelican_object):
    return BodiesGenerator
