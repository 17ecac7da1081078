"""Personal data in items and their attachments is refused by the catalog itself (make check, every build)."""
from pathlib import Path

import pytest

from plugins._shared import pii
from plugins._shared.diagnostics import Problems
from plugins.catalog import privacy
from plugins.catalog.load import Settings, load_catalog
from tests.unit.publish.checks.helpers import TAXONOMY, item_text, make_docx, make_pdf, make_xlsx

FIX = "删除或遮盖个人信息后再发布；确需公开的，在本条目中设置 pii_reviewed: true 并在 pii_reason 中写明依据"


def an_id(first17: str = "35029919850312123") -> str:
    return first17 + pii.id_check_digit(first17)


@pytest.fixture
def root(tmp_path) -> Path:
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "taxonomy.yml").write_text(TAXONOMY, encoding="utf-8")
    return tmp_path


def check(root: Path, items: dict[str, str], cache: Path | None = None) -> list[str]:
    for rel, text in items.items():
        path = root / "catalog" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    problems = Problems()
    load_catalog(Settings(root=root, catalog_dir=root / "catalog", cache_dir=cache), problems)
    return [p.format() for p in problems.sorted()]


def test_numbers_in_a_body_are_errors_at_their_line_and_masked(root):
    body = f"第一段。\n\n申请人身份证号 {an_id()}，电话 13812345678。"
    found = check(root, {"gz/a.md": item_text("2025-00001", "2025-03-01", body=body)})
    assert found == [f"catalog/gz/a.md:10: 个人信息 (body): 正文含有疑似手机号码 138****5678 — {FIX}",
                     f"catalog/gz/a.md:10: 个人信息 (body): 正文含有疑似身份证号 3502**********{an_id()[-4:]} — {FIX}"]
    assert all(an_id() not in line for line in found)


def test_title_and_summary_are_scanned_too(root):
    found = check(root, {"gz/a.md": item_text("2025-00001", "2025-03-01", extra="summary: 联系人 13812345678")})
    assert found == [f"catalog/gz/a.md:7: 个人信息 (summary): 内容概述含有疑似手机号码 138****5678 — {FIX}"]


def test_reviewed_items_need_a_reason(root):
    body = f"公示：{an_id()}"
    found = check(root, {
        "gz/ok.md": item_text("2025-00001", "2025-03-01", body=body,
                              extra="pii_reviewed: true\npii_reason: 依据《某某条例》第十条公示获奖人员"),
        "gz/no-reason.md": item_text("2025-00002", "2025-03-01", body=body, extra="pii_reviewed: true"),
    })
    assert found == ["catalog/gz/no-reason.md:7: 审核说明 (pii_reason): pii_reviewed 已设为 true 但 pii_reason 为空 — "
                     "写明公开这些个人信息的法律依据，如 pii_reason: 依据《…》第…条公示"]


def test_attachments_are_scanned(root):
    make_pdf(root / "catalog/files/list.pdf", [["nothing"], ["ID " + an_id()]])
    make_xlsx(root / "catalog/files/b.xlsx", [["phone"], [13812345678]])
    make_docx(root / "catalog/files/c.docx", ["clean"])
    (root / "catalog/files/old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    att = "attachments:\n  - {path: ../files/list.pdf, title: 名单}\n  - {path: ../files/b.xlsx, title: 表}\n" \
          "  - {path: ../files/c.docx, title: 文}\n  - {path: ../files/old.doc, title: 旧}"
    found = check(root, {"gz/a.md": item_text("2025-00001", "2025-03-01", extra=att)})
    assert found == [
        f"catalog/gz/a.md:7: 个人信息 (attachments): 附件 catalog/files/b.xlsx 工作表 名单 A2含有疑似手机号码 138****5678 — {FIX}",
        f"catalog/gz/a.md:7: 个人信息 (attachments): 附件 catalog/files/list.pdf 第 2 页含有疑似身份证号 "
        f"3502**********{an_id()[-4:]} — {FIX}",
        "catalog/gz/a.md:7: 警告: 个人信息 (attachments): 附件 catalog/files/old.doc 无法自动检查个人信息："
        "不支持自动检查 .doc 格式的文字 — 请人工核对附件中没有身份证号、手机号码、银行卡号；"
        "核对后可设置 pii_reviewed: true 和 pii_reason"]


def test_attachment_results_are_cached_by_content(root, monkeypatch):
    make_pdf(root / "catalog/files/a.pdf", [["ID " + an_id()]])
    items = {"gz/a.md": item_text("2025-00001", "2025-03-01", extra="attachments:\n  - {path: ../files/a.pdf, title: 名单}")}
    first = check(root, items, cache=root / ".cache")
    cache = (root / ".cache/attachments.json").read_text(encoding="utf-8")
    assert an_id() not in cache and "3502**********" in cache     # masked findings only
    calls = []
    original = privacy.textlayers.extract
    monkeypatch.setattr(privacy.textlayers, "extract", lambda p: calls.append(p) or original(p))
    assert check(root, items, cache=root / ".cache") == first and calls == []
    # same bytes under another name: still no extraction; changed bytes: extracted again
    (root / "catalog/files/b.pdf").write_bytes((root / "catalog/files/a.pdf").read_bytes())
    items["gz/a.md"] = items["gz/a.md"].replace("a.pdf", "b.pdf")
    assert len(check(root, items, cache=root / ".cache")) == 1 and calls == []
    make_pdf(root / "catalog/files/b.pdf", [["clean"]])
    assert check(root, items, cache=root / ".cache") == [] and len(calls) == 1
