"""单项否决 (国办秘函〔2019〕19号): errors that stop publishing unless overridden with a reason."""
import pytest

from gongkai.publish.checks.config import merged
from gongkai.publish.checks.run import run_checks
from tests.unit.publish.checks.helpers import (
    ARTICLE_META,
    COLUMN_META,
    SITE_META,
    html,
    item_text,
    make_catalog,
    settings,
    write_site,
)


def _home(root, today, **checks):
    catalog = make_catalog(root, {"gz/a.md": item_text("2025-00001", "2025-02-01")})
    out = write_site(root, {"index.html": html()})
    return run_checks(out, settings(root, stale_days={"gz": 365}, **checks), catalog=catalog, today=today)


def _vetoes(site):
    return [p for p in site.problems.sorted() if p.label == "单项否决"]


def test_home_page_not_updated_for_two_weeks_is_an_error(root):
    assert _vetoes(_home(root, "2025-02-15")) == []                      # 14 days: still within the rule
    site = _home(root / "b", "2025-02-16")
    [found] = _vetoes(site)
    assert found.is_error and site.problems.errors == [found]
    assert site.stats["veto_table"][0] == {"name": "home_stale", "what": "首页两周未更新", "value": "15 天",
                                           "standard": "≤ 14 天", "outcome": "不符合（错误）"}
    assert [r["outcome"] for r in site.stats["veto_table"][1:]] == ["符合"] * 3
    assert found.format().startswith(
        "catalog/gz/a.md:6: 单项否决 (published): 首页最新信息（测试文件2025-00001）发布于 2025-02-01，至 2025-02-16 已 15 天"
        "没有更新（标准：14 天）。“首页两周未更新”属于政府网站检查单项否决项（国办秘函〔2019〕19号） — 及时发布新信息；"
        "确需暂时放行的（如节假日停更），在 pelicanconf.py 的 SITE_CHECKS['overrides'] 中为 'home_stale' 写明原因和截止日期")


def test_an_override_with_a_reason_turns_it_into_a_warning_until_it_expires(root):
    override = {"home_stale": {"reason": "春节假期停更，2月20日恢复", "until": "2025-02-20"}}
    site = _home(root, "2025-02-20", overrides=override)
    [found] = _vetoes(site)
    assert not site.problems.errors and not found.is_error
    assert "已按 SITE_CHECKS['overrides'] 放行：春节假期停更，2月20日恢复（至 2025-02-20）" in found.message
    assert site.stats["vetoes"] == [{"name": "home_stale", "what": "首页两周未更新", "level": "warning"}]

    site = _home(root / "b", "2025-02-21", overrides=override)          # the day after: an error again
    [found] = _vetoes(site)
    assert found.is_error and "放行（春节假期停更，2月20日恢复）已于 2025-02-20 到期" in found.message
    # a plain reason with no end date is accepted too
    assert not _home(root / "c", "2025-03-30", overrides={"home_stale": "本机关合并调整期间暂停更新"}).problems.errors


@pytest.mark.parametrize("checks, expected", [
    ({"home_stale": "warning"}, "SITE_CHECKS['home_stale']：首页两周未更新属于单项否决项，不能设置级别"),
    ({"home_stale_days": 30}, "SITE_CHECKS['home_stale_days'] 应为 1 到 14 之间的整数，现为 30"),
    ({"blank_columns_veto": 0}, "SITE_CHECKS['blank_columns_veto'] 应为 1 到 5 之间的整数，现为 0"),
    ({"unreachable_links_veto": 50}, "SITE_CHECKS['unreachable_links_veto'] 应为 1 到 5 之间的整数"),
    ({"overrides": {"home_stale": "  "}}, "SITE_CHECKS['overrides']['home_stale'] 没有写明原因"),
    ({"overrides": {"home_stale": {"reason": "节假日停更", "until": "下月"}}},
     "SITE_CHECKS['overrides']['home_stale']['until'] 应为 YYYY-MM-DD"),
    ({"overrides": {"broken_links": "链接太多改不完"}}, "SITE_CHECKS['overrides'] 中的 'broken_links' 不是单项否决项"),
    ({"overrides": ["home_stale"]}, "SITE_CHECKS['overrides'] 应为字典"),
])
def test_vetoes_cannot_be_loosened_without_a_reason(checks, expected):
    with pytest.raises(ValueError) as err:
        merged({"SITE_CHECKS": checks})
    assert expected in str(err.value)


def test_a_stricter_threshold_is_allowed(root):
    assert _vetoes(_home(root, "2025-02-09", home_stale_days=7))


def test_five_stale_columns_are_a_veto_even_when_each_is_only_a_warning(root):
    items = {"gz/a.md": item_text("2024-00001", "2024-01-02"),
             "tjxx/a.md": item_text("2025-00002", "2025-01-02", "统计信息")}
    catalog = make_catalog(root, items)
    out = write_site(root, {"index.html": html()})
    site = run_checks(out, settings(root, stale_columns="warning", stale_columns_veto=2,
                                    overrides={"home_stale": "测试只看栏目不更新"}), catalog=catalog, today="2025-03-02")
    [found] = [p for p in _vetoes(site) if p.is_error]
    assert found.format().startswith(
        "catalog/taxonomy.yml: 单项否决 (overrides.stale_columns): 共有 2 个不更新栏目（规章、统计信息），达到 2 个。"
        "“栏目不更新达到 5 个”属于政府网站检查单项否决项")


def test_five_blank_columns_are_a_veto(root):
    meta = {**SITE_META, **COLUMN_META}
    pages = {f"fdzdgknr/c{n}/index.html": html('<p class="gk-empty">暂无</p>', meta) for n in range(5)}
    site = run_checks(write_site(root, pages), settings(root, blank_columns="warning"))
    [found] = site.problems.errors
    assert "共有 5 个空白栏目（fdzdgknr/c0、fdzdgknr/c1、fdzdgknr/c2、fdzdgknr/c3、fdzdgknr/c4），达到 5 个" in found.message
    four = {k: v for k, v in pages.items() if "c4" not in k}
    assert not run_checks(write_site(root / "b", four), settings(root / "b", blank_columns="warning")).problems.errors


def _linked_site(root, good: int, bad: int):
    links = "".join(f'<a href="/p{n}/">p{n}</a> ' for n in range(good)) + \
        "".join(f'<a href="/gone{n}/">g{n}</a> ' for n in range(bad))
    pages = {"index.html": html(links)} | {f"p{n}/index.html": html() for n in range(good)}
    return run_checks(write_site(root, pages), settings(root, broken_links="warning"))


def test_five_percent_unreachable_links_are_a_veto(root):
    site = _linked_site(root, good=18, bad=1)          # 1 of 20 distinct targets (with the footer image): 5 %
    assert site.stats["internal_links"] == 20 and site.stats["unreachable_links"] == 1
    [found] = site.problems.errors
    assert "站内 20 个不同的链接目标中有 1 个打不开（5.0%，标准：5%）" in found.message
    assert not _linked_site(root / "b", good=19, bad=1).problems.errors   # 4.8 %: only the warnings


def test_every_dated_page_carries_the_article_meta(root):
    dated = {**SITE_META, **COLUMN_META, "ArticleTitle": "政府信息公开指南", "PubDate": "", "ContentSource": "海澄市人民政府"}
    out = write_site(root, {
        "index.html": html(),
        "gkzn/index.html": html("", dated),                                       # a guide: PubDate empty
        "ndbg/2025/index.html": html("", {**dated, "PubDate": " 00:00"}),          # a report with no date
        "gkzd/index.html": html("", {**SITE_META, **COLUMN_META, **ARTICLE_META}),  # a rule page: complete
    })
    found = [p.format() for p in run_checks(out, settings(root)).problems.sorted() if p.label == "网页元数据"]
    assert found == [
        'output/gkzn/index.html: 网页元数据 (PubDate): 缺少 <meta name="PubDate">（共 1 个页面，如 /gkzn/） — '
        "在页面源文件的开头写上发布日期（content/pages/ 中的页面写 date: YYYY-MM-DD，年报写 published:），模板把它输出为 PubDate",
        "output/ndbg/2025/index.html: 网页元数据 (PubDate): <meta name=\"PubDate\"> 的值 ' 00:00' 不是 YYYY-MM-DD HH:MM 格式"
        "（共 1 个页面，如 /ndbg/2025/） — 按 2025-03-01 09:00 的格式输出发布时间"]
