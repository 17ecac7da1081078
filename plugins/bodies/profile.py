"""``content/bodies/<key>.yml``: what a body's 公开指南 needs besides the catalog and the settings.

条例第十二条 asks the guide for the disclosure office's name, address, hours, phone, fax and online
contact; 第五十一条 for the ways to complain and seek review. Those are data here, checked with a
``path:line`` message each; the rest of the guide is assembled from the law map, the catalog and the
依申请公开 settings (:mod:`.guide`). ``guide`` holds the editor's free text around the generated parts.

    office: platform            # or a block: name, address, postcode, hours, phone, fax, email
    reading_rooms: [海澄市档案馆（海澄市文化路8号）]
    complaint: {name: 海澄市人民政府办公室, phone: 0596-6812028}
    review: 海澄市人民政府
    guide:
      updated: 2026-01-20
      intro: |
        …Markdown…
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from plugins._shared import bounds, pii, yamlfile, yamlpos
from plugins._shared.diagnostics import Problems, relpath
from plugins.catalog.privacy import FIX as _PII_FIX
from plugins.catalog.privacy import LABEL as PII_LABEL
from plugins.catalog.render import NESTING_FIX, nesting_problem
from plugins.catalog.taxonomy import line_problem
from plugins.request_form.channels import agency_office

PLATFORM_OFFICE = "platform"
PII_FIX = _PII_FIX.split("；")[0]
KEYS = {"office": "政府信息公开工作机构", "reading_rooms": "查阅场所", "complaint": "投诉举报",
        "review": "行政复议机关", "guide": "公开指南"}
OFFICE_KEYS = {"name": "名称", "address": "办公地址", "postcode": "邮政编码", "hours": "办公时间",
               "phone": "联系电话", "fax": "传真号码", "email": "电子邮箱"}
OFFICE_REQUIRED = ("name", "address", "hours", "phone")
COMPLAINT_KEYS = {"name": "受理机关", "phone": "电话"}
TEXTS = {"intro": "开头", "proactive": "主动公开的补充说明", "request": "依申请公开的补充说明", "outro": "结尾"}
GUIDE_KEYS = {"updated": "更新日期", **TEXTS}
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
MAX_ROOMS = 20


@dataclasses.dataclass
class Profile:
    key: str
    path: str                                   # repo-relative
    office: dict = dataclasses.field(default_factory=dict)   # name, address, postcode, hours, phone, fax, email
    platform_office: bool = False               # office: platform (the platform's office, AGENCY, serves this body)
    reading_rooms: list = dataclasses.field(default_factory=list)
    complaint: dict = dataclasses.field(default_factory=dict)   # name, phone
    review: str = ""
    updated: dt.date | None = None
    texts: dict = dataclasses.field(default_factory=dict)      # TEXTS key -> Markdown
    lines: dict = dataclasses.field(default_factory=dict)


def _text(mapping, name: str, where: str, rel: str, problems: Problems, label: str, required: bool = False,
          fix: str = "", line: int | None = None) -> str:
    """A one-line text value of ``mapping[name]`` ("" when absent or wrong, with the problem reported)."""
    value = mapping.get(name)
    line = line or (mapping.line_of(name) if hasattr(mapping, "line_of") else 0)
    section = KEYS.get(where.split(".")[0], "")
    if value is None or value == "":
        if required:
            problems.add(rel, line, where, f"缺少{label}", fix or f"写 {name}: {label}", section)
        return ""
    if isinstance(value, (dict, list, bool)):
        problems.add(rel, line, where, f"{label}应为一行文字", f"写成 {name}: 文字", section)
        return ""
    text = yamlpos.as_written(value).strip()
    problem, how = line_problem(text)
    if problem:
        problems.add(rel, line, where, f"{label}{problem}", how, section)
        return ""
    return text


def _unknown(mapping, allowed: dict, where: str, rel: str, problems: Problems) -> None:
    """Every key of ``mapping`` that is not in ``allowed`` ({key: label}); ``where`` is the section ("" = top level)."""
    for name in mapping:
        if name not in allowed:
            problems.add(rel, mapping.line_of(name), f"{where}.{name}" if where else str(name), f"未知的键“{name}”",
                         "可用：" + "、".join(f"{k}（{v}）" for k, v in allowed.items()), KEYS.get(where, ""))


def _fields(mapping, keys: dict, required: tuple, where: str, rel: str, problems: Problems) -> dict:
    """The one-line text fields ``keys`` ({key: label}) of a block such as ``office``: {key: text} of those given."""
    _unknown(mapping, keys, where, rel, problems)
    found = {}
    for name, label in keys.items():
        text = _text(mapping, name, f"{where}.{name}", rel, problems, f"{KEYS[where]}的{label}",
                     required=name in required, line=mapping.line_of(name, mapping.line or 1))
        if text:
            found[name] = text
    return found


def load_profile(path: Path, root: Path, key: str, agency: dict, problems: Problems) -> Profile | None:
    """One body's profile, or None when it cannot be read; every wrong value is reported with its line."""
    rel = relpath(path, root)
    read = yamlfile.read(path, root, "page", rel, problems)
    if read is None:
        return None
    text, data = read
    for n, line in enumerate(text.split("\n"), 1):
        for kind, masked in pii.find_in_text(line):
            problems.add(rel, n, "", f"机关信息含有疑似{pii.KINDS[kind]} {masked}", PII_FIX, PII_LABEL)
    if not isinstance(data, dict):
        problems.add(rel, 1, "", "机关信息文件应为键值结构", "顶层写 office、complaint、review、guide（见 docs/editor-guide.md）")
        return None
    profile = Profile(key=key, path=rel, lines=dict(data.lines))
    _unknown(data, KEYS, "", rel, problems)
    _office(data, profile, rel, agency, problems)
    _rooms(data, profile, rel, problems)
    _complaint(data, profile, rel, problems)
    profile.review = _text(data, "review", "review", rel, problems, KEYS["review"], required=True,
                           fix="写 review: 受理对本机关政府信息公开行为的行政复议申请的机关，如 review: 海澄市人民政府",
                           line=data.line_of("review", data.line or 1))
    _guide(data, profile, rel, problems)
    return profile


def _office(data, profile: Profile, rel: str, agency: dict, problems: Problems) -> None:
    value = data.get("office")
    if value == PLATFORM_OFFICE:
        profile.platform_office = True
        profile.office = agency_office(agency)
        missing = [OFFICE_KEYS[k] for k in OFFICE_REQUIRED if not profile.office.get(k)]
        if missing:
            problems.add("pelicanconf.py", 0, "AGENCY", f"office: platform 需要平台的政府信息公开工作机构信息，AGENCY 缺少{'、'.join(missing)}",
                         "在 AGENCY 中填写 office、address、hours、phone", KEYS["office"])
        return
    if not isinstance(value, dict):
        problems.add(rel, data.line_of("office", data.line or 1), "office",
                     "缺少政府信息公开工作机构" if value is None else f"office 应为字段块或 {PLATFORM_OFFICE}",
                     "写 office: platform（由平台的政府信息公开工作机构办理），或逐项写 name、address、postcode、hours、phone、fax、email",
                     KEYS["office"])
        return
    profile.office = _fields(value, OFFICE_KEYS, OFFICE_REQUIRED, "office", rel, problems)
    email = profile.office.get("email")
    if email and not EMAIL_RE.match(email):
        problems.add(rel, value.line_of("email"), "office.email", f"电子邮箱 {email!r} 格式不对", "如 zwgk@haicheng.gov.cn",
                     KEYS["office"])
        del profile.office["email"]


def _rooms(data, profile: Profile, rel: str, problems: Problems) -> None:
    value = data.get("reading_rooms")
    if value is None:
        return
    line = data.line_of("reading_rooms")
    if not isinstance(value, list) or len(value) > MAX_ROOMS or not all(isinstance(v, str) and v.strip() for v in value):
        problems.add(rel, line, "reading_rooms", f"查阅场所应为不超过 {MAX_ROOMS} 项的文字列表",
                     "写成 reading_rooms: [海澄市档案馆（海澄市文化路8号）, …]", KEYS["reading_rooms"])
        return
    for room in value:
        text = _text({"room": room}, "room", "reading_rooms", rel, problems, KEYS["reading_rooms"], line=line)
        if text:
            profile.reading_rooms.append(text)


def _block(data, key: str, missing: str, fix: str, rel: str, problems: Problems):
    """The required block ``data[key]`` (a mapping), or None with the problem reported."""
    value = data.get(key)
    if isinstance(value, dict):
        return value
    problems.add(rel, data.line_of(key, data.line or 1), key, missing if value is None else f"{key} 应为字段块", fix, KEYS[key])
    return None


def _complaint(data, profile: Profile, rel: str, problems: Problems) -> None:
    value = _block(data, "complaint", "缺少投诉举报的受理机关",
                   "写 complaint: {name: 政府信息公开工作主管部门, phone: 电话}（条例第四十七条、第五十一条）", rel, problems)
    if value is not None:
        profile.complaint = _fields(value, COMPLAINT_KEYS, ("name",), "complaint", rel, problems)


def _guide(data, profile: Profile, rel: str, problems: Problems) -> None:
    value = _block(data, "guide", "缺少公开指南的更新日期",
                   "写 guide: 并在下一行缩进写 updated: YYYY-MM-DD（本指南最近一次更新的日期）", rel, problems)
    if value is None:
        return
    _unknown(value, GUIDE_KEYS, "guide", rel, problems)
    raw = value.get("updated")
    line = value.line_of("updated", value.line or 1)
    updated = None
    if raw is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(raw)):
        try:
            updated = dt.date.fromisoformat(str(raw))
        except ValueError:
            updated = None
    if updated is not None and bounds.check_date(updated):
        problems.add(rel, line, "guide.updated", bounds.check_date(updated), "写本指南最近一次更新的日期", KEYS["guide"])
    elif updated is None:
        problems.add(rel, line, "guide.updated",
                     "缺少更新日期" if raw is None else f"更新日期应为 YYYY-MM-DD 格式的有效日期，实际是 {yamlpos.as_written(raw)!r}",
                     "写 updated: YYYY-MM-DD（本指南最近一次更新的日期，显示在页面上）", KEYS["guide"])
    else:
        profile.updated = updated
    for name in TEXTS:
        text = value.get(name)
        if text is None:
            continue
        if not isinstance(text, str):
            problems.add(rel, value.line_of(name), f"guide.{name}", f"“{TEXTS[name]}”应为文字（Markdown）",
                         f"写成 {name}: | 并在下一行缩进书写", KEYS["guide"])
            continue
        problem = nesting_problem(text)
        if problem:
            problems.add(rel, value.line_of(name), f"guide.{name}", problem, NESTING_FIX, KEYS["guide"])
            continue
        profile.texts[name] = text


def load_profiles(folder: Path, root: Path, body_list: list, agency: dict, taxonomy_rel: str,
                  problems: Problems) -> dict:
    """{key: Profile} for every body; a body without a file, or a file of no body, is an error."""
    keys = {b.key: b for b in body_list}
    found = {}
    files = sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []
    for path in files:
        if path.suffix not in (".yml", ".yaml"):
            continue
        rel = relpath(path, root)
        if path.stem not in keys:
            problems.add(rel, 0, "", f"文件名 {path.stem} 不是任何机关的 key",
                         "机关信息文件名用机关的 key（catalog/taxonomy.yml 中写了 type 的发布机构）"
                         + ("，可选：" + "、".join(keys) if keys else ""))
            continue
        if path.stem in found:
            problems.add(rel, 0, "", f"机关 {path.stem} 的信息已在 {found[path.stem].path} 中", "只保留一个文件")
            continue
        profile = load_profile(path, root, path.stem, agency, problems)
        if profile is not None:
            found[path.stem] = profile
    for body in body_list:
        if body.key not in found and not any(p.stem == body.key for p in files):
            problems.add(taxonomy_rel, body.line, "type", f"{body.name}是机关（type: {body.type}），但没有机关信息文件",
                         f"创建 {relpath(folder, root)}/{body.key}.yml，写明政府信息公开工作机构、投诉举报和行政复议机关及公开指南更新日期"
                         "（见 docs/editor-guide.md）")
    return {b.key: found[b.key] for b in body_list if b.key in found}
