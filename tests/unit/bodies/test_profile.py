"""content/bodies/<key>.yml: the data of a body's 公开指南, every wrong value a path:line message."""
import datetime as dt
from pathlib import Path

import pytest

from plugins._shared.diagnostics import Problems
from plugins.bodies.profile import load_profile, load_profiles
from plugins.catalog.taxonomy import Publisher

ROOT = Path(__file__).resolve().parents[3]
AGENCY = {"office": "测试市人民政府办公室政务公开科", "address": "测试市人民路1号", "postcode": "363100",
          "hours": "工作日9:00—17:00", "phone": "0596-1234567", "fax": "0596-1234568", "email": "zwgk@test.gov.cn"}
GOOD = """office:
  name: 测试市财政局办公室
  address: 测试市财政路2号
  postcode: "363100"
  hours: 工作日9:00—17:00
  phone: 0596-7654321
  email: czj@test.gov.cn
reading_rooms: [测试市档案馆]
complaint: {name: 测试市人民政府办公室, phone: 0596-1230000}
review: 测试市人民政府
guide:
  updated: 2026-01-20
  intro: |
    本局负责**财政**工作。
"""


def load(tmp_path, text: str, agency=AGENCY):
    path = tmp_path / "content" / "bodies" / "czj.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    profile = load_profile(path, tmp_path, "czj", agency, problems)
    return profile, [p.format() for p in problems.sorted()]


def test_a_complete_profile(tmp_path):
    profile, problems = load(tmp_path, GOOD)
    assert problems == []
    assert profile.office == {"name": "测试市财政局办公室", "address": "测试市财政路2号", "postcode": "363100",
                              "hours": "工作日9:00—17:00", "phone": "0596-7654321", "email": "czj@test.gov.cn"}
    assert not profile.platform_office and profile.reading_rooms == ["测试市档案馆"]
    assert profile.complaint == {"name": "测试市人民政府办公室", "phone": "0596-1230000"} and profile.review == "测试市人民政府"
    assert profile.updated == dt.date(2026, 1, 20) and profile.texts == {"intro": "本局负责**财政**工作。\n"}


def test_office_platform_takes_the_platforms_office_from_agency(tmp_path):
    platform = "office: platform\n" + GOOD[GOOD.index("reading_rooms"):]
    profile, problems = load(tmp_path, platform)
    assert problems == [] and profile.platform_office
    assert profile.office == {"name": "测试市人民政府办公室政务公开科", "address": "测试市人民路1号", "postcode": "363100",
                              "hours": "工作日9:00—17:00", "phone": "0596-1234567", "fax": "0596-1234568", "email": "zwgk@test.gov.cn"}
    _, problems = load(tmp_path, platform, agency={"office": "某科"})
    assert problems == ["pelicanconf.py: 政府信息公开工作机构 (AGENCY): office: platform 需要平台的政府信息公开工作机构信息，"
                        "AGENCY 缺少办公地址、办公时间、联系电话 — 在 AGENCY 中填写 office、address、hours、phone"]


@pytest.mark.parametrize("old,new,expected", [
    ("  phone: 0596-7654321\n", "", "content/bodies/czj.yml:2: 政府信息公开工作机构 (office.phone): 缺少政府信息公开工作机构的联系电话 — "
                                    "写 phone: 政府信息公开工作机构的联系电话"),
    ("czj@test.gov.cn", "czj-at-test", "content/bodies/czj.yml:7: 政府信息公开工作机构 (office.email): 电子邮箱 'czj-at-test' 格式不对 — "
                                       "如 zwgk@haicheng.gov.cn"),
    ("  address: 测试市财政路2号\n", "  address: [测试市财政路2号]\n",
     "content/bodies/czj.yml:3: 政府信息公开工作机构 (office.address): 政府信息公开工作机构的办公地址应为一行文字 — 写成 address: 文字"),
    ("review: 测试市人民政府\n", "", "content/bodies/czj.yml:1: 行政复议机关 (review): 缺少行政复议机关 — "
                                     "写 review: 受理对本机关政府信息公开行为的行政复议申请的机关，如 review: 海澄市人民政府"),
    ("complaint: {name: 测试市人民政府办公室, phone: 0596-1230000}\n", "",
     "content/bodies/czj.yml:1: 投诉举报 (complaint): 缺少投诉举报的受理机关 — "
     "写 complaint: {name: 政府信息公开工作主管部门, phone: 电话}（条例第四十七条、第五十一条）"),
    ("  updated: 2026-01-20\n", "  updated: 2026-02-30\n",
     "content/bodies/czj.yml:12: 公开指南 (guide.updated): 更新日期应为 YYYY-MM-DD 格式的有效日期，实际是 '2026-02-30' — "
     "写 updated: YYYY-MM-DD（本指南最近一次更新的日期，显示在页面上）"),
    ("  intro: |\n", "  foreword: |\n", "content/bodies/czj.yml:13: 公开指南 (guide.foreword): 未知的键“foreword” — "
                                       "可用：updated（更新日期）、intro（开头）、proactive（主动公开的补充说明）、request（依申请公开的补充说明）、outro（结尾）"),
    ("reading_rooms: [测试市档案馆]\n", "reading_room: [测试市档案馆]\n",
     "content/bodies/czj.yml:8: reading_room: 未知的键“reading_room” — 可用：office（政府信息公开工作机构）、reading_rooms（查阅场所）、"
     "complaint（投诉举报）、review（行政复议机关）、guide（公开指南）"),
    ("  hours: 工作日9:00—17:00\n", "  hours: 工作日\u200b9:00—17:00\n",
     "content/bodies/czj.yml:5: 政府信息公开工作机构 (office.hours): 政府信息公开工作机构的办公时间含有不可见字符：零宽空格（U+200B） — "
     "删除后重新输入，只写一行文字"),
])
def test_each_wrong_value_is_reported_with_its_line(tmp_path, old, new, expected):
    assert old in GOOD
    _, problems = load(tmp_path, GOOD.replace(old, new))
    assert problems == [expected]


def test_personal_data_in_a_profile_is_an_error(tmp_path):
    _, problems = load(tmp_path, GOOD.replace("  phone: 0596-7654321", "  phone: 13812345678"))
    assert problems == ["content/bodies/czj.yml:6: 机关信息含有疑似手机号码 138****5678 — 删除或遮盖个人信息后再发布"]


def test_every_body_needs_a_profile_and_every_profile_a_body(tmp_path):
    folder = tmp_path / "content" / "bodies"
    folder.mkdir(parents=True)
    (folder / "czj.yml").write_text(GOOD, encoding="utf-8")
    (folder / "jyj.yml").write_text(GOOD, encoding="utf-8")
    bodies = [Publisher("czj", "测试市财政局", type="部门", line=8), Publisher("mzj", "测试市民政局", type="部门", line=9)]
    problems = Problems()
    found = load_profiles(folder, tmp_path, bodies, AGENCY, "catalog/taxonomy.yml", problems)
    assert list(found) == ["czj"]
    assert [p.format() for p in problems.sorted()] == [
        "catalog/taxonomy.yml:9: type: 测试市民政局是机关（type: 部门），但没有机关信息文件 — 创建 content/bodies/mzj.yml，"
        "写明政府信息公开工作机构、投诉举报和行政复议机关及公开指南更新日期（见 docs/editor-guide.md）",
        "content/bodies/jyj.yml: 文件名 jyj 不是任何机关的 key — 机关信息文件名用机关的 key（catalog/taxonomy.yml 中写了 type 的发布机构），可选：czj、mzj",
    ]


def test_every_sample_body_has_a_complete_profile():
    from pelicanconf import AGENCY as SAMPLE_AGENCY
    from plugins.catalog.taxonomy import load_taxonomy

    problems = Problems()
    tax = load_taxonomy(ROOT / "catalog" / "taxonomy.yml", ROOT, problems)
    bodies = [p for p in tax.publishers if p.is_body]
    found = load_profiles(ROOT / "content" / "bodies", ROOT, bodies, SAMPLE_AGENCY, "catalog/taxonomy.yml", problems)
    assert [p.format() for p in problems] == []
    assert list(found) == [b.key for b in bodies] and len(bodies) == 11
    assert [k for k, p in found.items() if p.platform_office] == ["szf", "szfb"]
    assert all(p.updated and p.review and p.complaint["name"] for p in found.values())
