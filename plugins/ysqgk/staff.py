"""Rendering the staff-only 告知书 folder (``gongkai notices``): pure apart from writing the files.

The folder is resolved from ``REQUESTS_NOTICES_PATH`` relative to the repository and must not lie
inside the site output (``OUTPUT_PATH``), so a notice can never be published by accident.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import jinja2

from . import api

TEMPLATES = Path(__file__).resolve().parents[2] / "theme" / "templates" / "notices"


def notices_dir(settings: dict) -> Path:
    path = Path(api.setting(settings, "REQUESTS_NOTICES_PATH"))
    return path if path.is_absolute() else api.root_of(settings) / path


def inside_output(folder: Path, settings: dict) -> bool:
    out = Path(settings.get("OUTPUT_PATH") or "output")
    out = out if out.is_absolute() else api.root_of(settings) / out
    folder, out = folder.resolve(), out.resolve()
    return folder == out or out in folder.parents or folder in out.parents


def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True)


def safe_name(no: str) -> str:
    return "".join(ch if ch.isalnum() or ch == "-" else "_" for ch in no)


def write(folder: Path, agency: dict, cases: list) -> list[Path]:
    """``cases``: [(受理编号, [Notice])] → one HTML file per notice plus index.html; returns the files."""
    env = environment()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(TEMPLATES / "notice.css", folder / "notice.css")
    written, listing = [], []
    page = env.get_template("notice.html")
    for no, items in cases:
        sub = folder / safe_name(no)
        sub.mkdir(exist_ok=True)
        for n in items:
            target = sub / n.file
            target.write_text(page.render(n=n, agency=agency, css="../notice.css"), encoding="utf-8")
            written.append(target)
        listing.append((no, items, safe_name(no)))
    index = folder / "index.html"
    index.write_text(env.get_template("index.html").render(cases=listing, agency=agency, css="notice.css"), encoding="utf-8")
    return written + [index]
