"""The editor's collections: one per 信息类别, the annual reports, the calendars and the guide pages.

Everything is derived from the schema, the taxonomy and the report/calendar definitions at call time,
so a new field, category, publisher or topic appears in the editor after ``make cms``.
"""
from __future__ import annotations

from plugins.annual_report import formats as report_formats
from plugins.annual_report.load import KEYS as REPORT_KEYS
from plugins.catalog import schema
from plugins.catalog.taxonomy import Category, Taxonomy
from plugins.workdays import core as workdays

from . import fields as F

ITEM_FORMAT, REPORT_FORMAT, CALENDAR_FORMAT, PAGE_FORMAT = "gk-item", "gk-report", "gk-calendar", "gk-page"
# Item files: catalog/<category key>/<year of 发布日期>/<serial of 索引号>.md (as ``make new`` writes them).
# ``_year`` and ``_serial`` are set from the entry by gk-init.js just before saving and never written.
ITEM_PATH = "{{_year}}/{{slug}}"
ITEM_SLUG = "{{_serial}}"
# Attachments sit beside the item, one folder per item (catalog/<key>/<year>/attachments/<索引号>/…);
# item_files() in plugins/catalog/load.py never reads an "attachments" folder as items.
ATTACHMENT_FOLDER = "attachments/{{slug}}"


def shared_options(tax: Taxonomy) -> dict:
    """Select lists every category's form shows (one object each, so config.yml writes them once)."""
    return {"publisher": [p.name for p in tax.publishers], "topics": F.topic_options(tax.topics)}


def item_fields(category: Category, tax: Taxonomy, default_publisher: str, options: dict | None = None) -> list[dict]:
    """Every schema field, in schema order, as this category's form shows it."""
    options = options or shared_options(tax)
    out = []
    kind_block = schema.KIND_BLOCKS.get(category.kind)
    for field in schema.FIELDS:
        key = field.key
        if key in schema.KIND_BLOCKS.values() and key != kind_block:
            continue  # 办事指南 / 财政预决算 blocks only in their own category
        if key == "index_no":
            out.append({**F.base(field), "widget": F.INDEX_WIDGET})
        elif key == "category":
            out.append({**F.base(field), "widget": "hidden", "default": category.label})
        elif key == "published":
            out.append({**F.date(field), "today_if_empty": True})
        elif key == "written":
            # 规章 and 行政规范性文件: the build requires 成文日期 (the 20-working-day rule counts from it)
            out.append(F.date(field, required=category.kind in schema.VALIDITY_REQUIRED))
        elif key == "publisher":
            out.append(F.select(field, options["publisher"],
                                **({"default": default_publisher} if default_publisher else {})))
        elif key == "topics":
            out.append({**F.base(field), "widget": "select", "multiple": True,
                        "options": options["topics"]})
        elif key == "validity":
            validity = F.block(field, schema.VALIDITY_FIELDS, collapsed=category.kind not in ("regulation", "normative"))
            # as make new writes (validity: 有效); not required in the form: a file without validity means 有效
            validity["fields"][0].update(default=schema.VALIDITY_STATES[0], required=False)
            out.append(validity)
        elif key == "attachments":
            sub = schema.ATTACHMENT_FIELDS
            out.append({**F.base(field), "widget": "list", "collapsed": False, "label_singular": field.label,
                        "summary": "{{fields.title}}",
                        "fields": [{**F.base(sub[0]), "widget": "file", "choose_url": False},
                                   F.plain(sub[1])]})
        elif key in ("interprets", "supersedes"):
            out.append({**F.base(field), "widget": F.REFS_WIDGET})
        elif key == "headnote":
            out.append(F.block(field, field.fields, collapsed=category.kind not in ("regulation", "normative")))
        elif field.kind == schema.MAPPING:
            out.append(F.block(field, field.fields, required=True))
        elif key == "body":
            out.append({**F.base(field), "widget": "markdown", "modes": ["raw"], "required": False,
                        "hint": "Markdown 格式；右侧预览按网站样式显示"})
        else:
            out.append(F.plain(field))
    return out


def category_collection(category: Category, tax: Taxonomy, catalog_dir: str, default_publisher: str,
                        options: dict | None = None) -> dict:
    return {
        "name": category.key,
        "label": category.label,
        "label_singular": f"{category.label}条目",
        "description": f"条例{category.article}" if category.article else category.label,
        "folder": f"{catalog_dir}/{category.key}",
        "extension": "md",
        "format": ITEM_FORMAT,
        "create": True,
        "delete": False,
        "path": ITEM_PATH,
        "slug": ITEM_SLUG,
        "identifier_field": "index_no",
        "summary": "{{index_no}}　{{title}}　{{doc_no}}",   # Decap searches the summary fields: 文号 too
        "sortable_fields": ["published", "index_no", "title"],
        "media_folder": ATTACHMENT_FOLDER,
        "public_folder": ATTACHMENT_FOLDER,
        "editor": {"preview": True},
        "fields": item_fields(category, tax, default_publisher, options),
    }


def _number(name: str, label: str, kind: str, required: bool = True) -> dict:
    out = {"name": name, "label": label, "widget": "number", "required": required,
           "value_type": "float" if kind == report_formats.AMOUNT else "int"}
    if kind != report_formats.SIGNED:
        out["min"] = 0
    return out


def _row(name: str, label: str, columns: tuple, required: bool = True) -> dict:
    """One statutory table row: a number per column (the file keeps the row as a list of numbers)."""
    if len(columns) == 1:
        return {**_number(name, label, columns[0].kind, required), "hint": columns[0].label}
    return {"name": name, "label": label, "widget": "object", "collapsed": False, "required": required,
            "fields": [_number(c.id, c.label, c.kind, required) for c in columns]}


def report_fields(spec: report_formats.Format = report_formats.FORMAT_2021) -> list[dict]:
    """The 2021 form (国办公开办函〔2021〕30号): sections, the five parts, tables 二–四 row by row."""
    text = lambda key, required=True: {"name": key, "label": REPORT_KEYS[key], "widget": "text",  # noqa: E731
                                       "required": required}
    table2 = [_row(row.id, spec.t2_label(block, row), block.columns, required=not block.from_catalog)
              for block in spec.blocks for row in block.rows]
    table3 = [_row(row.id, spec.t3_label(row), report_formats.T3_COLUMNS) for row in spec.t3_rows]
    table4 = [_row(gid, label, report_formats.T4_COLUMNS) for gid, label, _cells in report_formats.T4_GROUPS]
    section = report_formats.SECTION_LABELS
    return [
        {"name": "format", "label": REPORT_KEYS["format"], "widget": "hidden", "default": spec.key},
        {"name": "year", "label": REPORT_KEYS["year"], "widget": "number", "value_type": "int", "required": True,
         "hint": "报告所属年度，与文件名一致（新报告的文件名按此生成，如 2026.yml）"},
        {"name": "title", "label": REPORT_KEYS["title"], "widget": "string", "required": True},
        {"name": "published", "label": REPORT_KEYS["published"], "widget": F.DATE_WIDGET, "required": True,
         "hint": "次年 3 月 31 日前发布"},
        {"name": "publisher", "label": REPORT_KEYS["publisher"], "widget": "string", "required": False},
        text("intro", False),
        {"name": "overview", "label": section["overview"], "widget": "object", "collapsed": False, "required": True,
         "fields": [{"name": pid, "label": f"（{n}）{label}", "widget": "text", "required": True}
                    for n, (pid, label) in zip("一二三四五", report_formats.OVERVIEW_PARTS)]},
        {"name": "table2", "label": section["table2"], "widget": "object", "required": True, "fields": table2},
        {"name": "table3", "label": section["table3"], "widget": "object", "required": True, "fields": table3,
         "hint": "每行按列填写：" + "、".join(c.label for c in report_formats.T3_COLUMNS)},
        {"name": "table4", "label": section["table4"], "widget": "object", "required": True, "fields": table4,
         "hint": "每行按列填写：" + "、".join(c.label for c in report_formats.T4_COLUMNS)},
        text("problems"),
        text("other"),
    ]


def report_collection(folder: str) -> dict:
    spec = report_formats.FORMAT_2021
    return {
        "name": "ndbg", "label": "政府信息公开工作年度报告", "label_singular": "年度报告",
        "description": f"{spec.name}格式的年度报告（content/reports/<年度>.yml）",
        "folder": folder, "extension": "yml", "format": REPORT_FORMAT, "create": True, "delete": False,
        "slug": "{{year}}", "identifier_field": "title", "summary": "{{year}}　{{title}}",
        "filter": {"field": "format", "value": spec.key},
        "editor": {"preview": False},
        "fields": report_fields(spec),
    }


def calendar_collection(folder: str) -> dict:
    L = workdays.LABELS
    def date(name: str, label: str = "") -> dict:
        return {"name": name, "label": label or L[name], "widget": F.DATE_WIDGET, "required": True}

    return {
        "name": "calendar", "label": "节假日和调休安排", "label_singular": "年度节假日安排",
        "description": "国务院办公厅每年发布的部分节假日安排（工作日计算用）",
        "folder": folder, "extension": "yml", "format": CALENDAR_FORMAT, "create": True, "delete": False,
        "slug": "{{year}}", "identifier_field": "year", "summary": "{{year}}年　{{source.title}}",
        "editor": {"preview": False},
        "fields": [
            {"name": "year", "label": L["year"], "widget": "number", "value_type": "int", "required": True},
            {"name": "source", "label": L["source"], "widget": "object", "collapsed": False, "required": True,
             "fields": [{"name": "title", "label": L["title"], "widget": "string", "required": True},
                        {"name": "doc_no", "label": L["doc_no"], "widget": "string", "required": True},
                        date("issued"),
                        {"name": "url", "label": L["url"], "widget": "string", "required": False,
                         "pattern": [r"^https?://\S+$", "应为 http:// 或 https:// 开头的网址"]}]},
            {"name": "holidays", "label": L["holidays"], "widget": "list", "collapsed": False, "required": True,
             "label_singular": "节日", "summary": "{{fields.name}}　{{fields.start}}—{{fields.end}}",
             "fields": [{"name": "name", "label": L["name"], "widget": "string", "required": True},
                        date("start"), date("end"),
                        {"name": "workdays", "label": L["workdays"], "widget": "list", "required": False,
                         "collapsed": False, "field": date("item", L["workdays"])}]},
        ],
    }


PAGE_FIELDS = (  # Pelican page metadata, in the order the guide pages write it
    {"name": "Title", "label": "标题", "widget": "string", "required": True},
    {"name": "Slug", "label": "网址段", "widget": "hidden"},
    {"name": "Date", "label": "更新日期", "widget": F.DATE_WIDGET, "required": True},   # shown on the page and in PubDate
    {"name": "column_type", "label": "栏目类型（ColumnType）", "widget": "string", "required": True},
    {"name": "Summary", "label": "摘要", "widget": "text", "required": False},
    {"name": "body", "label": "正文", "widget": "markdown", "modes": ["raw"], "required": True},
)


def pages_collection(folder: str, pages: list[tuple[str, str]]) -> dict:
    """公开指南 / 公开制度: a files collection, one entry per existing page (slug, label)."""
    return {
        "name": "pages", "label": "公开指南和公开制度", "format": PAGE_FORMAT, "delete": False,
        "editor": {"preview": True},
        "files": [{"name": slug, "label": label, "file": f"{folder}/{slug}.md", "fields": list(PAGE_FIELDS)}
                  for slug, label in pages],
    }
