"""Site identity on every built page — the 党政机关网站标识 badge, the 公安机关备案 icon, the site icon — and
`gongkai sitecheck` on the sample site; amounts shown as the editor wrote them."""
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from gongkai.__main__ import main
from tests.conftest import ROOT, build_site

pytestmark = pytest.mark.slow
SITE = ROOT / "tests" / "fixtures" / "site"


def pages(site):
    return [p for p in sorted(site.rglob("*.html")) if not p.relative_to(site).as_posix().startswith(("theme/", "checks/"))]


def exists(site, url):
    return (site / unquote(url).lstrip("/")).is_file()


def test_every_page_carries_the_badge_the_filing_icon_and_a_site_icon(sample_site):
    checked = pages(sample_site)
    assert len(checked) > 200
    assert any(p.relative_to(sample_site).parts[0] == "zh-hant" for p in checked)
    for path in checked:
        hant = path.relative_to(sample_site).parts[0] == "zh-hant"
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        badge = soup.select_one('footer a[href^="https://bszs.conac.cn/"] img')
        assert badge["alt"] == ("黨政機關網站標識" if hant else "党政机关网站标识") and exists(sample_site, badge["src"]), path
        psb = soup.select_one('footer a[href^="https://beian.mps.gov.cn/"]')
        assert psb.get_text(strip=True) == ("閩公網安備35029902000123號" if hant else "闽公网安备35029902000123号") and \
            exists(sample_site, psb.img["src"]), path
        assert psb.img["alt"] == ""                   # the number beside it names the link
        icon = soup.select_one('head link[rel="icon"]')
        assert icon["href"] == "/theme/img/favicon.svg" and icon["type"] == "image/svg+xml", path
    assert exists(sample_site, "/theme/img/favicon.svg")


@pytest.mark.parametrize("name,title", [("placeholder-conac-badge.svg", "占位图：请替换为本单位的党政机关网站标识"),
                                        ("placeholder-psb-icon.svg", "占位图：请替换为公安机关备案图标")])
def test_shipped_badges_are_marked_as_placeholders(sample_site, name, title):
    svg = (sample_site / "theme" / "img" / name).read_text(encoding="utf-8")
    assert f'<title id="t">{title}</title>' in svg and "PLACEHOLDER" in svg


def test_sitecheck_on_the_sample_site_warns_about_the_placeholders_only(sample_site, capsys):
    code = main(["sitecheck", "-s", str(ROOT / "pelicanconf.py"), "-o", str(sample_site), "--no-report",
                 "--today", "2026-01-02"])
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "(footer)" in line or "(identity_placeholders)" in line]
    assert [line.split(" (")[0].split(": ", 1)[1] for line in lines] == ["警告: 网站标识", "警告: 网站标识"]
    assert "页面底部的“党政机关网站标识”仍是示例占位图 /theme/img/placeholder-conac-badge.svg（共 " in lines[0]
    assert "AGENCY['conac_badge'] 中填写其路径（如 files/identity/conac.png）" in lines[0]
    assert "页面底部的“公安机关备案标识”仍是示例占位图 /theme/img/placeholder-psb-icon.svg（共 " in lines[1]
    assert code in (0, 1)                          # other checks (栏目不更新 on that day) decide the exit code


def test_configured_identity_images_replace_the_placeholders(tmp_path):
    import runpy

    agency = dict(runpy.run_path(str(ROOT / "pelicanconf.py"))["AGENCY"])
    agency.update(conac_badge="files/identity/conac.png", psb_icon="files/identity/psb.png", favicon="files/identity/icon.png")
    out = build_site(tmp_path, SITE / "pelicanconf.py", AGENCY=agency)
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one('footer a[href^="https://bszs.conac.cn/"] img')["src"] == "/files/identity/conac.png"
    assert soup.select_one('footer a[href^="https://beian.mps.gov.cn/"] img')["src"] == "/files/identity/psb.png"
    icon = soup.select_one('link[rel="icon"]')
    assert icon["href"] == "/files/identity/icon.png" and not icon.has_attr("type")


def test_amounts_are_shown_as_written(sample_site):
    item = next(p for p in (ROOT / "catalog" / "czyjs").rglob("*.md") if "total: 3256.40" in p.read_text(encoding="utf-8"))
    index_no = next(line.split(": ", 1)[1] for line in item.read_text(encoding="utf-8").splitlines() if line.startswith("index_no:"))
    soup = BeautifulSoup((sample_site / "gk" / index_no / "index.html").read_text(encoding="utf-8"), "html.parser")
    dt = soup.select_one(".gk-budget").find("dt", string="收支总额")
    assert dt.find_next_sibling("dd").get_text() == "3256.40万元"
