"""REQUEST_FORM settings and the deadline calculator's worked example."""
import datetime as dt
from pathlib import Path

from plugins._shared.diagnostics import Problems
from plugins.request_form import config
from plugins.workdays import Calendar

ROOT = Path(__file__).resolve().parents[3]


def parse(**given):
    problems = Problems()
    return config.parse_settings({"REQUEST_FORM": given}, problems), [p.format() for p in problems]


def test_defaults():
    conf, problems = parse()
    assert problems == [] and conf["endpoint"] is None and conf["min_fill_seconds"] == 5
    assert conf["example_receipt_date"] == dt.date(2025, 9, 26)


def test_https_endpoint_accepted():
    conf, problems = parse(endpoint="https://ysq.haicheng.gov.cn/api/apply")
    assert problems == [] and conf["endpoint"] == "https://ysq.haicheng.gov.cn/api/apply"


def test_http_endpoint_rejected():
    conf, problems = parse(endpoint="http://ysq.haicheng.gov.cn/api/apply")
    assert problems == ["pelicanconf.py: REQUEST_FORM.endpoint: 接收地址 'http://ysq.haicheng.gov.cn/api/apply' 不是 HTTPS 网址"
                        " — 填写 https:// 开头的网址，或设为 None（改为打印和电子邮件提交）"]
    assert conf["endpoint"] is None


def test_http_only_for_loopback_and_only_with_the_test_switch():
    assert parse(endpoint="http://127.0.0.1:8123/apply")[1] != []
    assert parse(endpoint="http://127.0.0.1:8123/apply", allow_http_localhost=True)[1] == []
    assert parse(endpoint="http://localhost:8123/apply", allow_http_localhost=True)[1] != []
    assert parse(endpoint="http://127.0.0.1.evil.example/apply", allow_http_localhost=True)[1] != []


def test_unknown_key_warns_with_suggestion():
    _, problems = parse(endpiont="https://x.example/")
    assert problems == ["pelicanconf.py: 警告: REQUEST_FORM.endpiont: 未知的设置 'endpiont' — 是否应为 'endpoint'？"]


def test_bad_numbers_and_date():
    conf, problems = parse(min_fill_seconds=-1, timeout_seconds="20", example_receipt_date="2025-02-30")
    assert problems == [
        "pelicanconf.py: REQUEST_FORM.min_fill_seconds: 应为非负数，实际是 -1 — 如 5",
        "pelicanconf.py: REQUEST_FORM.timeout_seconds: 应为非负数，实际是 '20' — 如 20",
        "pelicanconf.py: REQUEST_FORM.example_receipt_date: '2025-02-30' 不是有效日期 — 按 YYYY-MM-DD 书写",
    ]


def test_worked_example_names_the_holiday_and_makeup_days():
    cal = Calendar.load(ROOT / "content" / "calendar")
    ex = config.worked_example(cal, dt.date(2025, 9, 26))
    assert ex["received"] == "2025年9月26日（星期五）"
    assert ex["due"] == "2025年10月30日（星期四）" and ex["extended"] == "2025年11月27日（星期四）"
    assert ex["holidays"] == [("国庆节、中秋节", "2025年10月1日", "2025年10月8日")]
    assert ex["makeup"] == ["2025年9月28日（星期日）", "2025年10月11日（星期六）"]
    assert ex["uncovered"] == []


def test_worked_example_outside_the_calendar_says_so():
    ex = config.worked_example(Calendar(), dt.date(2025, 9, 26))
    assert ex["due"] == "2025年10月24日（星期五）" and ex["uncovered"] == [2025]


def test_check_hook():
    from plugins.request_form.check import check_request_form

    problems = Problems()
    check_request_form({"REQUEST_FORM": {"endpoint": "ftp://x"}}, None, problems)
    assert [p.key for p in problems] == ["REQUEST_FORM.endpoint"]
