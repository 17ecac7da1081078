"""Regenerate the sample catalog's attachments in catalog/files/ (small, valid PDF and XLSX).

Run from the repository root: ``.venv/bin/python scripts/make_sample_files.py``. The figures
match the bodies and ``budget:`` blocks of the items that link these files.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pdf import minimal_pdf  # noqa: E402

FILES = ROOT / "catalog" / "files"
FIXED = dt.datetime(2025, 1, 1)   # document properties, so re-running gives the same workbook content

BUDGET_2025 = {
    "unit": "海澄市财政局",
    "income": [("一般公共预算拨款收入", "3108.25"), ("政府性基金预算拨款收入", "0.00"),
               ("其他收入", "148.15"), ("收入合计", "3256.40")],
    "spending": [("基本支出", "2390.62"), ("  其中：人员经费", "1984.37"), ("  公用经费", "406.25"),
                 ("项目支出", "865.78"), ("支出合计", "3256.40")],
    "function": [("一般公共服务支出", "2761.34"), ("社会保障和就业支出", "298.46"),
                 ("卫生健康支出", "96.12"), ("住房保障支出", "100.48"), ("合计", "3256.40")],
    "sangong": [("因公出国（境）费", "0.00"), ("公务用车购置费", "0.00"), ("公务用车运行维护费", "21.40"),
                ("公务接待费", "7.20"), ("合计", "28.60")],
}
BUDGET_2026 = {
    "unit": "海澄市财政局",
    "income": [("一般公共预算拨款收入", "3185.90"), ("政府性基金预算拨款收入", "0.00"),
               ("其他收入", "132.82"), ("收入合计", "3318.72")],
    "spending": [("基本支出", "2436.15"), ("  其中：人员经费", "2031.66"), ("  公用经费", "404.49"),
                 ("项目支出", "882.57"), ("支出合计", "3318.72")],
    "function": [("一般公共服务支出", "2815.03"), ("社会保障和就业支出", "305.21"),
                 ("卫生健康支出", "95.30"), ("住房保障支出", "103.18"), ("合计", "3318.72")],
    "sangong": [("因公出国（境）费", "0.00"), ("公务用车购置费", "0.00"), ("公务用车运行维护费", "20.10"),
                ("公务接待费", "6.80"), ("合计", "26.90")],
}


def budget_lines(data: dict, year: int) -> list[str]:
    lines = [f"预算单位：{data['unit']}\t\t单位：万元", "", "表一　部门收支总表", "收入项目\t预算数"]
    lines += [f"{k}\t{v}" for k, v in data["income"]]
    lines += ["支出项目\t预算数"] + [f"{k}\t{v}" for k, v in data["spending"]]
    lines += ["", "表二　一般公共预算支出表（按功能分类）", "科目名称\t预算数"]
    lines += [f"{k}\t{v}" for k, v in data["function"]]
    lines += ["", f"表三　{year}年“三公”经费预算表", "项目\t预算数"]
    lines += [f"{k}\t{v}" for k, v in data["sangong"]]
    return lines


def budget_xlsx(data: dict, year: int, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.properties.creator = data["unit"]
    wb.properties.created = wb.properties.modified = FIXED
    sheets = [("收支总表", "收入项目", data["income"] + [("", "")] + data["spending"]),
              ("支出功能分类", "科目名称", data["function"]),
              ("三公经费", "项目", data["sangong"])]
    for n, (name, head, rows) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = name
        ws.append([f"{data['unit']}{year}年部门预算　{name}"])
        ws.append(["单位：万元"])
        ws.append([head, "预算数"])
        for cell in ws[3]:
            cell.font = Font(bold=True)
        for key, value in rows:
            ws.append([key.strip(), float(value)] if key else [])
        ws.column_dimensions["A"].width = 34
        ws.column_dimensions["B"].width = 14
    wb.save(path)


def main() -> None:
    y25, y26 = FILES / "2025", FILES / "2026"
    y25.mkdir(parents=True, exist_ok=True)
    y26.mkdir(parents=True, exist_ok=True)
    (y25 / "czj-2025-budget.pdf").write_bytes(
        minimal_pdf("海澄市财政局2025年部门预算公开表", budget_lines(BUDGET_2025, 2025)))
    budget_xlsx(BUDGET_2025, 2025, y25 / "czj-2025-budget.xlsx")
    (y26 / "czj-2026-budget.pdf").write_bytes(
        minimal_pdf("海澄市财政局2026年部门预算公开表", budget_lines(BUDGET_2026, 2026)))
    budget_xlsx(BUDGET_2026, 2026, y26 / "czj-2026-budget.xlsx")
    (y25 / "szfb-2024-final-accounts.pdf").write_bytes(minimal_pdf("海澄市人民政府办公室2024年部门决算公开表", [
        "决算单位：海澄市人民政府办公室\t\t单位：万元", "", "表一　收入支出决算总表", "项目\t决算数",
        "财政拨款收入\t4693.12", "其他收入\t119.55", "本年收入合计\t4812.67", "基本支出\t3320.48",
        "项目支出\t1465.83", "本年支出合计\t4786.31", "年末结转和结余\t26.36", "",
        "表二　“三公”经费决算表", "项目\t预算数\t决算数", "因公出国（境）费\t0.00\t0.00",
        "公务用车运行维护费\t40.00\t34.26", "公务接待费\t20.00\t17.92", "合计\t60.00\t52.18",
    ], columns=(0, 300, 400)))
    (y25 / "szfb-2025-sangong-budget.pdf").write_bytes(minimal_pdf(
        "海澄市人民政府办公室2025年“三公”经费预算表", [
            "预算单位：海澄市人民政府办公室\t\t单位：万元", "", "项目\t2024年预算数\t2025年预算数",
            "因公出国（境）费\t0.00\t0.00", "公务用车购置费\t0.00\t0.00", "公务用车运行维护费\t40.00\t40.00",
            "公务接待费\t20.00\t18.50", "合计\t60.00\t58.50", "",
            "说明：2025年“三公”经费预算比上年减少1.50万元，下降2.5%，", "主要是压减公务接待费。"],
        columns=(0, 260, 380)))
    (y25 / "gkbsq-application-form.pdf").write_bytes(minimal_pdf("海澄市政府信息公开申请表", [
        "申请人信息（公民）", "姓名\t\t工作单位", "证件名称\t\t证件号码", "联系电话\t\t电子邮箱",
        "通信地址\t\t邮政编码", "", "申请人信息（法人或者其他组织）", "名称\t\t统一社会信用代码",
        "法定代表人\t\t联系人", "联系人电话\t\t联系人电子邮箱", "", "所需信息情况",
        "所需信息的内容描述：", "所需信息的名称、文号或者索引号（选填）：", "",
        "指定提供载体（可多选）：□纸质文本　□电子邮件　□光盘",
        "获取信息的方式（可多选）：□邮寄　□电子邮件　□当场阅读、抄录　□自行领取", "",
        "申请人签名或者盖章：\t\t申请时间：", "",
        "受理机关：海澄市人民政府办公室政务公开科　电话：0596-6812345　传真：0596-6812346",
        "地址：海澄市海滨大道1号市行政中心3号楼512室　邮政编码：363100"], columns=(0, 150, 300)))
    positions_xlsx(y26 / "gwy-2026-positions.xlsx")


def positions_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.properties.creator = "海澄市人力资源和社会保障局"
    wb.properties.created = wb.properties.modified = FIXED
    ws = wb.active
    ws.title = "职位表"
    ws.append(["海澄市2026年度考试录用公务员职位表"])
    head = ["职位代码", "招录机关", "职位名称", "招考人数", "学历", "专业", "其他条件"]
    ws.append(head)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    rows = [
        ("26010001", "海澄市人民政府办公室", "文字综合", 2, "本科以上", "中国语言文学类、新闻传播学类", "无"),
        ("26010002", "海澄市人民政府办公室", "政务公开", 1, "本科以上", "计算机类、法学类", "无"),
        ("26020001", "海澄市财政局", "预算管理", 2, "本科以上", "财政学类、会计学", "无"),
        ("26030001", "海澄市市场监督管理局", "食品安全监管", 3, "本科以上", "食品科学与工程类", "基层一线执法"),
        ("26040001", "海澄市人力资源和社会保障局", "劳动保障监察", 2, "本科以上", "法学类", "基层一线执法"),
        ("26050001", "海澄市数据资源管理局", "数据管理", 2, "硕士研究生以上", "计算机科学与技术、软件工程", "无"),
        ("26060001", "海澄市应急管理局", "安全生产执法", 2, "本科以上", "安全科学与工程类、化工与制药类", "基层一线执法"),
        ("26070001", "海澄市生态环境局", "环境监测", 1, "本科以上", "环境科学与工程类", "无"),
        ("26080001", "海澄市民政局", "社会救助", 1, "本科以上", "社会学类、公共管理类", "无"),
    ]
    for row in rows:
        ws.append(list(row))
    ws.append(["合计", "", "", sum(r[3] for r in rows), "", "", ""])
    for col, width in zip("ABCDEFG", (12, 28, 16, 10, 14, 32, 14)):
        ws.column_dimensions[col].width = width
    wb.save(path)


if __name__ == "__main__":
    main()
