"""The statutory annual-report formats as plain data: rows, columns and labels (docs/rules.md §2).

``2021`` is 国办公开办函〔2021〕30号 (reports for 2021 onwards), ``2019`` the 60号 trial format
(reports for 2019–2020). Every row and column has a short id (what editors write in YAML) and the
label printed on the form. Checks, rendering and exports read these definitions; nothing else
hard-codes a label.

Typography: the forms print “三安全一稳定” with Chinese quotation marks; some transcriptions print
them as ASCII quotes.
"""
from __future__ import annotations

import dataclasses

INT, AMOUNT, SIGNED = "int", "amount", "signed"   # non-negative integer · 万元 (decimals) · may be negative


@dataclasses.dataclass(frozen=True)
class Column:
    id: str
    label: str
    kind: str = INT


@dataclasses.dataclass(frozen=True)
class Row:
    id: str
    label: str
    group: str = ""        # Table 三: refused/unable/not_processed/other; Table 二: the block id
    result: bool = False   # Table 三: inside the vertical 三、本年度办理结果 group


@dataclasses.dataclass(frozen=True)
class Block:
    """One 第二十条第（N）项 block of Table 二."""

    id: str
    label: str
    columns: tuple
    rows: tuple
    from_catalog: bool = False   # 2021 第（一）项: counted from the catalog when not typed


@dataclasses.dataclass(frozen=True)
class Format:
    key: str
    name: str
    blocks: tuple
    t3_rows: tuple
    t3_groups: dict

    @property
    def t2_rows(self) -> dict:
        """Row id → (block, row) for Table 二."""
        return {row.id: (block, row) for block in self.blocks for row in block.rows}

    @property
    def t3_by_id(self) -> dict:
        return {row.id: row for row in self.t3_rows}

    def t3_label(self, row: Row) -> str:
        """Full row name for messages: 三、本年度办理结果 （三）不予公开 1.属于国家秘密."""
        parts = ([RESULT_LABEL] if row.result else []) + ([self.t3_groups[row.group]] if row.group else [])
        return " ".join(parts + [row.label])

    def t2_label(self, block: Block, row: Row) -> str:
        return f"{block.label} {row.label}"


RESULT_LABEL = "三、本年度办理结果"
APPLICANT_LABEL = "申请人情况"
LEGAL_PERSON_LABEL = "法人或其他组织"
CHECKSUM_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
CONTENT_LABEL = "信息内容"

T3_COLUMNS = (
    Column("natural", "自然人"),
    Column("business", "商业企业"),
    Column("research", "科研机构"),
    Column("nonprofit", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other", "其他"),
    Column("total", "总计"),
)
T3_LEGAL = ("business", "research", "nonprofit", "legal_service", "other")

T4_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
T4_GROUPS = (   # (id, label for messages, header cells)
    ("review", "行政复议", ("行政复议",)),
    ("direct", "行政诉讼 未经复议直接起诉", ("行政诉讼", "未经复议直接起诉")),
    ("after_review", "行政诉讼 复议后起诉", ("行政诉讼", "复议后起诉")),
)
REVIEW_LABEL, LITIGATION_LABEL = "行政复议", "行政诉讼"

_GROUPS = {
    "refused": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}


def _r(id_, label, group=""):
    return Row(id_, label, group, result=True)


_T3_HEAD = (
    Row("new", "一、本年新收政府信息公开申请数量"),
    Row("carried", "二、上年结转政府信息公开申请数量"),
    _r("disclosed", "（一）予以公开"),
    _r("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    _r("refused_secret", "1.属于国家秘密", "refused"),
    _r("refused_law", "2.其他法律行政法规禁止公开", "refused"),
    _r("refused_security", "3.危及“三安全一稳定”", "refused"),
    _r("refused_third_party", "4.保护第三方合法权益", "refused"),
    _r("refused_internal", "5.属于三类内部事务信息", "refused"),
    _r("refused_process", "6.属于四类过程性信息", "refused"),
    _r("refused_enforcement", "7.属于行政执法案卷", "refused"),
    _r("refused_query", "8.属于行政查询事项", "refused"),
    _r("unable_not_held", "1.本机关不掌握相关政府信息", "unable"),
    _r("unable_create", "2.没有现成信息需要另行制作", "unable"),
    _r("unable_unclear", "3.补正后申请内容仍不明确", "unable"),
    _r("not_processed_petition", "1.信访举报投诉类申请", "not_processed"),
    _r("not_processed_repeat", "2.重复申请", "not_processed"),
    _r("not_processed_publication", "3.要求提供公开出版物", "not_processed"),
    _r("not_processed_mass", "4.无正当理由大量反复申请", "not_processed"),
    _r("not_processed_confirm", "5.要求行政机关确认或重新出具已获取信息", "not_processed"),
)
_T3_TAIL = (
    _r("total", "（七）总计"),
    Row("carry_forward", "四、结转下年度继续办理"),
)
T3_RESULT_TOTAL = "total"

FORMAT_2021 = Format(
    key="2021",
    name="国办公开办函〔2021〕30号",
    blocks=(
        Block("art20_1", "第二十条第（一）项",
              (Column("issued", "本年制发件数"), Column("repealed", "本年废止件数"), Column("current", "现行有效件数")),
              (Row("regulations", "规章", "art20_1"), Row("normative", "行政规范性文件", "art20_1")),
              from_catalog=True),
        Block("art20_5", "第二十条第（五）项", (Column("decisions", "本年处理决定数量"),),
              (Row("licensing", "行政许可", "art20_5"),)),
        Block("art20_6", "第二十条第（六）项", (Column("decisions", "本年处理决定数量"),),
              (Row("penalty", "行政处罚", "art20_6"), Row("compulsion", "行政强制", "art20_6"))),
        Block("art20_8", "第二十条第（八）项", (Column("amount", "本年收费金额（单位：万元）", AMOUNT),),
              (Row("fees", "行政事业性收费", "art20_8"),)),
    ),
    t3_rows=_T3_HEAD + (
        _r("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other"),
        _r("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other"),
        _r("other_other", "3.其他", "other"),
    ) + _T3_TAIL,
    t3_groups=_GROUPS,
)

_ITEMS = (Column("prev_items", "上一年项目数量"), Column("change", "本年增/减", SIGNED))
FORMAT_2019 = Format(
    key="2019",
    name="国办公开办函〔2019〕60号",
    blocks=(
        Block("art20_1", "第二十条第（一）项",
              (Column("made", "本年新制作数量"), Column("published", "本年新公开数量"), Column("total_public", "对外公开总数量")),
              (Row("regulations", "规章", "art20_1"), Row("normative", "规范性文件", "art20_1"))),
        Block("art20_5", "第二十条第（五）项", _ITEMS + (Column("decisions", "处理决定数量"),),
              (Row("licensing", "行政许可", "art20_5"), Row("other_services", "其他对外管理服务事项", "art20_5"))),
        Block("art20_6", "第二十条第（六）项", _ITEMS + (Column("decisions", "处理决定数量"),),
              (Row("penalty", "行政处罚", "art20_6"), Row("compulsion", "行政强制", "art20_6"))),
        Block("art20_8", "第二十条第（八）项", _ITEMS, (Row("fees", "行政事业性收费", "art20_8"),)),
        Block("art20_9", "第二十条第（九）项", (Column("items", "采购项目数量"), Column("amount", "采购总金额", AMOUNT)),
              (Row("procurement", "政府集中采购", "art20_9"),)),
    ),
    t3_rows=_T3_HEAD + (_r("other", "（六）其他处理"),) + _T3_TAIL,
    t3_groups={k: v for k, v in _GROUPS.items() if k != "other"},
)

FORMATS = {"2021": FORMAT_2021, "2019": FORMAT_2019}
FREE = "free"
FORMAT_NAMES = {"2021": FORMAT_2021.name, "2019": FORMAT_2019.name, FREE: "自由格式（2019年以前）"}

# 一、总体情况 of the 2021 format: five sub-parts (id, heading)
OVERVIEW_PARTS = (
    ("proactive", "主动公开"),
    ("requests", "依申请公开"),
    ("management", "政府信息管理"),
    ("platform", "政府信息公开平台建设"),
    ("oversight", "监督保障"),
)
SECTIONS = (
    ("overview", "一、总体情况"),
    ("table2", "二、主动公开政府信息情况"),
    ("table3", "三、收到和处理政府信息公开申请情况"),
    ("table4", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other", "六、其他需要报告的事项"),
)
SECTION_LABELS = dict(SECTIONS)

# The main series across years (chart, series.csv): id → label
SERIES = (
    ("received", "新收申请"),
    ("disclosed", "予以公开"),
    ("partial", "部分公开"),
    ("review", "行政复议"),
    ("litigation", "行政诉讼"),
)
