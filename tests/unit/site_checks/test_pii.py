"""Personal data: detectors, attachment text layers, and the check on catalog items."""
import pytest

from plugins.site_checks import pii, textlayers
from plugins.site_checks.run import run_checks
from tests.unit.site_checks.helpers import html, item_text, make_catalog, make_docx, make_pdf, make_xlsx, of, settings, write_site


def an_id(first17: str = "35029919850312123") -> str:
    return first17 + pii.id_check_digit(first17)


def a_card(prefix: str = "622202123456789012") -> str:
    return next(prefix + str(d) for d in range(10) if pii.luhn(prefix + str(d)))


def test_id_number_needs_a_valid_check_digit_and_birth_date():
    good = an_id()
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    assert pii.find_in_text(f"身份证号：{good}。") == [("id", good[:4] + "*" * 10 + good[-4:])]
    assert pii.find_in_text(f"身份证号：{wrong}。") == []
    assert pii.find_in_text(an_id("35029919851332123")) == []          # month 13
    assert pii.find_in_text("编号 9" + good) == []                      # part of a longer digit run
    assert pii.valid_id("11010519491231002X") and pii.valid_id("11010519491231002x")


def test_mobile_numbers():
    assert pii.find_in_text("联系人：13812345678") == [("mobile", "138****5678")]
    assert pii.find_in_text("电话 138-1234-5678 或 +86 139 1234 5678") == [("mobile", "138****5678"), ("mobile", "139****5678")]
    assert pii.find_in_text("0596-6812345 订单号 2138123456789 12812345678") == []   # landline, longer run, 12x


def test_bank_card_numbers_pass_luhn():
    card = a_card()
    assert pii.find_in_text(f"账号 {card}") == [("card", card[:4] + "*" * (len(card) - 8) + card[-4:])]
    spaced = " ".join(card[i:i + 4] for i in range(0, len(card), 4))
    assert pii.find_in_text(f"账号 {spaced}")[0][0] == "card"
    not_luhn = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert pii.find_in_text(f"账号 {not_luhn}") == []


def test_masks_never_contain_the_number():
    for _kind, masked in pii.find_in_text(f"{an_id()} 13812345678 {a_card()}"):
        assert "*" in masked and an_id() not in masked and "13812345678" not in masked


def test_text_layers(tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", [["Page one"], ["ID " + an_id()]])
    assert textlayers.extract(pdf)[1][0] == "第 2 页" and an_id() in textlayers.extract(pdf)[1][1]
    with pytest.raises(textlayers.Unreadable, match="没有文字层"):
        textlayers.extract(make_pdf(tmp_path / "scan.pdf", [[]]))
    docx = make_docx(tmp_path / "a.docx", ["第一段", "联系电话13812345678"])
    assert textlayers.extract(docx) == [("第 1 段", "第一段"), ("第 2 段", "联系电话13812345678")]
    xlsx = make_xlsx(tmp_path / "a.xlsx", [["姓名", "手机"], ["张三", 13812345678], ["李四", an_id()]])
    assert ("工作表 名单 B2", "13812345678") in textlayers.extract(xlsx)
    with pytest.raises(textlayers.Unreadable, match="不支持自动检查 .doc 格式"):
        textlayers.extract(tmp_path / "old.doc")


def _site(root, items, files=()):
    for path, maker in files:
        maker(root / path)
    catalog = make_catalog(root, items)
    return run_checks(write_site(root, {"index.html": html()}), settings(root), catalog=catalog, today="2025-03-02")


def test_id_number_in_a_body_is_an_error_at_its_line(root):
    body = f"第一段。\n\n申请人身份证号 {an_id()}，电话 13812345678。"
    site = _site(root, {"gz/a.md": item_text("2025-00001", "2025-03-01", body=body)})
    fix = "删除或遮盖个人信息后再发布；确需公开的，在本条目中设置 pii_reviewed: true 并在 pii_reason 中写明依据"
    assert sorted(of(site, "个人信息")) == sorted([
        f"catalog/gz/a.md:10: 个人信息 (body): 正文含有疑似身份证号 3502**********{an_id()[-4:]} — {fix}",
        f"catalog/gz/a.md:10: 个人信息 (body): 正文含有疑似手机号码 138****5678 — {fix}"])
    assert all(an_id() not in p.format() for p in site.problems)


def test_reviewed_items_need_a_reason(root):
    body = f"公示：{an_id()}"
    site = _site(root, {
        "gz/ok.md": item_text("2025-00001", "2025-03-01", body=body,
                              extra="pii_reviewed: true\npii_reason: 依据《某某条例》第十条公示获奖人员"),
        "gz/no-reason.md": item_text("2025-00002", "2025-03-01", body=body, extra="pii_reviewed: true"),
    })
    found = of(site, "个人信息")
    assert len(found) == 1 and found[0].startswith("catalog/gz/no-reason.md:9: 个人信息 (body): 正文含有疑似身份证号")
    assert found[0].endswith("pii_reviewed 已设为 true 但 pii_reason 为空：请写明公开依据")


def test_attachments_are_scanned(root):
    att = "attachments:\n  - {path: ../files/list.pdf, title: 名单}\n  - {path: ../files/b.xlsx, title: 表}\n" \
          "  - {path: ../files/c.docx, title: 文}\n  - {path: ../files/old.doc, title: 旧}"
    site = _site(root, {"gz/a.md": item_text("2025-00001", "2025-03-01", extra=att)}, files=[
        ("catalog/files/list.pdf", lambda p: make_pdf(p, [["nothing"], ["ID " + an_id()]])),
        ("catalog/files/b.xlsx", lambda p: make_xlsx(p, [["phone"], [13812345678]])),
        ("catalog/files/c.docx", lambda p: make_docx(p, ["clean"])),
        ("catalog/files/old.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0")),
    ])
    found = of(site, "个人信息")
    assert any(p.startswith("catalog/gz/a.md:7: 个人信息 (attachments): 附件 catalog/files/list.pdf 第 2 页含有疑似身份证号 3502")
               for p in found)
    assert any("附件 catalog/files/b.xlsx 工作表 名单 A2含有疑似手机号码 138****5678" in p for p in found)
    assert not any("c.docx" in p for p in found)
    warning = [p for p in found if "old.doc" in p]
    assert warning == ["catalog/gz/a.md:7: 警告: 个人信息 (attachments): 附件 catalog/files/old.doc 无法自动检查个人信息："
                       "不支持自动检查 .doc 格式的文字 — 请人工核对附件中没有身份证号、手机号码、银行卡号；"
                       "核对后可设置 pii_reviewed: true 和 pii_reason"]


def test_attachment_results_are_cached_by_content(root):
    from plugins.site_checks import catalog_checks

    pdf = make_pdf(root / "catalog/files/a.pdf", [["ID " + an_id()]])
    items = {"gz/a.md": item_text("2025-00001", "2025-03-01", extra="attachments:\n  - {path: ../files/a.pdf, title: 名单}")}
    catalog = make_catalog(root, items)
    s = settings(root, cache_dir=".cache/checks")
    out = write_site(root, {"index.html": html()})
    first = of(run_checks(out, s, catalog=catalog), "个人信息")
    cache = (root / ".cache/checks/attachments.json").read_text(encoding="utf-8")
    assert an_id() not in cache and "3502**********" in cache     # masked findings only
    calls = []
    original = catalog_checks.textlayers.extract
    catalog_checks.textlayers.extract = lambda p: calls.append(p) or original(p)
    try:
        assert of(run_checks(out, s, catalog=catalog), "个人信息") == first and calls == []
    finally:
        catalog_checks.textlayers.extract = original
    assert pdf.exists()
