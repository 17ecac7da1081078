"""Small hand-made sites and catalogs for the site checks (each test builds exactly what it needs)."""
from __future__ import annotations

import textwrap
from pathlib import Path

from plugins._shared.diagnostics import Problems
from plugins.catalog.load import Settings, load_catalog

AGENCY = {"name": "海澄市人民政府办公室", "site_id_code": "3502990001"}
IMG = "/theme/img/mark.gif"          # footer images and the icon: write_site writes the file
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
FOOTER = ('<footer class="gk-footer"><p>主办单位：海澄市人民政府办公室　联系电话：0596-6812345</p>'
          '<p>网站标识码：3502990001　<a href="https://beian.miit.gov.cn/">闽ICP备05012345号-1</a>'
          f'　<a href="https://beian.mps.gov.cn/#/q"><img src="{IMG}" alt="">闽公网安备35029902000123号</a></p>'
          f'<p><a href="https://bszs.conac.cn/sitename?id=1"><img src="{IMG}" alt="党政机关网站标识"></a>'
          '　<a href="https://zfwzzc.www.gov.cn/">我为政府网站找错</a></p></footer>')
ICON = f'<link rel="icon" href="{IMG}">'
SITE_META = {"SiteName": "海澄市人民政府信息公开", "SiteDomain": "www.haicheng.gov.cn", "SiteIDCode": "3502990001"}
COLUMN_META = {"ColumnName": "规章", "ColumnDescription": "规章", "ColumnKeywords": "规章", "ColumnType": "政策文件"}
ARTICLE_META = {"ArticleTitle": "某办法", "PubDate": "2025-03-01 00:00", "ContentSource": "海澄市人民政府"}

TAXONOMY = """\
categories:
  - {key: gz, label: 规章, stale_days: 183}
  - {key: tjxx, label: 统计信息, stale_days: 14}
publishers:
  - {key: szf, name: 海澄市人民政府, code: MB1C37504}
topics:
  综合政务: [政务公开]
"""


def html(body: str = "", meta: dict | None = None, footer: str = FOOTER, icon: str = ICON) -> str:
    tags = "".join(f'<meta name="{k}" content="{v}">' for k, v in (SITE_META if meta is None else meta).items())
    return f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">{tags}{icon}<title>t</title></head>' \
           f'<body><main id="main">\n{body}\n</main>{footer}</body></html>'


def write_site(root: Path, pages: dict[str, str]) -> Path:
    out = root / "output"
    (out / "theme" / "img").mkdir(parents=True, exist_ok=True)
    (out / "theme" / "img" / "mark.gif").write_bytes(GIF)
    for path, text in pages.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return out


def settings(root: Path, **checks) -> dict:
    return {"SITEURL": "", "SITE_DOMAIN": "www.haicheng.gov.cn", "SITENAME": "海澄市人民政府信息公开", "AGENCY": AGENCY,
            "PLUGINS": [], "GONGKAI_ROOT": str(root), "CATALOG_PATH": str(root / "catalog"),
            "SITE_CHECKS": {"cache_dir": None, **checks}}


def item_text(index: str, published: str, category: str = "规章", written: str | None = None, body: str = "正文。",
              extra: str = "") -> str:
    lines = ["---", f"index_no: MB1C37504/{index}", f"title: 测试文件{index}", f"category: {category}",
             "publisher: 海澄市人民政府", f"published: {published}"]
    if written:
        lines.append(f"written: {written}")
    if extra:
        lines += textwrap.dedent(extra).strip("\n").split("\n")
    return "\n".join(lines + ["---", body, ""])


def make_catalog(root: Path, items: dict[str, str], errors: tuple = ()):
    """Write catalog/taxonomy.yml and ``{relative path: item file text}``; return the loaded catalog.

    ``errors``: the catalog's own errors expected for these items (the site checks then still run)."""
    cat = root / "catalog"
    cat.mkdir(parents=True, exist_ok=True)
    (cat / "taxonomy.yml").write_text(TAXONOMY, encoding="utf-8")
    for rel, text in items.items():
        path = cat / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    problems = Problems()
    catalog = load_catalog(Settings(root=root, catalog_dir=cat), problems)
    assert [p.format() for p in problems.errors] == list(errors)
    return catalog


def of(site, label: str) -> list[str]:
    """Formatted problems of one check (by its Chinese label)."""
    return [p.format() for p in site.problems.sorted() if p.label == label]


def make_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A minimal PDF (Helvetica, ASCII text) whose text layer pypdf can read; [] page = no text."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        ops = "".join(f"BT /F1 12 Tf 72 {720 - 20 * n} Td ({line}) Tj ET\n" for n, line in enumerate(lines))
        objects.append(f"<< /Length {len(ops)} >>\nstream\n{ops}endstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {len(objects)} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = b"%PDF-1.4\n"
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out)
    return path


def make_docx(path: Path, paragraphs: list[str]) -> Path:
    import zipfile

    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>')
    return path


def make_xlsx(path: Path, rows: list[list]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    for row in rows:
        ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
