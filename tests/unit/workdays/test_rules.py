"""Working-day rules over the catalog: a 政策解读 later than 3 working days after its document ("三同步")."""
import datetime as dt
import types

from plugins._shared.diagnostics import Problems
from plugins.workdays.core import Calendar
from plugins.workdays.rules import check_interpretation_lag


def item(index_no, published, interprets=()):
    return types.SimpleNamespace(index_no=index_no, published=dt.date.fromisoformat(published), source=f"catalog/{index_no}.md",
                                 line=2, lines={"published": 6}, interprets_items=list(interprets))


def run(doc_date, jd_date, calendar=None):
    doc = item("A", doc_date)
    jd = item("B", jd_date, [doc])
    problems = Problems()
    check_interpretation_lag(types.SimpleNamespace(items=[doc, jd]), calendar or Calendar({}), problems)
    return [p.format() for p in problems]


def test_three_working_days_are_allowed_and_weekends_do_not_count():
    assert run("2025-03-07", "2025-03-12") == []            # Fri → Wed: 3 working days
    assert run("2025-03-07", "2025-03-13") == [
        "catalog/B.md:6: 警告: 发布日期 (published): 政策解读在被解读文件 A（2025-03-07 发布）之后第 4 个工作日才发布，"
        "超过“三同步”要求的 3 个工作日 — 政策解读应与文件同步起草、同步审签、同步发布；核对发布日期"]


def test_a_same_day_or_earlier_explanation_is_not_this_rule():
    assert run("2025-03-07", "2025-03-07") == [] and run("2025-03-07", "2025-03-01") == []
