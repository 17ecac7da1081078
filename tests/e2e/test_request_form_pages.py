"""The 依申请公开 pages of the built sample site: complete column, and the form page, the blank form,
the browser rules and the published JSON Schema all coming from the one field list."""
import json

import pytest
from bs4 import BeautifulSoup

from plugins.request_form.fields import FIELDS, GROUPS, rules
from plugins.request_form.schema import build_schema
from tests.conftest import ROOT

PAGES = ["ysqgk/index.html", "ysqgk/apply/index.html", "ysqgk/form/index.html"]


def soup(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def apply_page(sample_site):
    return soup(sample_site, "ysqgk/apply/index.html")


@pytest.mark.parametrize("path", PAGES)
def test_column_meta_one_h1_and_no_inline_code(sample_site, path):
    page = soup(sample_site, path)
    assert page.find("meta", attrs={"name": "ColumnType"})["content"] == "依法申请公开"
    assert page.find("meta", attrs={"name": "ColumnName"})["content"] == "依申请公开"
    assert len(page.find_all("h1")) == 1
    main = page.find("main")
    assert main.find_all("script") == [] and main.find_all(style=True) == []
    assert not [t for t in main.find_all(True) if any(a.startswith("on") for a in t.attrs)]
    assert [s["src"].rsplit("/", 1)[-1] for s in page.find_all("script") if "request-form" in s.get("src", "")
            or "workdays" in s.get("src", "") or "deadline" in s.get("src", "")]
    assert page.find("link", href=lambda h: h and h.endswith("theme/css/request-form.css"))
    assert (sample_site / "zh-hant" / path).exists()


class TestFormPageMatchesTheDefinitions:
    def test_fields_in_order(self, apply_page):
        wrappers = apply_page.select("form .js-rf-field")
        assert [w["data-gk-field"] for w in wrappers] == [f.name for f in FIELDS]

    def test_rules_attribute_is_fields_py(self, apply_page):
        root = apply_page.select_one("[data-module='gk-request-form']")
        assert json.loads(root["data-gk-rules"]) == json.loads(json.dumps(rules()))

    def test_every_error_message_is_in_the_page(self, apply_page):
        for f in FIELDS:
            wrap = apply_page.select_one(f"[data-gk-field='{f.name}']")
            for code in f.codes():
                assert wrap[f"data-gk-msg-{code}"] == f.message(code)

    def test_options_match_the_schema(self, apply_page, sample_site):
        schema = json.loads((sample_site / "ysqgk/apply/schema.json").read_text(encoding="utf-8"))
        for f in FIELDS:
            if not f.options:
                continue
            prop = schema["properties"][f.name]
            choices = prop.get("oneOf") or prop["items"]["oneOf"]
            wrap = apply_page.select_one(f"[data-gk-field='{f.name}']")
            if f.kind == "select":
                page_options = [(o["value"], o.get_text()) for o in wrap.select("option") if o["value"]]
            else:
                page_options = [(i["value"], wrap.select_one(f"label[for='{i['id']}']").get_text())
                                for i in wrap.select("input")]
            assert page_options == [(c["const"], c["title"]) for c in choices], f.name

    def test_published_schema_is_the_generated_one(self, apply_page, sample_site):
        schema = json.loads((sample_site / "ysqgk/apply/schema.json").read_text(encoding="utf-8"))
        version = apply_page.select_one("[data-module='gk-request-form']")["data-gk-version"]
        assert schema == build_schema(version)
        assert set(schema["properties"]) - {"meta"} == {w["data-gk-field"] for w in apply_page.select(".js-rf-field")}

    def test_required_fields_agree_with_the_schema(self, apply_page):
        schema = build_schema()
        always = set(schema["required"]) - {"meta"}
        assert always == {f.name for f in FIELDS if f.required and not f.applies_to}
        by_type = {rule["if"]["properties"]["applicant_type"]["enum"][0]: set(rule["then"]["required"])
                   for rule in schema["allOf"] if "applicant_type" in rule["if"].get("properties", {})}
        assert by_type == {"citizen": {"name", "id_type", "id_number"},
                           "organisation": {"org_name", "credit_code", "legal_rep", "contact_name"}}
        for f in FIELDS:
            optional = apply_page.select_one(f"[data-gk-field='{f.name}'] .gk-rf-field__optional")
            assert (optional is not None) == (not f.required and not f.required_when and f.kind != "checkbox"), f.name

    def test_labels_and_no_personal_data_in_names(self, apply_page):
        for control in apply_page.select("form .js-rf-input"):
            assert apply_page.select_one(f"label[for='{control['id']}']"), control["id"]
            if control.name == "textarea" or control.get("type") in ("text", "tel", "email"):
                assert not control.has_attr("name"), control["id"]   # never submitted, never in a URL
        form = apply_page.select_one("form.js-rf-form")
        assert form["method"] == "get" and form["action"].endswith("/ysqgk/form/")

    def test_honeypot_and_no_js_notice(self, apply_page):
        hp = apply_page.select_one(".js-rf-honeypot")
        assert hp["tabindex"] == "-1" and hp["autocomplete"] == "off" and not hp.has_attr("name")
        notice = apply_page.select_one(".gk-rf__nojs")
        assert notice.select_one("a[href$='/ysqgk/form/']")
        assert "0596-6812345" in notice.get_text() and "zwgk@haicheng.gov.cn" in notice.get_text()

    def test_without_endpoint(self, apply_page):
        root = apply_page.select_one("[data-module='gk-request-form']")
        assert root["data-gk-endpoint"] == ""
        assert apply_page.select_one(".js-rf-submit").get_text() == "生成申请表"


def test_blank_form_from_the_same_fields(sample_site):
    page = soup(sample_site, "ysqgk/form/index.html")
    table = page.select_one(".gk-paper table")
    assert table.caption.get_text() == "政府信息公开申请表"
    assert [td["data-gk-fill"] for td in table.select("[data-gk-fill]")] == [f.name for f in FIELDS]
    headers = [th.get_text() for th in table.select("th[scope=rowgroup]")]
    assert headers == [g.paper_heading for g in GROUPS if len(g.fields) > 1]
    assert "申请人签名（盖章）" in table.get_text() and "年　　月　　日" in table.get_text()
    assert all(th.has_attr("scope") for th in table.select("th"))


class TestGuide:
    @pytest.fixture(scope="class")
    @classmethod
    def guide(cls, sample_site):
        return soup(sample_site, "ysqgk/index.html")

    def test_sections(self, guide):
        ids = [s["id"] for s in guide.select("main section[id]")]
        assert ids == ["guide", "process", "deadline", "fees", "contact", "status", "forms", "stats", "replies", "remedy"]
        assert [a["href"] for a in guide.select(".gk-rf-toc a")] == ["#" + i for i in ids]

    def test_process_steps_and_seven_reply_types(self, guide):
        steps = guide.select("ol.gk-rf-steps > li")
        assert [s.h3.get_text() for s in steps] == ["提交申请", "受理", "补正（如需要）", "征求意见（如需要）", "答复", "提供信息"]
        assert "7 个工作日" in steps[2].get_text() and "20 个工作日" in steps[4].get_text()
        assert len(guide.select(".gk-rf-steps__replies > li")) == 7

    def test_fee_tables(self, guide):
        tables = guide.select("#fees table")
        assert [t.caption.get_text()[:4] for t in tables] == ["按件计收", "按量计收"]
        per_item = [[c.get_text() for c in row.select("th, td")] for row in tables[0].select("tbody tr")]
        assert per_item[0] == ["10 件以下（含 10 件）", "不收费"] and per_item[1] == ["11—30 件部分", "每件 100 元"]
        per_page = [[c.get_text() for c in row.select("th, td")] for row in tables[1].select("tbody tr")]
        assert per_page == [["30 页以下（含 30 页）", "不收费"], ["31—100 页（含 100 页）部分", "每页 10 元"],
                            ["101—200 页（含 200 页）部分", "每页 20 元"], ["200 页以上部分", "每页 40 元"]]
        for t in tables:
            assert all(th.has_attr("scope") for th in t.select("th"))
        assert "国办函〔2020〕109号" in guide.select_one("#fees").get_text()

    def test_contacts_status_and_links(self, guide):
        contact = guide.select_one("#contact").get_text()
        for value in ("海澄市人民政府办公室政务公开科", "海澄市海滨大道1号市行政中心3号楼512室", "工作日上午8:30",
                      "0596-6812345", "0596-6812346", "zwgk@haicheng.gov.cn"):
            assert value in contact
        assert "受理编号和查询码" in guide.select_one("#status").get_text()   # the lookup exists (REQUESTS_SALT)
        hrefs = [a["href"] for a in guide.select("main a")]
        for target in ("/ndbg/", "/ysqgk/apply/", "/ysqgk/form/", "/fdzdgknr/"):
            assert target in hrefs
        assert "信访、投诉、举报" in guide.select_one("#guide").get_text()

    def test_worked_example_and_calendar_sources(self, guide):
        example = guide.select_one(".gk-rf-example").get_text()
        assert "2025年9月26日（星期五）收到申请" in example
        assert "2025年10月30日（星期四）" in example and "2025年11月27日（星期四）" in example
        assert "2025年9月28日（星期日）、2025年10月11日（星期六）调休上班" in example
        sources = guide.select_one(".gk-rf-sources").get_text()
        for doc_no in ("国办发明电〔2023〕7号", "国办发明电〔2024〕12号", "国办发明电〔2025〕7号"):
            assert doc_no in sources
        calc = guide.select_one("[data-module='gk-deadline-calc']")
        assert calc.has_attr("hidden")                       # only shown when JS runs
        assert json.loads(calc["data-gk-calendar"])["years"] == [2024, 2025, 2026]


def test_endpoint_setting_reaches_the_page(tmp_path):
    from tests.conftest import build_site

    endpoint = "https://ysq.haicheng.gov.cn/api/apply"
    out = build_site(tmp_path, ROOT / "tests/fixtures/site/pelicanconf.py",
                     REQUEST_FORM={"endpoint": endpoint, "status_url": "https://ysq.haicheng.gov.cn/cx"})
    page = soup(out, "ysqgk/apply/index.html")
    assert page.select_one("[data-module='gk-request-form']")["data-gk-endpoint"] == endpoint
    assert page.select_one(".js-rf-submit").get_text() == "提交申请"
    guide = soup(out, "ysqgk/index.html")
    assert guide.select_one("#status a[href='https://ysq.haicheng.gov.cn/cx']")
    # the fixture site has no calendar folder: Monday–Friday, and the page says so
    assert "尚未收录" in guide.select_one(".gk-rf-example").get_text()


def test_bad_endpoint_fails_the_build(tmp_path):
    from gongkai.sitebuild import build

    code, stats = build(ROOT / "tests/fixtures/site/pelicanconf.py", tmp_path / "out", quiet=True,
                        REQUEST_FORM={"endpoint": "http://ysq.haicheng.gov.cn/api/apply"})
    assert code == 1 and stats["errors"] >= 1
