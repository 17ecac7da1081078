"""The guide as data: what the site really does (channels, lookup, columns), never more."""
import dataclasses
import datetime as dt

import pytest

from plugins.bodies import guide, model
from plugins.bodies.profile import Profile
from plugins.catalog.lawmap import LawEntry, LawMap
from plugins.catalog.model import Catalog, Item
from plugins.catalog.taxonomy import Category, Publisher, Taxonomy
from plugins.request_form import channels

GZ, BSZN, XKJG, TDZS = Category("gz", "规章"), Category("bszn", "办事指南"), Category("xkjg", "行政许可结果"), Category("tdzs", "土地征收")
SZF = Publisher("szf", "测试市人民政府", "MB1C37504", type="政府")
CZJ = Publisher("czj", "测试市财政局", "MB1C37539", type="部门")
MZJ = Publisher("mzj", "测试市民政局", "MB1C37628", type="部门")
OFFICE = {"name": "测试市财政局办公室", "address": "测试市财政路2号", "hours": "工作日", "phone": "0596-7654321"}


def item(n, category, publisher, published="2025-03-01"):
    return Item(source=f"catalog/{n}.md", line=1, lines={}, index_no=f"{publisher.code}/2025-{n:05d}", title=f"文件{n}",
                category=category, publisher=publisher, published=dt.date.fromisoformat(published),
                url=f"gk/{n}/", save_as=f"gk/{n}/index.html")


def catalog():
    items = [item(1, GZ, SZF), item(2, BSZN, CZJ, "2025-05-01"), item(3, BSZN, SZF), item(4, XKJG, SZF), item(5, TDZS, SZF)]
    return Catalog(items, Taxonomy([GZ, BSZN, XKJG, TDZS], [SZF, CZJ, MZJ], {}))


def law_map():
    entries = [LawEntry(20, "一", "行政法规、规章和规范性文件", [GZ]),
               LawEntry(20, "五", "办理行政许可……以及办理结果", [BSZN, XKJG]),
               LawEntry(20, "九", "政府集中采购项目的目录、标准及实施情况", [], "本市政府集中采购由市公共资源交易中心公开"),
               LawEntry(21, "土地征收", "土地征收", [TDZS])]
    return LawMap("catalog/law-map.yml", "县级", entries)


class TestChannels:
    def test_online_only_with_an_endpoint(self):
        on = channels.available(OFFICE, True, "https://apply.example.gov.cn/", True, True)
        off = channels.available(OFFICE, True, None, True, True)
        assert (on.online, on.online_paper) == (True, False)
        assert (off.online, off.online_paper) == (False, True)

    def test_the_platforms_form_and_lookup_serve_only_the_platforms_office(self):
        own = channels.available(OFFICE, False, "https://apply.example.gov.cn/", True, True)
        assert (own.online, own.online_paper, own.lookup, own.form) == (False, False, False, True)

    def test_post_fax_and_email_only_when_the_office_has_them(self):
        ch = channels.available(OFFICE, False, None, False, False)
        assert (ch.mail, ch.in_person, ch.fax, ch.email, ch.form) == (True, True, False, False, False)
        ch = channels.available({**OFFICE, "fax": "0596-1", "email": "a@b.cn"}, False, None, False, False)
        assert (ch.fax, ch.email) == (True, True)

    @pytest.mark.parametrize("requests,expected", [(None, False), ({"lookup": {"salt": ""}}, False),
                                                   ({"lookup": {"salt": "  "}}, False), ({"lookup": {"salt": "haicheng"}}, True)])
    def test_the_lookup_exists_only_with_the_register_and_a_salt(self, requests, expected):
        assert channels.lookup_published(requests) is expected

    def test_agency_office(self):
        agency = {"office": "政务公开科", "address": "人民路1号", "phone": "1", "fax": "", "name": "主办单位"}
        assert channels.agency_office(agency) == {"name": "政务公开科", "address": "人民路1号", "phone": "1"}


class TestScope:
    def test_the_platform_lists_every_item_of_the_law_with_its_columns_or_note(self):
        by_cat, by_pub = guide.counts(catalog())
        rows, empty = guide.scope(law_map(), by_cat, by_pub)
        assert [(r.label, [(c.label, c.url, c.count) for c in r.columns], r.note) for r in rows] == [
            ("第二十条第（一）项", [("规章", "fdzdgknr/gz/", 1)], ""),
            ("第二十条第（五）项", [("办事指南", "fdzdgknr/bszn/", 2), ("行政许可结果", "fdzdgknr/xkjg/", 1)], ""),
            ("第二十条第（九）项", [], "本市政府集中采购由市公共资源交易中心公开"),
            ("第二十一条（土地征收）", [("土地征收", "fdzdgknr/tdzs/", 1)], "")]
        assert empty == ""

    def test_a_body_sees_its_own_columns_and_which_items_it_has_nothing_for(self):
        by_cat, by_pub = guide.counts(catalog())
        rows, empty = guide.scope(law_map(), by_cat, by_pub, "czj")
        assert [(r.label, [(c.label, c.url, c.count) for c in r.columns]) for r in rows] == [
            ("第二十条第（五）项", [("办事指南", "fdzdgknr/fbjg/czj/bszn/", 1)]), ("第二十条第（九）项", [])]
        assert empty == "第二十条第（一）项和第二十一条所列土地征收"

    def test_categories_in_taxonomy_order_with_counts(self):
        by_cat, by_pub = guide.counts(catalog())
        assert [(c.label, c.count) for c in guide.categories(catalog().taxonomy, by_cat, by_pub)] == [
            ("规章", 1), ("办事指南", 2), ("行政许可结果", 1), ("土地征收", 1)]
        assert [(c.label, c.count) for c in guide.categories(catalog().taxonomy, by_cat, by_pub, "mzj")] == []


@pytest.mark.parametrize("template,expected", [
    ("{code}/{year}-{serial:05d}", "每条政府信息都有唯一的索引号，由发布机构的组织机构代码（或统一社会信用代码）、年份和五位流水号组成"),
    ("{code}/{year}{month:02d}-{serial:05d}", "每条政府信息都有唯一的索引号，由发布机构的组织机构代码（或统一社会信用代码）、年份、月份和五位流水号组成"),
    ("{code}-{year}-{serial:06d}", "每条政府信息都有唯一的索引号，由发布机构的单位代码、年份和六位流水号组成"),
    ("", "每条政府信息都有唯一的索引号"),
])
def test_index_rule_follows_the_make_new_template(template, expected):
    assert guide.index_rule(template) == expected


def test_site_features_follow_the_plugins_and_settings():
    settings = {"PLUGINS": ["plugins.search_index", "plugins.exports"], "EXPORTS_FEEDS": True, "SITE_DOMAIN": "x.gov.cn", "SITENAME": "X"}
    assert guide.site_features(settings) == {"domain": "x.gov.cn", "name": "X", "search": True, "hant": False, "feeds": True}
    assert guide.site_features({"PLUGINS": ["plugins.hant"]})["hant"] is True


def test_build_puts_it_together():
    profile = Profile("czj", "content/bodies/czj.yml", office=OFFICE, complaint={"name": "测试市人民政府办公室"},
                      review="测试市人民政府", updated=dt.date(2026, 1, 20))
    ch = channels.available(OFFICE, False, None, True, True)
    g = guide.build(CZJ, profile, platform=SZF, law_map=law_map(), catalog=catalog(), settings={}, channels=ch,
                    reports=[("测试市财政局2025年政府信息公开工作年度报告", "ndbg/czj/2025/")], others=[], facets=[],
                    texts={}, index_template="{code}/{year}-{serial:05d}")
    assert g["title"] == "测试市财政局政府信息公开指南" and not g["is_platform"] and g["due"] == "每年1月31日前"
    assert g["index_example"] == "MB1C37539/2025-00002" and g["article21"] is True
    assert g["channels"].lookup is False and g["channels"].online_paper is False
    assert guide.fingerprint(g) != guide.fingerprint({**g, "channels": dataclasses.replace(ch, fax=True)})


class TestModel:
    def tax(self, *pubs):
        return Taxonomy([], list(pubs), {})

    def test_the_platform_body_is_the_setting_or_the_only_government_or_the_only_body(self):
        assert model.platform_body({}, self.tax(SZF, CZJ, MZJ)) is SZF
        assert model.platform_body({"BODIES_PLATFORM": "czj"}, self.tax(SZF, CZJ)) is CZJ
        assert model.platform_body({"BODIES_PLATFORM": "nope"}, self.tax(SZF, CZJ)) is None
        assert model.platform_body({}, self.tax(CZJ)) is CZJ
        assert model.platform_body({}, self.tax(CZJ, MZJ)) is None
        assert model.platform_body({}, self.tax(Publisher("x", "X"))) is None

    def test_deadlines_and_urls(self):
        assert model.deadline(SZF, 2025) == dt.date(2026, 3, 31) and model.deadline(CZJ, 2025) == dt.date(2026, 1, 31)
        assert model.deadline_text(CZJ) == "01-31"
        assert model.guide_url({}, SZF, SZF) == "gkzn/" and model.guide_url({}, CZJ, SZF) == "jg/czj/gkzn/"
        assert model.landing_url({"BODIES_URL": "bodies/"}, CZJ) == "bodies/czj/"
