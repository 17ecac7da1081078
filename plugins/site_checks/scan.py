"""Read one built HTML page into plain data (links, ids, <meta>, footer, listing rows) in one pass.

A streaming ``html.parser`` (no DOM): at 40,000 pages a tree per page would cost minutes. The
parser records only what the checks need; the checks themselves are pure functions over
:class:`Page` records, so they are tested on small HTML strings.
"""
from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser

LINK_ATTRS = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src", "iframe": "src",
              "source": "src", "audio": "src", "video": "src", "embed": "src", "form": "action"}
DATE_TEXT = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
# (container tag, container class, item tag): every item with a link in such a container must show a date.
DATED_LISTS = (("table", "gk-table--items", "tr"), ("ul", "gk-latest", "li"))
ITEMS_TABLE = ("table", "gk-table--items")
SCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}   # JSON data blocks never run


@dataclasses.dataclass
class Link:
    url: str
    line: int
    tag: str


@dataclasses.dataclass
class Page:
    path: str                                   # site-relative file, e.g. fdzdgknr/gz/index.html
    links: list = dataclasses.field(default_factory=list)
    ids: set = dataclasses.field(default_factory=set)
    meta: dict = dataclasses.field(default_factory=dict)
    footer: bool = False
    footer_text: str = ""
    footer_hrefs: list = dataclasses.field(default_factory=list)
    gk_count: int | None = None                 # data-gk-count="N" if the template provides it
    item_rows: int | None = None                # rows with a link in listing tables (None: no such table)
    empty_marker: bool = False                  # an element with class gk-empty ("本栏目暂无…")
    undated: list = dataclasses.field(default_factory=list)   # [(line, text)] list items without a date
    noindex: bool = False
    inline: list = dataclasses.field(default_factory=list)    # [(line, what)] that a strict CSP blocks

    @property
    def listing_count(self) -> int | None:
        """Items this page lists, or None when it is not a listing page."""
        if self.gk_count is not None:
            return self.gk_count
        if self.item_rows is not None:
            return self.item_rows
        return 0 if self.empty_marker else None


class _Parser(HTMLParser):
    def __init__(self, page: Page, dated=DATED_LISTS):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.dated = dated
        self.footer_depth = 0
        self.footer_parts: list[str] = []
        self.containers: list[list] = []        # [tag, item tag, nesting depth of tag, is items table]
        self.item: dict | None = None
        self.script_line = 0                    # line of an open inline <script>, 0 when none

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        page, line = self.page, self.getpos()[0]
        if "id" in a:
            page.ids.add(a["id"])
        if tag == "a" and "name" in a:
            page.ids.add(a["name"])
        self._csp(tag, a, line)
        attr = LINK_ATTRS.get(tag)
        if attr and a.get(attr) is not None and attr in a:
            page.links.append(Link(a[attr].strip(), line, tag))
        if tag == "meta" and "name" in a:
            page.meta.setdefault(a["name"], a.get("content", ""))
            if a["name"].lower() == "robots" and "noindex" in a.get("content", "").lower():
                page.noindex = True
        if "data-gk-count" in a and page.gk_count is None:
            try:
                page.gk_count = int(a["data-gk-count"])
            except ValueError:
                pass
        classes = a.get("class", "").split()
        if "gk-empty" in classes:
            page.empty_marker = True
        if tag == "footer":
            self.footer_depth += 1
            page.footer = True
        if self.footer_depth and tag == "a":
            page.footer_hrefs.append(a.get("href", ""))
        if self.containers and self.containers[-1][0] == tag:
            self.containers[-1][2] += 1
        for ctag, cls, itag in self.dated:
            if tag == ctag and cls in classes:
                is_table = (ctag, cls) == ITEMS_TABLE
                self.containers.append([ctag, itag, 1, is_table])
                if is_table and page.item_rows is None:
                    page.item_rows = 0
        if self.containers and tag == self.containers[-1][1] and self.item is None:
            self.item = {"line": line, "link": False, "date": False, "text": []}
        if self.item is not None:
            if tag == "a":
                self.item["link"] = True
            elif tag == "time":
                self.item["date"] = True

    def _csp(self, tag, a, line):
        """What a Content-Security-Policy without 'unsafe-inline' would block (docs/operator-guide.md)."""
        inline = self.page.inline
        for name in a:
            if name.startswith("on"):
                inline.append((line, f"事件属性 {name}"))
        if "style" in a:
            inline.append((line, "style 属性"))
        if tag == "style":
            inline.append((line, "<style> 元素"))
        if a.get("href", "").strip().lower().startswith("javascript:"):
            inline.append((line, "javascript: 链接"))
        if tag == "script" and "src" not in a and a.get("type", "text/javascript").lower() in SCRIPT_TYPES:
            self.script_line = line

    def handle_endtag(self, tag):
        if tag == "script":
            self.script_line = 0
        if self.item is not None and self.containers and tag == self.containers[-1][1]:
            self._finish_item()
        if self.containers and tag == self.containers[-1][0]:
            self.containers[-1][2] -= 1
            if self.containers[-1][2] == 0:
                self.containers.pop()
        if tag == "footer" and self.footer_depth:
            self.footer_depth -= 1

    def _finish_item(self):
        item, self.item = self.item, None
        if not item["link"]:
            return
        text = "".join(item["text"])
        if self.containers[-1][3]:
            self.page.item_rows = (self.page.item_rows or 0) + 1
        if not item["date"] and not DATE_TEXT.search(text):
            self.page.undated.append((item["line"], " ".join(text.split())[:40]))

    def handle_data(self, data):
        if self.script_line and data.strip():
            self.page.inline.append((self.script_line, "内联脚本"))
            self.script_line = 0
        if self.footer_depth:
            self.footer_parts.append(data)
        if self.item is not None:
            self.item["text"].append(data)

    def close(self):
        super().close()
        self.page.footer_text = " ".join("".join(self.footer_parts).split())


def parse_page(path: str, html: str) -> Page:
    page = Page(path)
    parser = _Parser(page)
    parser.feed(html)
    parser.close()
    return page
