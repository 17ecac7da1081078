"""Checks over the catalog itself: 栏目不更新, 首页不更新, Art. 26 (20 working days), personal data."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from plugins.catalog import schema

from . import pii, textlayers
from .pages import category_lines, taxonomy_path
from .site import Site

SCAN_VERSION = 1   # bump when the detectors change: cached attachment results are then ignored


def check_stale(site: Site, today: dt.date) -> list[str]:
    """Columns whose newest item is older than their period; returns the stale category labels."""
    if site.catalog is None:
        return []
    lines = category_lines(site)
    overrides = site.cfg["stale_days"]
    stale = []
    for cat in site.catalog.taxonomy.categories:
        items = [i for i in site.catalog.items if i.category.key == cat.key]   # by key, see plugins/catalog/cache.py
        days = int(overrides.get(cat.key, cat.stale_days) or 0)
        if not items or days <= 0:
            continue
        newest = max(i.published for i in items)
        age = (today - newest).days
        if age > days:
            stale.append(cat.label)
            site.report("stale_columns", taxonomy_path(site), lines.get(cat.key, 0), "stale_days",
                        f"栏目不更新：“{cat.label}”最新一条发布于 {newest.isoformat()}，至 {today.isoformat()} 已 {age} 天未更新"
                        f"（要求 {days} 天内有更新）",
                        "发布该栏目的新信息；若该栏目确实更新较少，在 taxonomy.yml 中调整 stale_days", "栏目更新")
    veto = int(site.cfg["stale_columns_veto"])
    if veto and len(stale) >= veto:
        site.report("stale_columns", taxonomy_path(site), 0, "stale_days",
                    f"共有 {len(stale)} 个栏目不更新，达到政府网站检查“单项否决”标准（{veto} 个）", "尽快更新这些栏目", "栏目更新")
    if site.catalog.items:
        newest = site.catalog.items[0]
        age = (today - newest.published).days
        limit = int(site.cfg["home_stale_days"])
        if limit and age > limit:
            site.report("home_stale", newest.source, newest.lines.get("published", newest.line), "published",
                        f"首页最新信息发布于 {newest.published.isoformat()}，已 {age} 天没有更新（检查标准：{limit} 天）",
                        "及时发布新信息：首页两周未更新属于政府网站检查单项否决", schema.label("published"))
    site.stats["stale_columns"] = stale
    return stale


def check_art26(site: Site, calendar) -> int:
    """Items published more than N working days after their 成文日期 (条例第二十六条)."""
    if site.catalog is None or calendar is None:
        return 0
    limit = int(site.cfg["art26_workdays"])
    late = 0
    for item in site.catalog.items:
        if not item.written or item.written > item.published:
            continue
        days = calendar.workdays_between(item.written, item.published)
        if days <= limit:
            continue
        late += 1
        note = ""
        uncovered = calendar.uncovered_years(item.written, item.published)
        if uncovered:
            note = f"（{'、'.join(map(str, uncovered))} 年没有节假日安排文件，按周一至周五计算）"
        site.report("art26", item.source, item.lines.get("published", item.line), "published",
                    f"成文日期 {item.written.isoformat()} 至发布日期 {item.published.isoformat()} 相隔 {days} 个工作日，"
                    f"超过《政府信息公开条例》第二十六条规定的 {limit} 个工作日{note}",
                    "核对 written 和 published 是否填写正确；确属逾期公开的，请在年度报告中说明并改进", schema.label("published"))
    site.stats["art26_late"] = late
    return late


def _exempt(item) -> bool:
    return bool(item.pii_reviewed and str(item.pii_reason or "").strip())


def check_pii(site: Site) -> int:
    """身份证号, mobile and bank-card numbers in item bodies, titles, summaries and attachments."""
    if site.catalog is None:
        return 0
    cache = _Cache(site)
    found = 0
    for item in site.catalog.items:
        if _exempt(item):
            continue
        fix = "删除或遮盖个人信息后再发布；确需公开的，在本条目中设置 pii_reviewed: true 并在 pii_reason 中写明依据"
        if item.pii_reviewed:
            fix = "pii_reviewed 已设为 true 但 pii_reason 为空：请写明公开依据"
        hits = []
        for key in ("title", "summary"):
            for kind, masked in pii.find_in_text(getattr(item, key) or ""):
                hits.append((item.lines.get(key, item.line), key, kind, masked, schema.label(key)))
        for n, text in enumerate((item.body or "").split("\n")):
            for kind, masked in pii.find_in_text(text):
                hits.append(((item.body_line or 1) + n, "body", kind, masked, "正文"))
        for line, key, kind, masked, where in hits:
            found += 1
            site.report("pii", item.source, line, key, f"{where}含有疑似{pii.KINDS[kind]} {masked}", fix, "个人信息")
        for att in item.attachments:
            path = site.root / att.source
            line = item.lines.get("attachments", item.line)
            findings, reason = cache.scan(path)
            if reason:
                site.report("pii_unreadable", item.source, line, "attachments",
                            f"附件 {att.source} 无法自动检查个人信息：{reason}",
                            "请人工核对附件中没有身份证号、手机号码、银行卡号；核对后可设置 pii_reviewed: true 和 pii_reason",
                            "个人信息")
            for kind, masked, where in findings:
                found += 1
                site.report("pii", item.source, line, "attachments",
                            f"附件 {att.source} {where}含有疑似{pii.KINDS[kind]} {masked}", fix, "个人信息")
    cache.save()
    site.stats["pii_findings"] = found
    return found


class _Cache:
    """Attachment results by SHA-256 of the file: masked findings only, never the numbers themselves."""

    def __init__(self, site: Site):
        folder = site.cfg.get("cache_dir")
        self.path = (site.root / folder / "attachments.json") if folder else None
        self.data: dict = {}
        self.dirty = False
        if self.path and self.path.is_file():
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
                if loaded.get("version") == SCAN_VERSION:
                    self.data = loaded.get("files", {})
            except (OSError, ValueError):
                self.data = {}

    def scan(self, path: Path) -> tuple[list, str]:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return [], "文件无法读取"
        hit = self.data.get(digest)
        if hit is None:
            try:
                chunks = textlayers.extract(path)
                findings = [(f.kind, f.masked, f.where) for where, text in chunks
                            for f in pii.scan_lines(text.split("\n"), lambda n, w=where: w)]
                hit = {"findings": findings, "reason": ""}
            except textlayers.Unreadable as exc:
                hit = {"findings": [], "reason": str(exc)}
            self.data[digest] = hit
            self.dirty = True
        return [tuple(f) for f in hit["findings"]], hit["reason"]

    def save(self) -> None:
        if not (self.path and self.dirty):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps({"version": SCAN_VERSION, "files": self.data}, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.path)
        except OSError:
            pass
