"""Personal data in catalog items: 身份证号, mobile and bank-card numbers in text and in attachments.

条例第十五条 forbids disclosing personal privacy without consent; a number published by mistake
cannot be taken back. The scan runs in ``make check`` (the pull-request gate) and in every build,
not only after the merge. Findings are printed masked, never in full. An item that must carry such
a number (e.g. a 公示 the law requires) sets ``pii_reviewed: true`` with a ``pii_reason``.

Attachment text is extracted once per file content: results are cached by the file's SHA-256 in
``.cache/attachments.json`` (masked findings only), so a check run re-reads only new attachments.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from plugins._shared import pii, safeio
from plugins._shared.diagnostics import Problems

from . import schema, textlayers

SCAN_VERSION = 1   # bump when the detectors change: cached attachment results are then ignored
FIX = "删除或遮盖个人信息后再发布；确需公开的，在本条目中设置 pii_reviewed: true 并在 pii_reason 中写明依据"
LABEL = "个人信息"


# Every number the detectors look for has 11 digits in a row, or 3-4-4 / 4-4-4 with one separator: text
# without such a run (most bodies) is not scanned line by line.
_CANDIDATE = re.compile(r"\d{3}[- ]?\d{4}[- ]?\d{4}")


def exempt(values: dict) -> bool:
    return bool(values.get("pii_reviewed") and str(values.get("pii_reason") or "").strip())


def check_text(values: dict, raw, rel: str, problems: Problems) -> None:
    """Title, summary and body of one item (values as validated, ``raw`` for the body and lines)."""
    if values.get("pii_reviewed") and not str(values.get("pii_reason") or "").strip():
        problems.add(rel, raw.data.lines.get("pii_reviewed", 0), "pii_reason", "pii_reviewed 已设为 true 但 pii_reason 为空",
                     "写明公开这些个人信息的法律依据，如 pii_reason: 依据《…》第…条公示", schema.label("pii_reason"))
        return
    if exempt(values):
        return
    for key in ("title", "summary"):
        text = values.get(key) or ""
        if not _CANDIDATE.search(text):
            continue
        for kind, masked in pii.find_in_text(text):
            problems.add(rel, raw.data.lines.get(key, 0), key, f"{schema.label(key)}含有疑似{pii.KINDS[kind]} {masked}",
                         FIX, LABEL)
    if not _CANDIDATE.search(raw.body):
        return
    body_line = raw.body_line or 1
    for n, text in enumerate(raw.body.split("\n")):
        for kind, masked in pii.find_in_text(text):
            problems.add(rel, body_line + n, "body", f"正文含有疑似{pii.KINDS[kind]} {masked}", FIX, LABEL)


def check_attachments(items, root: Path, cache_dir: Path | None, problems: Problems) -> None:
    """Every attachment's text (PDF, DOCX, XLSX); unreadable ones are a warning to check by hand."""
    cache = AttachmentScans(cache_dir)
    for item in items:
        if not item.attachments or (item.pii_reviewed and str(item.pii_reason or "").strip()):
            continue
        for att in item.attachments:
            findings, reason = cache.scan(root / att.source, root)
            if reason or findings:      # looked up only for a message: a lean item reads it from the cache
                line = item.lines.get("attachments", item.line)
            if reason:
                problems.warn(item.source, line, "attachments",
                              f"附件 {att.source} 无法自动检查个人信息：{reason}",
                              "请人工核对附件中没有身份证号、手机号码、银行卡号；核对后可设置 pii_reviewed: true 和 pii_reason", LABEL)
            for kind, masked, where in findings:
                problems.add(item.source, line, "attachments", f"附件 {att.source} {where}含有疑似{pii.KINDS[kind]} {masked}",
                             FIX, LABEL)
    cache.save()


class AttachmentScans:
    """Attachment results by SHA-256 of the file: masked findings only, never the numbers themselves.

    A file's digest is remembered by (path, size, mtime) so an unchanged checkout is not hashed again.
    """

    def __init__(self, folder: Path | None):
        self.path = Path(folder) / "attachments.json" if folder else None
        self.files: dict = {}
        self.stats: dict = {}
        self.dirty = False
        if self.path and self.path.is_file():
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
                if loaded.get("version") == SCAN_VERSION:
                    self.files, self.stats = loaded.get("files", {}), loaded.get("stats", {})
            except (OSError, ValueError):
                self.files, self.stats = {}, {}

    def digest(self, path: Path, root: Path) -> str:
        st = os.stat(path)
        key = f"{path}:{st.st_size}:{st.st_mtime_ns}"
        known = self.stats.get(key)
        if known is None:
            known = hashlib.sha256(safeio.read_bytes(path, root, "attachment")).hexdigest()
            self.stats[key] = known
            self.dirty = True
        return known

    def scan(self, path: Path, root: Path) -> tuple[list, str]:
        try:
            digest = self.digest(path, root)
        except (OSError, safeio.Refused):
            return [], "文件无法读取"
        hit = self.files.get(digest)
        if hit is None:
            try:
                chunks = textlayers.extract(path)
                findings = [(f.kind, f.masked, f.where) for where, text in chunks
                            for f in pii.scan_lines(text.split("\n"), lambda n, w=where: w)]
                hit = {"findings": findings, "reason": ""}
            except textlayers.Unreadable as exc:
                hit = {"findings": [], "reason": str(exc)}
            self.files[digest] = hit
            self.dirty = True
        return [tuple(f) for f in hit["findings"]], hit["reason"]

    def save(self) -> None:
        if not (self.path and self.dirty):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_text(json.dumps({"version": SCAN_VERSION, "files": self.files, "stats": self.stats},
                                      ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.path)
        except OSError:
            pass
