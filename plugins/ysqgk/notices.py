"""The 告知书 set for staff, generated from one register record (pure: a case → :class:`Notice` models).

登记回执 · 补正告知书 · 延期答复告知书 · 征求意见书 · 收费通知书 · 答复书 (one text per outcome row of
Table 三, grouped as in Art. 36). Legal citations and the computed dates are filled in; the
applicant's name, the information applied for and the reasons are blanks to write in by hand.
``gongkai notices`` renders them with theme/templates/notices/ into the staff-only folder — never
into the public site.
"""
from __future__ import annotations

import dataclasses

from plugins._shared.filters import zh_date

from . import deadlines as D

R = "《中华人民共和国政府信息公开条例》"
BLANK = "＿" * 16
CORRECTION_DAYS = 15       # the 合理的补正期限 (Art. 30) this site gives; REQUESTS_CORRECTION_DAYS
FEE_DAYS = 20              # days to pay a fee notice (国办函〔2020〕109号); REQUESTS_FEE_DAYS
RECEIPT_RULE = {
    "当面": "申请人当面提交政府信息公开申请的，以提交之日为收到申请之日",
    "信函": "申请人以邮寄方式提交政府信息公开申请的，以行政机关签收之日为收到申请之日；以平常信函等无需签收的邮寄方式提交的，"
          "以政府信息公开工作机构与申请人确认之日为收到申请之日",
    "网络": "申请人通过互联网渠道提交政府信息公开申请的，以双方确认之日为收到申请之日",
    "传真": "申请人通过政府信息公开工作机构的传真提交政府信息公开申请的，以双方确认之日为收到申请之日",
}
REFUSED = {
    "refused_secret": "属于依法确定为国家秘密的政府信息",
    "refused_law": "属于法律、行政法规禁止公开的政府信息",
    "refused_security": "公开后可能危及国家安全、公共安全、经济安全、社会稳定",
    "refused_third_party": "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
    "refused_internal": "属于行政机关的内部事务信息（人事管理、后勤管理、内部工作流程等方面的信息）",
    "refused_process": "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
    "refused_enforcement": "属于行政执法案卷信息",
}
REPLY = {
    "disclosed": "经审查，您申请获取的政府信息属于公开范围。依照{basis}：☐ 该信息已经主动公开，您可以通过以下方式、途径获取："
                 + BLANK + "；☐ 现向您提供该信息（见附件），提供方式：" + BLANK + "。",
    "partial": "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。依照{basis}，本机关向您提供可以公开的部分"
               "（见附件）；不予公开的部分及理由：" + BLANK + "。",
    "refused_query": "经审查，您申请获取的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定。依照{basis}，"
                     "请您依照以下规定办理：" + BLANK + "。",
    "unable_not_held": "经检索，☐ 本机关没有制作或者保存您申请获取的政府信息，该政府信息不存在（《条例》第三十六条第（四）项）；"
                       "☐ 您申请获取的政府信息不属于本机关负责公开，负责公开的机关为" + BLANK + "，联系方式：" + BLANK
                       + "（《条例》第三十六条第（五）项）。",
    "unable_create": "您申请获取的政府信息需要本机关对现有政府信息进行加工、分析才能形成。依照{basis}，本机关不予提供。",
    "unable_unclear": "本机关于{cs}告知您补正申请内容，您补正后的申请内容仍不明确，本机关无法确定您所申请的政府信息。依照{basis}，无法提供。",
    "not_processed_petition": "您以政府信息公开申请的形式提出信访、投诉、举报等事项。依照{basis}，本机关不作为政府信息公开申请处理，"
                              "请通过以下渠道提出：" + BLANK + "。",
    "not_processed_repeat": "您已就同一政府信息提出过申请，本机关已于＿＿＿＿年＿＿月＿＿日作出答复。依照{basis}，本机关不予重复处理。",
    "not_processed_publication": "您申请获取的是政府公报、报刊、书籍等公开出版物。依照{basis}，您可以通过以下途径获取：" + BLANK + "。",
    "not_processed_mass": "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，申请理由不合理。"
                          "依照{basis}，本机关不予处理。",
    "not_processed_confirm": "您的申请要求本机关确认或者重新出具您已获取的信息，不属于获取政府信息的申请，本机关不予处理。",
    "other_no_correction": "本机关于{cs}告知您补正申请内容，您无正当理由逾期未补正。依照{basis}，视为放弃申请，"
                           "本机关不再处理您的政府信息公开申请。",
    "other_no_fee": "本机关于{fs}向您发出收费通知，您逾期未缴纳信息处理费。依照{basis}，视为放弃申请，本机关不再处理您的政府信息公开申请。",
    "other_other": "处理情况和依据：" + BLANK + BLANK + "。",
}
REMEDY = ("如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。")


@dataclasses.dataclass
class Notice:
    kind: str              # receipt | correction | extension | consult | fee | reply
    title: str
    number: str            # 文书编号
    addressee: str         # the blank line before the colon
    paragraphs: list
    date: str              # 落款日期
    file: str              # file name inside the case's folder


def _d(value) -> str:
    return zh_date(value) if value else "＿＿＿＿年＿＿月＿＿日"


def _intro(case) -> str:
    return f"本机关于{_d(case.received)}收到您（单位）的政府信息公开申请（受理编号：{case.no}）"


def _due_text(d: D.Deadline) -> str:
    if d.state == D.OK:
        return _d(d.due)
    if d.state == D.UNCOVERED:
        return "、".join(str(y) for y in d.uncovered) + "年节假日安排公布后确定的日期"
    return "另行告知的日期"


def receipt(case, d: D.Deadline, code: str = "") -> Notice:
    paras = [f"您（单位）通过{case.channel}方式提出的政府信息公开申请，本机关已于{_d(case.received)}收到并登记，受理编号为 {case.no}。",
             f"依照{R}第三十一条，{RECEIPT_RULE[case.channel]}。依照第三十三条，本机关将在收到申请之日起20个工作日内"
             f"（即{_due_text(d)}前）作出答复；需要延长答复期限的，将另行书面告知。"
             "申请内容不明确需要补正的，答复期限自收到补正后的申请之日起计算；征求第三方或者其他机关意见所需时间不计算在答复期限内。",
             f"查询码：{code or BLANK}。凭受理编号和查询码可以在本机关政府信息公开平台“依申请公开—办理进度查询”页面查询办理进度。"
             "查询码只用于查询，请妥善保管，不要告诉他人。"]
    return Notice("receipt", "政府信息公开申请登记回执", f"{case.no}-回执", BLANK + "（申请人）", paras, _d(case.received),
                  "01-登记回执.html")


def correction(case, index, days: int = CORRECTION_DAYS) -> Notice:
    limit = index.add(case.correction_sent, days)
    paras = [_intro(case) + f"。经审查，您的申请内容不明确。依照{R}第三十条，请您对以下事项作出补正：",
             "1. " + BLANK + BLANK, "2. " + BLANK + BLANK, "3. " + BLANK + BLANK,
             f"请于{_d(limit)}前提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。"
             "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"]
    return Notice("correction", "政府信息公开申请补正告知书", f"{case.no}-补正", BLANK + "（申请人）", paras,
                  _d(case.correction_sent), "02-补正告知书.html")


def extension(case, d: D.Deadline) -> Notice:
    days = case.extension_days or D.EXTENSION_DAYS
    base = _d(d.base_due) if d.state == D.OK else "法定期限"
    paras = [_intro(case) + "。因" + BLANK + f"，本机关不能在法定答复期限（{base}）内作出答复。",
             f"依照{R}第三十三条第二款，经{case.extension_by}同意，答复期限延长{days}个工作日，本机关将于{_due_text(d)}前作出答复。"]
    return Notice("extension", "政府信息公开申请延期答复告知书", f"{case.no}-延期", BLANK + "（申请人）", paras,
                  _d(case.extension_date), "03-延期答复告知书.html")


def consult(case, index) -> Notice:
    by = index.add(case.consult_sent, D.THIRD_PARTY_DAYS)
    paras = [f"本机关收到一件政府信息公开申请（受理编号：{case.no}），所申请公开的政府信息可能涉及贵方的合法权益：" + BLANK + "。"
             f"依照{R}第三十二条，现书面征求贵方意见。",
             f"请自收到本征求意见书之日起15个工作日内（当日收到的，截止于{_d(by)}）书面提出是否同意公开的意见及理由。"
             "逾期未提出意见的，由本机关依照《条例》的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；"
             "本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方。"]
    return Notice("consult", "政府信息公开征求意见书", f"{case.no}-征求意见", BLANK + "（第三方或者有关机关）", paras,
                  _d(case.consult_sent), "04-征求意见书.html")


def fee(case, index, days: int = FEE_DAYS) -> Notice:
    pay_by = index.add(case.fee_sent, days)
    amount = f"{case.fee:.2f}".rstrip("0").rstrip(".")
    paras = [_intro(case) + f"。您申请公开政府信息的数量、频次明显超过合理范围，依照{R}第四十二条和《政府信息公开信息处理费管理办法》"
             "（国办函〔2020〕109号），本机关收取信息处理费。",
             f"计收方式：☐ 按件计收　☐ 按量计收。收费金额：人民币{amount}元。",
             f"请于{_d(pay_by)}前缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。"]
    return Notice("fee", "政府信息公开信息处理费收费通知书", f"{case.no}-收费", BLANK + "（申请人）", paras,
                  _d(case.fee_sent), "05-收费通知书.html")


def reply(case, outcome=None) -> Notice:
    o = outcome or case.outcome
    steps = []
    if case.correction_received:
        steps.append(f"本机关于{_d(case.correction_sent)}告知补正，于{_d(case.correction_received)}收到补正后的申请")
    if case.extension_date:
        steps.append(f"于{_d(case.extension_date)}告知延期答复")
    if case.consult_answered:
        steps.append(f"于{_d(case.consult_sent)}征求有关方面意见，于{_d(case.consult_answered)}收到意见")
    head = _intro(case) + "，申请获取“" + BLANK + "”的政府信息。" + ("；".join(steps) + "。" if steps else "") + "现答复如下："
    if o.id in REFUSED:
        body = f"经审查，您申请获取的政府信息{REFUSED[o.id]}。依照{o.basis}，本机关不予公开。"
    else:
        body = REPLY[o.id].format(basis=o.basis, cs=_d(case.correction_sent), fs=_d(case.fee_sent))
    paras = [head, body]
    if case.disclosed_as and o.group in ("disclosed", "partial"):
        paras.append(f"依照{R}第四十四条，该信息已同时纳入主动公开范围，可在本机关政府信息公开平台查阅（索引号：{case.disclosed_as}）。")
    paras.append(REMEDY)
    return Notice("reply", "政府信息公开申请答复书", f"{case.no}-答复", BLANK + "（申请人）", paras, _d(case.replied),
                  "06-答复书.html")


def for_case(case, index, code: str = "", outcome=None, correction_days: int = CORRECTION_DAYS,
             fee_days: int = FEE_DAYS) -> list[Notice]:
    """Every notice this record calls for, in the order of the procedure."""
    d = D.for_case(index, case)
    out = [receipt(case, D.compute(index, case.received), code)]     # as told on the day of receipt
    if case.correction_sent:
        out.append(correction(case, index, correction_days))
    if case.extension_date:
        out.append(extension(case, d))
    if case.consult_sent:
        out.append(consult(case, index))
    if case.fee_sent:
        out.append(fee(case, index, fee_days))
    if case.outcome or outcome:
        out.append(reply(case, outcome))
    return out
