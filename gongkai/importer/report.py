"""The import report, in Chinese: sources, every problem, what is (or would be) written, and the counts."""
from __future__ import annotations

import collections
from pathlib import Path

from plugins._shared.diagnostics import relpath, summary

from .core import Result
from .plan import CONFLICT, NEW, SAME, UPDATE

FORMAT_NAMES = {"csv": "CSV", "xlsx": "Excel", "json": "JSON", "jsonl": "JSON Lines", "html": "网页"}


def counts(result: Result) -> dict[str, int]:
    entries = result.plan.entries if result.plan else []
    c = collections.Counter(e.action if e.draft.ok else "rejected" for e in entries)
    return {
        "rows": len(entries), "new": c[NEW], "update": c[UPDATE], "imported": c[NEW] + c[UPDATE],
        "unchanged": c[SAME], "conflict": c[CONFLICT], "rejected": c["rejected"],
        "skipped": c[CONFLICT] + c["rejected"],
        "warnings": sum(1 for e in entries if e.draft.problems.warnings),
        "assigned": sum(1 for e in entries if e.draft.ok and e.draft.assigned),
    }


def by_category_year(result: Result) -> dict[str, dict[int, int]]:
    table: dict[str, dict[int, int]] = {}
    for e in result.plan.entries if result.plan else []:
        if e.draft.ok and e.action in (NEW, UPDATE):
            row = table.setdefault(e.category, {})
            row[e.year] = row.get(e.year, 0) + 1
    return table


def render(result: Result, root: Path, write: bool) -> list[str]:
    """The whole report as lines (the CLI prints them; tests read them)."""
    out = []
    for s in result.sources:
        out.append(f"读取 {s.where}（{FORMAT_NAMES.get(s.format, s.format)}，{s.detail}）：{len(s.records)} 条")
    problems = result.all_problems()
    if problems:
        errors = sum(1 for p in problems if p.is_error)
        out += ["", f"问题（{errors} 个错误，{len(problems) - errors} 个警告；表格写行号，表头为第 1 行；JSON 和网页写文件中的行号）："]
        out += [p.format() for p in problems]     # path:line: 标签 (key): 问题 — 修改方法, as make check prints them
    entries = result.plan.entries if result.plan else []
    verb = "" if write else "将"
    sections = ((NEW, f"{verb}新建"), (UPDATE, f"{verb}更新"))
    for action, title in sections:
        chosen = [e for e in entries if e.draft.ok and e.action == action]
        if chosen:
            out += ["", f"{title}（{len(chosen)}）："]
            for e in chosen:
                extra = f"（{'、'.join(e.changed)}）" if e.changed else ""
                out.append(f"  {relpath(e.path, root)}  {e.draft.index_no}  {e.draft.data['title']}{extra}")
    conflicts = [e for e in entries if e.draft.ok and e.action == CONFLICT]
    if conflicts:
        out += ["", f"已存在且内容不同，未覆盖（{len(conflicts)}；加 --update 更新）："]
        out += [f"  {relpath(e.path, root)}  {e.draft.index_no}  不同：{'、'.join(e.changed)}" for e in conflicts]
    copies = [(source, dest) for e in entries if e.draft.ok and e.action in (NEW, UPDATE) for source, dest in e.copies]
    if copies and not write:
        out += ["", f"将复制附件（{len(copies)}）："]
        out += [f"  {relpath(source, root)} → {relpath(dest, root)}" for source, dest in copies]
    assigned = [e for e in entries if e.draft.ok and e.draft.assigned]
    if assigned:
        out += ["", f"已分配索引号（源数据中没有索引号，{len(assigned)}）："]
        out += [f"  {e.draft.where}:{e.draft.line} → {e.draft.index_no}  {e.draft.data['title']}" for e in assigned]
    additions = result.plan.additions if result.plan else None
    if additions:
        out += ["", f"{'已添加到' if result.taxonomy_changed else '将添加到'} taxonomy.yml："]
        for top, subs in additions.topics.items():
            out.append(f"  主题分类：{top}" + (f"\\{'、'.join(subs)}" if subs else "（一级分类）"))
        for p in additions.publishers:
            out.append(f"  发布机构：{p.name}（key: {p.key}，code: {p.code or '未知，请补填'}）")
    if result.copied:
        out += ["", f"已复制附件（{len(result.copied)}）："] + [f"  {relpath(p, root)}" for p in result.copied]
    if write:
        out += ["", f"已写入文件（{len(result.written)}）："] + [f"  {relpath(p, root)}" for p in result.written]
    n = counts(result)
    out += ["", "汇总：",
            f"  共 {n['rows']} 条：导入 {n['imported']} 条（新建 {n['new']}，更新 {n['update']}），"
            f"未变化 {n['unchanged']} 条，跳过 {n['skipped']} 条（已存在未覆盖 {n['conflict']}，拒绝 {n['rejected']}），"
            f"有警告 {n['warnings']} 条，分配索引号 {n['assigned']} 条"]
    table = by_category_year(result)
    if table:
        out.append("  按信息类别和年份（导入）：")
        for category in sorted(table):
            years = "；".join(f"{y} 年 {c} 条" for y, c in sorted(table[category].items()))
            out.append(f"    {category}：{years}")
    if not write:
        out.append("试运行：没有写入任何文件。核对无误后加 --write（make import … WRITE=1）写入。")
    elif n["imported"]:
        out.append("写入完成。运行 make check 检查整个目录，再提交合并请求。")
    if result.failed:
        out.append("有被拒绝的行或无法读取的文件：请按上面的问题修改源文件或映射文件后重新导入（已导入的条目不会重复）。")
    out.append(summary(problems))
    return out
