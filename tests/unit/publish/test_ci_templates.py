"""docs/ci/: the pull-request check runs on the merge result; the publish job restores and saves
.cache/ under a key of its own branch (and the code that builds), and never from another branch."""
import re

from plugins._shared import yamlpos
from tests.conftest import ROOT

CODE = ["requirements*.txt", "package-lock.json", "plugins/**", "theme/**", "gongkai/**"]


def load(name: str) -> dict:
    return yamlpos.load((ROOT / "docs" / "ci" / name).read_text(encoding="utf-8"))


def step_index(steps: list, predicate) -> int:
    found = [n for n, step in enumerate(steps) if predicate(step)]
    assert len(found) == 1, found
    return found[0]


def test_github_pull_request_check_runs_on_the_merge_result():
    flow = load("github-actions.yml")
    assert "pull_request" in flow["on"] and flow["on"]["push"]["branches"] == ["main"]
    check = flow["jobs"]["check"]
    assert check["if"] == "github.event_name == 'pull_request'"
    checkout = check["steps"][step_index(check["steps"], lambda s: str(s.get("uses", "")).startswith("actions/checkout"))]
    assert "with" not in checkout                           # no ref: the default is refs/pull/<n>/merge
    assert any(s.get("run") == "make check FORMAT=github" for s in check["steps"])


def test_github_publish_cache_is_keyed_by_branch_and_code_and_saved_after_deploy():
    job = load("github-actions.yml")["jobs"]["publish"]
    assert job["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    steps = job["steps"]
    restore = step_index(steps, lambda s: s.get("uses") == "actions/cache/restore@v4")
    save = step_index(steps, lambda s: s.get("uses") == "actions/cache/save@v4")
    publish = step_index(steps, lambda s: "make publish" in str(s.get("run", "")))
    deploy = step_index(steps, lambda s: "make deploy" in str(s.get("run", "")))
    assert restore < publish < deploy < save and steps[save]["if"] == "always()"
    got, put = steps[restore]["with"], steps[save]["with"]
    assert got["key"] == put["key"] and got["path"] == put["path"]
    assert got["path"].strip().split("\n") == [".cache/", "!.cache/system.installed", "!.cache/*.lock"]
    branch = "gongkai-${{ runner.os }}-${{ github.ref_name }}-"
    assert got["key"].startswith(branch) and got["key"].endswith("-${{ github.run_id }}")
    hashed = re.search(r"hashFiles\(([^)]*)\)", got["key"]).group(1)
    assert [x.strip(" '") for x in hashed.split(",")] == CODE
    fallbacks = got["restore-keys"].strip().split("\n")
    assert fallbacks == [got["key"].removesuffix("${{ github.run_id }}"), branch]   # the same branch only
    assert all(key.startswith(branch) for key in fallbacks)


def test_gitlab_merge_request_check_and_branch_scoped_publish_cache():
    ci = load("gitlab-ci.yml")
    check = ci["check"]
    assert check["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert "make -s check FORMAT=gitlab > gl-code-quality-report.json" in check["script"]
    assert any("merged_result" in line for line in check["script"])
    job = ci["publish"]
    assert job["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    cache = job["cache"]
    assert cache["key"] == {"prefix": "publish-$CI_COMMIT_REF_SLUG", "files": ["requirements.txt", "package-lock.json"]}
    assert cache["paths"] == [".cache/"] and cache["policy"] == "pull-push" and cache["when"] == "always"
    assert cache["unprotect"] is False and "fallback_keys" not in cache     # never another branch's cache
    assert job["script"].index("make publish") < job["script"].index("make deploy")
    assert any("system.installed" in line for line in job["after_script"])
