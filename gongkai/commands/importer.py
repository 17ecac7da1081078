"""gongkai import: bring an existing catalog (CSV/XLSX/JSON/JSONL exports, saved item pages) into catalog/.

Dry run by default; ``--write`` writes. See docs/editor-guide-import.md.
"""
from __future__ import annotations

from pathlib import Path

from gongkai.importer import Request, run_import
from gongkai.importer.report import render
from gongkai.importer.sources import FORMATS
from gongkai.sitebuild import load_settings
from plugins.catalog import index_numbers as idx
from plugins.catalog.load import Settings

HELP = "把旧系统导出的目录（CSV、Excel、JSON、保存的网页）导入 catalog/（默认试运行）"


def _path(text: str) -> Path:
    return Path(text).resolve()   # resolved before gongkai's main() changes into the repository


def add_arguments(parser):
    parser.add_argument("sources", nargs="+", type=_path, metavar="SRC", help="要导入的文件或文件夹")
    parser.add_argument("--format", choices=FORMATS, help="源格式（默认按扩展名判断）")
    parser.add_argument("--mapping", type=_path, help="列名映射文件（YAML），见 docs/editor-guide-import.md")
    parser.add_argument("--write", action="store_true", help="写入文件（默认只试运行并报告）")
    parser.add_argument("--update", action="store_true", help="索引号已存在且内容不同时，更新该文件")
    parser.add_argument("--add-topics", action="store_true", help="把未知的主题分类添加到 taxonomy.yml")
    parser.add_argument("--add-publishers", action="store_true", help="把未知的发布机构添加到 taxonomy.yml")
    parser.add_argument("--category", help="源数据没有“信息类别”时使用的类别")
    parser.add_argument("--publisher", help="源数据没有“发布机构”时使用的机构")
    parser.add_argument("--sheet", help="Excel 工作表名称（默认第一个）")
    parser.add_argument("--encoding", help="CSV/JSON 编码（默认自动识别 UTF-8 或 GBK/GB18030）")
    parser.add_argument("--base-url", help="保存网页的原网址，用于补全正文中的相对链接")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")


def context_from(settings_file) -> tuple[Settings, str, str]:
    """(catalog settings, 索引号 template, agency org code) from pelicanconf.py."""
    pelican = load_settings(settings_file)
    _, template = idx.resolve_pattern(pelican.get("INDEX_NO_PATTERN"))
    return Settings.from_pelican(pelican), pelican.get("INDEX_NO_TEMPLATE") or template, \
        (pelican.get("AGENCY") or {}).get("org_code", "")


def run(args) -> int:
    settings, template, org_code = context_from(args.settings)
    request = Request(paths=list(args.sources), format=args.format, mapping=args.mapping, write=args.write,
                      update=args.update, add_topics=args.add_topics, add_publishers=args.add_publishers,
                      category=args.category, publisher=args.publisher, sheet=args.sheet, encoding=args.encoding,
                      base_url=args.base_url)
    result = run_import(request, settings, template, org_code)
    for line in render(result, settings.root, args.write):
        print(line)
    return 1 if result.failed else 0
