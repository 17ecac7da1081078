"""gongkai new: scaffold an item with the next free 索引号 and a commented template.

The 索引号 is made from the publisher's organisation code (``taxonomy.yml``) through the site's
``INDEX_NO_TEMPLATE`` — the same function the importer uses — because a 索引号 never changes once
published: a number made with the wrong code is a permanent mistake.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from gongkai.importer.emit import scalar
from gongkai.sitebuild import load_settings
from plugins._shared.diagnostics import Problems
from plugins.catalog import numbers, schema
from plugins.catalog.load import Settings, load_catalog
from plugins.catalog.rules import PLACEHOLDER_BODY

# Values may also come from the environment (the Makefile passes CATEGORY=… TITLE=… this way, so the
# shell never evaluates an editor's text).
ENV = {"category": "CATEGORY", "title": "TITLE", "publisher": "PUBLISHER", "date": "DATE"}


def add_arguments(parser):
    parser.add_argument("--category", help="信息类别（taxonomy.yml 中的名称或 key）")
    parser.add_argument("--title", help="名称（标题）")
    parser.add_argument("--publisher", help="发布机构（taxonomy.yml 中的名称或 key；默认本站主办单位）")
    parser.add_argument("--date", help="发布日期 YYYY-MM-DD（默认今天）")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")


def ask(prompt: str, choices: list[str] | None = None, default: str = "") -> str:
    if not sys.stdin.isatty():
        raise SystemExit(f"缺少参数：{prompt}（非交互环境请用 make new CATEGORY=… TITLE=… PUBLISHER=… 传入）")
    if choices:
        for n, c in enumerate(choices, 1):
            print(f"  {n}. {c}")
    suffix = f"（直接回车：{default}）" if default else ""
    answer = input(f"{prompt}{suffix}: ").strip() or default
    if choices and answer.isdigit() and 1 <= int(answer) <= len(choices):
        return choices[int(answer) - 1]
    return answer


def template(index_no: str, title: str, category, publisher: str, published: dt.date) -> str:
    """A Markdown item with every field, the Chinese label beside each key."""
    lines = ["---", f"index_no: {index_no}   # 索引号（自动分配，发布后不得修改）",
             f"title: {scalar(title)}   # 名称", f"category: {scalar(category.label)}   # 信息类别",
             f"publisher: {scalar(publisher)}   # 发布机构", f"published: {published.isoformat()}   # 发布日期 YYYY-MM-DD",
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
    lines += ["---", "", PLACEHOLDER_BODY, ""]
    return "\n".join(lines)


def _value(args, name: str) -> str:
    given = getattr(args, name)
    return (given if given is not None else os.environ.get(ENV[name], "")).strip()


def run(args) -> int:
    pelican_settings = load_settings(args.settings)
    settings = Settings.from_pelican(pelican_settings)
    catalog = load_catalog(settings, Problems())
    tax = catalog.taxonomy
    errors = []
    category_name = _value(args, "category") or ask("信息类别（输入序号或名称）", [c.label for c in tax.categories])
    category = tax.category(category_name)
    if category is None:
        errors.append(f"信息类别 {category_name!r} 不在 taxonomy.yml 中 — 可选：{'、'.join(c.label for c in tax.categories)}")
    title = _value(args, "title") or ask("名称（标题）")
    if not title:
        errors.append("名称不能为空 — 请输入条目标题，如 TITLE=关于……的通知")
    agency = pelican_settings.get("AGENCY", {})
    default = agency.get("name", "")
    publisher_name = _value(args, "publisher") or (
        ask("发布机构（输入序号或名称）", [p.name for p in tax.publishers], default) if sys.stdin.isatty() else default)
    publisher = tax.publisher(publisher_name)
    if publisher is None:
        errors.append(f"发布机构 {publisher_name!r} 不在 taxonomy.yml 中 — 可选：{'、'.join(p.name for p in tax.publishers)}；"
                      "新机构请先在 taxonomy.yml 中添加（含 code）")
    date_text = _value(args, "date")
    published = dt.date.today()
    if date_text:
        try:
            published = dt.date.fromisoformat(date_text)
        except ValueError:
            errors.append(f"发布日期 {date_text!r} 格式不对 — 按 YYYY-MM-DD 书写，如 DATE=2026-12-01")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    existing = [i.index_no for i in catalog.items] + _raw_numbers(settings.catalog_dir)
    index_no = numbers.new_number(publisher, published, existing, settings, agency.get("org_code", ""))
    if index_no is None:
        print(f"发布机构“{publisher.name}”在 taxonomy.yml 中没有组织机构代码（code），无法生成索引号 — 先填写 code",
              file=sys.stderr)
        return 1
    path = numbers.item_file(settings.catalog_dir / category.key / str(published.year), index_no)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:     # never overwrite a file that appeared meanwhile
        handle.write(template(index_no, title, category, publisher.name, published))
    print(f"已创建 {path.relative_to(settings.root)}，索引号 {index_no}（{publisher.name}）。"
          "填写正文和各字段后运行 make check 检查。")
    return 0


def _raw_numbers(catalog_dir: Path) -> list[str]:
    """索引号 from files that may not validate yet, so a broken file never loses its number."""
    found = []
    for path in catalog_dir.rglob("*"):
        if path.suffix.lower() in (".md", ".markdown", ".yml", ".yaml") and path.is_file() and not path.is_symlink():
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[:40]:
                if line.startswith("index_no:"):
                    found.append(line.split(":", 1)[1].split("#", 1)[0].strip().strip("'\""))
                    break
    return found
