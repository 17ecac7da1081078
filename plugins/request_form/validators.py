"""Validators for the application form — the server-side twin of theme/static/js/request-form.js.

Each format check returns ``None`` when the value is good, or an error code (see ``FORMAT_CODES``);
fields.py turns codes into Chinese messages. :func:`normalize` shapes what a person typed into
the JSON that is POSTed (trimmed, upper-cased IDs, empty and not-applicable fields dropped) and
:func:`validate` checks it against fields.py. The regular expressions in ``PATTERNS`` are shared
with the JSON Schema and the browser; use ``[0-9]``, never ``\\d`` (Python's ``\\d`` matches other
scripts' digits, JavaScript's does not).
"""
from __future__ import annotations

import datetime as dt
import re

from .fields import APPLICANT_TYPE, FIELDS

PATTERNS = {
    "gb11643": r"^[1-9][0-9]{16}[0-9X]$",
    "other_id": r"^[A-Z0-9]{5,30}$",
    "gb32100": r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$",
    "mobile": r"^(\+86)?1[3-9][0-9]{9}$",
    "landline": r"^0[1-9][0-9]{1,2}-?[0-9]{7,8}(-[0-9]{1,6})?$",
    "email": r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$",
    "postcode": r"^[0-9]{6}$",
}
PATTERNS["phone"] = "^(" + PATTERNS["mobile"][1:-1] + "|" + PATTERNS["landline"][1:-1] + ")$"

# Whitespace that trimming and "compact" remove — the same list as in request-form.js.
SPACE = " \t\n\r\f\v\u00a0\u3000"
_SPACES = re.compile(f"[{re.escape(SPACE)}]+")

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _match(name: str, value: str) -> bool:
    return re.fullmatch(PATTERNS[name], value) is not None


def id_check_char(first17: str) -> str:
    """GB 11643-1999 check character for the first 17 digits (ISO 7064 MOD 11-2)."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def check_gb11643(value: str, today: dt.date | None = None) -> str | None:
    """18-digit 公民身份号码: shape, a real birth date (1900-01-01 … today), and the check character."""
    if not _match("gb11643", value):
        return "id_format"
    try:
        born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "id_birthdate"
    if born < dt.date(1900, 1, 1) or born > (today or dt.date.today()):
        return "id_birthdate"
    return None if id_check_char(value[:17]) == value[17] else "id_checksum"


def uscc_check_char(first17: str) -> str:
    """GB 32100-2015 check character of a 统一社会信用代码 (weights 3^i mod 31)."""
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARS[(31 - total % 31) % 31]


def check_gb32100(value: str, today=None) -> str | None:
    if not _match("gb32100", value):
        return "uscc_format"
    return None if uscc_check_char(value[:17]) == value[17] else "uscc_checksum"


def check_phone(value: str, today=None) -> str | None:
    """A mobile (11 digits, optional +86) or a landline with area code (and optional extension)."""
    if _match("phone", value):
        return None
    return "mobile" if value.startswith(("1", "+")) else "landline"


def check_landline(value: str, today=None) -> str | None:
    return None if _match("landline", value) else "landline"


def check_email(value: str, today=None) -> str | None:
    return None if _match("email", value) else "email"


def check_postcode(value: str, today=None) -> str | None:
    return None if _match("postcode", value) else "postcode"


def check_other_id(value: str, today=None) -> str | None:
    return None if _match("other_id", value) else "other_id_format"


FORMATS = {"gb11643": check_gb11643, "gb32100": check_gb32100, "phone": check_phone,
           "landline": check_landline, "email": check_email, "postcode": check_postcode,
           "other_id": check_other_id}
FORMAT_CODES = {"gb11643": ("id_format", "id_birthdate", "id_checksum"), "gb32100": ("uscc_format", "uscc_checksum"),
                "phone": ("mobile", "landline"), "landline": ("landline",), "email": ("email",),
                "postcode": ("postcode",), "other_id": ("other_id_format",)}


# --- the whole form ---------------------------------------------------------------------------
def _clean(text, mode: str) -> str:
    text = str(text).strip(SPACE)
    if mode.startswith("compact"):
        text = _SPACES.sub("", text)
    return text.upper() if mode == "compact_upper" else text


def applies(field, data: dict) -> bool:
    return not field.applies_to or data.get(APPLICANT_TYPE) in field.applies_to


def normalize(raw: dict) -> dict:
    """What a person typed → the JSON body the page sends (without ``meta``)."""
    out: dict = {}
    for f in FIELDS:
        if not applies(f, {APPLICANT_TYPE: _clean(raw.get(APPLICANT_TYPE) or "", "")}):
            continue
        value = raw.get(f.name)
        if f.kind == "checkbox":
            if value is True or value == "on":
                out[f.name] = True
        elif f.kind == "checkboxes":
            given = [str(v) for v in (value or [])]
            known = [o.value for o in f.options if o.value in given]
            chosen = known + [v for v in dict.fromkeys(given) if v not in known]
            if chosen:
                out[f.name] = chosen
        elif value is not None:
            text = _clean(value, f.normalize)
            if text:
                out[f.name] = text
    return out


def is_required(field, data: dict) -> bool:
    if field.required:
        return True
    for other, values in field.required_when:
        held = data.get(other)
        held = held if isinstance(held, list) else [held]
        if any(v in held for v in values):
            return True
    return False


def field_format(field, data: dict) -> str:
    if field.format_by:
        return dict(field.format_by[1]).get(data.get(field.format_by[0]), "")
    return field.format


def validate(raw: dict, today: dt.date | None = None) -> dict:
    """Errors as ``{field name: code}`` in form order; an empty dict means the application is complete."""
    data = normalize(raw)
    errors: dict = {}
    for f in FIELDS:
        if not applies(f, data):
            continue
        value = data.get(f.name)
        if value is None:
            if is_required(f, data):
                errors[f.name] = "required"
            continue
        if f.is_choice:
            values = value if isinstance(value, list) else [value]
            if any(v not in [o.value for o in f.options] for v in values):
                errors[f.name] = "invalid"
            continue
        if f.max_length and isinstance(value, str) and len(value) > f.max_length:
            errors[f.name] = "too_long"
            continue
        fmt = field_format(f, data)
        code = FORMATS[fmt](value, today) if fmt else None
        if code:
            errors[f.name] = code
    return errors
