"""The 依申请公开 register as plain data: columns, choices and outcomes (docs/ysqgk.md §登记簿).

One CSV row per application, no personal data. Columns have an English key (the CSV header) and a
Chinese label (messages, docs). Outcomes are the rows of annual-report Table 三
(国办公开办函〔2021〕30号) with the article of 《政府信息公开条例》 an answer cites.
"""
from __future__ import annotations

import dataclasses

TEXT, DATE, CHOICE, BOOL, KEY, MONEY, INT = "text", "date", "choice", "bool", "key", "money", "int"


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str
    required: bool = False
    hint: str = ""          # how to write it, for messages and docs


@dataclasses.dataclass(frozen=True)
class Outcome:
    id: str                 # the Table 三 row id of the 2021 format (plugins/annual_report/formats.py)
    name: str               # short Chinese name written in the register
    group: str              # disclosed | partial | refused | unable | not_processed | other
    basis: str              # the article(s) the 答复书 cites
    art36: str = ""         # the kind of reply under Art. 36, for the 答复书


COLUMNS = (
    Column("no", "受理编号", TEXT, True, "如 HC-YSQ-2025-00012"),
    Column("query_key", "查询码密钥", KEY, False, "由 make register 或导入命令生成的 64 位十六进制数；不写查询码本身"),
    Column("received", "收到申请日期", DATE, True, "按《条例》第三十一条确定的收到申请之日，YYYY-MM-DD"),
    Column("channel", "申请渠道", CHOICE, True, "当面、信函、网络 或 传真"),
    Column("applicant", "申请人类型", CHOICE, True, "自然人、商业企业、科研机构、社会公益组织、法律服务机构 或 其他"),
    Column("carried", "上年结转", BOOL, False, "登记簿起始年份之前收到、结转到起始年份继续办理的写 是"),
    Column("correction_sent", "补正告知日期", DATE),
    Column("correction_received", "收到补正日期", DATE),
    Column("extension_date", "延期告知日期", DATE),
    Column("extension_days", "延长工作日数", INT, False, "1 至 20，不写为 20"),
    Column("extension_by", "延期批准人", TEXT, False, "写职务，如 政府信息公开工作机构负责人，不写姓名"),
    Column("consult_sent", "征求意见日期", DATE),
    Column("consult_answered", "收到意见日期", DATE, False, "第三方逾期未答复的，写期满之日"),
    Column("fee", "信息处理费（元）", MONEY, False, "收费通知的金额，如 300"),
    Column("fee_sent", "收费通知日期", DATE),
    Column("outcome", "办理结果", CHOICE, False, "表三的一行，如 予以公开、本机关不掌握"),
    Column("replied", "答复日期", DATE),
    Column("late_note", "逾期说明", TEXT, False, "答复确已逾期的，简要说明原因和整改情况（不写个人信息）"),
    Column("review", "行政复议结果", CHOICE, False, "结果维持、结果纠正、其他结果 或 尚未审结"),
    Column("review_filed", "申请复议日期", DATE),
    Column("review_decided", "复议审结日期", DATE),
    Column("suit", "行政诉讼结果", CHOICE, False, "结果维持、结果纠正、其他结果 或 尚未审结"),
    Column("suit_filed", "起诉日期", DATE),
    Column("suit_decided", "诉讼审结日期", DATE),
    Column("disclosed_as", "主动公开索引号", TEXT, False, "答复内容依《条例》第四十四条转为主动公开的，写该信息的索引号"),
    Column("note", "备注", TEXT, False, "不超过 60 个字，不写姓名、证件号码、电话、地址"),
)
BY_KEY = {c.key: c for c in COLUMNS}
KEYS = tuple(c.key for c in COLUMNS)
LABELS = {c.key: c.label for c in COLUMNS}
REQUIRED = tuple(c.key for c in COLUMNS if c.required)
NOTE_MAX = 60
EXTENSION_MAX = 20

CHANNELS = ("当面", "信函", "网络", "传真")
CHANNEL_ALIASES = {"现场": "当面", "当场": "当面", "邮寄": "信函", "挂号信": "信函", "在线": "网络", "互联网": "网络",
                   "网上": "网络", "电子邮件": "网络", "邮件": "网络", "数据电文": "网络"}
# Table 三 applicant columns (plugins/annual_report/formats.py T3_COLUMNS without 总计): label → column id
APPLICANTS = {"自然人": "natural", "商业企业": "business", "科研机构": "research", "社会公益组织": "nonprofit",
              "法律服务机构": "legal_service", "其他": "other"}
APPLICANT_ALIASES = {"公民": "自然人", "个人": "自然人", "企业": "商业企业", "律师事务所": "法律服务机构",
                     "公益组织": "社会公益组织", "其他组织": "其他"}
# Table 四 columns (T4_COLUMNS without 总计): label → column id
RESULTS = {"结果维持": "upheld", "结果纠正": "corrected", "其他结果": "other", "尚未审结": "pending"}
RESULT_ALIASES = {"维持": "结果维持", "纠正": "结果纠正", "撤销": "结果纠正", "确认违法": "结果纠正", "责令履行": "结果纠正",
                  "其他": "其他结果", "未审结": "尚未审结", "审理中": "尚未审结"}
BOOLS = {"是": True, "否": False, "": False}

_R = "《中华人民共和国政府信息公开条例》"
OUTCOMES = (
    Outcome("disclosed", "予以公开", "disclosed", f"{_R}第三十六条第（一）项、第（二）项", "1-2"),
    Outcome("partial", "部分公开", "partial", f"{_R}第三十七条、第三十六条第（三）项", "3"),
    Outcome("refused_secret", "国家秘密", "refused", f"{_R}第十四条、第三十六条第（三）项", "3"),
    Outcome("refused_law", "法律法规禁止公开", "refused", f"{_R}第十四条、第三十六条第（三）项", "3"),
    Outcome("refused_security", "危及三安全一稳定", "refused", f"{_R}第十四条、第三十六条第（三）项", "3"),
    Outcome("refused_third_party", "保护第三方合法权益", "refused", f"{_R}第十五条、第三十六条第（三）项", "3"),
    Outcome("refused_internal", "内部事务信息", "refused", f"{_R}第十六条第一款、第三十六条第（三）项", "3"),
    Outcome("refused_process", "过程性信息", "refused", f"{_R}第十六条第二款、第三十六条第（三）项", "3"),
    Outcome("refused_enforcement", "行政执法案卷", "refused", f"{_R}第十六条第二款、第三十六条第（三）项", "3"),
    Outcome("refused_query", "行政查询事项", "refused", f"{_R}第三十六条第（七）项", "7"),
    Outcome("unable_not_held", "本机关不掌握", "unable", f"{_R}第三十六条第（四）项、第（五）项", "4-5"),
    Outcome("unable_create", "需另行制作", "unable", f"{_R}第三十八条", ""),
    Outcome("unable_unclear", "补正后仍不明确", "unable", f"{_R}第二十九条、第三十条", ""),
    Outcome("not_processed_petition", "信访举报投诉", "not_processed", f"{_R}第三十九条第一款", ""),
    Outcome("not_processed_repeat", "重复申请", "not_processed", f"{_R}第三十六条第（六）项", "6"),
    Outcome("not_processed_publication", "公开出版物", "not_processed", f"{_R}第三十九条第二款", ""),
    Outcome("not_processed_mass", "大量反复申请", "not_processed", f"{_R}第三十五条", ""),
    Outcome("not_processed_confirm", "要求确认或重新出具", "not_processed", _R, ""),
    Outcome("other_no_correction", "逾期不补正", "other", f"{_R}第三十条", ""),
    Outcome("other_no_fee", "逾期未缴费", "other", f"{_R}第四十二条，《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）", ""),
    Outcome("other_other", "其他处理", "other", _R, ""),
)
OUTCOME_BY_ID = {o.id: o for o in OUTCOMES}
OUTCOME_BY_NAME = {o.name: o for o in OUTCOMES}
GROUPS = (("disclosed", "予以公开"), ("partial", "部分公开"), ("refused", "不予公开"), ("unable", "无法提供"),
          ("not_processed", "不予处理"), ("other", "其他处理"))
GROUP_NAMES = dict(GROUPS)
# Table 三 rows of the 2019 trial format: the three （六） rows are one
OUTCOME_2019 = {"other_no_correction": "other", "other_no_fee": "other", "other_other": "other"}
