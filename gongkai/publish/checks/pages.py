"""Page rules of 政府网站 (docs/rules.md §4): <meta> tags, footer items, dated list items, 空白栏目."""
from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from .links import page_url
from .site import Aggregate, Site, examples_text

PUBDATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


def page_kind(site: Site, path: str) -> str:
    """'item' | 'column' | 'other' for a checked page (mirror pages like their originals)."""
    _, plain = site.strip_mirror(path)
    if path in site.items_by_page:
        return "item"
    if any(plain.startswith(p) for p in site.cfg["column_prefixes"]):
        return "column"
    return "other"


def meta_keys(site: Site, path: str, page, kind: str) -> list[tuple]:
    """What is wrong with one page's <meta> tags: check_meta's grouping keys, in order."""
    agency_code = str((site.settings.get("AGENCY") or {}).get("site_id_code") or "")
    domain = str(site.settings.get("SITE_DOMAIN") or "")
    required = list(site.cfg["site_meta"])
    if kind in ("item", "column"):
        required += site.cfg["column_meta"]
    # a dated page (an item, a guide, a rule page, a report: any page that says it is an article) carries
    # every article tag, and a PubDate in the form the guidelines give
    article = kind == "item" or any(name in page.meta for name in site.cfg["article_meta"])
    if article:
        required += site.cfg["article_meta"]
    keys = [("missing", name) for name in required if not page.meta.get(name, "").strip()]
    code = page.meta.get("SiteIDCode", "")
    if code and agency_code and code != agency_code:
        keys.append(("value", "SiteIDCode", code))
    if page.meta.get("SiteDomain") and domain and page.meta["SiteDomain"] != domain:
        keys.append(("value", "SiteDomain", page.meta["SiteDomain"]))
    pubdate = page.meta.get("PubDate", "")
    if article and pubdate.strip() and not PUBDATE.match(pubdate):
        keys.append(("format", "PubDate", pubdate))
    return keys


def check_meta(site: Site) -> None:
    agg = Aggregate()
    for path, facts in sorted(site.pages.items()):
        for key in facts.meta:
            agg.add(key, site.out_path(path), 0, "/" + page_url(path))
    for key, g in agg.items():
        name = key[1]
        if key[0] == "missing":
            msg = f"缺少 <meta name=\"{name}\">（{examples_text(g)}）"
            fix = "在模板的 page_meta 中补上该字段（政府网站发展指引要求的网页元数据）"
            if name == "PubDate":
                fix = ("在页面源文件的开头写上发布日期（content/pages/ 中的页面写 date: YYYY-MM-DD，年报写 published:），"
                       "模板把它输出为 PubDate")
        elif key[0] == "value":
            expected = "AGENCY['site_id_code']" if name == "SiteIDCode" else "SITE_DOMAIN"
            msg = f"<meta name=\"{name}\"> 的值 {key[2]!r} 与 pelicanconf.py 的 {expected} 不一致（{examples_text(g)}）"
            fix = "统一使用 pelicanconf.py 中的站点标识"
        else:
            msg = f"<meta name=\"PubDate\"> 的值 {key[2]!r} 不是 YYYY-MM-DD HH:MM 格式（{examples_text(g)}）"
            fix = "按 2025-03-01 09:00 的格式输出发布时间"
        site.report("meta_tags", g["path"], g["line"], name, msg, fix, "网页元数据")


@functools.lru_cache(maxsize=8)
def _converter(config: str):
    try:
        import opencc

        return opencc.OpenCC(config).convert
    except Exception:  # noqa: BLE001 - without OpenCC, mirror pages are checked with the simplified patterns
        return lambda text: text


def footer_rules(site: Site, mirrored: bool) -> dict:
    """label -> (compiled text regex or None, href substring or None, image required);
    繁体 pages get converted patterns."""
    code = re.escape(str((site.settings.get("AGENCY") or {}).get("site_id_code") or ""))
    convert = _converter(str(site.settings.get("HANT_CONFIG", "s2t"))) if mirrored else (lambda t: t)
    rules = {}
    for label, rule in site.cfg["footer_items"].items():
        text = rule.get("text")
        pattern = re.compile(convert(text.replace("{site_id_code}", code))) if text else None
        rules[label] = (pattern, rule.get("href"), bool(rule.get("img")))
    return rules


# footer item -> (the AGENCY key of its image, an example path): messages name the setting to change
IMAGE_SETTINGS = {"党政机关网站标识": ("conac_badge", "files/identity/conac.png"),
                  "公安机关备案标识": ("psb_icon", "files/identity/psb.png")}
PLACEHOLDER_PREFIX = "placeholder-"     # theme/img/placeholder-*: shipped stand-ins, never the issued marks


def link_image(page, href: str | None) -> str | None:
    """The src of the first footer image inside a link whose href contains ``href``; None if there is none."""
    return next((src for link, src in page.footer_images if link and (not href or href in link)), None)


def is_placeholder(src: str) -> bool:
    return posixpath.basename(urlsplit(src).path).startswith(PLACEHOLDER_PREFIX)


def footer_findings(site: Site, path: str, page) -> list[tuple]:
    """What one page's footer lacks, as check_footer's grouping keys, in the order of
    SITE_CHECKS['footer_items']: ``("missing", label)``, ``("image", label)`` (a mark without its image),
    ``("placeholder", label, src)`` (the shipped stand-in image) and ``("icon", "")`` (no site icon)."""
    mirrored = bool(site.strip_mirror(path)[0])
    rules = site.memo.get(("footer", mirrored))
    if rules is None:
        rules = site.memo[("footer", mirrored)] = footer_rules(site, mirrored)
    found = []
    for label, (pattern, href, img) in rules.items():
        ok = page.footer
        if ok and pattern is not None and not pattern.search(page.footer_text):
            ok = False
        if ok and href and not any(href in h for h in page.footer_hrefs):
            ok = False
        if not ok:
            found.append(("missing", label))
            continue
        src = link_image(page, href) if img else None
        if img and not src:
            found.append(("image", label))
        elif src and is_placeholder(src):
            found.append(("placeholder", label, src))
    if not page.icons:
        found.append(("icon", ""))
    return found


def check_footer(site: Site) -> None:
    """Every page: the footer items of SITE_CHECKS footer_items (with their images) and a site icon."""
    agg = Aggregate()
    for path, facts in sorted(site.pages.items()):
        for key in facts.footer:
            agg.add(tuple(key), site.out_path(path), 0, "/" + page_url(path))
    for key, g in agg.items():
        kind, label = key[0], key[1]
        if kind == "missing":
            site.report("footer", g["path"], g["line"], "", f"页面底部缺少“{label}”（{examples_text(g)}）",
                        "在 theme/templates/components/footer.html 中补上，并在 pelicanconf.py 的 AGENCY 中填写", "页脚")
        elif kind == "image":
            setting = IMAGE_SETTINGS.get(label, ("",))[0]
            site.report("footer", g["path"], g["line"], "", f"页面底部的“{label}”没有图片（{examples_text(g)}）",
                        "在 theme/templates/components/footer.html 的该链接中放入图片，并在 pelicanconf.py 的 "
                        + (f"AGENCY['{setting}'] 中填写图片路径" if setting else "AGENCY 中填写图片路径"), "页脚")
        elif kind == "icon":
            site.report("footer", g["path"], g["line"], "", f"页面没有网站图标 <link rel=\"icon\">（{examples_text(g)}）",
                        "在 theme/templates/base.html 的 <head> 中加入，并在 pelicanconf.py 的 AGENCY['favicon'] 中填写图标路径",
                        "网站图标")
        else:
            setting, example = IMAGE_SETTINGS.get(label, ("", ""))
            site.report("identity_placeholders", g["path"], g["line"], "",
                        f"页面底部的“{label}”仍是示例占位图 {key[2]}（{examples_text(g)}）",
                        "把本网站获发的图片放到 content/files/ 下，并在 pelicanconf.py 的 "
                        + (f"AGENCY['{setting}'] 中填写其路径（如 {example}）" if setting else "AGENCY 中填写其路径"),
                        "网站标识")


def check_list_dates(site: Site) -> None:
    agg = Aggregate()
    for path, facts in sorted(site.pages.items()):
        for line, text in facts.undated:
            agg.add("undated", site.out_path(path), line, f"/{page_url(path)} 第 {line} 行「{text}」")
    for _, g in agg.items():
        site.report("list_dates", g["path"], g["line"], "", f"列表条目没有显示日期（{examples_text(g, '条')}）",
                    "每条列表都要显示发布日期：普查把无日期的条目算作未更新", "列表日期")


def category_lines(site: Site) -> dict[str, int]:
    """Category key -> its line in taxonomy.yml (messages point editors there)."""
    if site.catalog is None:
        return {}
    try:
        from plugins._shared import yamlpos

        path = Path(site.settings.get("CATALOG_PATH", "catalog"))
        path = (path if path.is_absolute() else site.root / path) / "taxonomy.yml"
        data = yamlpos.load(path.read_text(encoding="utf-8"))
        return {str(c.get("key")): c.line for c in data.get("categories") or [] if hasattr(c, "line")}
    except (OSError, ValueError, AttributeError):
        return {}


def taxonomy_path(site: Site) -> str:
    from plugins._shared.diagnostics import relpath

    path = Path(site.settings.get("CATALOG_PATH", "catalog"))
    return relpath((path if path.is_absolute() else site.root / path) / "taxonomy.yml", site.root)


def check_blank_columns(site: Site) -> list[str]:
    """Listing pages (栏目) with no items and no link to a non-empty sub-list; returns their URLs."""
    lines = category_lines(site)
    blank = []
    for path, page in sorted(site.pages.items()):
        prefix, plain = site.strip_mirror(path)
        if prefix or not any(plain.startswith(p) for p in site.cfg["column_prefixes"]):
            continue
        if page.listing != 0 or not path.endswith("index.html"):
            continue
        url = path[: -len("index.html")]
        if any(_is_child(site, target, url) for target, _ in page.targets):
            continue
        blank.append(url)
        key = url.rstrip("/").rsplit("/", 1)[-1]
        where, line = site.out_path(path), 0
        if key in lines and url.count("/") == 2:
            where, line = taxonomy_path(site), lines[key]
        site.report("blank_columns", where, line, "", f"空白栏目：/{url} 没有任何信息",
                    "发布该栏目的信息，或从 taxonomy.yml 中删除这个栏目（空白栏目在政府网站检查中扣分，≥5个单项否决）",
                    "空白栏目")
    site.stats["blank_columns"] = blank
    return blank


def _is_child(site: Site, target: str, url: str) -> bool:
    """``target`` (of an internal link on the listing page ``url``) is a non-empty sub-list."""
    from .links import target_file

    if not target.startswith(url) or target == url:
        return False
    found = target_file(site.files, target)
    if found is None:
        return False
    child = site.pages.get(found)
    return child is not None and (child.listing or 0) > 0


def foreign_scripts(site: Site, path: str, page) -> list[tuple[int, str]]:
    """``<script src>`` of a page that is not one of the site's own scripts (an uploaded file, another site)."""
    from .links import resolve

    found, ours = [], tuple(site.cfg["script_prefixes"])
    for link in page.links:
        if link.tag != "script":
            continue
        kind, target, _ = resolve(site, path, link.url)
        if kind != "internal" or not target.startswith(ours):
            found.append((link.line, f"主题以外的脚本 <script src=\"{link.url[:60]}\">"))
    return found


def check_csp(site: Site) -> None:
    """Inline scripts, event-handler attributes, style attributes: blocked by the site's CSP. Frames,
    ``<base>``, refresh and scripts that are not the theme's: let through by it, and never wanted."""
    agg, unsafe = Aggregate(), Aggregate()
    for path, facts in sorted(site.pages.items()):
        for line, what in facts.inline:
            agg.add(what, site.out_path(path), line, f"/{page_url(path)} 第 {line} 行")
        for line, what in facts.unsafe:
            unsafe.add(what, site.out_path(path), line, f"/{page_url(path)} 第 {line} 行")
    for what, g in unsafe.items():
        site.report("csp", g["path"], g["line"], "", f"页面含有{what}，可能运行他人的脚本或把读者带到别处（{examples_text(g, '处')}）",
                    "网页正文和内容页面中不能有这类内容：检查该页面的源文件（净化器应已删除它们）；"
                    "模板只引用 theme/static/js/ 中的脚本", "内容安全策略")
    for what, g in agg.items():
        site.report("csp", g["path"], g["line"], "", f"页面含有{what}，会被网站的内容安全策略（CSP）拦截（{examples_text(g, '处')}）",
                    "把脚本移到 theme/static/js/ 的模块中、样式移到 CSS；条目正文中的这类内容应由净化器删除", "内容安全策略")
