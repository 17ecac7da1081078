"""Personal data: detectors and attachment text layers (the catalog check is tests/unit/catalog/test_privacy.py)."""
import pytest

from plugins._shared import pii
from plugins.catalog import textlayers
from tests.unit.publish.checks.helpers import make_docx, make_pdf, make_xlsx


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
