"""Checks of the register against the calendar and today's date (``make check``; PR annotations).

* answered after the statutory deadline: an error, or a warning once ``late_note`` explains it
  (a late reply is history: the record must stay true, and CI must not stay red for ever);
* open and past the deadline: an error; open and due within 5 working days: a warning;
* the 补正 notice later than 7 working days after receipt (Art. 30), an extension decided after
  the original deadline (Art. 33): errors or warnings as below;
* a deadline that depends on a year without a calendar: a warning that says so (no guess);
* dates after today; ``disclosed_as`` naming no catalog item.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from plugins._shared.diagnostics import Problems

from . import deadlines as D
from .schema import LABELS


def _where(case) -> str:
    return f"收到申请 {case.received}" + (f"，收到补正 {case.correction_received}" if case.correction_received else "")


def explain(case, d: D.Deadline) -> str:
    """How the deadline was reached, for messages: 收到申请 …，延期 20 个工作日，征求意见 8 个工作日不计."""
    parts = [_where(case)]
    if case.extension_date:
        parts.append(f"延期 {case.extension_days or D.EXTENSION_DAYS} 个工作日")
    if d.paused:
        parts.append(f"征求意见 {d.paused} 个工作日不计")
    return "，".join(parts)


def check_case(case, d: D.Deadline, index, today: dt.date, problems: Problems) -> None:
    p, line = case.path, case.line
    future = [k for k in ("received", "replied", "correction_sent", "correction_received", "extension_date",
                          "consult_sent", "consult_answered", "fee_sent", "review_filed", "suit_filed")
              if getattr(case, k) is not None and getattr(case, k) > today]
    for key in future:
        problems.add(p, line, key, f"{LABELS[key]} {getattr(case, key)} 在今天（{today}）之后", "核对日期", LABELS[key])
    if case.correction_sent is not None and not index.uncovered(case.received, case.correction_sent):
        limit = index.add(case.received, D.CORRECTION_NOTICE_DAYS)
        if case.correction_sent > limit:
            problems.warn(p, line, "correction_sent",
                          f"补正告知日期 {case.correction_sent} 晚于收到申请后 7 个工作日（{limit}）",
                          "《条例》第三十条要求 7 个工作日内一次性告知补正；核对日期", LABELS["correction_sent"])
    if d.state != D.OK:
        return
    if case.extension_date is not None and case.extension_date > d.base_due:
        problems.add(p, line, "extension_date", f"延期告知日期 {case.extension_date} 晚于原答复期限 {d.base_due}",
                     "《条例》第三十三条：延期应在答复期限届满前决定并告知申请人；核对日期", LABELS["extension_date"])
    if case.replied is not None:
        if case.replied > d.due:
            late = index.between(d.due, case.replied)
            message = (f"答复日期 {case.replied} 晚于法定答复期限 {d.due}，逾期 {late} 个工作日（{explain(case, d)}）")
            if case.late_note:
                problems.warn(p, line, "replied", message + "；已说明：" + case.late_note,
                              "在年度报告中如实说明", LABELS["replied"])
            else:
                problems.add(p, line, "replied", message,
                             "核对各个日期；如确已逾期，在 late_note 写明原因和整改情况（此项即改为警告）", LABELS["replied"])
        elif case.late_note:
            problems.warn(p, line, "late_note", f"按登记的日期，答复（{case.replied}）没有超过期限 {d.due}",
                          "删除逾期说明，或核对日期", LABELS["late_note"])
        return
    if d.due < today:
        problems.add(p, line, "replied", f"尚未答复，已超过法定答复期限 {d.due}（{explain(case, d)}），"
                     f"逾期 {index.between(d.due, today)} 个工作日", "尽快答复；已答复的，补写 replied 和 outcome",
                     LABELS["replied"])
    else:
        left = index.between(today, d.due)
        if left <= D.DUE_SOON_DAYS:
            problems.warn(p, line, "replied", f"尚未答复，法定答复期限 {d.due}，还剩 {left} 个工作日（{explain(case, d)}）",
                          "按期答复；需要延期的，经政府信息公开工作机构负责人同意后登记 extension_date", LABELS["replied"])


def check_register(register, index, today: dt.date, problems: Problems, catalog=None) -> dict:
    """Every check above; returns ``{受理编号: Deadline}`` for the callers that show deadlines."""
    out = {}
    closed_uncovered: dict = defaultdict(list)
    index_nos = {item.index_no for item in catalog.items} if catalog is not None else None
    for case in register.cases:
        d = D.for_case(index, case)
        out[case.no] = d
        check_case(case, d, index, today, problems)
        if d.state == D.UNCOVERED:
            years = "、".join(str(y) for y in d.uncovered)
            if case.replied is None:
                problems.warn(case.path, case.line, "received", f"无法计算答复期限：{years}年的节假日安排尚未收录",
                              f"按国务院办公厅的节假日安排通知添加 content/calendar/{d.uncovered[-1]}.yml", LABELS["received"])
            else:
                closed_uncovered[(case.path, d.uncovered)].append(case)
        if index_nos is not None and case.disclosed_as and case.disclosed_as not in index_nos:
            problems.add(case.path, case.line, "disclosed_as", f"目录中没有索引号为 {case.disclosed_as} 的信息",
                         "写主动公开后该信息的索引号，或留空", LABELS["disclosed_as"])
    for (path, years), cases in closed_uncovered.items():
        names = "、".join(str(y) for y in years)
        problems.warn(path, cases[0].line, "replied",
                      f"{len(cases)} 件已答复申请（自第 {cases[0].line} 行起）无法核对是否按期答复：{names}年的节假日安排尚未收录",
                      f"需要核对的，添加 content/calendar/{years[0]}.yml", LABELS["replied"])
    return out
