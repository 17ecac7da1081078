"""The one place that knows the shape of a catalog item.

Every key an editor may write is declared here as data — its Chinese label, type,
whether it is required, and help text. The reader, ``make check``, ``make new``'s
template, the editor guide (``docs/editor-guide.md``, checked by tests/test_meta.py)
and the importer all read this module; nothing else validates fields ad hoc.
"""
from __future__ import annotations

import dataclasses

# Kinds understood by validate.py
STR, TEXT, DATE, LIST, TOPICS, VALIDITY, ATTACHMENTS, REFS, MAPPING, BOOL, INT, NUMBER = (
    "str", "text", "date", "list", "topics", "validity", "attachments", "refs", "mapping",
    "bool", "int", "number",
)


@dataclasses.dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = STR
    required: bool = False
    help: str = ""
    example: str = ""
    choices: tuple = ()
    fields: tuple = ()  # sub-fields of a MAPPING block
    minimum: float | None = None   # INT / NUMBER range (a typing slip outside it is an error)
    maximum: float | None = None

    def sub(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)


VALIDITY_STATES = ("有效", "失效", "废止")
BUDGET_TYPES = ("预算", "决算", "三公经费")

SERVICE_FIELDS = (
    Field("name", "事项名称", required=True, help="政务服务事项的规范名称"),
    Field("authority", "实施机关", required=True),
    Field("basis", "设定依据", TEXT, required=True, help="法律、法规、规章名称及条款"),
    Field("conditions", "受理条件", TEXT, required=True),
    Field("materials", "申请材料", LIST, required=True, help="每行一项材料"),
    Field("process", "办理流程", LIST, required=True, help="每行一个步骤"),
    Field("legal_limit", "法定时限", required=True, example="20个工作日"),
    Field("promised_limit", "承诺时限", required=True, example="5个工作日"),
    Field("fees", "收费标准", TEXT, required=True, example="不收费"),
    Field("location", "办理地点", TEXT, required=True),
    Field("hours", "办理时间", required=True),
    Field("consult_phone", "咨询电话", required=True),
    Field("complaint_phone", "投诉电话", required=True),
    Field("online_url", "网上办理地址", help="https:// 开头的网址"),
)

BUDGET_FIELDS = (
    Field("year", "预决算年度", INT, required=True, example="2025", minimum=1949, maximum=2099),
    Field("type", "类型", required=True, choices=BUDGET_TYPES),
    Field("unit", "预算单位", required=True),
    Field("total", "收支总额（万元）", NUMBER, minimum=0, maximum=1e9),
)

HEADNOTE_FIELDS = (
    Field("promulgated", "公布日期", DATE),
    Field("promulgation", "公布文号", help="如 海澄市人民政府令第12号"),
    Field("revised", "修订情况", LIST, help="每次修订一行，如 2023年5月8日海澄市人民政府令第20号修订"),
    Field("effective", "施行日期", DATE),
)

ATTACHMENT_FIELDS = (
    Field("path", "文件路径", required=True, help="相对于本条目文件，或以 / 开头相对于仓库根目录"),
    Field("title", "附件名称", required=True),
)

VALIDITY_FIELDS = (
    Field("status", "状态", required=True, choices=VALIDITY_STATES),
    Field("effective", "生效日期", DATE),
    Field("expires", "失效日期", DATE),
    Field("repealed", "废止日期", DATE),
    Field("note", "说明", TEXT),
)

FIELDS: tuple[Field, ...] = (
    Field("index_no", "索引号", required=True, help="唯一且永不改变；格式见 pelicanconf.py 的 INDEX_NO_PATTERN",
          example="MB1C37512/2025-00001"),
    Field("title", "名称", required=True, help="文件主标题"),
    Field("category", "信息类别", required=True, help="taxonomy.yml 中 categories 的名称"),
    Field("publisher", "发布机构", required=True, help="taxonomy.yml 中 publishers 的名称"),
    Field("published", "发布日期", DATE, required=True, example="2025-03-01"),
    Field("doc_no", "文号", help="按原文书写，如 海政规〔2025〕1号"),
    Field("written", "成文日期", DATE),
    Field("topics", "主题分类", TOPICS, help="两级，如 财政、金融、审计/财政"),
    Field("keywords", "主题词", LIST),
    Field("summary", "内容概述", TEXT, help="不超过300字"),
    Field("validity", "有效性", VALIDITY, help="有效 / 失效 / 废止，或写成带日期的块"),
    Field("genre", "体裁", help="如 通知、决定、公告、意见、办法"),
    Field("source", "信息来源"),
    Field("scope", "公开范围", choices=("全部公开", "部分公开")),
    Field("attachments", "附件", ATTACHMENTS, fields=ATTACHMENT_FIELDS),
    Field("interprets", "解读的文件", REFS, help="本条目是政策解读时，填被解读文件的索引号"),
    Field("supersedes", "替代的文件", REFS, help="本文件替代（废止）的旧文件的索引号"),
    Field("headnote", "题注", MAPPING, fields=HEADNOTE_FIELDS, help="规章、规范性文件的公布/修订/施行信息"),
    Field("service", "办事指南", MAPPING, fields=SERVICE_FIELDS, help="办事指南类条目必填（七公开）"),
    Field("budget", "财政预决算", MAPPING, fields=BUDGET_FIELDS, help="财政预决算类条目必填"),
    Field("pii_reviewed", "个人信息已审核", BOOL, help="正文确需含身份证号等个人信息并已审核时填 true"),
    Field("pii_reason", "审核说明", TEXT),
    Field("body", "正文", TEXT, help="纯 YAML 条目的正文（Markdown）；.md 文件写在 --- 之后"),
)

BY_KEY = {f.key: f for f in FIELDS}
LABELS = {f.key: f.label for f in FIELDS}
REQUIRED = tuple(f.key for f in FIELDS if f.required)

# Category "kinds" give a category its special block; taxonomy.yml assigns them.
KIND_BLOCKS = {"service": "service", "budget": "budget"}
# Kinds whose items must state their 有效性 (规章 and 行政规范性文件 are listed as 现行有效 or 废止/失效).
VALIDITY_REQUIRED = ("regulation", "normative")


def label(key: str) -> str:
    return LABELS.get(key, "")
