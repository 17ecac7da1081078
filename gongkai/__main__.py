"""Single entry point and error boundary (pre-commit style): one module per command.

Content problems are printed as ``path:line: …`` lines and give exit 1; an unexpected
crash prints one line pointing at the log instead of a traceback for editors
(set GONGKAI_DEBUG=1 to see the traceback).
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "build": "构建网站到 output/（失败时不改动现有 output/）",
    "serve": "构建到 output.preview/ 并在 http://127.0.0.1:8000 预览，修改后自动重建并刷新页面",
    "check": "只校验目录（合并请求检查用），不构建网站",
    "new": "新建一个条目文件（自动分配索引号）",
}
# command name -> module in gongkai/commands/ (added by other concerns; missing ones are skipped)
EXTRA_COMMANDS = {"publish": "publish", "deploy": "deploy", "rollback": "rollback", "verify": "verify",
                  "import": "importer", "sitecheck": "sitecheck", "register": "register", "notices": "notices",
                  "import-requests": "import_requests", "cms": "cms",
                  "merge": "merge"}


def main(argv: list[str] | None = None) -> int:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(prog="gongkai", description="政府信息公开目录静态网站生成器")
    sub = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name, help_text in COMMANDS.items():
        modules[name] = importlib.import_module(f"gongkai.commands.{name}")
        modules[name].add_arguments(sub.add_parser(name, help=help_text, description=help_text))
    for name, module in EXTRA_COMMANDS.items():
        try:
            mod = importlib.import_module(f"gongkai.commands.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"gongkai.commands.{module}":
                raise
            continue
        modules[name] = mod
        mod.add_arguments(sub.add_parser(name, help=mod.HELP, description=mod.HELP))
    args = parser.parse_args(argv)
    for name in ("settings", "output", "json"):  # paths given on the command line are relative to where it was typed
        value = getattr(args, name, None)
        if isinstance(value, str) and value:
            setattr(args, name, str(Path(value).resolve()) if Path(value).exists() or name != "settings" else value)
    os.chdir(ROOT)
    from gongkai.locks import Busy

    try:
        return int(modules[args.command].run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except Busy as exc:          # another build holds the checkout or the output folder
        print(exc, file=sys.stderr)
        return 1
    except Exception:  # the single boundary: editors see one line, developers can ask for more
        if os.environ.get("GONGKAI_DEBUG"):
            raise
        log = ROOT / ".cache" / "gongkai-error.log"
        log.parent.mkdir(exist_ok=True)
        log.write_text(traceback.format_exc(), encoding="utf-8")
        print(f"内部错误：gongkai {args.command} 意外中止。详情已写入 {log.relative_to(ROOT)}，"
              "请把该文件发给维护人员（设置 GONGKAI_DEBUG=1 可直接显示）。", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
