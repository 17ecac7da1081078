"""gongkai.buildlog: what a build prints — every problem, one line each, sorted like make check."""
import errno
import logging

from gongkai import buildlog


def record(name, level, msg, args=(), exc=None):
    rec = logging.LogRecord(name, level, __file__, 1, msg, args, None)
    if exc is not None:
        rec.exc_info = (type(exc), exc, None)
    return rec


def test_lines_are_sorted_by_file_and_line_number_and_deduplicated():
    c = buildlog.Collector()
    for name, level, text in [("gongkai", logging.ERROR, "catalog/b.md:10: 名称 (title): 缺少 — 补上"),
                              ("gongkai", logging.ERROR, "catalog/b.md:9: 名称 (title): 缺少 — 补上"),
                              ("gongkai", logging.WARNING, "catalog/a.md:3: 警告: 摘要 (summary): 太长 — 缩短"),
                              ("gongkai", logging.ERROR, "catalog/b.md:9: 名称 (title): 缺少 — 补上"),
                              ("pelican.contents", logging.WARNING, "Unable to find '%s', skipping url replacement.")]:
        c.handle(record(name, level, text, ("/x.md",) if "%s" in text else ()))
    assert c.lines() == [
        ("Pelican: 警告: Unable to find '/x.md', skipping url replacement.", False),
        ("catalog/a.md:3: 警告: 摘要 (summary): 太长 — 缩短", False),
        ("catalog/b.md:9: 名称 (title): 缺少 — 补上", True),
        ("catalog/b.md:10: 名称 (title): 缺少 — 补上", True),
    ]
    assert (len(c.errors), len(c.warnings)) == (3, 2) and c.failed() and c.write_error is None


def test_a_record_is_one_line_without_a_traceback():
    exc = ValueError("bad\nvalue")
    line = buildlog.one_line(record("pelican.generators", logging.ERROR, "Could not process %s\n  line two", ("a.md",),
                                    exc))
    assert line == "Pelican: 错误: Could not process a.md / line two（ValueError: bad / value）"
    assert "\n" not in buildlog.one_line(record("gongkai", logging.ERROR, "a\nb"))


def test_a_full_disk_reported_as_a_warning_fails_the_build():
    c = buildlog.Collector()
    full = OSError(errno.ENOSPC, "No space left on device")
    c.handle(record("pelican.utils", logging.WARNING, "A problem occurred copying file %s to %s; %s", ("a", "b", full)))
    assert c.write_error is full and c.failed() and not c.errors
    c = buildlog.Collector()
    c.handle(record("plugins.search_index", logging.ERROR, "搜索索引失败：OSError: [Errno 28] No space left on device"))
    assert c.write_error.errno == errno.ENOSPC


def test_warnings_fail_only_when_fatal():
    c = buildlog.Collector()
    c.handle(record("gongkai", logging.WARNING, "x.md:1: 警告: y"))
    assert not c.failed() and c.failed(fatal_warnings=True)
