"""CI annotations: GitHub workflow commands and a GitLab Code Quality report, in Chinese."""
import json

import pytest

from gongkai import annotations
from plugins._shared.diagnostics import Problem

ERR = Problem("catalog/gz/a.md", 6, "published", "日期 '2025-02-30' 不存在", "按 YYYY-MM-DD 书写", "发布日期")
WARN = Problem("catalog/taxonomy.yml", 0, "", "100% 完成,\n第二行: 说明", level="warning")


def test_github_error_and_warning_lines():
    out = annotations.render([ERR, WARN], "github").split("\n")
    assert out[0] == "::error file=catalog/gz/a.md,line=6,title=发布日期 (published)::日期 '2025-02-30' 不存在 — 按 YYYY-MM-DD 书写"
    # no line: the property is left out; % CR LF escaped in the message, : and , too in properties
    assert out[1] == "::warning file=catalog/taxonomy.yml,title=目录检查::100%25 完成,%0A第二行: 说明"


def test_github_escapes_properties():
    p = Problem("a,b:c%.md", 1, "k", "m", label="标签")
    assert annotations.github_line(p) == "::error file=a%2Cb%3Ac%25.md,line=1,title=标签 (k)::m"


def test_gitlab_code_quality_report():
    report = json.loads(annotations.render([ERR, WARN, ERR], "gitlab"))
    assert report[0]["description"] == "发布日期 (published): 日期 '2025-02-30' 不存在 — 按 YYYY-MM-DD 书写"
    assert report[0]["severity"] == "major" and report[1]["severity"] == "minor"
    assert report[0]["location"] == {"path": "catalog/gz/a.md", "lines": {"begin": 6}}
    assert report[1]["location"]["lines"]["begin"] == 1            # GitLab needs a line ≥ 1
    assert len({r["fingerprint"] for r in report}) == 3           # duplicates still get distinct fingerprints
    moved = Problem(ERR.path, 9, ERR.key, ERR.message, ERR.fix, ERR.label)
    assert json.loads(annotations.render([moved], "gitlab"))[0]["fingerprint"] == report[0]["fingerprint"]


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown annotation format"):
        annotations.render([ERR], "jenkins")
