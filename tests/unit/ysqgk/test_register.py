"""Register files: every problem reported at once with path:line in Chinese, personal data refused, 上年结转
rules, and the writer's output reads back unchanged."""
import datetime as dt
from pathlib import Path

import pytest

from plugins._shared.diagnostics import Problems
from plugins.ysqgk import privacy, writer
from plugins.ysqgk import schema as S
from plugins.ysqgk.ledger import load_register

HEADER = ",".join(S.KEYS)
KEY = "a" * 64


def row(**cells) -> str:
    base = {"no": "HC-YSQ-2025-00001", "received": "2025-03-03", "channel": "网络", "applicant": "自然人"}
    base.update(cells)
    return ",".join(str(base.get(k, "")) for k in S.KEYS)


def load(tmp_path, *rows, name="2025.csv", header=HEADER, first_year=None):
    folder = tmp_path / "content" / "requests"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    problems = Problems()
    reg = load_register(folder, tmp_path, problems, first_year)
    return reg, [p.format() for p in problems.sorted()]


def test_a_good_row(tmp_path):
    reg, problems = load(tmp_path, row(query_key=KEY, outcome="予以公开", replied="2025-03-20"))
    assert problems == []
    case = reg.cases[0]
    assert (case.no, case.received, case.column, case.outcome.id, case.line) == (
        "HC-YSQ-2025-00001", dt.date(2025, 3, 3), "natural", "disclosed", 2)
    assert reg.first_year == 2025


def test_every_problem_at_once_verbatim(tmp_path):
    _, problems = load(tmp_path,
                       row(received="2025-02-30"),
                       row(no="HC-YSQ-2025-00002", channel="飞鸽", applicant="外星人"),
                       row(no="HC-YSQ-2025-00003", outcome="予以公开"),
                       row(no="HC-YSQ-2025-00004", query_key="7KQ2-M9XD-4RTP", extension_days="30", extension_date="2025-03-20",
                           extension_by="政府信息公开工作机构负责人"),
                       row(no="HC-YSQ-2025-00005", correction_received="2025-03-05"),
                       row(no="HC-YSQ-2025-00006", replied="2025-03-01", outcome="重复申请"))
    assert problems == [
        "content/requests/2025.csv:2: 收到申请日期 (received): “2025-02-30”不是有效日期 — 按 YYYY-MM-DD 书写，如 2025-03-01",
        "content/requests/2025.csv:3: 申请人类型 (applicant): “外星人”不是可用的申请人类型 — 可选：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他",
        "content/requests/2025.csv:3: 申请渠道 (channel): “飞鸽”不是可用的申请渠道 — 可选：当面、信函、网络、传真",
        "content/requests/2025.csv:4: 答复日期 (replied): 办理结果和答复日期应同时填写 — 办结时两项都写；尚未办结的两项都留空",
        "content/requests/2025.csv:5: 延长工作日数 (extension_days): 延长工作日数“30”应为 1 至 20 的整数 — 《条例》第三十三条：延长的期限最长不超过 20 个工作日；不写即为 20",
        "content/requests/2025.csv:5: 查询码密钥 (query_key): 查询码密钥应为 64 位小写十六进制数 — 用 make register 登记（或导入命令）生成；切勿填写查询码本身",
        "content/requests/2025.csv:6: 收到补正日期 (correction_received): 填写了收到补正日期，但缺少补正告知日期 — 补写 correction_sent（补正告知日期）",
        "content/requests/2025.csv:7: 答复日期 (replied): 答复日期 2025-03-01 早于收到申请日期 2025-03-03 — 核对两个日期",
    ]


def test_header_problems(tmp_path):
    _, problems = load(tmp_path, "x,2025-03-03", header="no,recieved")
    assert sorted(problems) == sorted([
        "content/requests/2025.csv:1: applicant: 缺少“applicant”列（申请人类型） — 表头按 docs/ysqgk.md 的列名书写",
        "content/requests/2025.csv:1: channel: 缺少“channel”列（申请渠道） — 表头按 docs/ysqgk.md 的列名书写",
        "content/requests/2025.csv:1: received: 缺少“received”列（收到申请日期） — 表头按 docs/ysqgk.md 的列名书写",
        "content/requests/2025.csv:1: recieved: 未知的列“recieved”（第 2 列） — 是不是想写 received（收到申请日期）？",
    ])


@pytest.mark.parametrize("cells, found", [
    ({"no": "11010519491231002X"}, "受理编号 (no): 含有个人信息（身份证号 1101**********002X）"),
    ({"note": "申请人张三来电"}, "备注 (note): 含有个人信息（姓名 张***）"),
    ({"note": "王先生补交材料"}, "备注 (note): 含有个人信息（姓名 *先生）"),
    ({"note": "联系13812345678"}, "备注 (note): 含有个人信息（手机号码 138****5678）"),
    ({"note": "寄往海滨路12号"}, "备注 (note): 含有个人信息（地址 寄*******）"),
    ({"note": "回电0596-6812399"}, "备注 (note): 含有个人信息（电话号码 0596****99）"),
    ({"note": "发至a.b@example.com"}, "备注 (note): 含有个人信息（电子邮箱 ***@example.com）"),
    ({"extension_date": "2025-03-20", "extension_by": "李四"},
     "延期批准人 (extension_by): “李四”不是职务名称 — 写批准延期的职务，如 政府信息公开工作机构负责人（《条例》第三十三条），不写姓名"),
])
def test_personal_data_is_an_error(tmp_path, cells, found):
    reg, problems = load(tmp_path, row(**cells))
    assert reg.cases == []
    assert any(p.startswith("content/requests/2025.csv:2: " + found) for p in problems), problems


def test_staff_notes_pass():
    for text in ("申请人撤回申请", "承办科室检索延误，已约谈整改", "申请人逾期未补正"):
        assert privacy.free_text(text) == [], text
    assert privacy.is_role("政府信息公开工作机构负责人") and not privacy.is_role("张三")


def test_duplicates_and_carried(tmp_path):
    _, problems = load(tmp_path,
                       row(no="HC-YSQ-2024-00009", received="2024-12-20", carried="是"),
                       row(no="HC-YSQ-2024-00010", received="2024-12-22"),
                       row(no="HC-YSQ-2025-00001", carried="是"),
                       row(no="hc-ysq-2025-00001"), first_year=2025)
    assert problems == [
        "content/requests/2025.csv:3: 上年结转 (carried): 收到日期 2024-12-22 早于登记簿起始年份 2025 年，且在该年初尚未办结 — 写 carried: 是（结转到 2025 年继续办理）",
        "content/requests/2025.csv:3: 警告: 收到申请日期 (received): 收到日期 2024-12-22 不在 2025 年 — 移到 2024.csv（登记簿按收到申请的年份分文件）",
        "content/requests/2025.csv:4: 上年结转 (carried): 收到日期 2025-03-03 在登记簿起始年份 2025 年内，不是上年结转 — 删除“是”：本年收到的申请由收到日期统计",
        "content/requests/2025.csv:5: 受理编号 (no): 受理编号 hc-ysq-2025-00001 已在 content/requests/2025.csv:4 登记 — 每件申请只登记一次；办理进展写在原来那一行",
    ]


def test_not_utf8_and_ragged_rows(tmp_path):
    folder = tmp_path / "content" / "requests"
    folder.mkdir(parents=True)
    (folder / "2024.csv").write_bytes((HEADER + "\n" + row()).encode("gb18030"))
    (folder / "2025.csv").write_text(HEADER + "\nHC-1,2025-01-01\n", encoding="utf-8")
    problems = Problems()
    load_register(folder, tmp_path, problems)
    assert [p.format() for p in problems.sorted()] == [
        "content/requests/2024.csv: 文件不是 UTF-8 编码 — 用 make import-requests 导入 Excel/WPS 台账，或另存为“CSV UTF-8”",
        f"content/requests/2025.csv:2: 这一行有 2 格，表头有 {len(S.KEYS)} 列 — 每行的逗号个数应与表头一致；含逗号的值要加英文双引号",
    ]


def test_writer_round_trip(tmp_path):
    reg, problems = load(tmp_path, Path(__file__).parents[3].joinpath("content/requests/2025.csv")
                         .read_text(encoding="utf-8").split("\n", 1)[1].rstrip("\n"))
    assert problems == []
    text = writer.render(reg.cases)
    assert text == (Path(__file__).parents[3] / "content/requests/2025.csv").read_text(encoding="utf-8")
