"""gongkai cms: the web editor (Decap CMS) — serve it locally, build it for an intranet host, or
only regenerate its configuration. See docs/editor-guide-cms.md and docs/operator-guide-cms.md."""
from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

from gongkai.cms import bundle
from gongkai.cms import config as cms_config
from gongkai.sitebuild import load_settings

HELP = "网页编辑器：make cms 在本机启动（写入本工作区），make cms-build 生成部署到内网的编辑器"


def add_arguments(parser):
    parser.add_argument("action", nargs="?", choices=("serve", "build", "config"), default="serve",
                        help="serve：在 127.0.0.1 启动（默认）；build：生成编辑器文件夹；config：只重新生成配置")
    parser.add_argument("--port", type=int, default=8080, help="serve 的端口（默认 8080）")
    parser.add_argument("--output", default=bundle.BUILD_DIR, help=f"build 的输出文件夹（默认 {bundle.BUILD_DIR}/）")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")


def write_config(pelican: dict) -> tuple[str, bool]:
    """Regenerate gongkai/cms/static/config.yml; (text, whether the file changed)."""
    text = cms_config.dump(cms_config.generate(pelican))
    path = bundle.CONFIG_FILE
    old = path.read_text(encoding="utf-8") if path.is_file() else None
    if old != text:
        path.write_text(text, encoding="utf-8")
    return text, old != text


def catalog_json(settings_file: str):
    """A function giving the catalog's catalog.json as the public site has it, read afresh each call."""
    from plugins._shared.diagnostics import Problems
    from plugins.catalog.load import Settings, load_catalog
    from plugins.exports.tables import catalog_json as encode

    pelican = load_settings(settings_file)
    catalog_settings = Settings.from_pelican(pelican)

    def make() -> bytes:
        return encode(load_catalog(catalog_settings, Problems()), pelican, "/")

    return make


def run(args) -> int:
    pelican = load_settings(args.settings)
    root = Path.cwd()
    if Path(args.settings).resolve() == (root / "pelicanconf.py").resolve():
        text, changed = write_config(pelican)
    else:   # other settings (a test, a second site): their config goes into the build only
        text, changed = cms_config.dump(cms_config.generate(pelican)), False
    if changed:
        print(f"已重新生成 {bundle.CONFIG_FILE.relative_to(root)}（目录字段或分类表有变化，请一并提交）。")
    if args.action == "config":
        return 0
    try:
        if args.action == "build":
            return build(args, pelican, root, text)
        return serve(args, root)
    except bundle.MissingPackages:
        print("缺少网页编辑器的 npm 包（decap-cms、decap-server、js-yaml）— 先运行 make setup", file=sys.stderr)
        return 1


def build(args, pelican: dict, root: Path, text: str) -> int:
    backend = {**cms_config.DEFAULTS["CMS_BACKEND"], **cms_config.setting(pelican, "CMS_BACKEND")}
    if not backend.get("repo"):
        print("CMS_BACKEND 没有设置仓库（repo）— 在 pelicanconf.py 中按 docs/operator-guide-cms.md 设置"
              " GitLab 或 Gitea 的地址、仓库和 OAuth 应用后再运行 make cms-build", file=sys.stderr)
        return 1
    extra = {"config.yml": text.encode("utf-8")}
    if not str(cms_config.setting(pelican, "CMS_CATALOG_JSON")).startswith(("http://", "https://", "/")):
        extra["catalog.json"] = catalog_json(args.settings)()
    target = Path(args.output).resolve()
    count = bundle.build(root, target, extra)
    print(f"已生成网页编辑器：{target}（{count} 个文件）。部署方法和内容安全策略见 docs/operator-guide-cms.md。")
    return 0


def serve(args, root: Path) -> int:
    from gongkai.cms.server import Editor

    dynamic = {"catalog.json": catalog_json(args.settings),
               "config.yml": lambda: bundle.CONFIG_FILE.read_bytes()}
    editor = Editor(root, args.port, dynamic)
    try:
        url = editor.start()
    except OSError as exc:
        print(f"无法在端口 {args.port} 启动：{exc.strerror or exc} — 换一个端口，如 make cms PORT=8081", file=sys.stderr)
        return 1
    print(f"网页编辑器：{url}（只在本机可访问；保存的修改直接写入本工作区的文件。按 Ctrl+C 停止）")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))   # stop decap-server too when terminated
    try:
        while True:
            time.sleep(3600)
    finally:
        editor.stop()
