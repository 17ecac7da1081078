"""The 政府信息公开申请表 as data — the one source for the page, the blank form, the JSON Schema,
the Python validators and (through :func:`rules`) the browser validators.

Fields follow 《政府信息公开条例》 Art. 29 and the common 样表 (docs/rules.md §1). Option values
are ASCII codes so the 繁体 build (OpenCC over HTML) never changes what is submitted; labels are
the Chinese text people see. Error messages are data too: the page carries them in data
attributes, so no user-facing string lives in JavaScript.
"""
from __future__ import annotations

import dataclasses

APPLICANT_TYPE = "applicant_type"


@dataclasses.dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclasses.dataclass(frozen=True)
class Field:
    """One input. ``kind``: text, textarea, email, tel, select, radios, checkboxes, checkbox."""

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    applies_to: tuple = ()                 # applicant types this field belongs to; () = every applicant
    required_when: tuple = ()              # ((field, (values…)), …): required if any field holds any value
    format: str = ""                       # a key of validators.FORMATS
    format_by: tuple = ()                  # (field, ((value, format), …)): format chosen by another field
    max_length: int = 0
    options: tuple = ()
    normalize: str = ""                    # "compact" (drop spaces) or "compact_upper"
    hint: str = ""
    autocomplete: str = ""
    messages: tuple = ()                   # ((code, text), …) overriding the defaults below
    rows: int = 0                          # textarea height; also the blank form's writing space
    paper_label: str = ""                  # row heading on the paper form when it differs from label

    @property
    def is_choice(self) -> bool:
        return self.kind in ("select", "radios", "checkboxes")

    def option_label(self, value: str) -> str:
        return next((o.label for o in self.options if o.value == value), value)

    def formats(self) -> list[str]:
        """Every format this field can be checked with (one, or one per value of ``format_by``)."""
        if self.format:
            return [self.format]
        return sorted({fmt for _, fmt in self.format_by[1]}) if self.format_by else []

    def codes(self) -> list[str]:
        """Every error code this field can produce, in a stable order."""
        from .validators import FORMAT_CODES

        codes = ["required"] if (self.required or self.required_when) else []
        if self.max_length:
            codes.append("too_long")
        if self.is_choice:
            codes.append("invalid")
        for fmt in self.formats():
            codes.extend(c for c in FORMAT_CODES[fmt] if c not in codes)
        return codes

    def message(self, code: str) -> str:
        own = dict(self.messages)
        if code in own:
            return own[code]
        if code == "required":
            verb = "选择" if self.kind in ("select", "radios", "checkboxes") else "填写"
            return f"请{verb}{self.label}"
        if code == "too_long":
            return f"{self.label}不能超过{self.max_length}个字"
        if code == "invalid":
            return f"请从列出的选项中选择{self.label}"
        return MESSAGES[code]


@dataclasses.dataclass(frozen=True)
class Group:
    """A titled section of the form (an h2 on the page, a row group on the paper form)."""

    key: str
    title: str
    fields: tuple
    applies_to: str = ""
    hint: str = ""
    paper_title: str = ""                  # shorter heading for the paper form's narrow first column

    @property
    def paper_heading(self) -> str:
        return self.paper_title or self.title


# Messages of the format validators (validators.FORMAT_CODES lists which format yields which).
MESSAGES = {
    "id_format": "居民身份证号码应为18位，前17位是数字，最后一位是数字或字母X",
    "id_birthdate": "身份证号码第7至14位的出生日期不正确，请核对",
    "id_checksum": "身份证号码最后一位（校验码）与前17位不符，请逐位核对",
    "other_id_format": "证件号码应为5至30位字母或数字，不含空格和符号",
    "uscc_format": "统一社会信用代码应为18位，由数字和大写字母组成（不含I、O、Z、S、V）",
    "uscc_checksum": "统一社会信用代码最后一位（校验码）与前17位不符，请逐位核对",
    "mobile": "手机号码应为11位数字，以1开头，如 13812345678",
    "landline": "固定电话请按“区号-号码”填写，如 0596-6812345",
    "email": "请输入正确的电子邮箱，如 name@example.com",
    "postcode": "邮政编码应为6位数字",
}

APPLICANT_TYPES = (Option("citizen", "公民"), Option("organisation", "法人或其他组织"))
ID_TYPES = (
    Option("resident_id", "居民身份证"),
    Option("residence_permit", "港澳台居民居住证"),
    Option("hk_mo_pass", "港澳居民来往内地通行证"),
    Option("tw_pass", "台湾居民来往大陆通行证"),
    Option("passport", "护照"),
    Option("foreign_pr", "外国人永久居留身份证"),
    Option("other", "其他有效身份证件"),
)
ID_FORMATS = (("resident_id", "gb11643"), ("residence_permit", "gb11643"), ("hk_mo_pass", "other_id"),
              ("tw_pass", "other_id"), ("passport", "other_id"), ("foreign_pr", "other_id"), ("other", "other_id"))
FORMATS_WANTED = (Option("paper", "纸质"), Option("email", "电子邮件"), Option("cd", "光盘"), Option("disk", "磁盘"))
DELIVERY = (Option("post", "邮寄"), Option("courier", "快递"), Option("email", "电子邮件"), Option("fax", "传真"),
            Option("collect", "自行领取"), Option("onsite", "当场阅读、抄录"))
BY_POST = (("delivery", ("post", "courier")),)

GROUPS = (
    Group("applicant", "申请人类型", (
        Field(APPLICANT_TYPE, "申请人类型", "radios", required=True, options=APPLICANT_TYPES),
    )),
    Group("citizen", "申请人信息（公民）", (
        Field("name", "姓名", required=True, applies_to=("citizen",), max_length=50, autocomplete="name"),
        Field("employer", "工作单位", applies_to=("citizen",), max_length=100, autocomplete="organization"),
        Field("id_type", "证件类型", "select", required=True, applies_to=("citizen",), options=ID_TYPES),
        Field("id_number", "证件号码", required=True, applies_to=("citizen",), max_length=30,
              format_by=("id_type", ID_FORMATS), normalize="compact_upper",
              hint="居民身份证号码为18位，最后一位可能是字母X"),
    ), applies_to="citizen", paper_title="公民"),
    Group("organisation", "申请人信息（法人或其他组织）", (
        Field("org_name", "名称", required=True, applies_to=("organisation",), max_length=100,
              autocomplete="organization", messages=(("required", "请填写法人或其他组织的名称"),)),
        Field("credit_code", "统一社会信用代码", required=True, applies_to=("organisation",),
              format="gb32100", normalize="compact_upper", hint="18位，见营业执照或登记证书"),
        Field("legal_rep", "法定代表人或负责人", required=True, applies_to=("organisation",), max_length=50),
        Field("contact_name", "联系人姓名", required=True, applies_to=("organisation",), max_length=50,
              autocomplete="name"),
    ), applies_to="organisation", paper_title="法人或其他组织"),
    Group("contact", "联系方式", (
        Field("phone", "联系电话", "tel", required=True, format="phone", max_length=30, normalize="compact",
              autocomplete="tel", hint="手机号码，或带区号的固定电话"),
        Field("email", "电子邮箱", "email", format="email", max_length=100, autocomplete="email",
              required_when=(("delivery", ("email",)), ("formats", ("email",))),
              hint="选择以电子邮件提供或获取时必填",
              messages=(("required", "选择以电子邮件提供或获取信息时，请填写电子邮箱"),)),
        Field("fax", "传真", "tel", format="landline", max_length=30, normalize="compact",
              required_when=(("delivery", ("fax",)),), hint="选择以传真获取时必填",
              messages=(("required", "选择以传真获取信息时，请填写传真号码"),
                        ("landline", "传真号码请按“区号-号码”填写，如 0596-6812346"))),
        Field("address", "通信地址", max_length=200, autocomplete="street-address", required_when=BY_POST,
              hint="选择邮寄或快递时必填",
              messages=(("required", "选择邮寄或快递时，请填写通信地址"),)),
        Field("postcode", "邮政编码", format="postcode", normalize="compact",
              autocomplete="postal-code", required_when=BY_POST,
              messages=(("required", "选择邮寄或快递时，请填写邮政编码"),)),
    )),
    Group("information", "所需政府信息", paper_title="所需信息", fields=(
        Field("description", "所需信息的内容描述", "textarea", required=True, max_length=2000, rows=6,
              hint="请尽量写明信息的名称、文号、制作机关、大致时间等特征，便于查找。一份申请只申请一项信息。",
              messages=(("required", "请描述您需要的政府信息"),)),
        Field("doc_title", "所需信息的名称", max_length=200, hint="如知道，请填写"),
        Field("doc_no", "文号", max_length=100, hint="如 海政办〔2025〕12号"),
        Field("index_no", "索引号", max_length=100, hint="本站公开目录中每条信息都有索引号"),
        Field("purpose", "所需信息的用途", "textarea", max_length=500, rows=3),
    )),
    Group("delivery", "提供方式和获取方式", paper_title="提供和获取", fields=(
        Field("formats", "所需信息的指定提供方式", "checkboxes", required=True, options=FORMATS_WANTED,
              hint="可多选"),
        Field("delivery", "获取信息的方式", "checkboxes", required=True, options=DELIVERY, hint="可多选"),
        Field("accept_other", "若无法按指定方式提供，可接受其他方式", "checkbox", paper_label="其他方式"),
    )),
    Group("declaration", "声明", (
        Field("declaration", "我确认以上填写的信息真实、准确，并知悉本申请将依照《中华人民共和国政府信息公开条例》办理",
              "checkbox", required=True, paper_label="申请人声明",
              messages=(("required", "请阅读并勾选声明"),)),
    )),
)

FIELDS = tuple(f for g in GROUPS for f in g.fields)
BY_NAME = {f.name: f for f in FIELDS}


def rules() -> dict:
    """The machine-readable rules the browser applies (theme/static/js/request-form.js reads this)."""
    from .validators import PATTERNS

    out = []
    for f in FIELDS:
        out.append({
            "name": f.name, "kind": f.kind, "required": f.required,
            "applies_to": list(f.applies_to),
            "required_when": {field: list(values) for field, values in f.required_when},
            "format": f.format,
            "format_by": {"field": f.format_by[0], "map": dict(f.format_by[1])} if f.format_by else None,
            "max_length": f.max_length,
            "options": [o.value for o in f.options],
            "normalize": f.normalize,
        })
    return {"fields": out, "patterns": PATTERNS}
