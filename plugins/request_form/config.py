"""``REQUEST_FORM`` settings: defaults, checks (as editor-facing problems) and the worked example.

``REQUEST_FORM = {"endpoint": None | "https://…", …}`` in pelicanconf.py. Without an endpoint (or
when it fails) the page gives a printable 申请表 and a prefilled e-mail instead of posting.
"""
from __future__ import annotations

import datetime as dt
import difflib
from urllib.parse import urlsplit

from plugins._shared.diagnostics import Problems
from plugins._shared.filters import zh_date as _zh_date

DEFAULTS = {
    "endpoint": None,                 # HTTPS URL that accepts the JSON POST (schema: /ysqgk/apply/schema.json)
    "allow_http_localhost": False,    # tests only: also accept http://127.0.0.1:<port>/… as endpoint
    "min_fill_seconds": 5,            # passed to the endpoint with the measured fill time; it decides
    "timeout_seconds": 20,            # after this the page falls back to print / e-mail
    "status_url": None,               # optional page where applicants look up an application (查询)
    "example_receipt_date": "2025-09-26",   # the worked example of the deadline calculator (no-JS)
}
SETTING = "REQUEST_FORM"
WHERE = "pelicanconf.py"


def parse_settings(settings: dict, problems: Problems) -> dict:
    """Merge ``REQUEST_FORM`` over DEFAULTS; every bad value is reported and replaced by its default."""
    given = settings.get(SETTING) or {}
    if not isinstance(given, dict):
        problems.add(WHERE, 0, SETTING, "应为字典，如 {\"endpoint\": None}", "参照 plugins/request_form/config.py 的 DEFAULTS")
        given = {}
    for key in given:
        if key not in DEFAULTS:
            close = difflib.get_close_matches(key, DEFAULTS, n=1)
            problems.warn(WHERE, 0, f"{SETTING}.{key}", f"未知的设置 {key!r}",
                          f"是否应为 {close[0]!r}？" if close else "可用：" + "、".join(DEFAULTS))
    conf = {**DEFAULTS, **{k: v for k, v in given.items() if k in DEFAULTS}}
    endpoint = conf["endpoint"]
    if endpoint is not None and not endpoint_allowed(endpoint, conf["allow_http_localhost"]):
        problems.add(WHERE, 0, f"{SETTING}.endpoint", f"接收地址 {endpoint!r} 不是 HTTPS 网址",
                     "填写 https:// 开头的网址，或设为 None（改为打印和电子邮件提交）")
        conf["endpoint"] = None
    for key in ("min_fill_seconds", "timeout_seconds"):
        if isinstance(conf[key], bool) or not isinstance(conf[key], (int, float)) or conf[key] < 0:
            problems.add(WHERE, 0, f"{SETTING}.{key}", f"应为非负数，实际是 {conf[key]!r}", f"如 {DEFAULTS[key]}")
            conf[key] = DEFAULTS[key]
    try:
        conf["example_receipt_date"] = dt.date.fromisoformat(str(conf["example_receipt_date"]))
    except ValueError:
        problems.add(WHERE, 0, f"{SETTING}.example_receipt_date", f"{conf['example_receipt_date']!r} 不是有效日期",
                     "按 YYYY-MM-DD 书写")
        conf["example_receipt_date"] = dt.date.fromisoformat(DEFAULTS["example_receipt_date"])
    return conf


def endpoint_allowed(url, allow_http_localhost: bool = False) -> bool:
    """HTTPS only; plain http just for 127.0.0.1 when the test setting allows it."""
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.netloc:
        return True
    return bool(allow_http_localhost) and parts.scheme == "http" and parts.hostname == "127.0.0.1"


WEEKDAYS = "一二三四五六日"


def zh_date(d: dt.date, weekday: bool = False) -> str:
    """2025年9月26日, optionally with （星期五）."""
    return _zh_date(d) + (f"（星期{WEEKDAYS[d.weekday()]}）" if weekday else "")


def worked_example(cal, received: dt.date, days: int = 20, extension: int = 20) -> dict:
    """The no-JS example: due dates, and the holidays and 调休 days that moved them."""
    due = cal.add_workdays(received, days)
    extended = cal.add_workdays(due, extension)
    span = [received + dt.timedelta(days=i) for i in range(1, (extended - received).days + 1)]
    breaks: dict = {}
    for d in span:
        if d in cal.holidays:
            breaks.setdefault(cal.holidays[d], []).append(d)
    return {
        "received": zh_date(received, True), "received_iso": received.isoformat(),
        "due": zh_date(due, True), "due_iso": due.isoformat(),
        "extended": zh_date(extended, True), "extended_iso": extended.isoformat(),
        "days": days, "extension": extension,
        "holidays": [(name, zh_date(ds[0]), zh_date(ds[-1])) for name, ds in breaks.items()],
        "makeup": [zh_date(d, True) for d in span if d in cal.workdays],
        "uncovered": cal.uncovered_years(received, extended),
    }
