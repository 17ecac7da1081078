"""gongkai check: validate catalog/ (and what other plugins register) without building."""
from __future__ import annotations

import sys
from pathlib import Path

from gongkai.sitebuild import load_settings
from plugins._shared.diagnostics import Problems, summary
from plugins.catalog import lawmap
from plugins.catalog.load import Settings, load_catalog
from plugins.catalog.pages import check_content_files, check_pages, read_pages

# Other concerns (annual reports, …) add checks here: callables (pelican_settings, catalog, problems) -> None
EXTRA_CHECKS: list = []


def add_arguments(parser):
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("--format", choices=("text", "github", "gitlab"), default="text",
                        help="输出格式：text（默认）、github（Actions 注释）、gitlab（代码质量报告 JSON）")
    parser.add_argument("--strict", action="store_true", help="警告也视为失败")


def collect(settings_file: str | Path = "pelicanconf.py") -> Problems:
    """Every problem of the catalog and the registered extra checks."""
    pelican_settings = load_settings(settings_file)
    problems = Problems()
    settings = Settings.from_pelican(pelican_settings)
    catalog = load_catalog(settings, problems)
    lawmap.attach(catalog, settings, problems)
    check_pages(read_pages(pelican_settings, settings.root, problems), catalog, problems)
    check_content_files(pelican_settings, settings.root, problems)
    for check in _extra_checks():
        check(pelican_settings, catalog, problems)
    return problems


def _extra_checks():
    from plugins.annual_report.check import check_reports
    from plugins.bodies.check import check_bodies
    from plugins.request_form.check import check_request_form
    from plugins.workdays.check import check_calendar
    from plugins.ysqgk.check import check_requests

    return [*EXTRA_CHECKS, check_reports, check_bodies, check_calendar, check_request_form, check_requests]


def run(args) -> int:
    problems = collect(args.settings)
    ordered = problems.sorted()
    if args.format == "text":
        for p in ordered:
            print(p.format(), file=sys.stderr if p.is_error else sys.stdout)
        print(summary(ordered) if ordered else "目录检查通过：没有发现问题。")
    else:
        from gongkai import annotations
        print(annotations.render(ordered, args.format))
    failed = problems.errors or (args.strict and problems.warnings)
    return 1 if failed else 0
