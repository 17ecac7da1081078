"""Personal data detectors: 身份证号 (GB 11643 check digit), mobile numbers, bank-card numbers (Luhn).

Matches are never printed in full: every finding carries a masked form, so CI logs and the report
page do not republish what they warn about.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
# Digit runs are matched whole (not inside longer runs of digits or ASCII letters/digits).
ID_RE = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<![\d])(?:\+?86[- ]?)?(1[3-9]\d(?:[- ]?\d{4}){2})(?![\d])")
CARD_RE = re.compile(r"(?<![\d])(\d{4}(?: \d{4}){3}(?: \d{1,3})?|\d{16,19})(?![\d])")

KINDS = {"id": "身份证号", "mobile": "手机号码", "card": "银行卡号"}


@dataclasses.dataclass(frozen=True)
class Finding:
    kind: str       # id | mobile | card
    masked: str     # e.g. 3502**********123X
    where: str      # 第 12 行 / 第 3 页 / 工作表 Sheet1 B7

    @property
    def label(self) -> str:
        return KINDS[self.kind]


def id_check_digit(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def valid_id(number: str) -> bool:
    """18-character 居民身份证号码: a real birth date and the GB 11643-1999 check character."""
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not 1900 <= born.year <= 2100:
        return False
    return id_check_digit(number[:17]) == number[17]


def luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def mask(text: str) -> str:
    digits = re.sub(r"[^0-9Xx]", "", text)
    if len(digits) == 11:
        return digits[:3] + "****" + digits[-4:]
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]


def find_in_text(text: str) -> list[tuple[str, str]]:
    """``[(kind, masked)]`` for every personal number in ``text`` (one string, e.g. a line)."""
    found = []
    taken: list[tuple[int, int]] = []
    for m in ID_RE.finditer(text):
        if valid_id(m.group()):
            found.append(("id", mask(m.group())))
            taken.append(m.span())
    for m in CARD_RE.finditer(text):
        digits = m.group(1).replace(" ", "")
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        if 16 <= len(digits) <= 19 and luhn(digits):
            found.append(("card", mask(digits)))
            taken.append(m.span())
    for m in MOBILE_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        found.append(("mobile", mask(m.group(1))))
    return found


def scan_lines(lines, where=lambda n: f"第 {n} 行", start: int = 1) -> list[Finding]:
    """Findings in an iterable of lines, located by ``where(line number)``."""
    out = []
    for n, line in enumerate(lines, start):
        for kind, masked in find_in_text(line):
            out.append(Finding(kind, masked, where(n)))
    return out
