"""The synthetic catalog as a Hugo site (``bench/build.py`` times Hugo on the same items).

Every item becomes a Markdown page with its title, date, category and body, rendered by a minimal theme
(a single page and a list per category): Hugo's own speed on this content, with no search index, no
繁体 twins, no listings by facet — an upper bound on what a static generator does with these files.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

SINGLE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><p>{{ .Date.Format "2006-01-02" }} {{ .Params.publisher }} {{ .Params.index_no }}</p>
{{ .Content }}</main></body></html>
"""
LIST = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul></main></body></html>
"""


def hugo_site(catalog, dest: Path) -> Path:
    """Write ``dest`` (config, layouts, content) for the items of ``catalog``; return ``dest``."""
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "layouts" / "_default").mkdir(parents=True)
    (dest / "layouts" / "_default" / "single.html").write_text(SINGLE, encoding="utf-8")
    (dest / "layouts" / "_default" / "list.html").write_text(LIST, encoding="utf-8")
    (dest / "hugo.json").write_text(json.dumps({"baseURL": "/", "languageCode": "zh-CN", "title": "bench",
                                                "disableKinds": ["taxonomy", "term", "RSS", "sitemap"],
                                                "pagination": {"pagerSize": 50}}), encoding="utf-8")
    for n, item in enumerate(catalog.items):
        folder = dest / "content" / item.category.key
        folder.mkdir(parents=True, exist_ok=True)
        front = {"title": item.title, "date": item.published.isoformat(), "publisher": item.publisher.name,
                 "index_no": item.index_no}
        (folder / f"{n:06d}.md").write_text("---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n" + item.body,
                                            encoding="utf-8")
    return dest
