"""The published JSON Schema accepts exactly what the page's validators accept (same vectors)."""
import json
from pathlib import Path

import jsonschema
import pytest

from plugins.request_form import schema as rs
from plugins.request_form import validators as v
from plugins.request_form.fields import FIELDS

ROOT = Path(__file__).resolve().parents[3]
VECTORS = json.loads((ROOT / "tests" / "fixtures" / "request_form_vectors.json").read_text(encoding="utf-8"))
META = {"honeypot": "", "elapsed_seconds": 42.5, "min_fill_seconds": 5}


@pytest.fixture(scope="module")
def validator():
    return rs.validator()


def payload(raw):
    return {**v.normalize(raw), "meta": META}


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(rs.build_schema())


@pytest.mark.parametrize("vec", VECTORS["forms"], ids=lambda x: x["name"])
def test_form_vectors(validator, vec):
    # Birth dates in the vectors are far from today, so the schema's date.today() gives the same answer.
    assert rs.error_fields(validator, payload(vec["raw"])) == set(vec["errors"])


@pytest.mark.parametrize("vec", [x for x in VECTORS["formats"] if x["format"] in ("gb11643", "gb32100")],
                         ids=lambda x: x["value"])
def test_custom_formats_apply_the_python_checks(vec):
    checker = rs.format_checker()
    assert checker.conforms(vec["value"], vec["format"]) is (v.FORMATS[vec["format"]](vec["value"]) is None)


@pytest.mark.parametrize("vec", [x for x in VECTORS["formats"] if x["format"] not in ("gb11643", "gb32100")],
                         ids=lambda x: f"{x['format']}:{x['value']}")
def test_patterns_alone_decide_the_other_formats(vec):
    import re

    assert (re.search(v.PATTERNS[vec["format"]], vec["value"]) is not None) is (vec["code"] is None)


def test_check_digits_need_the_custom_formats(validator):
    base = next(x for x in VECTORS["forms"] if x["name"] == "citizen_complete_email")["raw"]
    wrong = payload({**base, "id_number": "110105194912310029"})      # shape fine, check digit wrong
    plain = jsonschema.Draft202012Validator(rs.build_schema())       # no format checker: pattern only
    assert list(plain.iter_errors(wrong)) == []
    assert rs.error_fields(validator, wrong) == {"id_number"}


def test_documented_formats(tmp_path):
    schema = rs.build_schema()
    assert set(schema["x-formats"]) == {"gb11643", "gb32100"}
    used = json.dumps(schema)
    assert '"format": "gb11643"' in used and '"format": "gb32100"' in used
    assert schema["x-response"]["required"] == ["receipt_no"]


class TestStrictness:
    def test_meta_is_required_and_closed(self, validator):
        raw = next(x for x in VECTORS["forms"] if x["name"] == "citizen_complete_email")["raw"]
        body = v.normalize(raw)
        assert rs.error_fields(validator, body) == {"meta"}
        assert rs.error_fields(validator, {**body, "meta": {**META, "extra": 1}}) == {"meta"}
        assert rs.error_fields(validator, {**body, "meta": META}) == set()

    def test_unknown_and_other_type_fields_rejected(self, validator):
        raw = next(x for x in VECTORS["forms"] if x["name"] == "citizen_complete_email")["raw"]
        body = {**v.normalize(raw), "meta": META}
        assert rs.error_fields(validator, {**body, "nickname": "x"}) == {""}
        assert rs.error_fields(validator, {**body, "credit_code": "914403001922038216"}) == {"credit_code"}

    def test_empty_strings_are_not_values(self, validator):
        raw = next(x for x in VECTORS["forms"] if x["name"] == "citizen_complete_email")["raw"]
        assert rs.error_fields(validator, {**payload(raw), "employer": ""}) == {"employer"}


def test_every_field_is_in_the_schema():
    props = rs.build_schema()["properties"]
    assert list(props) == [f.name for f in FIELDS] + ["meta"]
    for f in FIELDS:
        if f.options:
            choices = props[f.name].get("oneOf") or props[f.name]["items"]["oneOf"]
            assert [(c["const"], c["title"]) for c in choices] == [(o.value, o.label) for o in f.options]
