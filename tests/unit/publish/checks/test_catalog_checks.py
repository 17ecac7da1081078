"""栏目不更新 and Art. 26 (20 working days from 成文日期), with a fixed reference day (首页不更新: test_vetoes.py)."""
import datetime as dt

from gongkai.publish.checks.run import run_checks
from plugins.workdays import Calendar
from tests.unit.publish.checks.helpers import html, item_text, make_catalog, of, settings, write_site

CALENDAR = """\
year: 2025
source: {title: 国务院办公厅关于2025年部分节假日安排的通知, doc_no: 国办发明电〔2024〕12号}
holidays:
  - {name: 春节, start: 2025-01-28, end: 2025-02-04, workdays: [2025-01-26, 2025-02-08]}
"""


def _run(root, items, today="2025-03-02", calendar=None, **checks):
    catalog = make_catalog(root, items)
    out = write_site(root, {"index.html": html()})
    return run_checks(out, settings(root, **checks), catalog=catalog, calendar=calendar, today=today)


def test_fresh_columns_pass(root):
    site = _run(root, {"gz/a.md": item_text("2024-00001", "2024-09-01"),
                       "tjxx/a.md": item_text("2025-00002", "2025-02-20", "统计信息")})
    assert of(site, "栏目更新") == [] and site.stats["stale_columns"] == []


def test_stale_column_uses_its_taxonomy_period(root):
    site = _run(root, {"gz/a.md": item_text("2024-00001", "2024-08-30"),
                       "tjxx/a.md": item_text("2025-00002", "2025-02-20", "统计信息")})
    assert of(site, "栏目更新") == [
        "catalog/taxonomy.yml:2: 栏目更新 (stale_days): 栏目不更新：“规章”最新一条发布于 2024-08-30，至 2025-03-02 已 184 天未更新"
        "（要求 183 天内有更新） — 发布该栏目的新信息；若该栏目确实更新较少，在 taxonomy.yml 中调整 stale_days"]
    assert [p.label for p in site.problems.errors] == ["栏目更新"]


def test_news_like_column_goes_stale_after_two_weeks_and_settings_override(root):
    items = {"tjxx/a.md": item_text("2025-00002", "2025-02-14", "统计信息")}
    assert "已 16 天未更新（要求 14 天内有更新）" in of(_run(root, items), "栏目更新")[0]
    assert of(_run(root / "b", items, stale_days={"tjxx": 30}), "栏目更新") == []


def test_art26_counts_working_days_with_the_holiday_calendar(root):
    (root / "cal").mkdir()
    (root / "cal" / "2025.yml").write_text(CALENDAR, encoding="utf-8")
    cal = Calendar.load(root / "cal")
    written = dt.date(2025, 1, 20)
    on_time = cal.add_workdays(written, 20)         # the 20th working day after 成文日期
    late = cal.add_workdays(written, 21)
    assert (on_time - written).days > 28           # the Spring Festival break does not count
    items = {"gz/a.md": item_text("2025-00001", on_time.isoformat(), written=written.isoformat()),
             "gz/b.md": item_text("2025-00002", late.isoformat(), written=written.isoformat())}
    site = _run(root, items, today=late.isoformat(), calendar=cal, stale_days={"gz": 365})
    assert of(site, "发布日期") == [
        f"catalog/gz/b.md:6: 警告: 发布日期 (published): 成文日期 2025-01-20 至发布日期 {late.isoformat()} 相隔 21 个工作日，"
        "超过《政府信息公开条例》第二十六条规定的 20 个工作日 — "
        "核对 written 和 published 是否填写正确；确属逾期公开的，请在年度报告中说明并改进"]


def test_art26_says_when_a_year_has_no_calendar(root):
    items = {"gz/a.md": item_text("2024-00001", "2024-03-01", written="2024-01-02")}
    site = _run(root, items, today="2024-03-02", calendar=Calendar(), art26="error")
    assert "相隔 43 个工作日" in of(site, "发布日期")[0] and "（2024 年没有节假日安排文件，按周一至周五计算）" in of(site, "发布日期")[0]
    assert [p.label for p in site.problems.errors] == ["发布日期"]
