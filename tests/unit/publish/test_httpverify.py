"""make verify over HTTP: bodies, status codes (redirects reported, not followed) and the headers
attachments and pages need (docs/operator-guide.md §四, gongkai/publish/headers.py)."""
import re

from gongkai.publish import headers as hdr
from gongkai.publish.httpverify import verify_url
from tests.conftest import ROOT
from tests.unit.publish.websrv import Production, running, sample_release


def test_a_release_served_like_the_guide_says_verifies(tmp_path):
    root, m = sample_release(tmp_path / "site", checks=True)
    with running(Production, root) as url:
        diff = verify_url(url, m)
    assert diff.ok, diff.lines()
    assert diff.summary() == ("与清单一致（通过 HTTP 无法发现多出的文件；在服务器上对目录运行 verify 可以发现；"
                              "1 个内网文件拒绝外部访问，未核对（如 checks/index.html））")


def test_changed_missing_and_refused_files(tmp_path):
    root, m = sample_release(tmp_path / "site", checks=True)
    (root / "index.html").write_text("<html>被篡改</html>", encoding="utf-8")
    (root / "gk/a/附件.pdf").unlink()

    class Refusing(Production):
        private = ("/checks/", "/manifest.json", "/gk/a/名单.xlsx", "/gk/a/%E5%90%8D%E5%8D%95.xlsx")

    with running(Refusing, root) as url:
        diff = verify_url(url, m)
    assert diff.lines() == ["已改动：index.html", "缺失：gk/a/附件.pdf", "状态码不符：gk/a/名单.xlsx（HTTP 403，应为 200）"]


def test_a_redirect_is_reported_and_not_followed(tmp_path):
    root, m = sample_release(tmp_path / "site", checks=True)

    class Redirecting(Production):
        def do_GET(self):
            if self.path == "/index.html":
                self.send_response(302)
                self.send_header("Location", "https://evil.example/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return super().do_GET()

    with running(Redirecting, root) as url:
        diff = verify_url(url, m)
    assert diff.lines() == ["状态码不符：index.html（HTTP 302 → https://evil.example/，应为 200）"]


def test_missing_nosniff_and_content_disposition_are_differences(tmp_path):
    root, m = sample_release(tmp_path / "site", checks=True)

    class Careless(Production):        # only nosniff on attachments, nothing on pages
        headers_for = staticmethod(lambda path: [] if path.endswith(".html") or not path else [hdr.NOSNIFF])

    with running(Careless, root) as url:
        diff = verify_url(url, m)
    assert diff.lines() == ["缺少响应头：gk/a/index.html（X-Content-Type-Options: nosniff）",
                            "缺少响应头：gk/a/名单.xlsx（Content-Disposition: attachment）",
                            "缺少响应头：index.html（X-Content-Type-Options: nosniff）"]
    assert diff.summary().startswith("与清单不一致：0 个文件被改动，0 个缺失，0 个多出，3 个缺少响应头（")


def test_a_server_that_does_not_answer(tmp_path):
    root, m = sample_release(tmp_path / "site", checks=True)
    with running(Production, root) as url:
        pass                                                      # closed again: connection refused
    diff = verify_url(url, m, timeout=5)
    assert diff.missing == [] and len(diff.unreadable) == 6
    assert diff.unreadable[0].startswith("checks/index.html（") and "Connection refused" in diff.unreadable[0]


def test_required_headers():
    files = {"gk/a/x.csv": {}, "gk/a/index.html": {}, "gk/a/x.csv.gz": {}}
    assert hdr.required("gk/a/index.html", files) == [hdr.NOSNIFF]
    assert hdr.required("gk/a/x.csv", files) == [hdr.NOSNIFF, hdr.DOWNLOAD]
    assert hdr.required("gk/a/x.csv.gz", files) == []            # a precompressed twin, not an attachment
    assert hdr.required("gk/a/x.PDF", files) == [hdr.NOSNIFF]    # shown by the browser's PDF viewer
    assert hdr.required("catalog.csv", files) == []
    assert hdr.present("Content-Disposition", "attachment", 'attachment; filename="a.docx"')
    assert not hdr.present("Content-Disposition", "attachment", "inline")
    assert not hdr.present("X-Content-Type-Options", "nosniff", None)


def test_the_operator_guide_configures_the_headers_verify_checks():
    guide = (ROOT / "docs" / "operator-guide.md").read_text(encoding="utf-8")
    block = re.search(r"location ~\* \^/gk/\.\+\\\.\(([^)]*)\)\$ \{(.*?)\n    \}", guide, re.S)
    assert block, "the /gk/ attachment location is missing from docs/operator-guide.md"
    assert {"." + ext for ext in block[1].split("|")} == set(hdr.DOWNLOAD_SUFFIXES)
    assert 'add_header Content-Disposition "attachment" always;' in block[2]
    assert 'add_header X-Content-Type-Options "nosniff" always;' in block[2]
    assert f'add_header Content-Security-Policy "{hdr.CSP}; upgrade-insecure-requests" always;' in guide
