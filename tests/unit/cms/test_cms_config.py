"""The editor's configuration over the real schema, taxonomy and report formats.

Every schema field (and sub-field) must be in the editor, every 信息类别 must be a collection stored
where the catalog reads it, every publisher and topic must be choosable, and the committed
gongkai/cms/static/config.yml must be what ``make cms`` generates now.
"""
from __future__ import annotations

import yaml

from gongkai.cms import bundle, collections, config
from gongkai.sitebuild import load_settings
from plugins._shared.diagnostics import Problems
from plugins.annual_report import formats as report_formats
from plugins.catalog import schema
from plugins.catalog.load import Settings, load_catalog
from plugins.workdays import core as workdays
from tests.conftest import ROOT

PELICAN = load_settings(ROOT / "pelicanconf.py")
CONFIG = config.generate(PELICAN)
CATALOG = load_catalog(Settings.from_pelican(PELICAN), Problems())
TAX = CATALOG.taxonomy


def by_name(fields: list[dict]) -> dict:
    return {f["name"]: f for f in fields}


def item_collections() -> dict:
    return {c["name"]: c for c in CONFIG["collections"] if c.get("format") == collections.ITEM_FORMAT}


def test_committed_config_is_a_fresh_generation():
    assert bundle.CONFIG_FILE.read_text(encoding="utf-8") == config.dump(CONFIG), \
        "gongkai/cms/static/config.yml is stale: run make cms-config and commit it"


def test_dump_reads_back_as_the_same_configuration():
    assert yaml.safe_load(config.dump(CONFIG)) == CONFIG


def test_one_collection_per_category_stored_where_the_catalog_reads_items():
    cols = item_collections()
    assert list(cols) == [c.key for c in TAX.categories]
    for cat in TAX.categories:
        col = cols[cat.key]
        assert col["label"] == cat.label
        assert col["folder"] == f"catalog/{cat.key}" and col["extension"] == "md"
        assert col["path"] == "{{_year}}/{{slug}}" and col["slug"] == "{{_serial}}"
        assert col["media_folder"] == col["public_folder"] == "attachments/{{slug}}"
        assert by_name(col["fields"])["category"] == {
            "name": "category", "label": "信息类别", "required": True, "hint": "taxonomy.yml 中 categories 的名称",
            "widget": "hidden", "default": cat.label}


def test_every_sample_item_file_is_where_its_collection_looks():
    cols = item_collections()
    for item in CATALOG.items:
        if not item.source.endswith(".md"):
            continue   # .yml items are edited with git (docs/editor-guide-cms.md)
        folder = cols[item.category.key]["folder"]
        rest = item.source[len(folder) + 1:]
        assert item.source.startswith(folder + "/") and rest.count("/") == 1, item.source


def _all_names(fields: list[dict], prefix: str = "") -> set:
    out = set()
    for f in fields:
        out.add(prefix + f["name"])
        out |= _all_names(f.get("fields", []), prefix + f["name"] + ".")
    return out


def test_every_schema_field_and_sub_field_is_in_the_editor():
    """The meta-test: a field added to schema.py and missing from the editor fails here."""
    names = set()
    for col in item_collections().values():
        names |= _all_names(col["fields"])
    expected = {f.key for f in schema.FIELDS}
    expected |= {f"{f.key}.{s.key}" for f in schema.FIELDS for s in f.fields}
    expected |= {f"validity.{s.key}" for s in schema.VALIDITY_FIELDS}
    missing = expected - names
    assert not missing, f"schema fields missing from the web editor: {sorted(missing)}"
    assert set(CONFIG["gongkai"]["item"]["order"]) == {f.key for f in schema.FIELDS}


def test_labels_help_and_required_markers_come_from_the_schema():
    fields = by_name(item_collections()["gfxwj"]["fields"])
    for f in schema.FIELDS:
        if f.key in ("service", "budget"):
            continue
        got = fields[f.key]
        assert got["label"] == f.label
        assert got["required"] is (f.required or f.key == "written")     # 成文日期: see the test below
        if f.help and f.key != "body":   # the body's help is about files; the form says how it is previewed
            assert got["hint"].startswith(f.help)
    assert fields["published"]["hint"] == "例：2025-03-01"
    assert fields["scope"] == {"name": "scope", "label": "公开范围", "required": False,
                               "hint": "可选：全部公开、部分公开", "widget": "select", "options": ["全部公开", "部分公开"]}


def test_written_date_is_required_for_regulations_and_normative_documents_only():
    cols = item_collections()
    for cat in TAX.categories:
        written = by_name(cols[cat.key]["fields"])["written"]
        assert written["required"] is (cat.kind in ("regulation", "normative")), cat.key
    assert {c.key for c in TAX.categories if c.kind in ("regulation", "normative")} >= {"gz", "gfxwj"}


def test_kind_blocks_are_nested_groups_in_their_categories_only():
    cols = item_collections()
    for cat in TAX.categories:
        names = by_name(cols[cat.key]["fields"])
        for kind, key in schema.KIND_BLOCKS.items():
            assert (key in names) is (cat.kind == kind), (cat.key, key)
    service = by_name(cols["bszn"]["fields"])["service"]
    assert service["widget"] == "object" and service["required"] is True
    assert [(f["name"], f["label"], f["required"]) for f in service["fields"]] == \
        [(s.key, s.label, s.required) for s in schema.SERVICE_FIELDS]
    assert by_name(service["fields"])["materials"]["widget"] == "list"
    budget = by_name(by_name(cols["czyjs"]["fields"])["budget"]["fields"])
    assert budget["year"]["value_type"] == "int" and budget["total"]["value_type"] == "float"
    assert budget["type"]["options"] == list(schema.BUDGET_TYPES)


def test_every_taxonomy_value_is_a_choice():
    fields = by_name(item_collections()["zcjd"]["fields"])
    assert fields["publisher"]["options"] == [p.name for p in TAX.publishers]
    assert fields["publisher"]["default"] == PELICAN["AGENCY"]["name"]
    values = [o["value"] for o in fields["topics"]["options"]]
    for top, subs in TAX.topics.items():
        assert top in values
        for sub in subs:
            assert f"{top}/{sub}" in values
            assert TAX.topic(f"{top}/{sub}") == (top, sub)
    assert by_name(fields["validity"]["fields"])["status"]["options"] == list(schema.VALIDITY_STATES)


def test_widgets_for_dates_index_numbers_and_relations():
    fields = by_name(item_collections()["gz"]["fields"])
    assert fields["index_no"]["widget"] == "gk-index-no"
    for key in ("published", "written"):
        assert fields[key]["widget"] == "gk-date"
    assert fields["published"]["today_if_empty"] is True
    for key in ("interprets", "supersedes"):
        assert fields[key]["widget"] == "gk-refs"
    attachment = by_name(fields["attachments"]["fields"])
    assert attachment["path"]["widget"] == "file" and attachment["title"]["widget"] == "string"
    assert fields["body"]["modes"] == ["raw"]
    rule = CONFIG["gongkai"]["index_no"]
    assert rule["pattern"] == r"^[0-9A-Z]{9}([0-9A-Z]{9})?/\d{4}-\d{5}$"
    assert rule["template"] == "{code}/{year}-{serial:05d}"
    assert rule["codes"] == {p.name: p.code for p in TAX.publishers}


def test_annual_report_collection_has_every_row_of_the_2021_format():
    col = next(c for c in CONFIG["collections"] if c["name"] == "ndbg")
    assert col["folder"] == "content/reports" and col["extension"] == "yml"
    assert col["filter"] == {"field": "format", "value": "2021"}
    fields = by_name(col["fields"])
    spec = report_formats.FORMAT_2021
    t3 = fields["table3"]["fields"]
    assert [(f["name"], f["label"]) for f in t3] == [(r.id, spec.t3_label(r)) for r in spec.t3_rows]
    assert "三、本年度办理结果 （三）不予公开 1.属于国家秘密" in [f["label"] for f in t3]
    assert [c["label"] for c in t3[0]["fields"]] == [c.label for c in report_formats.T3_COLUMNS]
    t2 = by_name(fields["table2"]["fields"])
    assert t2["regulations"]["label"] == "第二十条第（一）项 规章" and t2["regulations"]["required"] is False
    assert t2["fees"]["value_type"] == "float"
    assert [f["label"] for f in fields["table4"]["fields"]] == [g[1] for g in report_formats.T4_GROUPS]
    assert [f["name"] for f in fields["overview"]["fields"]] == [p for p, _ in report_formats.OVERVIEW_PARTS]


def test_calendar_and_guide_pages():
    cols = {c["name"]: c for c in CONFIG["collections"]}
    cal = by_name(cols["calendar"]["fields"])
    assert set(cal) == workdays.TOP_KEYS
    assert {f["name"] for f in cal["holidays"]["fields"]} == workdays.HOLIDAY_KEYS
    assert {f["name"] for f in cal["source"]["fields"]} == workdays.SOURCE_KEYS
    # the 公开指南 is generated from content/bodies/ (plugins/bodies): only the 公开制度 is a page
    assert [f["file"] for f in cols["pages"]["files"]] == ["content/pages/gkzd.md"]
    assert [f["name"] for f in cols["pages"]["files"][0]["fields"]][:3] == ["Title", "Slug", "Date"]


def test_backend_settings_and_local_mode():
    assert CONFIG["locale"] == "zh_Hans"
    assert CONFIG["local_backend"] is True
    assert CONFIG["publish_mode"] == "editorial_workflow"
    custom = config.generate({**PELICAN, "CMS_BACKEND": {"name": "gitea", "repo": "zwgk/gongkai",
                                                        "base_url": "https://git.example.gov.cn",
                                                        "api_root": "https://git.example.gov.cn/api/v1"}})
    assert custom["backend"]["name"] == "gitea" and custom["backend"]["repo"] == "zwgk/gongkai"
    assert custom["backend"]["branch"] == "main"
    assert custom["backend"]["commit_messages"]["create"] == "新建{{collection}}：{{slug}}"


def test_a_new_topic_in_the_taxonomy_appears_after_regeneration(tmp_path):
    import shutil

    (tmp_path / "catalog").mkdir()
    text = (ROOT / "catalog" / "taxonomy.yml").read_text(encoding="utf-8")
    (tmp_path / "catalog" / "taxonomy.yml").write_text(text.replace("  其他: []", "  其他: [数字政府]"), encoding="utf-8")
    shutil.copytree(ROOT / "content" / "pages", tmp_path / "content" / "pages")
    cfg = config.generate({**PELICAN, "GONGKAI_ROOT": str(tmp_path), "CATALOG_PATH": str(tmp_path / "catalog"),
                           "PATH": str(tmp_path / "content")})
    topics = by_name(cfg["collections"][0]["fields"])["topics"]["options"]
    assert {"label": "其他 › 数字政府", "value": "其他/数字政府"} in topics
