"""The report page (``<output>/checks/index.html``) and the plain-text summary of a check run."""
from __future__ import annotations

from pathlib import Path

import jinja2

from plugins._shared.diagnostics import summary

from .site import Site

TEMPLATE = "site_checks_report.html"


def summary_text(site: Site) -> str:
    """Every problem on its own line, then one line of totals."""
    problems = site.problems.sorted()
    lines = [p.format() for p in problems]
    s = site.stats
    lines.append(f"网站检查（参照日期 {s['today']}）：检查了 {s['pages']} 个页面、{s['items']} 个条目，"
                 f"列出外部链接 {s['external_links']} 个（未访问）。" + summary(problems))
    return "\n".join(lines) + "\n"


def write_report(site: Site, theme: Path) -> Path | None:
    """Render the report page and summary.txt under the output; returns the page path (None if disabled)."""
    rel = site.cfg["report_path"]
    if not rel:
        return None
    folder = site.output / rel.strip("/")
    folder.mkdir(parents=True, exist_ok=True)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(theme) / "templates")),
                             autoescape=True, keep_trailing_newline=True)
    problems = site.problems.sorted()
    settings = site.settings
    depth = rel.strip("/").count("/") + 1
    html = env.get_template(TEMPLATE).render(
        errors=[p for p in problems if p.is_error], warnings=[p for p in problems if not p.is_error],
        externals=sorted(site.externals.items()), stats=site.stats, up="../" * depth,
        SITENAME=settings.get("SITENAME", ""), SITE_DOMAIN=settings.get("SITE_DOMAIN", ""),
        AGENCY=settings.get("AGENCY") or {}, summary=summary(problems))
    page = folder / "index.html"
    _write_new(page, html)
    _write_new(folder / "summary.txt", summary_text(site))
    return page


def _write_new(path: Path, text: str) -> None:
    """A new file: never writes through a hard link into a tree that is already published."""
    path.unlink(missing_ok=True)
    path.write_text(text, encoding="utf-8")
