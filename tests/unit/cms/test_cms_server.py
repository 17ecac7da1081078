"""The form's messages say what make check says; the local server listens on loopback only and refuses
other sites; the public site (make html / make publish) contains nothing of the editor."""
from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request

import pytest

from gongkai.cms import bundle
from gongkai.cms.messages import CHECK_TEXTS, FORM_MESSAGES
from plugins._shared.diagnostics import Problems
from plugins.catalog import validate
from tests.conftest import ROOT


def test_form_messages_use_the_words_of_make_check():
    problems = Problems()
    validate.parse_date("2025/03/01", problems, "x.md", 1, "published", "发布日期")
    validate.parse_date("2025-02-30", problems, "x.md", 1, "published", "发布日期")
    assert problems[0].message.startswith(CHECK_TEXTS["date_format"])
    assert problems[1].message.startswith(CHECK_TEXTS["date_missing_day"])
    for key, text in CHECK_TEXTS.items():
        assert text in FORM_MESSAGES[key], key
    assert FORM_MESSAGES["date_missing_day"].format(label="发布日期", value="2025-02-30") == \
        "发布日期：日期不存在：“2025-02-30” — 检查月份和日期（如 2 月没有 30 日）"


def test_the_plan_is_self_hosted_and_complete():
    files = bundle.plan(ROOT)
    assert {"index.html", "config.yml", "decap/decap-cms.js", "static/js-yaml.min.js", "static/gk-init.js",
            "site/css/main.css"} <= set(files)
    assert not [k for k in files if k.endswith(".map")]
    html = files["index.html"].read_text(encoding="utf-8")
    assert "http" not in html.replace('content="width=device-width', "")   # no CDN, no absolute URL
    assert "<script>" not in html and " on" not in html.split("<body>")[1]


@pytest.fixture(scope="module")
def editor():
    from gongkai.cms.server import Editor

    ed = Editor(ROOT, 0, {"catalog.json": lambda: b'{"items": []}'})
    url = ed.start()
    yield ed, url
    ed.stop()


def _get(url, headers=None, data=None):
    req = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 - loopback test server
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_local_server_serves_the_editor_under_its_csp(editor):
    _ed, url = editor
    status, headers, body = _get(url)
    assert status == 200 and "decap/decap-cms.js" in body.decode()
    assert headers["Content-Security-Policy"] == bundle.CSP
    assert _get(url + "catalog.json")[2] == b'{"items": []}'
    assert _get(url + "../pelicanconf.py")[0] == 404
    info = json.loads(_get(url + "api/v1", {"Content-Type": "application/json"}, b'{"action": "info"}')[2])
    assert info["type"] == "local_fs" and info["publish_modes"] == ["simple"]


def test_local_server_refuses_other_hosts_and_origins(editor):
    _ed, url = editor
    assert _get(url, {"Host": "attacker.example"})[0] == 403          # DNS rebinding
    assert _get(url + "api/v1", {"Origin": "https://attacker.example", "Content-Type": "application/json"},
                b'{"action": "info"}')[0] == 403


def test_both_servers_listen_on_loopback_only(editor):
    ed, _url = editor
    for port in (ed.httpd.server_port, ed.backend.port):
        addresses = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
        for address in addresses - {"127.0.0.1"}:
            with socket.socket() as s:
                s.settimeout(1)
                assert s.connect_ex((address, port)) != 0, (address, port)
        assert ed.httpd.server_address[0] == "127.0.0.1"


def test_build_copies_the_plan_into_its_own_folder(tmp_path):
    target = tmp_path / "output.cms"
    count = bundle.build(ROOT, target, {"config.yml": b"locale: zh_Hans\n", "catalog.json": b'{"items": []}'})
    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert count == len(files) and "decap/decap-cms.js" in files and "index.html" in files
    assert (target / "config.yml").read_bytes() == b"locale: zh_Hans\n"
    assert not [f for f in files if f.endswith(".map")]
    assert bundle.build(ROOT, target, {"config.yml": b"x"}) == count - 1   # rebuilt whole: the old snapshot is gone
    assert not (target / "catalog.json").exists()
