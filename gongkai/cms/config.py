"""The editor's whole configuration, generated from the schema, the taxonomy and pelicanconf.py.

``generate(settings)`` returns the Decap CMS configuration plus a ``gongkai`` section the browser
code reads (key order of the files, field kinds, 索引号 rule, messages). ``dump`` writes it as YAML;
the committed copy is ``gongkai/cms/static/config.yml`` and ``make cms`` rewrites it.

Settings (pelicanconf.py, all optional):

``CMS_BACKEND``       the git host, as Decap's ``backend`` block (default: GitLab, repository unset —
                      ``make cms`` works without it, ``make cms-build`` needs it; docs/operator-guide-cms.md)
``CMS_PUBLISH_MODE``  ``editorial_workflow`` (default: one merge request per change) or ``simple``
``CMS_CATALOG_JSON``  where the widgets read the catalog's 索引号, 标题 and 文号 (default ``catalog.json``
                      beside the editor: live under ``make cms``, a snapshot in ``make cms-build``)
"""
from __future__ import annotations

from pathlib import Path

import yaml

from plugins._shared.diagnostics import Problems
from plugins.annual_report import formats as report_formats
from plugins.catalog import index_numbers as idx
from plugins.catalog import schema
from plugins.catalog.load import TAXONOMY_FILE, Settings
from plugins.catalog.taxonomy import Taxonomy, load_taxonomy
from plugins.workdays import core as workdays

from . import collections as C
from .messages import FORM_MESSAGES, UI_TEXT

DEFAULTS = {
    "CMS_BACKEND": {"name": "gitlab", "repo": "", "branch": "main"},
    "CMS_PUBLISH_MODE": "editorial_workflow",
    "CMS_CATALOG_JSON": "catalog.json",
}
GUIDE_PAGES = (("gkzn", "政府信息公开指南"), ("gkzd", "政府信息公开制度"))
COMMIT_MESSAGES = {
    "create": "新建{{collection}}：{{slug}}",
    "update": "修改{{collection}}：{{slug}}",
    "delete": "删除{{collection}}：{{slug}}",
    "uploadMedia": "上传附件 {{path}}",
    "deleteMedia": "删除附件 {{path}}",
}
HEADER = ("# 网页编辑器（Decap CMS）配置 — 由 make cms 根据 plugins/catalog/schema.py、catalog/taxonomy.yml\n"
          "# 和 pelicanconf.py 生成，请勿手工修改（tests/unit/cms 检查它与重新生成的结果一致）。\n")


def setting(settings: dict, key: str):
    return settings.get(key, DEFAULTS[key])


def _kinds(fields: tuple) -> dict:
    return {f.key: f.kind for f in fields}


def schema_section() -> dict:
    """Key order and kinds of an item file, for the browser's reader and writer."""
    subs = {f.key: [s.key for s in f.fields] for f in schema.FIELDS if f.fields}
    subs["validity"] = [s.key for s in schema.VALIDITY_FIELDS]
    sub_kinds = {f.key: _kinds(f.fields) for f in schema.FIELDS if f.fields}
    sub_kinds["validity"] = _kinds(schema.VALIDITY_FIELDS)
    return {"order": [f.key for f in schema.FIELDS], "kinds": _kinds(schema.FIELDS),
            "sub_order": subs, "sub_kinds": sub_kinds,
            "required": list(schema.REQUIRED), "labels": dict(schema.LABELS),
            "sub_labels": {f"{f.key}.{s.key}": s.label for f in schema.FIELDS for s in f.fields}}


def report_section(spec: report_formats.Format = report_formats.FORMAT_2021) -> dict:
    t2 = {row.id: [c.id for c in block.columns] for block in spec.blocks for row in block.rows}
    return {
        "order": [f["name"] for f in C.report_fields(spec)],
        "overview": [pid for pid, _ in report_formats.OVERVIEW_PARTS],
        "rows": {
            "table2": {"order": list(t2), "columns": t2},
            "table3": {"order": [r.id for r in spec.t3_rows],
                       "columns": {r.id: [c.id for c in report_formats.T3_COLUMNS] for r in spec.t3_rows}},
            "table4": {"order": [g for g, _, _ in report_formats.T4_GROUPS],
                       "columns": {g: [c.id for c in report_formats.T4_COLUMNS] for g, _, _ in report_formats.T4_GROUPS}},
        },
        "labels": {"table2": {row.id: spec.t2_label(block, row) for block in spec.blocks for row in block.rows},
                   "table3": {r.id: spec.t3_label(r) for r in spec.t3_rows},
                   "table4": {g: label for g, label, _ in report_formats.T4_GROUPS}},
    }


def index_section(pelican: dict, tax: Taxonomy) -> dict:
    pattern, template = idx.resolve_pattern(pelican.get("INDEX_NO_PATTERN"))
    agency = pelican.get("AGENCY") or {}
    return {"pattern": pattern, "template": pelican.get("INDEX_NO_TEMPLATE") or template,
            "codes": {p.name: p.code or agency.get("org_code", "") for p in tax.publishers},
            "default_code": agency.get("org_code", "")}


def load_tax(catalog: Settings) -> tuple[Taxonomy, Problems]:
    problems = Problems()
    return load_taxonomy(catalog.catalog_dir / TAXONOMY_FILE, catalog.root, problems), problems


def generate(pelican: dict) -> dict:
    """The configuration for this repository and settings (pure: same inputs, same dict)."""
    catalog = Settings.from_pelican(pelican)
    root = catalog.root
    tax, _problems = load_tax(catalog)
    catalog_dir = catalog.catalog_dir.relative_to(root).as_posix()
    content = Path(pelican.get("PATH", "content"))
    content = (content if content.is_absolute() else root / content).resolve().relative_to(root).as_posix()
    agency = pelican.get("AGENCY") or {}
    default_publisher = agency.get("name", "") if tax.publisher(agency.get("name", "")) else ""
    backend = {**DEFAULTS["CMS_BACKEND"], **setting(pelican, "CMS_BACKEND")}
    backend.setdefault("commit_messages", COMMIT_MESSAGES)
    pages = [(slug, label) for slug, label in GUIDE_PAGES if (root / content / "pages" / f"{slug}.md").is_file()]
    options = C.shared_options(tax)
    collections = [C.category_collection(c, tax, catalog_dir, default_publisher, options) for c in tax.categories]
    collections += [C.report_collection(f"{content}/reports"), C.calendar_collection(f"{content}/calendar")]
    if pages:
        collections.append(C.pages_collection(f"{content}/pages", pages))
    return {
        "locale": "zh_Hans",
        "backend": backend,
        "local_backend": True,
        "publish_mode": setting(pelican, "CMS_PUBLISH_MODE"),
        "site_url": pelican.get("SITEURL") or f"https://{pelican.get('SITE_DOMAIN', '')}",
        "media_folder": f"{catalog_dir}/files",
        "public_folder": "/" + f"{catalog_dir}/files",
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        "show_preview_links": False,
        "search": True,
        "collections": collections,
        "gongkai": {
            "site_name": pelican.get("SITENAME", ""),
            "catalog_json": setting(pelican, "CMS_CATALOG_JSON"),
            "index_no": index_section(pelican, tax),
            "item": schema_section(),
            "item_collections": [c.key for c in tax.categories],
            "report": report_section(),
            "calendar": {"order": ["year", "source", "holidays"], "source": ["title", "doc_no", "issued", "url"],
                         "holiday": ["name", "start", "end", "workdays"], "labels": dict(workdays.LABELS)},
            "page": {"order": [f["name"] for f in C.PAGE_FIELDS if f["name"] != "body"]},
            "messages": FORM_MESSAGES,
            "ui": UI_TEXT,
        },
    }


def dump(config: dict) -> str:
    return HEADER + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
