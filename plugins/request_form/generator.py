"""Pelican generator for the 依申请公开 column: guide, online form, blank form and JSON Schema.

Writes ``ysqgk/`` (申请指南, 流程, 收费标准, 联系方式, 查询, 答复期限计算), ``ysqgk/apply/`` (the form),
``ysqgk/form/`` (表单下载: the printable blank 申请表) and ``ysqgk/apply/schema.json``. The
working-day calendar comes from ``context['workdays']`` (plugins.workdays), or is loaded here when
that plugin is not enabled.
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from pelican.generators import Generator

from gongkai.engine.run import BuildRun
from plugins._shared import output
from plugins._shared.diagnostics import Problems, log_problems
from plugins.workdays.generator import load_for

from . import channels, config
from .fields import GROUPS, rules
from .schema import build_schema

log = logging.getLogger(__name__)

COLUMN = "依申请公开"
PAGES = {
    # key: (template, save_as, title, breadcrumb trail after 首页 › 依申请公开)
    "guide": ("ysqgk", "ysqgk/index.html", "依申请公开", []),
    "apply": ("ysqgk_apply", "ysqgk/apply/index.html", "在线申请政府信息公开", [("在线申请", "ysqgk/apply/")]),
    "blank": ("ysqgk_form", "ysqgk/form/index.html", "政府信息公开申请表（表单下载）", [("表单下载", "ysqgk/form/")]),
}
SCHEMA_SAVE_AS = "ysqgk/apply/schema.json"


def _json_attr(data) -> str:
    """Compact JSON for a data-* attribute (Jinja escapes the quotes)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def page_meta(description: str) -> dict:
    """政府网站 column meta tags (docs/rules.md §4) for the 依申请公开 pages."""
    return {"column_name": COLUMN, "column_type": "依法申请公开", "column_description": description,
            "column_keywords": "依申请公开,政府信息公开申请,申请表"}


class RequestFormGenerator(Generator):
    """generate_context: settings, calendar, worked example; generate_output: three pages + schema."""

    def generate_context(self):
        problems = Problems()
        conf = config.parse_settings(self.settings, problems)
        cal = self.context.get("workdays")
        if cal is None:
            cal = load_for(self.settings, problems)
        form_rules = rules()
        version = hashlib.sha256(_json_attr(form_rules).encode()).hexdigest()[:12]
        self.context["request_form"] = {
            "conf": conf,
            "groups": GROUPS,
            "rules_json": _json_attr(form_rules),
            "calendar_json": _json_attr(cal.to_json()),
            "calendar_sources": [cal.sources[y] for y in cal.years],
            "example": config.worked_example(cal, conf["example_receipt_date"]),
            "version": version,
            "schema_url": SCHEMA_SAVE_AS,
            "channels": channels.available(channels.agency_office(self.settings.get("AGENCY") or {}), True,
                                           conf["endpoint"], True, channels.lookup_published(self.context.get("requests"))),
        }
        log_problems(problems, log)

    def generate_output(self, writer):
        if BuildRun.of(self.context).shard:     # a shard renders item pages only; the merge writes the rest
            return
        rf = self.context["request_form"]
        for key, (template, save_as, title, trail) in PAGES.items():
            url = save_as[: -len("index.html")]
            crumbs = [("首页", ""), (COLUMN, "ysqgk/")] + trail
            writer.write_file(save_as, self.get_template(template), self.context, rf=rf, rq=self.context.get("requests"),
                              page_title=title,
                              page_meta=page_meta(title), breadcrumbs=crumbs, page_url=url,
                              page_kind="ysqgk-" + key)
        target = Path(output.safe_join(self.output_path, SCHEMA_SAVE_AS))
        target.parent.mkdir(parents=True, exist_ok=True)
        schema = build_schema(rf["version"])
        target.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def get_generators(pelican_object):
    return RequestFormGenerator
