"""The statutory reply deadline of one application (《政府信息公开条例》第三十条至第三十三条), as a pure function.

Rules (docs/ysqgk.md §答复期限; theme/static/js/ysqgk-deadline.js is the browser's twin and the two
are tested on the same cases):

* The clock starts on the day of receipt (Art. 31: the date recorded in ``received``); when a
  补正 notice was sent, it starts again on the day the corrected application arrived (Art. 30).
  While the corrected application has not arrived there is no deadline (state ``correction``).
* The reply is due on the 20th working day after the start (Art. 33; the start day itself is not
  counted). An extension recorded in the register adds ``extension_days`` (at most 20) working days.
* Time spent consulting a third party or another agency is not counted (Art. 32–33): the working
  days in (sent, answered] are added, provided the consultation began before the deadline it would
  shift. While an answer is awaited there is no deadline (state ``consulting``).
* If any year from the day of receipt to the deadline has no working-day calendar
  (content/calendar/<year>.yml), no deadline is given (state ``uncovered``) — never a guess.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

REPLY_DAYS = 20            # Art. 33 para. 2
EXTENSION_DAYS = 20        # Art. 33 para. 2: at most 20
CORRECTION_NOTICE_DAYS = 7  # Art. 30: the 补正 notice goes out within 7 working days
THIRD_PARTY_DAYS = 15      # Art. 32: the third party answers within 15 working days
DUE_SOON_DAYS = 5          # make check warns about open cases due within this many working days

OK, CORRECTION, CONSULTING, UNCOVERED = "ok", "correction", "consulting", "uncovered"


@dataclasses.dataclass(frozen=True, slots=True)
class Deadline:
    state: str                       # ok | correction | consulting | uncovered
    start: dt.date | None = None     # the day the clock (re)started
    base_due: dt.date | None = None  # 20 working days (+ consultation), without the extension
    due: dt.date | None = None       # the statutory deadline (with extension and consultation)
    paused: int = 0                  # working days not counted (consultation)
    uncovered: tuple = ()            # years without a calendar


def compute(index, received: dt.date, correction_sent=None, correction_received=None, extension_date=None,
            extension_days=None, consult_sent=None, consult_answered=None) -> Deadline:
    """The deadline under the rules above; ``index`` is a :class:`~.workindex.WorkdayIndex` (or anything
    with ``add``, ``between`` and ``uncovered``)."""
    if correction_sent is not None and correction_received is None:
        return Deadline(CORRECTION)
    start = correction_received or received
    ext = (extension_days or EXTENSION_DAYS) if extension_date is not None else 0
    if consult_sent is not None and consult_answered is None:
        missing = index.uncovered(received, max(consult_sent, start))
        return Deadline(UNCOVERED if missing else CONSULTING, start, uncovered=missing)
    pause_from = max(consult_sent, start) if consult_sent is not None else None

    def due_for(n: int) -> tuple[dt.date, int]:
        plain = index.add(start, n)
        if pause_from is None or pause_from >= plain:
            return plain, 0
        paused = index.between(pause_from, max(consult_answered, pause_from))
        return index.add(start, n + paused), paused

    base_due, _ = due_for(REPLY_DAYS)
    due, paused = due_for(REPLY_DAYS + ext)
    missing = index.uncovered(received, due)
    if missing:
        return Deadline(UNCOVERED, start, uncovered=missing)
    return Deadline(OK, start, base_due, due, paused)


def for_case(index, case) -> Deadline:
    return compute(index, case.received, case.correction_sent, case.correction_received, case.extension_date,
                   case.extension_days, case.consult_sent, case.consult_answered)


# --- status for the 查询码 lookup ---------------------------------------------------------------------
STATUSES = {"registered": "已登记", "correction": "补正中", "extended": "已延期", "consulting": "征求意见中",
            "answered": "已答复"}


def status(case) -> str:
    """已答复 > 征求意见中 > 补正中 > 已延期 > 已登记 (the first that applies)."""
    if case.replied is not None:
        return "answered"
    if case.consult_sent is not None and case.consult_answered is None:
        return "consulting"
    if case.correction_sent is not None and case.correction_received is None:
        return "correction"
    if case.extension_date is not None:
        return "extended"
    return "registered"


def payload(case) -> dict:
    """What the lookup publishes (encrypted) for a case: its status and process dates, nothing else."""
    out = {"s": status(case), "r": case.received.isoformat()}
    for short, key in (("cs", "correction_sent"), ("cr", "correction_received"), ("e", "extension_date"),
                       ("ks", "consult_sent"), ("ka", "consult_answered"), ("d", "replied")):
        value = getattr(case, key)
        if value is not None:
            out[short] = value.isoformat()
    if case.extension_date is not None and case.extension_days:
        out["ed"] = case.extension_days
    return out
