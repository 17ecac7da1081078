"""Personal data in register fields: the site-wide detectors (身份证号, 手机号, 银行卡号) plus what a short
free-text note tends to leak — a name after 申请人/姓名, 某先生/女士, a street address, a landline or
an e-mail address. Findings are masked; nothing found is ever printed in full.

The register has no field meant for personal data; only ``note``, ``late_note`` and ``extension_by``
are free text, so the heuristics run on those; the number detectors run on every text value.
"""
from __future__ import annotations

import re

from plugins._shared.pii import KINDS, find_in_text

_DIGITS = re.compile(r"\d{7}")
NAME_AFTER = re.compile(r"(?:申请人|姓名|当事人|联系人|代理人|本人)\s*[:：为是叫]?\s*([\u4e00-\u9fff]{2,4})")
HONORIFIC = re.compile(r"([\u4e00-\u9fff]{1,2})(?:先生|女士|小姐|同志|老师|师傅)")
ADDRESS = re.compile(r"[\u4e00-\u9fff\d]{1,12}(?:路|街|巷|弄|道|村|组|小区|大厦|花园|公寓)\s*\d+\s*(?:号|栋|幢|单元|室|楼)"
                     r"|\d+\s*(?:号楼|栋|幢|单元)\s*\d*\s*(?:室|号)?")
LANDLINE = re.compile(r"(?<!\d)0\d{2,3}[-－ ]?\d{7,8}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# What is not a name after 申请人: the words staff write about an application
NOT_NAMES = ("申请", "要求", "逾期", "未", "已", "补正", "撤回", "主动", "同意", "放弃", "无法", "提交", "放弃申请")
ROLE = re.compile(r"(?:负责人|主任|副主任|科长|副科长|处长|副处长|局长|副局长|秘书长|主管|领导|负责同志)$")


def numbers(text: str) -> list[tuple[str, str]]:
    """``[(label, masked)]`` of 身份证号 / 手机号码 / 银行卡号 in ``text`` (fast when it has no long digit run)."""
    if not text or not _DIGITS.search(text.replace(" ", "").replace("-", "")):
        return []
    return [(KINDS[kind], masked) for kind, masked in find_in_text(text)]


def _mask(text: str) -> str:
    return text[0] + "*" * (len(text) - 1) if len(text) > 1 else "*"


def free_text(text: str) -> list[tuple[str, str]]:
    """``[(label, masked)]`` of everything personal the heuristics find in a short note."""
    found = numbers(text)
    for m in NAME_AFTER.finditer(text):
        name = m.group(1)
        if not name.startswith(NOT_NAMES):
            found.append(("姓名", _mask(name)))
    for m in HONORIFIC.finditer(text):
        found.append(("姓名", _mask(m.group(1)) + m.group()[len(m.group(1)):]))
    for m in ADDRESS.finditer(text):
        found.append(("地址", _mask(m.group())))
    for m in LANDLINE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        found.append(("电话号码", digits[:4] + "****" + digits[-2:]))
    for m in EMAIL.finditer(text):
        found.append(("电子邮箱", "***@" + m.group().split("@", 1)[1]))
    return found


def is_role(text: str) -> bool:
    """延期批准人 is written as a post (政府信息公开工作机构负责人), never as a person's name."""
    return bool(ROLE.search(text)) and len(text) >= 3
