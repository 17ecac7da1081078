"""gongkai new: scaffold an item with the next free 索引号 and a commented template."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from gongkai.sitebuild import load_settings
from plugins._shared.diagnostics import Problems
from plugins.catalog import schema
from plugins.catalog.load import Settings, load_catalog
from plugins.index_numbers import core as idx


def add_arguments(parser):
    parser.add_argument("--category", help="信息类别（taxonomy.yml 中的名称或 key）")
    parser.add_argument("--title", help="名称（标题）")
    parser.add_argument("--publisher", help="发布机构（默认本站主办单位）")
    parser.add_argument("--date", help="发布日期 YYYY-MM-DD（默认今天）")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")


def ask(prompt: str, choices: list[str] | None = None) -> str:
    if not sys.stdin.isatty():
        raise SystemExit(f"缺少参数：{prompt}（非交互环境请用 --category 和 --title 传入）")
    if choices:
        for n, c in enumerate(choices, 1):
            print(f"  {n}. {c}")
    answer = input(f"{prompt}: ").strip()
    if choices and answer.isdigit() and 1 <= int(answer) <= len(choices):
        return choices[int(answer) - 1]
    return answer


def template(index_no: str, title: str, category, publisher: str, published: dt.date) -> str:
    """A Markdown item with every field, the Chinese label beside each key."""
    lines = ["---", f"index_no: {index_no}   # 索引号（自动分配，发布后不得修改）",
             f"title: {title}   # 名称", f"category: {category.label}   # 信息类别",
             f"publisher: {publisher}   # 发布机构", f"published: {published.isoformat()}   # 发布日期 YYYY-MM-DD",
             "doc_no:    # 文号，如 海政规〔2025〕1号（没有可删除本行）",
             "written:    # 成文日期 YYYY-MM-DD", "topics:    # 主题分类，一级/二级", "  - 综合政务/政务公开",
             "keywords: []   # 主题词", "summary:    # 内容概述（不超过300字）", "validity: 有效   # 有效性：有效 / 失效 / 废止"]
    block = schema.KIND_BLOCKS.get(category.kind)
    if block:
        field = schema.BY_KEY[block]
        lines.append(f"{block}:   # {field.label}（必填）")
        for sub in field.fields:
            if sub.kind == schema.LIST:
                lines += [f"  {sub.key}:   # {sub.label}", "    - "]
            else:
                lines.append(f"  {sub.key}:   # {sub.label}{'（必填）' if sub.required else ''}")
    if category.kind == "interpretation":
        lines.append("interprets: []   # 解读的文件的索引号")
    lines += ["---", "", "（在此处写正文，Markdown 格式。）", ""]
    return "\n".join(lines)


def run(args) -> int:
    pelican_settings = load_settings(args.settings)
    settings = Settings.from_pelican(pelican_settings)
    problems = Problems()
    catalog = load_catalog(settings, problems)
    tax = catalog.taxonomy
    category_name = args.category or ask("信息类别（输入序号或名称）", [c.label for c in tax.categories])
    category = tax.category(category_name)
    if category is None:
        print(f"信息类别 {category_name!r} 不在 taxonomy.yml 中 — 可选：{'、'.join(c.label for c in tax.categories)}",
              file=sys.stderr)
        return 1
    title = args.title or ask("名称（标题）")
    if not title:
        print("名称不能为空 — 请输入条目标题", file=sys.stderr)
        return 1
    agency = pelican_settings.get("AGENCY", {})
    publisher = tax.publisher(args.publisher or agency.get("name", ""))
    if publisher is None:
        print(f"发布机构 {args.publisher!r} 不在 taxonomy.yml 中 — 请先添加，或用 --publisher 指定", file=sys.stderr)
        return 1
    published = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    _, tmpl = idx.resolve_pattern(pelican_settings.get("INDEX_NO_PATTERN"))
    code = publisher.code or agency.get("org_code", "")
    existing = [i.index_no for i in catalog.items] + _raw_numbers(settings.catalog_dir)
    index_no = idx.next_index_no(existing, code, published.year, published.month, tmpl)
    serial = index_no.rsplit("-", 1)[1]
    path = settings.catalog_dir / category.key / str(published.year) / f"{serial}.md"
    while path.exists():
        existing.append(index_no)
        index_no = idx.next_index_no(existing, code, published.year, published.month, tmpl)
        path = settings.catalog_dir / category.key / str(published.year) / f"{index_no.rsplit('-', 1)[1]}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template(index_no, title, category, publisher.name, published), encoding="utf-8")
    print(f"已创建 {path.relative_to(settings.root)}，索引号 {index_no}。填写后运行 make check 检查。")
    return 0


def _raw_numbers(catalog_dir: Path) -> list[str]:
    """索引号 from files that may not validate yet, so a broken file never loses its number."""
    found = []
    for path in catalog_dir.rglob("*"):
        if path.suffix in (".md", ".yml", ".yaml") and path.is_file():
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[:40]:
                if line.startswith("index_no:"):
                    found.append(line.split(":", 1)[1].split("#", 1)[0].strip().strip("'\""))
                    break
    return found
