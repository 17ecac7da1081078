"""Python validators of the 申请表: every format check, normalisation and whole-form rules."""
import datetime as dt
import json
from pathlib import Path

import pytest

from plugins.request_form import validators as v
from plugins.request_form.fields import BY_NAME, FIELDS, GROUPS, MESSAGES

ROOT = Path(__file__).resolve().parents[3]
VECTORS = json.loads((ROOT / "tests" / "fixtures" / "request_form_vectors.json").read_text(encoding="utf-8"))
TODAY = dt.date.fromisoformat(VECTORS["today"])


@pytest.mark.parametrize("vec", VECTORS["formats"], ids=lambda x: f"{x['format']}:{x['value']}")
def test_format_vectors(vec):
    assert v.FORMATS[vec["format"]](vec["value"], TODAY) == vec["code"]


@pytest.mark.parametrize("vec", VECTORS["forms"], ids=lambda x: x["name"])
def test_form_vectors(vec):
    assert v.validate(vec["raw"], TODAY) == vec["errors"]
    if "normalized" in vec:
        assert v.normalize(vec["raw"]) == vec["normalized"]


def test_vectors_cover_every_error_code():
    seen = {x["code"] for x in VECTORS["formats"]} | {c for x in VECTORS["forms"] for c in x["errors"].values()}
    every = {c for f in FIELDS for c in f.codes()}
    assert every - seen == set()


class TestResidentId:
    def test_check_character_x(self):
        assert v.id_check_char("11010519491231002") == "X"
        assert v.check_gb11643("11010519491231002X") is None

    def test_gb11643_example_born_1880_has_a_valid_check_digit(self):
        assert v.id_check_char("44052418800101001") == "4"

    def test_every_wrong_last_character_is_caught(self):
        good = "440304198512315672"
        for c in "0123456789X":
            if c != good[-1]:
                assert v.check_gb11643(good[:-1] + c) == "id_checksum"

    def test_leap_day(self):
        body = "11010120000229"   # 2000 is a leap year
        ok = body + "001"
        assert v.check_gb11643(ok + v.id_check_char(ok)) is None
        bad = "11010119000229001"   # 1900 is not
        assert v.check_gb11643(bad + v.id_check_char(bad)) == "id_birthdate"

    def test_birth_date_after_today(self):
        value = "110101202506300017"
        body = value[:17]
        value = body + v.id_check_char(body)
        assert v.check_gb11643(value, dt.date(2025, 6, 30)) is None
        assert v.check_gb11643(value, dt.date(2025, 6, 29)) == "id_birthdate"


class TestCreditCode:
    @pytest.mark.parametrize("code", ["914403001922038216", "91440300708461136T", "91330100799655058B"])
    def test_real_codes(self, code):
        assert v.check_gb32100(code) is None
        assert v.uscc_check_char(code[:17]) == code[-1]

    def test_check_character_0_when_remainder_is_zero(self):
        assert v.uscc_check_char("51440000MJL12345X") == "0"

    def test_every_wrong_last_character_is_caught(self):
        good = "91440300708461136T"
        for c in v.USCC_CHARS:
            if c != good[-1]:
                assert v.check_gb32100(good[:-1] + c) == "uscc_checksum"


class TestPhones:
    @pytest.mark.parametrize("value", ["13800138000", "19912345678", "+8617712345678", "010-12345678", "0596-6812345",
                                       "059612345678", "021-12345678-8001"])
    def test_valid(self, value):
        assert v.check_phone(value) is None

    @pytest.mark.parametrize("value,code", [("1380013800", "mobile"), ("23800138000", "landline"),
                                            ("11800138000", "mobile"), ("+86138001380001", "mobile"),
                                            ("596-6812345", "landline"), ("0596-681234", "landline"),
                                            ("0596-681234567", "landline"), ("0596/6812345", "landline")])
    def test_invalid(self, value, code):
        assert v.check_phone(value) == code

    def test_fax_must_be_landline(self):
        assert v.check_landline("0596-6812346") is None
        assert v.check_landline("13800138000") == "landline"


def test_python_digits_do_not_sneak_in():
    # Python's \\d would accept Arabic-Indic digits; the shared patterns must not.
    assert v.check_postcode("٣٦٣١٠٠") == "postcode"
    assert v.check_gb11643("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X") == "id_format"


def test_trailing_newline_is_not_accepted_by_the_checks():
    assert v.check_postcode("363100\n") == "postcode"


class TestDefinitions:
    def test_names_unique_and_groups_ordered(self):
        names = [f.name for f in FIELDS]
        assert len(names) == len(set(names))
        assert [g.key for g in GROUPS] == ["applicant", "citizen", "organisation", "contact", "information",
                                         "delivery", "declaration"]

    def test_every_code_has_a_message(self):
        for f in FIELDS:
            for code in f.codes():
                assert f.message(code), (f.name, code)
        assert BY_NAME["name"].message("required") == "请填写姓名"
        assert BY_NAME["id_type"].message("required") == "请选择证件类型"
        assert BY_NAME["name"].message("too_long") == "姓名不能超过50个字"
        assert BY_NAME["fax"].message("landline").startswith("传真号码")
        assert BY_NAME["phone"].message("landline") == MESSAGES["landline"]

    def test_option_values_are_ascii(self):
        # 繁体 conversion rewrites Chinese text in HTML; submitted values must not change with it
        for f in FIELDS:
            for o in f.options:
                assert o.value.isascii(), o.value

    def test_rules_are_json(self):
        from plugins.request_form.fields import rules

        data = json.loads(json.dumps(rules()))
        assert [r["name"] for r in data["fields"]] == [f.name for f in FIELDS]
        assert data["patterns"]["postcode"] == "^[0-9]{6}$"
