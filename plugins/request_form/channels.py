"""The ways an application can reach a disclosure office, as configured — never more.

The 依申请公开 page and every 公开指南 list the channels from this one function, so a page can only offer
what the site does: online submission only when ``REQUEST_FORM["endpoint"]`` is set, the 查询码 lookup
only when the register publishes one (plugins/ysqgk with ``REQUESTS_SALT``), post, fax and e-mail only
when the office has an address, a fax number and an e-mail address.
"""
from __future__ import annotations

import dataclasses

AGENCY_FIELDS = {"name": "office", "address": "address", "postcode": "postcode", "hours": "hours",
                 "phone": "phone", "fax": "fax", "email": "email"}   # office key -> AGENCY key


def agency_office(agency: dict) -> dict:
    """The platform's disclosure office from ``AGENCY`` (pelicanconf.py)."""
    return {key: str(agency.get(src)).strip() for key, src in AGENCY_FIELDS.items() if agency.get(src)}


@dataclasses.dataclass(frozen=True)
class Channels:
    office: dict               # name, address, postcode, hours, phone, fax, email (what is known)
    platform: bool             # the platform's own office: the online form, the register and the lookup serve it
    online: bool = False       # the form posts to the endpoint (在线提交)
    online_paper: bool = False  # the form only prints the 申请表 and prefills an e-mail (no endpoint)
    form: bool = False         # the printable blank 申请表 (表单下载)
    lookup: bool = False       # 受理编号 + 查询码 on the 办理进度查询 page
    mail: bool = False
    fax: bool = False
    email: bool = False
    in_person: bool = False


def available(office: dict, platform: bool, endpoint: str | None, form_pages: bool, lookup: bool) -> Channels:
    """The channels of an office: ``platform`` for the office the platform's 依申请公开 column serves.

    ``endpoint``: REQUEST_FORM["endpoint"] (None when the form does not post); ``form_pages``: the request
    form plugin writes /ysqgk/apply/ and /ysqgk/form/; ``lookup``: the 查询码 lookup is published.
    """
    return Channels(
        office=dict(office), platform=platform,
        online=bool(platform and form_pages and endpoint),
        online_paper=bool(platform and form_pages and not endpoint),
        form=form_pages, lookup=bool(platform and lookup),
        mail=bool(office.get("address")), fax=bool(office.get("fax")), email=bool(office.get("email")),
        in_person=bool(office.get("address")),
    )


def lookup_published(requests) -> bool:
    """The 查询码 lookup works: the register plugin ran and codes can be checked (a salt is set)."""
    return bool(requests and str((requests.get("lookup") or {}).get("salt") or "").strip())
